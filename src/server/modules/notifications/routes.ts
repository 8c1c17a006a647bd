/**
 * Development-only view of the local SMTP capture server's mailbox: absent in production, and only for a signed-in
 * user (the captured mail holds names, dossier codes and addresses, never shown to anonymous callers).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MailboxMessage, MailboxQuery } from '../../../contract/system.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/actor.ts';
import { defineRoute } from '../../http/route.ts';

export default async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.env === 'production' || !ctx.mail.capture) return;
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/dev/mailbox',
      summary: 'Hộp thư thử nghiệm: thư mà máy chủ SMTP cục bộ đã nhận (chỉ môi trường phát triển, cần đăng nhập)',
      tags: ['development'],
      query: MailboxQuery,
      response: z.array(MailboxMessage),
    },
    async ({ query, req }) => {
      requireActor(req);
      const { rows } = await ctx.db.query<{
        id: number;
        message_id: string;
        mail_from: string;
        rcpt_to: string[];
        subject: string;
        body_text: string;
        received_at: Date;
      }>(
        `SELECT id, message_id, mail_from, rcpt_to, subject, body_text, received_at FROM standin_mailbox
          WHERE ($1::text IS NULL OR $1 = ANY(rcpt_to)) ORDER BY id DESC LIMIT $2`,
        [query.to ?? null, query.limit],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        messageId: r.message_id,
        from: r.mail_from,
        to: r.rcpt_to,
        subject: r.subject,
        text: r.body_text,
        receivedAt: new Date(r.received_at).toISOString(),
      }));
    },
  );
}
