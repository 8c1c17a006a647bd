/**
 * Notification routes: the citizen's messages and channel choices, the failed notifications of an official's
 * units (with resend), the providers' delivery-receipt webhooks, and — in development only — what the local
 * SMTP, Zalo and SMS stand-ins received.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  FailedNotification,
  FailedNotificationsQuery,
  MyNotificationsQuery,
  NotificationIdParams,
  NotificationPreferences,
  NotificationView,
  ReceiptAnswer,
  SavedTemplateView,
  TemplateKeyParams,
  TemplateSave,
  SmsStandinMessage,
  StandinListQuery,
  ZnsBehaviour,
  ZnsStandinMessage,
} from '../../../contract/notifications.ts';
import { created, Items, Ok } from '../../../contract/http.ts';
import { MailboxMessage, MailboxQuery } from '../../../contract/system.ts';
import type { AppContext } from '../../context.ts';
import { requireActor, requireCitizen } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { requireStaff, visibleUnits } from '../officials/index.ts';
import { gatewayFetch } from '../payments/index.ts';
import { notifyConfig } from './config.ts';
import { contactRoutes } from './contacts.ts';
import { handleReceiptWebhook } from './receipts.ts';
import { saveTemplate } from './template-store.ts';
import { smsGatewayProvider } from './sms-gateway.ts';
import { zaloZnsProvider } from './zalo-zns.ts';

interface NotificationRow {
  id: number;
  dossier_id: string | null;
  dossier_code: string | null;
  event_type: string;
  channel: NotificationView['channel'];
  status: NotificationView['status'];
  subject: string;
  body: string;
  reason: string | null;
  fallback_of: number | null;
  created_at: Date;
  accepted_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  recipient: string;
  unit_id: string | null;
  attempts: number;
}

const view = (r: NotificationRow): NotificationView => ({
  id: Number(r.id),
  dossierId: r.dossier_id,
  dossierCode: r.dossier_code,
  event: r.event_type,
  channel: r.channel,
  status: r.status,
  subject: r.subject,
  body: r.body,
  reason: r.reason,
  fallbackOf: r.fallback_of === null ? null : Number(r.fallback_of),
  createdAt: new Date(r.created_at).toISOString(),
  acceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
  deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
  failedAt: r.failed_at ? new Date(r.failed_at).toISOString() : null,
});

/** Roles that answer for a unit's contact with citizens (the counter, the leader). */
const FAILURE_ROLES = new Set(['reception', 'leader']);

export default async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cfg = notifyConfig(ctx.config.publicUrl);
  contactRoutes(app, ctx);

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/notifications',
      summary: 'Thông báo của tôi: tin trên cổng và trạng thái gửi qua Zalo, SMS, thư điện tử',
      tags: ['notifications'],
      query: MyNotificationsQuery,
      response: Items(NotificationView),
    },
    async ({ req, query }) => {
      const me = requireCitizen(req);
      const { rows } = await ctx.db.query<NotificationRow>(
        `SELECT * FROM notifications WHERE citizen_id = $1 AND event_type <> 'contact_confirmation' AND ($2::uuid IS NULL OR dossier_id = $2) ORDER BY id DESC LIMIT $3`,
        [me.id, query.dossierId ?? null, query.limit],
      );
      return { items: rows.map(view) };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/notification-preferences',
      summary: 'Kênh nhận thông báo không bắt buộc',
      tags: ['notifications'],
      response: NotificationPreferences,
    },
    async ({ req }) => {
      const me = requireCitizen(req);
      const { rows } = await ctx.db.query<{ channel: string; opted_out: boolean }>(
        'SELECT channel, opted_out FROM notification_preferences WHERE citizen_id = $1',
        [me.id],
      );
      const out = new Set(rows.filter((r) => r.opted_out).map((r) => r.channel));
      const optIn = await ctx.db.query("SELECT 1 FROM notification_opt_ins WHERE citizen_id = $1 AND topic = 'life_events'", [me.id]);
      return { zns: !out.has('zns'), email: !out.has('email'), lifeEvents: optIn.rowCount > 0 };
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/my/notification-preferences',
      summary: 'Chọn kênh nhận thông báo không bắt buộc (thông báo bắt buộc theo quy định luôn được gửi)',
      tags: ['notifications'],
      body: NotificationPreferences,
      response: NotificationPreferences,
    },
    async ({ req, body }) => {
      const me = requireCitizen(req);
      return ctx.db.transaction(async (tx) => {
        for (const channel of ['zns', 'email'] as const) {
          await tx.query(
            `INSERT INTO notification_preferences (citizen_id, channel, opted_out) VALUES ($1, $2, $3)
             ON CONFLICT (citizen_id, channel) DO UPDATE SET opted_out = EXCLUDED.opted_out, updated_at = now()`,
            [me.id, channel, !body[channel]],
          );
        }
        if (body.lifeEvents === true) {
          await tx.query("INSERT INTO notification_opt_ins (citizen_id, topic) VALUES ($1, 'life_events') ON CONFLICT DO NOTHING", [me.id]);
        } else if (body.lifeEvents === false) {
          await tx.query("DELETE FROM notification_opt_ins WHERE citizen_id = $1 AND topic = 'life_events'", [me.id]);
        }
        const optIn = await tx.query("SELECT 1 FROM notification_opt_ins WHERE citizen_id = $1 AND topic = 'life_events'", [me.id]);
        return { zns: body.zns, email: body.email, lifeEvents: optIn.rowCount > 0 };
      });
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/backoffice/notifications/failed',
      summary: 'Thông báo gửi thất bại của các đơn vị mình phụ trách (lý do, gửi lại)',
      tags: ['notifications'],
      query: FailedNotificationsQuery,
      response: Items(FailedNotification),
    },
    async ({ req, query }) => {
      const staff = await requireStaff(ctx, req);
      const units = failureUnits(staff);
      const { rows } = await ctx.db.query<NotificationRow>(
        `SELECT * FROM notifications WHERE status = 'failed_permanent' AND unit_id = ANY($1::text[]) ORDER BY id DESC LIMIT $2`,
        [units, query.limit],
      );
      return { items: rows.map((r) => ({ ...view(r), recipient: r.recipient, unitId: r.unit_id, attempts: r.attempts })) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/backoffice/notifications/:id/resend',
      summary: 'Gửi lại một thông báo đã thất bại',
      tags: ['notifications'],
      params: NotificationIdParams,
      response: Ok,
    },
    async ({ req, params }) => {
      const staff = await requireStaff(ctx, req);
      const units = failureUnits(staff);
      const n = (await ctx.db.query<{ status: string; unit_id: string | null }>('SELECT status, unit_id FROM notifications WHERE id = $1', [params.id]))
        .rows[0];
      if (!n?.unit_id || !units.includes(n.unit_id)) throw new AppError('NOT_FOUND', 'Không tìm thấy thông báo.', 404);
      const r = await ctx.db.query(
        `UPDATE notifications SET status = 'queued', attempts = 0, next_attempt_at = now(), failed_at = NULL, reason = $2
          WHERE id = $1 AND status = 'failed_permanent'`,
        [params.id, `gửi lại bởi ${staff.actor.fullName}`.slice(0, 200)],
      );
      if (r.rowCount === 0) throw new AppError('NOTIFICATION_NOT_RESENDABLE', 'Chỉ gửi lại được thông báo đã thất bại.', 409);
      return { ok: true as const };
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/admin/notification-templates/:code/:channel/:locale',
      summary: 'Lưu phiên bản mới của một mẫu thông báo (kiểm tra độ dài tin SMS khi lưu)',
      tags: ['notifications'],
      params: TemplateKeyParams,
      body: TemplateSave,
      response: created(SavedTemplateView),
    },
    async ({ req, reply, params, body }) => {
      const staff = await requireStaff(ctx, req);
      if (!staff.auth.memberships.some((m) => m.role === 'system_admin')) throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được sửa mẫu thông báo.', 403);
      const saved = await saveTemplate(ctx.db, { ...params, subject: body.subject, body: body.body }, staff.actor.id);
      reply.status(201);
      return saved;
    },
  );

  // Delivery-receipt webhooks: the raw body is needed for the signature, so they live in their own scope.
  const providers = { zalo: zaloZnsProvider(ctx.db, cfg.zns, gatewayFetch(ctx)), sms: smsGatewayProvider(cfg.sms, cfg.webhooks.sms, gatewayFetch(ctx)) };
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    for (const [name, provider] of Object.entries(providers)) {
      defineRoute(
        scope,
        {
          method: 'POST',
          url: `/api/webhooks/${name}`,
          summary: name === 'zalo' ? 'Báo nhận của Zalo ZNS (user_received_message, có chữ ký)' : 'Báo cáo gửi tin của cổng SMS (URL có chữ ký)',
          tags: ['notifications'],
          query: z.record(z.string(), z.string().max(200)),
          bodyMediaTypes: ['application/json'],
          csrfExempt: true,
          response: ReceiptAnswer,
        },
        async ({ req, query }) => {
          const rawBody = typeof req.body === 'string' ? req.body : '';
          const answer = await handleReceiptWebhook(ctx.db, provider, { headers: req.headers, rawBody, query }, req.ip);
          if (answer.status === 401) throw new AppError('RECEIPT_SIGNATURE_INVALID', 'Chữ ký của báo nhận không hợp lệ.', 401);
          if (answer.status === 400) throw new AppError('RECEIPT_MALFORMED', 'Báo nhận không đúng định dạng.', 400);
          if (answer.status === 404) throw new AppError('RECEIPT_UNKNOWN_MESSAGE', 'Không có tin nhắn nào với mã này.', 404);
          return { ok: true as const, outcome: answer.outcome as 'applied' | 'duplicate' | 'ignored' };
        },
      );
    }
  });

  if (ctx.config.env === 'production') return;
  devRoutes(app, ctx);
}

function failureUnits(staff: Awaited<ReturnType<typeof requireStaff>>): string[] {
  const roles = new Set(staff.auth.memberships.map((m) => m.role));
  if (![...roles].some((r) => FAILURE_ROLES.has(r))) throw new AppError('FORBIDDEN', 'Chức năng dành cho bộ phận một cửa và lãnh đạo đơn vị.', 403);
  return visibleUnits(staff.auth);
}

/** What the local stand-ins received (development and tests only). */
function devRoutes(app: FastifyInstance, ctx: AppContext): void {
  if (ctx.mail.capture) {
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
        requireActor(req); // signed-in callers only: the stand-ins' messages hold names, phones and dossier codes
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
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/dev/zns',
      summary: 'Tin Zalo ZNS mà máy chủ Zalo giả lập đã nhận (chỉ môi trường phát triển, cần đăng nhập)',
      tags: ['development'],
      query: StandinListQuery,
      response: z.array(ZnsStandinMessage),
    },
    async ({ query, req }) => {
      requireActor(req); // signed-in callers only: the stand-ins' messages hold names, phones and dossier codes
      const { rows } = await ctx.db.query<{
        msg_id: string;
        tracking_id: string | null;
        phone: string;
        template_id: string;
        template_data: Record<string, unknown>;
        outcome: string;
        received_at: Date;
      }>('SELECT * FROM standin_zns_messages WHERE ($1::text IS NULL OR phone = $1) ORDER BY id DESC LIMIT $2', [query.phone ?? null, query.limit]);
      return rows.map((r) => ({
        msgId: r.msg_id,
        trackingId: r.tracking_id,
        phone: r.phone,
        templateId: r.template_id,
        templateData: r.template_data,
        outcome: r.outcome,
        receivedAt: new Date(r.received_at).toISOString(),
      }));
    },
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/dev/zns/behaviours',
      summary: 'Cấu hình lỗi của máy chủ Zalo giả lập cho một số điện thoại (chỉ môi trường phát triển, cần đăng nhập)',
      tags: ['development'],
      body: ZnsBehaviour,
      response: Ok,
    },
    async ({ body, req }) => {
      requireActor(req);
      if (body.behaviour === null) await ctx.db.query('DELETE FROM standin_zns_behaviours WHERE phone = $1', [body.phone]);
      else {
        await ctx.db.query(
          'INSERT INTO standin_zns_behaviours (phone, behaviour) VALUES ($1, $2) ON CONFLICT (phone) DO UPDATE SET behaviour = EXCLUDED.behaviour',
          [body.phone, body.behaviour],
        );
      }
      return { ok: true as const };
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/dev/sms',
      summary: 'Tin SMS mà cổng SMS giả lập đã nhận (chỉ môi trường phát triển, cần đăng nhập)',
      tags: ['development'],
      query: StandinListQuery,
      response: z.array(SmsStandinMessage),
    },
    async ({ query, req }) => {
      requireActor(req); // signed-in callers only: the stand-ins' messages hold names, phones and dossier codes
      const { rows } = await ctx.db.query<{
        sms_id: string;
        request_id: string | null;
        phone: string;
        content: string;
        brandname: string;
        is_unicode: boolean;
        received_at: Date;
      }>('SELECT * FROM standin_sms_messages WHERE ($1::text IS NULL OR phone = $1) ORDER BY id DESC LIMIT $2', [query.phone ?? null, query.limit]);
      return rows.map((r) => ({
        smsId: r.sms_id,
        requestId: r.request_id,
        phone: r.phone,
        content: r.content,
        brandname: r.brandname,
        isUnicode: r.is_unicode,
        receivedAt: new Date(r.received_at).toISOString(),
      }));
    },
  );
}
