/**
 * Zalo Notification Service: `POST <api>/message/template` with header `access_token`, body
 * `{ phone: "84…", template_id, template_data, tracking_id }`, answer `{ error: 0, data: { msg_id } }`; delivery
 * receipts come as the OA webhook event `user_received_message` with `message.msg_id` and `message.delivery_time`,
 * signed `X-ZEvent-Signature: mac=sha256(app_id + body + timestamp + OA secret)`. The access token comes from
 * zalo-token.ts (the refresh token rotates on every refresh).
 */
import crypto from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { NotifyConfig } from './config.ts';
import { describeError, type NotificationProvider, type ParsedReceipts, type ReceiptRequest } from './provider.ts';
import { zaloAccessToken } from './zalo-token.ts';

/** The signature of a webhook event body as Zalo computes it. */
export function zaloEventSignature(appId: string, rawBody: string, timestamp: string, oaSecret: string): string {
  return crypto.createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecret}`).digest('hex');
}

const safeEqual = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function parseZaloReceipt(cfg: NotifyConfig['zns'], req: ReceiptRequest): ParsedReceipts {
  let body: { app_id?: unknown; event_name?: unknown; timestamp?: unknown; message?: { msg_id?: unknown; delivery_time?: unknown } };
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof body !== 'object' || body === null) return { ok: false, reason: 'malformed' };
  const header = String(req.headers['x-zevent-signature'] ?? '');
  const mac = header.startsWith('mac=') ? header.slice(4) : header;
  const expected = zaloEventSignature(cfg.appId, req.rawBody, String(body.timestamp ?? ''), cfg.oaSecret);
  if (!mac || !safeEqual(mac, expected)) return { ok: false, reason: 'bad_signature' };
  // The same event name without delivery_time is an ordinary "user received an OA message" event, not a ZNS receipt.
  if (body.event_name !== 'user_received_message' || body.message?.delivery_time === undefined) return { ok: false, reason: 'ignored' };
  const msgId = body.message?.msg_id;
  const at = Number(body.message.delivery_time);
  if (typeof msgId !== 'string' || !msgId || msgId.length > 100 || !Number.isFinite(at)) return { ok: false, reason: 'malformed' };
  return { ok: true, receipts: [{ providerMsgId: msgId, delivered: true, at: new Date(at) }] };
}

/** The Zalo template id of a template code for this OA (notification_zns_templates, else the code itself). */
async function znsTemplateId(db: Database, oaId: string, code: string): Promise<string> {
  const r = await db.query<{ zns_template_id: string }>('SELECT zns_template_id FROM notification_zns_templates WHERE oa_id = $1 AND template_code = $2', [
    oaId,
    code,
  ]);
  return r.rows[0]?.zns_template_id ?? code;
}

export function zaloZnsProvider(db: Database, cfg: NotifyConfig['zns'], http: typeof fetch): NotificationProvider {
  return {
    name: 'zalo-zns',
    channel: 'zns',
    ratePerSecond: cfg.ratePerSecond,
    async send(msg) {
      let res: Response;
      try {
        const token = await zaloAccessToken(db, cfg, http);
        res = await http(`${cfg.apiUrl}/message/template`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', access_token: token },
          body: JSON.stringify({
            phone: msg.recipient.replace(/^\+/, ''),
            template_id: await znsTemplateId(db, cfg.oaId, msg.templateCode),
            template_data: msg.params,
            tracking_id: String(msg.id),
          }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        return { kind: 'failed_temporary', reason: `zns: ${describeError(err)}` };
      }
      if (!res.ok) return { kind: 'failed_temporary', reason: `zns: HTTP ${res.status}` };
      const body = (await res.json().catch(() => null)) as { error?: number; message?: string; data?: { msg_id?: string } } | null;
      if (body?.error === 0 && body.data?.msg_id) return { kind: 'accepted', providerMsgId: body.data.msg_id };
      const code = String(body?.error ?? 'unknown');
      const permanent = cfg.permanentErrors[code];
      if (permanent) return { kind: 'failed_permanent', reason: `zns ${code}: ${permanent}`, fallback: true };
      return { kind: 'failed_temporary', reason: `zns ${code}: ${String(body?.message ?? '').slice(0, 200)}` };
    },
    parseReceipt: (req) => parseZaloReceipt(cfg, req),
  };
}
