/**
 * A bank / payment-gateway stand-in that speaks the VNPay protocol end to end, served by MotCua under /bank/vnpay
 * in development and tests (mounted only when VNPAY_PAY_URL points at it):
 *
 * - GET  /bank/vnpay/paymentv2/vpcpay.html  the payment page: checks the merchant's signature and the expiry,
 *   shows the amount with "approve" and "decline";
 * - POST the same page: records the outcome in its own book, sends the signed IPN to the merchant server to server
 *   (retrying like a real gateway until the merchant answers 00 or 02), then redirects the browser to the signed
 *   return URL;
 * - POST /bank/vnpay/merchant_webapi/api/transaction  querydr and refund, signed over "|"-joined fields;
 * - GET  /bank/vnpay/statement.csv  the statement (sao kê) of the period, for reconciliation.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { formatStatementCsv } from '../../../core/payments/statement.ts';
import {
  parseVnpDate,
  pipeHash,
  QUERYDR_FIELDS,
  QUERYDR_RESPONSE_FIELDS,
  queryParams,
  REFUND_FIELDS,
  REFUND_RESPONSE_FIELDS,
  signedQuery,
  verify,
  verifyPipe,
  vnpDate,
} from '../../adapters/vnpay.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { CSV, file, HTML, redirect } from '../../../contract/http.ts';
import { defineRoute, describeRoute } from '../../http/route.ts';
import { gatewayFetch, paymentConfig } from '../../modules/payments/index.ts';
import { bankErrorPage, payPage } from './pages.ts';

const PAGE = '/bank/vnpay/paymentv2/vpcpay.html';
const pageHeaders = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};
const send = (reply: FastifyReply, status: number, html: string) => reply.status(status).headers(pageHeaders).type('text/html; charset=utf-8').send(html);

interface TxnRow {
  txn_ref: string;
  terminal: string;
  amount: string;
  order_info: string;
  return_url: string;
  expires_at: Date | null;
  status: 'pending' | 'success' | 'declined' | 'refunded';
  transaction_no: string | null;
  bank_code: string | null;
  pay_date: Date | null;
  refund_amount: string | null;
  ipn_attempts: number;
  ipn_done: boolean;
  created_at: Date;
}

/** The signed result the gateway sends back (return URL and IPN carry the same fields). */
function resultParams(t: TxnRow, tmnCode: string): Record<string, string> {
  const success = t.status === 'success' || t.status === 'refunded';
  return {
    vnp_Amount: String(t.amount),
    vnp_BankCode: t.bank_code ?? 'NCB',
    vnp_BankTranNo: t.transaction_no ? `VNP${t.transaction_no}` : '',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: t.order_info,
    vnp_PayDate: vnpDate(t.pay_date ? new Date(t.pay_date) : new Date(t.created_at)),
    vnp_ResponseCode: success ? '00' : '24',
    vnp_TmnCode: tmnCode,
    vnp_TransactionNo: t.transaction_no ?? '0',
    vnp_TransactionStatus: success ? '00' : '02',
    vnp_TxnRef: t.txn_ref,
  };
}

const IPN_RETRY_SECONDS = [2, 5, 15, 60];

/** Sends the IPN of a finished transaction; retries later (like VNPay) unless the merchant answers 00 or 02. */
export async function deliverIpn(ctx: AppContext, txnRef: string): Promise<string | null> {
  const cfg = paymentConfig(ctx.config.publicUrl);
  const t = (
    await ctx.db.query<TxnRow>('UPDATE bank_standin_transactions SET ipn_attempts = ipn_attempts + 1 WHERE txn_ref = $1 AND NOT ipn_done RETURNING *', [txnRef])
  ).rows[0];
  if (!t || t.status === 'pending') return null;
  let code: string | null = null;
  try {
    const res = await gatewayFetch(ctx)(`${cfg.ipnUrl}?${signedQuery(resultParams(t, cfg.vnpay.tmnCode), cfg.vnpay.hashSecret)}`, {
      signal: AbortSignal.timeout(10_000),
    });
    code = res.ok ? String(((await res.json()) as { RspCode?: string }).RspCode ?? '') : null;
  } catch {
    code = null;
  }
  if (code === '00' || code === '02') {
    await ctx.db.query('UPDATE bank_standin_transactions SET ipn_done = true WHERE txn_ref = $1', [txnRef]);
  } else if (t.ipn_attempts <= IPN_RETRY_SECONDS.length) {
    const timer = setTimeout(() => void deliverIpn(ctx, txnRef).catch(() => undefined), IPN_RETRY_SECONDS[t.ipn_attempts - 1] * 1000);
    timer.unref();
  }
  return code;
}

export default async function registerBankStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cfg = paymentConfig(ctx.config.publicUrl);
  if (!cfg.standin) return;
  const merchantName = 'Trung tâm Phục vụ hành chính công (MotCua)';

  /** Verifies the merchant's payment request; returns its fields or an error page. */
  const readRequest = (params: Record<string, string>) => {
    if (!verify(params, cfg.vnpay.hashSecret) || params.vnp_TmnCode !== cfg.vnpay.tmnCode)
      return { error: 'Chữ ký của yêu cầu thanh toán không hợp lệ (mã lỗi 97).' };
    if (params.vnp_Command !== 'pay' || !/^\d+$/.test(params.vnp_Amount ?? '') || !params.vnp_TxnRef || !params.vnp_ReturnUrl)
      return { error: 'Yêu cầu thanh toán thiếu thông tin bắt buộc (mã lỗi 03).' };
    const expiresAt = parseVnpDate(params.vnp_ExpireDate ?? '');
    if (expiresAt && now() > expiresAt)
      return {
        error: 'Giao dịch đã quá thời gian chờ thanh toán (mã lỗi 11). Vui lòng quay lại trang dịch vụ công và thực hiện lại.',
        returnUrl: params.vnp_ReturnUrl,
      };
    return { params, expiresAt };
  };

  describeRoute({
    method: 'GET',
    url: PAGE,
    summary: 'Bank stand-in: the payment page (checks the merchant’s signed request)',
    tags: ['Bank stand-in'],
    query: z.record(z.string(), z.string()),
    response: file('The payment page', HTML),
  });
  app.get(PAGE, async (req, reply) => {
    const params = queryParams(req.query);
    const r = readRequest(params);
    if ('error' in r) return send(reply, 400, bankErrorPage('Không thể thanh toán', r.error ?? '', r.returnUrl ? '/' : undefined));
    await ctx.db.query(
      `INSERT INTO bank_standin_transactions (txn_ref, terminal, amount, order_info, return_url, expires_at, status) VALUES ($1, $2, $3, $4, $5, $6, 'pending')
       ON CONFLICT (txn_ref) DO NOTHING`,
      [params.vnp_TxnRef, params.vnp_TmnCode, params.vnp_Amount, params.vnp_OrderInfo ?? '', params.vnp_ReturnUrl, r.expiresAt],
    );
    const t = (await ctx.db.query<TxnRow>('SELECT * FROM bank_standin_transactions WHERE txn_ref = $1', [params.vnp_TxnRef])).rows[0];
    if (t.status !== 'pending')
      return send(reply, 409, bankErrorPage('Giao dịch đã được xử lý', 'Giao dịch này đã được thanh toán hoặc đã bị hủy (mã lỗi 02).', '/'));
    const query = new URL(req.url, 'http://x').search.slice(1);
    return send(
      reply,
      200,
      payPage({
        merchant: merchantName,
        amount: Number(params.vnp_Amount) / 100,
        orderInfo: params.vnp_OrderInfo ?? '',
        reference: params.vnp_TxnRef,
        query,
        expiresAt: r.expiresAt,
      }),
    );
  });

  defineRoute(
    app,
    {
      method: 'POST',
      url: PAGE,
      summary: 'Bank stand-in: approve or decline a payment',
      tags: ['Bank stand-in'],
      csrfExempt: true,
      body: z.object({ q: z.string().max(4000), decision: z.enum(['approve', 'decline']), bank: z.string().max(10).optional() }),
      bodyMediaTypes: ['application/x-www-form-urlencoded'],
      response: redirect(302, 'the merchant’s return URL with the signed result (after the IPN was delivered)'),
    },
    async ({ body, reply }) => {
      const params = Object.fromEntries(new URLSearchParams(body.q));
      const r = readRequest(params);
      if ('error' in r) return send(reply, 400, bankErrorPage('Không thể thanh toán', r.error ?? ''));
      const at = now();
      const transactionNo = String(crypto.randomInt(10_000_000, 99_999_999));
      const updated = (
        await ctx.db.query<TxnRow>(
          `UPDATE bank_standin_transactions SET status = $2, transaction_no = $3, bank_code = $4, pay_date = $5 WHERE txn_ref = $1 AND status = 'pending' RETURNING *`,
          [params.vnp_TxnRef, body.decision === 'approve' ? 'success' : 'declined', transactionNo, body.bank ?? 'NCB', at],
        )
      ).rows[0];
      if (!updated) return send(reply, 409, bankErrorPage('Giao dịch đã được xử lý', 'Giao dịch này đã được thanh toán hoặc đã bị hủy (mã lỗi 02).', '/'));
      // Server to server first (a real gateway sends the IPN about when it redirects the browser).
      await deliverIpn(ctx, updated.txn_ref);
      return reply.redirect(`${updated.return_url}?${signedQuery(resultParams(updated, cfg.vnpay.tmnCode), cfg.vnpay.hashSecret)}`, 302);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/bank/vnpay/merchant_webapi/api/transaction',
      summary: 'Bank stand-in: querydr and refund',
      tags: ['Bank stand-in'],
      csrfExempt: true,
      body: z.record(z.string(), z.unknown()),
      response: z.record(z.string(), z.string()),
    },
    async ({ body }) => {
      const b = queryParams(body);
      const sign = (fields: readonly string[], answer: Record<string, string>) => ({
        ...answer,
        vnp_SecureHash: pipeHash(fields, answer, cfg.vnpay.hashSecret),
      });
      const base = {
        vnp_ResponseId: crypto.randomUUID().replace(/-/g, ''),
        vnp_Command: b.vnp_Command ?? '',
        vnp_TmnCode: cfg.vnpay.tmnCode,
        vnp_TxnRef: b.vnp_TxnRef ?? '',
      };
      if (b.vnp_Command === 'querydr') {
        if (!verifyPipe(QUERYDR_FIELDS, b, cfg.vnpay.hashSecret))
          return sign(QUERYDR_RESPONSE_FIELDS, { ...base, vnp_ResponseCode: '97', vnp_Message: 'Invalid checksum' });
        const t = (await ctx.db.query<TxnRow>('SELECT * FROM bank_standin_transactions WHERE txn_ref = $1', [b.vnp_TxnRef])).rows[0];
        if (!t) return sign(QUERYDR_RESPONSE_FIELDS, { ...base, vnp_ResponseCode: '91', vnp_Message: 'Transaction not found' });
        const p = resultParams(t, cfg.vnpay.tmnCode);
        const status = t.status === 'pending' ? '01' : t.status === 'declined' ? '02' : t.status === 'refunded' ? '05' : '00';
        return sign(QUERYDR_RESPONSE_FIELDS, {
          ...base,
          vnp_ResponseCode: '00',
          vnp_Message: 'QueryDR Success',
          vnp_Amount: p.vnp_Amount,
          vnp_BankCode: p.vnp_BankCode,
          vnp_PayDate: p.vnp_PayDate,
          vnp_TransactionNo: p.vnp_TransactionNo,
          vnp_TransactionType: '01',
          vnp_TransactionStatus: status,
          vnp_OrderInfo: t.order_info,
          vnp_PromotionCode: '',
          vnp_PromotionAmount: '',
          ...(status === '00' ? {} : { vnp_ResponseCode: '00' }),
        });
      }
      if (b.vnp_Command === 'refund') {
        if (!verifyPipe(REFUND_FIELDS, b, cfg.vnpay.hashSecret))
          return sign(REFUND_RESPONSE_FIELDS, { ...base, vnp_ResponseCode: '97', vnp_Message: 'Invalid checksum' });
        const t = (await ctx.db.query<TxnRow>('SELECT * FROM bank_standin_transactions WHERE txn_ref = $1 FOR UPDATE', [b.vnp_TxnRef])).rows[0];
        const ok = t && (t.status === 'success' || t.status === 'refunded') && String(t.amount) === b.vnp_Amount && t.transaction_no === b.vnp_TransactionNo;
        if (!ok)
          return sign(REFUND_RESPONSE_FIELDS, { ...base, vnp_ResponseCode: t ? '94' : '91', vnp_Message: t ? 'Refund not allowed' : 'Transaction not found' });
        await ctx.db.query("UPDATE bank_standin_transactions SET status = 'refunded', refund_amount = $2 WHERE txn_ref = $1", [t.txn_ref, t.amount]);
        return sign(REFUND_RESPONSE_FIELDS, {
          ...base,
          vnp_ResponseCode: '00',
          vnp_Message: 'Refund success',
          vnp_Amount: String(t.amount),
          vnp_BankCode: t.bank_code ?? '',
          vnp_PayDate: vnpDate(now()),
          vnp_TransactionNo: t.transaction_no ?? '',
          vnp_TransactionType: '02',
          vnp_TransactionStatus: '05',
          vnp_OrderInfo: b.vnp_OrderInfo ?? '',
        });
      }
      return { vnp_ResponseCode: '99', vnp_Message: 'Unknown command' };
    },
  );

  describeRoute({
    method: 'GET',
    url: '/bank/vnpay/statement.csv',
    summary: 'Bank stand-in: the statement of settled transactions (CSV)',
    tags: ['Bank stand-in'],
    query: z.object({ from: z.string().optional(), to: z.string().optional() }),
    response: file('The statement', CSV),
  });
  app.get('/bank/vnpay/statement.csv', async (req, reply) => {
    const q = queryParams(req.query);
    const { rows } = await ctx.db.query<TxnRow>(
      "SELECT * FROM bank_standin_transactions WHERE status <> 'pending' AND ($1::timestamptz IS NULL OR pay_date >= $1) AND ($2::timestamptz IS NULL OR pay_date < $2) ORDER BY pay_date, txn_ref",
      [q.from || null, q.to || null],
    );
    const csv = formatStatementCsv(
      rows.map((t) => ({
        reference: t.txn_ref,
        transactionNo: t.transaction_no ?? '',
        amount: Number(t.amount) / 100,
        status: t.status === 'success' ? 'success' : t.status === 'refunded' ? 'refunded' : 'failed',
        at: t.pay_date ? new Date(t.pay_date).toISOString() : '',
      })),
    );
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="sao-ke.csv"').send(csv);
  });
}
