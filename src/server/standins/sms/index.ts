/**
 * An SMS brandname gateway stand-in in the shape of eSMS.vn, served under /standins/sms in development and tests
 * (mounted only when the SMS URL points at it): `POST …/SendMultipleMessage_V4_post_json/` checks the API key and
 * secret, refuses a Unicode message that claims IsUnicode 0, answers `{CodeResult: "100", SMSID}` (the same SMSID
 * for a repeated RequestId), then posts the delivery report `{SMSID, RequestId, SendStatus: "5"}` to the
 * CallbackUrl given. `GET /api/dev/sms` lists what it received (notifications/routes.ts).
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { measureSms } from '../../../core/notifications/sms-text.ts';
import type { AppContext } from '../../context.ts';
import { gatewayFetch } from '../../modules/payments/index.ts';
import { notifyConfig } from '../../modules/notifications/index.ts';

export default async function smsStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cfg = notifyConfig(ctx.config.publicUrl);
  if (ctx.config.env === 'production' || !cfg.sms.sendUrl.startsWith(`${ctx.config.publicUrl}/standins/sms`)) return;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/standins/sms/MainService.svc/json/SendMultipleMessage_V4_post_json/',
      summary: 'SMS stand-in: SendMultipleMessage_V4_post_json',
      tags: ['SMS stand-in'],
      csrfExempt: true,
      response: z.record(z.string(), z.unknown()),
    },
    async ({ req }) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (b.ApiKey !== cfg.sms.apiKey || b.SecretKey !== cfg.sms.secretKey) return { CodeResult: '101', ErrorMessage: 'Authorize Failed' };
      if (b.Brandname !== cfg.sms.brandname) return { CodeResult: '104', ErrorMessage: 'Brandname does not exist' };
      const phone = String(b.Phone ?? '');
      const content = String(b.Content ?? '');
      if (!/^(0|84)\d{9,10}$/.test(phone)) return { CodeResult: '118', ErrorMessage: 'Phone number is invalid' };
      const unicode = b.IsUnicode === '1';
      const m = measureSms(content);
      if (!content || (!unicode && m.encoding !== 'gsm7')) return { CodeResult: '119', ErrorMessage: 'Content is invalid for IsUnicode=0' };
      const requestId = typeof b.RequestId === 'string' ? b.RequestId.slice(0, 64) : null;
      const inserted = await ctx.db.query<{ sms_id: string }>(
        `INSERT INTO standin_sms_messages (sms_id, request_id, phone, content, brandname, is_unicode) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (request_id) DO NOTHING RETURNING sms_id`,
        [crypto.randomUUID(), requestId, phone, content, String(b.Brandname), unicode],
      );
      const smsId =
        inserted.rows[0]?.sms_id ??
        (await ctx.db.query<{ sms_id: string }>('SELECT sms_id FROM standin_sms_messages WHERE request_id = $1', [requestId])).rows[0].sms_id;
      const callback = typeof b.CallbackUrl === 'string' ? b.CallbackUrl : '';
      if (inserted.rowCount > 0 && callback) {
        const report = JSON.stringify({ SMSID: smsId, RequestId: requestId, SendStatus: '5', Phone: phone });
        setTimeout(
          () => void gatewayFetch(ctx)(callback, { method: 'POST', headers: { 'content-type': 'application/json' }, body: report }).catch(() => undefined),
          50,
        ).unref();
      }
      return { CodeResult: '100', CountRegenerate: 0, SMSID: smsId };
    },
  );
}
