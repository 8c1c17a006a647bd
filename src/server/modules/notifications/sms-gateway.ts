/**
 * An SMS brandname HTTP gateway. Vietnamese gateways have no common standard, so the request is built from a field
 * mapping; the default mapping is eSMS.vn's `SendMultipleMessage_V4_post_json` (`{ApiKey, SecretKey, Phone,
 * Content, Brandname, SmsType: "2", IsUnicode: "0", RequestId, CallbackUrl}` → `{CodeResult: "100", SMSID}`).
 * Messages go out without diacritics (GSM-7, 160 characters a segment). The delivery report is posted to the
 * callback URL given with each message, which carries an HMAC of the request id: a report is verified by it.
 */
import crypto from 'node:crypto';
import type { NotifyConfig } from './config.ts';
import { describeError, type NotificationProvider, type ParsedReceipts, type ReceiptRequest } from './provider.ts';
import { systemNow } from '../../clock.ts';

export interface SmsGatewayMapping {
  /** Field names of the request. */
  fields: { phone: string; content: string; requestId: string; callbackUrl: string };
  /** Fixed fields (credentials, brandname, message type). */
  fixed: (cfg: NotifyConfig['sms']) => Record<string, string>;
  /** How a phone is written (eSMS accepts 0912… or 84912…). */
  phone: (e164: string) => string;
  /** Success: this field has this value; the message id is in msgIdField. */
  success: { field: string; value: string };
  msgIdField: string;
  /** Answers that will not get better by retrying. */
  permanentCodes: readonly string[];
  /** The delivery report's fields. */
  report: { msgId: string; requestId: string; status: string; deliveredValues: readonly string[] };
}

export const ESMS_MAPPING: SmsGatewayMapping = {
  fields: { phone: 'Phone', content: 'Content', requestId: 'RequestId', callbackUrl: 'CallbackUrl' },
  fixed: (cfg) => ({ ApiKey: cfg.apiKey, SecretKey: cfg.secretKey, Brandname: cfg.brandname, SmsType: '2', IsUnicode: '0', Sandbox: '0' }),
  phone: (e164) => e164.replace(/^\+84/, '0'),
  success: { field: 'CodeResult', value: '100' },
  msgIdField: 'SMSID',
  permanentCodes: ['104', '118', '119', '131', '132'],
  report: { msgId: 'SMSID', requestId: 'RequestId', status: 'SendStatus', deliveredValues: ['5'] },
};

export const smsCallbackSignature = (secret: string, requestId: string) => crypto.createHmac('sha256', secret).update(requestId).digest('hex');

export function smsGatewayProvider(cfg: NotifyConfig['sms'], webhookUrl: string, http: typeof fetch, mapping = ESMS_MAPPING): NotificationProvider {
  return {
    name: 'sms-gateway',
    channel: 'sms',
    ratePerSecond: cfg.ratePerSecond,
    async send(msg) {
      const requestId = String(msg.id);
      const body = {
        ...mapping.fixed(cfg),
        [mapping.fields.phone]: mapping.phone(msg.recipient),
        [mapping.fields.content]: msg.body,
        [mapping.fields.requestId]: requestId,
        [mapping.fields.callbackUrl]: `${webhookUrl}?sig=${smsCallbackSignature(cfg.callbackSecret, requestId)}`,
      };
      let res: Response;
      try {
        res = await http(cfg.sendUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        return { kind: 'failed_temporary', reason: `sms: ${describeError(err)}` };
      }
      if (!res.ok) return { kind: 'failed_temporary', reason: `sms: HTTP ${res.status}` };
      const answer = (await res.json().catch(() => null)) as Record<string, unknown> | null;
      const code = String(answer?.[mapping.success.field] ?? 'unknown');
      const id = answer?.[mapping.msgIdField];
      if (code === mapping.success.value && typeof id === 'string' && id) return { kind: 'accepted', providerMsgId: id };
      if (mapping.permanentCodes.includes(code)) return { kind: 'failed_permanent', reason: `sms ${code}`, fallback: false };
      return { kind: 'failed_temporary', reason: `sms ${code}` };
    },
    parseReceipt(req: ReceiptRequest): ParsedReceipts {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.rawBody);
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (typeof body !== 'object' || body === null) return { ok: false, reason: 'malformed' };
      const requestId = String(body[mapping.report.requestId] ?? '');
      const sig = String(req.query.sig ?? '');
      const expected = smsCallbackSignature(cfg.callbackSecret, requestId);
      if (!requestId || sig.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected)))
        return { ok: false, reason: 'bad_signature' };
      const msgId = body[mapping.report.msgId];
      if (typeof msgId !== 'string' || !msgId || msgId.length > 100) return { ok: false, reason: 'malformed' };
      const status = String(body[mapping.report.status] ?? '');
      return {
        ok: true,
        receipts: [{ providerMsgId: msgId, delivered: mapping.report.deliveredValues.includes(status), at: systemNow(), detail: `SendStatus ${status}` }],
      };
    },
  };
}
