/**
 * A citizen's phone number and e-mail address, confirmed with a one-time code (issue 14, item 6). The code leaves
 * through the notification outbox (an SMS for a phone, an e-mail for an address) in the transaction that records
 * the challenge; only a keyed hash of it is kept in contact_confirmations. A confirmed contact is where the
 * citizen's notifications go (queue.ts reads citizen_contacts before the contact typed on a form).
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  CONFIRMATION_CODE_DIGITS,
  CONFIRMATION_TTL_SECONDS,
  CONFIRMATIONS_PER_HOUR,
  checkConfirmation,
  confirmationMessage,
  normaliseContact,
  type ContactKind,
} from '../../../core/notifications/contacts.ts';
import { Ok } from '../../../contract/http.ts';
import {
  ContactConfirmationCode,
  ContactConfirmationParams,
  ContactConfirmationRequest,
  ContactConfirmationView,
  ContactKindParams,
  ConfirmedContact,
  MyContacts,
} from '../../../contract/notifications.ts';
import { created } from '../../../contract/http.ts';
import type { AppContext } from '../../context.ts';
import { requireCitizen } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';

const PROBLEM_VI: Record<string, string> = {
  phone_invalid: 'Số điện thoại không hợp lệ.',
  phone_not_mobile: 'Số điện thoại phải là số di động (để nhận tin Zalo và SMS).',
  email_invalid: 'Địa chỉ thư điện tử không hợp lệ.',
};

export function contactRoutes(app: FastifyInstance, ctx: AppContext): void {
  const hash = (id: string, code: string) => crypto.createHmac('sha256', ctx.config.cookieSecret).update(`contact-confirmation:${id}:${code}`).digest();

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/contacts',
      summary: 'Số điện thoại và thư điện tử đã xác nhận của tôi',
      tags: ['notifications'],
      response: MyContacts,
    },
    async ({ req }) => {
      const me = requireCitizen(req);
      const { rows } = await ctx.db.query<{ kind: ContactKind; value: string; confirmed_at: Date }>(
        'SELECT kind, value, confirmed_at FROM citizen_contacts WHERE citizen_id = $1',
        [me.id],
      );
      const of = (k: ContactKind) => {
        const r = rows.find((x) => x.kind === k);
        return r ? { value: r.value, confirmedAt: new Date(r.confirmed_at).toISOString() } : null;
      };
      return { phone: of('phone'), email: of('email') };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/contacts/confirmations',
      summary: 'Gửi mã xác nhận đến số điện thoại (SMS) hoặc địa chỉ thư điện tử',
      tags: ['notifications'],
      body: ContactConfirmationRequest,
      response: created(ContactConfirmationView),
    },
    async ({ req, reply, body }) => {
      const me = requireCitizen(req);
      const contact = normaliseContact(body.kind, body.value);
      if (!contact.ok)
        throw new AppError('CONTACT_INVALID', PROBLEM_VI[contact.problem] ?? 'Thông tin liên hệ không hợp lệ.', 422, { problem: contact.problem });
      const id = crypto.randomUUID();
      const code = String(crypto.randomInt(0, 10 ** CONFIRMATION_CODE_DIGITS)).padStart(CONFIRMATION_CODE_DIGITS, '0');
      const message = confirmationMessage(body.kind, code, body.locale);
      const expiresAt = await ctx.db.transaction(async (tx) => {
        // One citizen's requests one after another, so the hourly limit holds under concurrent requests.
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 14))', [`contact-confirmation:${me.id}`]);
        const recent = (
          await tx.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM contact_confirmations WHERE citizen_id = $1 AND created_at > now() - interval '1 hour'",
            [me.id],
          )
        ).rows[0].n;
        if (recent >= CONFIRMATIONS_PER_HOUR) return null;
        const r = await tx.query<{ expires_at: Date }>(
          `INSERT INTO contact_confirmations (id, citizen_id, kind, value, code_hash, expires_at)
           VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING expires_at`,
          [id, me.id, body.kind, contact.value, hash(id, code).toString('hex'), CONFIRMATION_TTL_SECONDS],
        );
        const channel = body.kind === 'phone' ? 'sms' : 'email';
        await tx.query(
          `INSERT INTO notifications (dedupe_key, event_id, event_type, citizen_id, channel, recipient, locale, template_code, template_version,
                                      subject, body, mandatory, status)
           VALUES ($1, $2, 'contact_confirmation', $3, $4, $5, $6, 'contact.confirmation', 1, $7, $8, true, 'queued')`,
          [`${id}:${channel}:${contact.value}`, id, me.id, channel, contact.value, body.locale, message.subject, message.body],
        );
        return r.rows[0].expires_at;
      });
      if (!expiresAt) throw new AppError('CONFIRMATION_LIMIT', 'Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau một giờ.', 429);
      reply.status(201);
      return { id, kind: body.kind, value: contact.value, expiresAt: new Date(expiresAt).toISOString() };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/contacts/confirmations/:id',
      summary: 'Nhập mã xác nhận: số điện thoại hoặc thư điện tử được ghi nhận để nhận thông báo',
      tags: ['notifications'],
      params: ContactConfirmationParams,
      body: ContactConfirmationCode,
      response: ConfirmedContact,
    },
    async ({ req, params, body }) => {
      const me = requireCitizen(req);
      const verdict = await ctx.db.transaction(async (tx) => {
        const c = (
          await tx.query<{ kind: ContactKind; value: string; code_hash: string; attempts: number; expires_at: Date; consumed_at: Date | null; now: Date }>(
            'SELECT kind, value, code_hash, attempts, expires_at, consumed_at, now() AS now FROM contact_confirmations WHERE id = $1 AND citizen_id = $2 FOR UPDATE',
            [params.id, me.id],
          )
        ).rows[0];
        if (!c) return { kind: 'not_found' as const };
        const matches = crypto.timingSafeEqual(Buffer.from(c.code_hash, 'hex'), hash(params.id, body.code));
        const check = checkConfirmation(
          { attempts: c.attempts, expiresAt: new Date(c.expires_at), consumedAt: c.consumed_at ? new Date(c.consumed_at) : null },
          matches,
          new Date(c.now),
        );
        if (check === 'wrong_code') await tx.query('UPDATE contact_confirmations SET attempts = attempts + 1 WHERE id = $1', [params.id]);
        if (check !== 'confirmed') return { kind: check };
        await tx.query('UPDATE contact_confirmations SET consumed_at = now() WHERE id = $1', [params.id]);
        const r = await tx.query<{ confirmed_at: Date }>(
          `INSERT INTO citizen_contacts (citizen_id, kind, value, confirmed_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (citizen_id, kind) DO UPDATE SET value = EXCLUDED.value, confirmed_at = EXCLUDED.confirmed_at RETURNING confirmed_at`,
          [me.id, c.kind, c.value],
        );
        // The code has done its work: it is not kept readable in the sent message.
        await tx.query("UPDATE notifications SET body = replace(body, $2, '******') WHERE event_id = $1 AND event_type = 'contact_confirmation'", [
          params.id,
          body.code,
        ]);
        return { kind: 'confirmed' as const, value: c.value, confirmedAt: new Date(r.rows[0].confirmed_at).toISOString() };
      });
      switch (verdict.kind) {
        case 'confirmed':
          return { value: verdict.value, confirmedAt: verdict.confirmedAt };
        case 'not_found':
          throw new AppError('NOT_FOUND', 'Không tìm thấy yêu cầu xác nhận.', 404);
        case 'wrong_code':
          throw new AppError('CONFIRMATION_CODE_WRONG', 'Mã xác nhận không đúng.', 422);
        case 'too_many_attempts':
          throw new AppError('CONFIRMATION_TOO_MANY_ATTEMPTS', 'Đã nhập sai mã quá nhiều lần. Hãy yêu cầu mã mới.', 429);
        default:
          throw new AppError('CONFIRMATION_EXPIRED', 'Mã xác nhận đã hết hạn hoặc đã được dùng. Hãy yêu cầu mã mới.', 410);
      }
    },
  );

  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/my/contacts/:kind',
      summary: 'Bỏ số điện thoại hoặc thư điện tử đã xác nhận',
      tags: ['notifications'],
      params: ContactKindParams,
      response: Ok,
    },
    async ({ req, params }) => {
      const me = requireCitizen(req);
      await ctx.db.query('DELETE FROM citizen_contacts WHERE citizen_id = $1 AND kind = $2', [me.id, params.kind]);
      return { ok: true as const };
    },
  );
}
