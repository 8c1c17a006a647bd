/**
 * VNPay payment gateway protocol (version 2.1.0), as VNPay documents it for merchants:
 *
 * - Payment URL: the vnp_* parameters sorted by name, each name and value URL-encoded (spaces as "+"), joined with
 *   "&", signed with HMAC-SHA512 under the terminal's hash secret (vnp_SecureHash, hex).
 * - Return URL (the browser) and IPN (server to server) carry the same kind of signed query; success is
 *   vnp_ResponseCode = "00" and vnp_TransactionStatus = "00". Amounts are đồng × 100.
 * - The merchant answers an IPN with {RspCode, Message}: 00 confirmed, 01 order not found, 02 order already
 *   confirmed, 04 invalid amount, 97 invalid signature, 99 other error.
 * - querydr (re-query) and refund are JSON calls to the merchant API, signed over their fields joined by "|".
 */
import crypto from 'node:crypto';
import { localCompact, parseLocalCompact } from '../../core/time/local.ts';

export interface VnpayConfig {
  tmnCode: string;
  hashSecret: string;
  /** The gateway's payment page (…/paymentv2/vpcpay.html). */
  payUrl: string;
  /** The merchant API for querydr and refund (…/merchant_webapi/api/transaction). */
  apiUrl: string;
}

export const VNPAY_VERSION = '2.1.0';

export type IpnResponseCode = '00' | '01' | '02' | '04' | '97' | '99';
export const IPN_MESSAGES: Record<IpnResponseCode, string> = {
  '00': 'Confirm Success',
  '01': 'Order not found',
  '02': 'Order already confirmed',
  '04': 'Invalid amount',
  '97': 'Invalid signature',
  '99': 'Unknown error',
};

/** VNPay's encoding of names and values: encodeURIComponent with spaces as "+". */
export const vnpEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');

/** The string VNPay signs: sorted vnp_* parameters (without the hash fields), encoded, joined with "&". */
export function signData(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${vnpEncode(k)}=${vnpEncode(params[k])}`)
    .join('&');
}

export const hmac512 = (secret: string, data: string) => crypto.createHmac('sha512', secret).update(Buffer.from(data, 'utf8')).digest('hex');

export function sign(params: Record<string, string>, secret: string): string {
  return hmac512(secret, signData(params));
}

/** Constant-time comparison of the received vnp_SecureHash with the expected one. */
export function verify(params: Record<string, string>, secret: string): boolean {
  const got = (params.vnp_SecureHash ?? '').toLowerCase();
  const want = sign(params, secret);
  return got.length === want.length && crypto.timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

/** The full signed query string (what goes after "?"). */
export function signedQuery(params: Record<string, string>, secret: string): string {
  return `${signData(params)}&vnp_SecureHash=${sign(params, secret)}`;
}

/** yyyyMMddHHmmss in Vietnam time (GMT+7), VNPay's date format. */
export function vnpDate(d: Date): string {
  return localCompact(d);
}

export function parseVnpDate(s: string): Date | null {
  return parseLocalCompact(s);
}

export interface PaymentRequest {
  reference: string;
  /** In đồng. */
  amount: number;
  orderInfo: string;
  returnUrl: string;
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
  locale?: 'vn' | 'en';
}

export function paymentUrl(cfg: VnpayConfig, r: PaymentRequest): string {
  const params: Record<string, string> = {
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: cfg.tmnCode,
    vnp_Amount: String(r.amount * 100),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: r.reference,
    vnp_OrderInfo: r.orderInfo,
    vnp_OrderType: 'other',
    vnp_Locale: r.locale ?? 'vn',
    vnp_ReturnUrl: r.returnUrl,
    vnp_IpAddr: r.ipAddr,
    vnp_CreateDate: vnpDate(r.createdAt),
    vnp_ExpireDate: vnpDate(r.expiresAt),
  };
  return `${cfg.payUrl}?${signedQuery(params, cfg.hashSecret)}`;
}

/** What a verified return or IPN query says. */
export interface GatewayResult {
  reference: string;
  /** In đồng (vnp_Amount / 100); NaN when not a whole number of đồng. */
  amount: number;
  success: boolean;
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: Date | null;
  tmnCode: string;
}

export function readResult(params: Record<string, string>): GatewayResult {
  const raw = params.vnp_Amount ?? '';
  const amount = /^\d+$/.test(raw) && Number(raw) % 100 === 0 ? Number(raw) / 100 : NaN;
  return {
    reference: params.vnp_TxnRef ?? '',
    amount,
    success: params.vnp_ResponseCode === '00' && params.vnp_TransactionStatus === '00',
    responseCode: params.vnp_ResponseCode ?? '',
    transactionStatus: params.vnp_TransactionStatus ?? '',
    transactionNo: params.vnp_TransactionNo ?? '',
    bankCode: params.vnp_BankCode ?? '',
    payDate: parseVnpDate(params.vnp_PayDate ?? ''),
    tmnCode: params.vnp_TmnCode ?? '',
  };
}

/** Only string query values count (a repeated parameter is refused by taking none of it). */
export function queryParams(q: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (q && typeof q === 'object') for (const [k, v] of Object.entries(q)) if (typeof v === 'string') out[k] = v;
  return out;
}

// ---- Merchant API: querydr and refund (fields joined by "|", HMAC-SHA512) ----

export const QUERYDR_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;
export const REFUND_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;
export const QUERYDR_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;
export const REFUND_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
] as const;

export function pipeHash(fields: readonly string[], body: Record<string, string>, secret: string): string {
  return hmac512(secret, fields.map((f) => body[f] ?? '').join('|'));
}

export function verifyPipe(fields: readonly string[], body: Record<string, string>, secret: string): boolean {
  const got = String(body.vnp_SecureHash ?? '').toLowerCase();
  const want = pipeHash(fields, body, secret);
  return got.length === want.length && crypto.timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

export interface ApiOptions {
  fetch?: typeof fetch;
  at: Date;
}

async function callApi(
  cfg: VnpayConfig,
  fields: readonly string[],
  responseFields: readonly string[],
  body: Record<string, string>,
  opts: ApiOptions,
): Promise<Record<string, string>> {
  const signed = { ...body, vnp_SecureHash: pipeHash(fields, body, cfg.hashSecret) };
  const res = await (opts.fetch ?? fetch)(cfg.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signed),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`VNPay API HTTP ${res.status}`);
  const answer = queryParams(await res.json());
  if (!verifyPipe(responseFields, answer, cfg.hashSecret)) throw new Error('VNPay API answer has an invalid signature');
  return answer;
}

/** Re-queries a transaction (querydr): the gateway's word on whether it was paid. */
export async function queryTransaction(cfg: VnpayConfig, q: { reference: string; createdAt: Date; orderInfo: string; ipAddr: string }, opts: ApiOptions) {
  const answer = await callApi(
    cfg,
    QUERYDR_FIELDS,
    QUERYDR_RESPONSE_FIELDS,
    {
      vnp_RequestId: crypto.randomUUID().replace(/-/g, '').slice(0, 32),
      vnp_Version: VNPAY_VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: cfg.tmnCode,
      vnp_TxnRef: q.reference,
      vnp_TransactionDate: vnpDate(q.createdAt),
      vnp_CreateDate: vnpDate(opts.at),
      vnp_IpAddr: q.ipAddr,
      vnp_OrderInfo: q.orderInfo,
    },
    opts,
  );
  // ResponseCode 00 = the query succeeded; 91 = transaction not found.
  return { found: answer.vnp_ResponseCode === '00', responseCode: answer.vnp_ResponseCode, result: readResult(answer), raw: answer };
}

/** Full refund (TransactionType 02) of a paid transaction. */
export async function refundTransaction(
  cfg: VnpayConfig,
  r: { reference: string; amount: number; transactionNo: string; paidAt: Date; createdBy: string; reason: string; ipAddr: string },
  opts: ApiOptions,
) {
  const answer = await callApi(
    cfg,
    REFUND_FIELDS,
    REFUND_RESPONSE_FIELDS,
    {
      vnp_RequestId: crypto.randomUUID().replace(/-/g, '').slice(0, 32),
      vnp_Version: VNPAY_VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: cfg.tmnCode,
      vnp_TransactionType: '02',
      vnp_TxnRef: r.reference,
      vnp_Amount: String(r.amount * 100),
      vnp_TransactionNo: r.transactionNo,
      vnp_TransactionDate: vnpDate(r.paidAt),
      vnp_CreateBy: r.createdBy,
      vnp_CreateDate: vnpDate(opts.at),
      vnp_IpAddr: r.ipAddr,
      vnp_OrderInfo: r.reason,
    },
    opts,
  );
  return { ok: answer.vnp_ResponseCode === '00', responseCode: answer.vnp_ResponseCode, transactionNo: answer.vnp_TransactionNo ?? '', raw: answer };
}
