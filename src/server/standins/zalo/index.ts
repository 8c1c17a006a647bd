/**
 * A Zalo stand-in that speaks the ZNS protocol, served by MotCua under /standins/zalo in development and tests
 * (mounted only when the ZNS URL points at it):
 *
 * - POST /standins/zalo/oauth/v4/oa/access_token  OAuth v4 refresh grant (header secret_key); the refresh token
 *   ROTATES: the one presented stops working, as at Zalo;
 * - POST /standins/zalo/message/template  the ZNS send call (header access_token; phone 84…, template_id,
 *   template_data, tracking_id); a repeated tracking_id answers the same msg_id; then the delivery receipt
 *   `user_received_message` is posted, signed, to the OA webhook;
 * - configurable failures per phone (standin_zns_behaviours): not a Zalo user (-118), template rejected (-131),
 *   no receipt, delayed receipt. `GET /api/dev/zns` lists what it received (notifications/routes.ts).
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { gatewayFetch } from '../../modules/payments/index.ts';
import { notifyConfig, zaloEventSignature } from '../../modules/notifications/index.ts';

const hmac = (secret: string, s: string) => crypto.createHmac('sha256', secret).update(s).digest('hex').slice(0, 32);

export default async function zaloStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cfg = notifyConfig(ctx.config.publicUrl);
  if (ctx.config.env === 'production' || !cfg.zns.apiUrl.startsWith(`${ctx.config.publicUrl}/standins/zalo`)) return;
  const zns = cfg.zns;
  /** The refresh token currently valid (rotation); null until the first refresh after a restart. */
  let currentRefresh: string | null = null;
  const accessToken = () => {
    const exp = Date.now() + 3600_000;
    return `dev-access.${exp}.${hmac(zns.appSecret, `access.${exp}`)}`;
  };
  const validAccess = (t: string) => {
    const [, exp, mac] = t.split('.');
    return !!exp && !!mac && mac === hmac(zns.appSecret, `access.${exp}`) && Number(exp) > Date.now();
  };

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/standins/zalo/oauth/v4/oa/access_token',
      summary: 'Zalo stand-in: access_token',
      tags: ['Zalo stand-in'],
      csrfExempt: true,
      response: z.record(z.string(), z.unknown()),
    },
    async ({ req, reply }) => {
      const body = (req.body ?? {}) as Record<string, string>;
      if (req.headers.secret_key !== zns.appSecret || body.app_id !== zns.appId)
        return reply.status(400).send({ error: -14002, error_name: 'Invalid app secret' });
      const presented = String(body.refresh_token ?? '');
      const wellFormed = /^motcua-dev-refresh-\d+$/.test(presented);
      if (body.grant_type !== 'refresh_token' || !wellFormed || (currentRefresh !== null && presented !== currentRefresh)) {
        return reply.status(400).send({ error: -14014, error_name: 'Invalid refresh token' });
      }
      currentRefresh = `motcua-dev-refresh-${Number(presented.split('-').at(-1)) + 1}`;
      return { access_token: accessToken(), refresh_token: currentRefresh, expires_in: '3600' };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/standins/zalo/message/template',
      summary: 'Zalo stand-in: template',
      tags: ['Zalo stand-in'],
      csrfExempt: true,
      response: z.record(z.string(), z.unknown()),
    },
    async ({ req, reply }) => {
      if (!validAccess(String(req.headers.access_token ?? ''))) return reply.send({ error: -124, message: 'Access token is invalid' });
      const b = (req.body ?? {}) as { phone?: unknown; template_id?: unknown; template_data?: unknown; tracking_id?: unknown };
      if (typeof b.phone !== 'string' || !/^84\d{9,10}$/.test(b.phone)) return reply.send({ error: -108, message: 'Phone number is invalid' });
      if (typeof b.template_id !== 'string' || !b.template_id || typeof b.template_data !== 'object' || b.template_data === null) {
        return reply.send({ error: -100, message: 'Invalid parameter' });
      }
      const behaviour = (await ctx.db.query<{ behaviour: string }>('SELECT behaviour FROM standin_zns_behaviours WHERE phone = $1', [b.phone])).rows[0]
        ?.behaviour;
      if (behaviour === 'not_zalo_user') return reply.send({ error: -118, message: 'Zalo account is not existed' });
      if (behaviour === 'template_rejected') return reply.send({ error: -131, message: 'Template is not approved' });
      const tracking = typeof b.tracking_id === 'string' ? b.tracking_id.slice(0, 64) : null;
      const inserted = await ctx.db.query<{ msg_id: string }>(
        `INSERT INTO standin_zns_messages (msg_id, tracking_id, phone, template_id, template_data, outcome) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tracking_id) DO NOTHING RETURNING msg_id`,
        [crypto.randomBytes(16).toString('hex'), tracking, b.phone, b.template_id, b.template_data, behaviour ?? 'delivered'],
      );
      const msgId =
        inserted.rows[0]?.msg_id ??
        (await ctx.db.query<{ msg_id: string }>('SELECT msg_id FROM standin_zns_messages WHERE tracking_id = $1', [tracking])).rows[0].msg_id;
      if (inserted.rowCount > 0 && behaviour !== 'no_receipt') {
        const delay = behaviour === 'delayed_receipt' ? 5000 : 50;
        setTimeout(() => void sendReceipt(msgId).catch(() => undefined), delay).unref();
      }
      return { error: 0, message: 'Success', data: { msg_id: msgId, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: '499' } } };
    },
  );

  async function sendReceipt(msgId: string): Promise<void> {
    const timestamp = String(Date.now());
    const body = JSON.stringify({
      app_id: zns.appId,
      event_name: 'user_received_message',
      timestamp,
      oa_id: zns.oaId,
      message: { msg_id: msgId, delivery_time: String(Date.now()) },
    });
    const mac = zaloEventSignature(zns.appId, body, timestamp, zns.oaSecret);
    await gatewayFetch(ctx)(cfg.webhooks.zalo, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` }, body });
  }
}
