/**
 * A stand-in for the national online-payment platform (Nền tảng thanh toán trực tuyến, "PayGov", domain-and-law.md
 * §5.2), served by MotCua under /paygov in development and tests (mounted only while PAYGOV_API_URL points at it):
 *
 * - POST /standins/paygov/api/giao-dich  the platform's message endpoint: INIT (checks MaXacThuc, the partner, the amount
 *   against PhiLePhi; answers the payment page's address) and GET_BILL (the transaction and its receipt);
 * - GET  /standins/paygov/thanh-toan?ref=  the payment page (pay / cancel, and a test scenario for the confirmation);
 * - POST /standins/paygov/thanh-toan  records the outcome in its own book, sends the signed confirmation to MotCua's callback
 *   (retrying like the platform until it answers maLoi 00), then sends the browser back to MotCua's return URL.
 *   Scenarios: "tampered" alters the amount after signing (MotCua must refuse it; GET_BILL still settles),
 *   "duplicate" sends the confirmation twice (the second must change nothing).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { file, HTML, redirect } from '../../../contract/http.ts';
import { buildBill, buildConfirm, buildInitResult, verifyMessage, type ConfirmMessage, type PhiLePhi } from '../../adapters/paygov.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute, describeRoute } from '../../http/route.ts';
import { gatewayFetch, paymentConfig } from '../../modules/payments/index.ts';
import { paygovErrorPage, paygovPayPage } from './pages.ts';

const pageHeaders = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};
const send = (reply: FastifyReply, status: number, html: string) => reply.status(status).headers(pageHeaders).type('text/html; charset=utf-8').send(html);

interface TxnRow {
  ma_tham_chieu: string;
  ma_doi_tac: string;
  amount: number;
  description: string;
  bill: { MaHoSo?: string; TenDonVi?: string; HoTenNguoiNop?: string; PhiLePhi?: PhiLePhi[] };
  status: 'pending' | 'success' | 'cancelled';
  ma_giao_dich: string | null;
  receipt_no: string | null;
  paid_at: Date | null;
  scenario: 'normal' | 'tampered' | 'duplicate';
  confirm_attempts: number;
  confirm_done: boolean;
  created_at: Date;
}

const CONFIRM_RETRY_SECONDS = [2, 5, 15, 60];
const stateOf = (t: TxnRow) => (t.status === 'success' ? '00' : t.status === 'cancelled' ? '01' : '02') as '00' | '01' | '02';

/** The confirmation of a finished transaction, as the scenario wants it sent. */
export function confirmationOf(ctx: AppContext, t: TxnRow): ConfirmMessage {
  const cfg = paymentConfig(ctx.config.publicUrl).paygov;
  const m = buildConfirm(cfg, {
    reference: t.ma_tham_chieu,
    transactionNo: t.ma_giao_dich ?? '',
    amount: t.amount,
    state: stateOf(t),
    at: t.paid_at ? new Date(t.paid_at) : new Date(t.created_at),
  });
  // "Tampered on the way": the amount changes after the checksum was computed.
  return t.scenario === 'tampered' ? { ...m, SoTien: m.SoTien + 1000 } : m;
}

/** Sends the confirmation; retries later (like the platform) unless MotCua answers maLoi 00. Returns the answer's code. */
export async function deliverConfirm(ctx: AppContext, ref: string): Promise<string | null> {
  const cfg = paymentConfig(ctx.config.publicUrl);
  const t = (
    await ctx.db.query<TxnRow>(
      "UPDATE paygov_standin_transactions SET confirm_attempts = confirm_attempts + 1 WHERE ma_tham_chieu = $1 AND NOT confirm_done AND status <> 'pending' RETURNING *",
      [ref],
    )
  ).rows[0];
  if (!t) return null;
  const post = async () => {
    try {
      const res = await gatewayFetch(ctx)(cfg.paygovConfirmUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(confirmationOf(ctx, t)),
        signal: AbortSignal.timeout(10_000),
      });
      return String(((await res.json()) as { maLoi?: string }).maLoi ?? '');
    } catch {
      return null;
    }
  };
  let code = await post();
  if (t.scenario === 'duplicate') code = await post();
  if (code === '00') {
    await ctx.db.query('UPDATE paygov_standin_transactions SET confirm_done = true WHERE ma_tham_chieu = $1', [ref]);
  } else if (t.confirm_attempts <= CONFIRM_RETRY_SECONDS.length) {
    const timer = setTimeout(() => void deliverConfirm(ctx, ref).catch(() => undefined), CONFIRM_RETRY_SECONDS[t.confirm_attempts - 1] * 1000);
    timer.unref();
  }
  return code;
}

const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\u0000') ? v : null);

export default async function registerPaygovStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const all = paymentConfig(ctx.config.publicUrl);
  if (!all.paygovStandin || !all.paygovEnabled) return;
  const cfg = all.paygov;
  const load = async (ref: string) => (await ctx.db.query<TxnRow>('SELECT * FROM paygov_standin_transactions WHERE ma_tham_chieu = $1', [ref])).rows[0];

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/standins/paygov/api/giao-dich',
      summary: 'PayGov stand-in: the platform’s message endpoint (INIT, GET_BILL), answers signed with MaXacThuc',
      tags: ['PayGov stand-in'],
      csrfExempt: true,
      body: z.record(z.string(), z.unknown()),
      response: z.record(z.string(), z.unknown()),
    },
    async ({ body }) => ({ ...(await answer(body)) }),
  );

  /** One message of the platform's endpoint, answered. */
  async function answer(body: Record<string, unknown>): Promise<object> {
    {
      const ref = str(body.MaThamChieu, 100) ?? '';
      const initError = (maLoi: string, moTaLoi: string) => buildInitResult(cfg, { maLoi, moTaLoi, MaThamChieu: ref, UrlThanhToan: '' });
      if (body.LoaiBanTin === 'INIT') {
        if (body.MaDoiTac !== cfg.partnerCode) return initError('97', 'Mã đối tác không đúng');
        if (!verifyMessage(cfg, body)) return initError('97', 'Sai mã xác thực (MaXacThuc)');
        const amount = body.SoTien;
        const bill = body.ThongTinBienLai as TxnRow['bill'] | undefined;
        if (!ref || typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0 || !bill || typeof bill !== 'object')
          return initError('03', 'Bản tin thiếu thông tin bắt buộc');
        const lines = Array.isArray(bill.PhiLePhi) ? bill.PhiLePhi : [];
        if (lines.length > 0 && lines.reduce((n, l) => n + Number(l.SoTien), 0) !== amount) return initError('03', 'Tổng PhiLePhi khác SoTien');
        await ctx.db.query(
          `INSERT INTO paygov_standin_transactions (ma_tham_chieu, ma_doi_tac, amount, description, bill, status, created_at)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT (ma_tham_chieu) DO NOTHING`,
          [ref, cfg.partnerCode, amount, String(body.ThongTinGiaoDich ?? '').slice(0, 500), bill, now()],
        );
        const t = await load(ref);
        if (t.amount !== amount) return initError('02', 'Mã tham chiếu đã tồn tại với số tiền khác');
        if (t.status !== 'pending') return initError('02', 'Giao dịch đã được xử lý');
        return buildInitResult(cfg, {
          maLoi: '00',
          moTaLoi: 'Thành công',
          MaThamChieu: ref,
          UrlThanhToan: `${ctx.config.publicUrl}/standins/paygov/thanh-toan?ref=${encodeURIComponent(ref)}`,
        });
      }
      if (body.LoaiBanTin === 'GET_BILL') {
        const miss = { found: false, reference: ref, transactionNo: '', amount: 0, state: '02' as const, at: now(), receiptNo: '' };
        if (body.MaDoiTac !== cfg.partnerCode || !verifyMessage(cfg, body))
          return { ...buildBill(cfg, miss), maLoi: '97', moTaLoi: 'Sai mã xác thực (MaXacThuc)' };
        const t = ref ? await load(ref) : undefined;
        if (!t) return buildBill(cfg, miss);
        return buildBill(cfg, {
          found: true,
          reference: ref,
          transactionNo: t.ma_giao_dich ?? '',
          amount: t.amount,
          state: stateOf(t),
          at: t.paid_at ? new Date(t.paid_at) : new Date(t.created_at),
          receiptNo: t.receipt_no ?? '',
        });
      }
      return { maLoi: '99', moTaLoi: 'Loại bản tin không được hỗ trợ' };
    }
  }

  describeRoute({
    method: 'GET',
    url: '/standins/paygov/thanh-toan',
    summary: 'PayGov stand-in: the payment page of a transaction opened by INIT',
    tags: ['PayGov stand-in'],
    query: z.object({ ref: z.string() }),
    response: file('The payment page', HTML),
  });
  app.get('/standins/paygov/thanh-toan', async (req, reply) => {
    const ref = str((req.query as Record<string, unknown>)?.ref, 100);
    const t = ref ? await load(ref) : undefined;
    if (!t) return send(reply, 404, paygovErrorPage('Không tìm thấy giao dịch', 'Mã tham chiếu không đúng hoặc giao dịch chưa được khởi tạo.'));
    if (t.status !== 'pending') return send(reply, 409, paygovErrorPage('Giao dịch đã được xử lý', 'Giao dịch này đã được thanh toán hoặc đã bị hủy.'));
    return send(
      reply,
      200,
      paygovPayPage({
        reference: t.ma_tham_chieu,
        amount: t.amount,
        description: t.description,
        unit: t.bill.TenDonVi ?? '',
        dossierCode: t.bill.MaHoSo ?? '',
        payer: t.bill.HoTenNguoiNop ?? '',
        lines: Array.isArray(t.bill.PhiLePhi) ? t.bill.PhiLePhi : [],
      }),
    );
  });

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/standins/paygov/thanh-toan',
      summary: 'PayGov stand-in: pay or cancel (then the signed confirmation to MotCua, and the browser back)',
      tags: ['PayGov stand-in'],
      csrfExempt: true,
      body: z.object({
        ref: z.string().min(1).max(100),
        decision: z.enum(['pay', 'cancel']),
        scenario: z.enum(['normal', 'tampered', 'duplicate']).default('normal'),
      }),
      bodyMediaTypes: ['application/x-www-form-urlencoded'],
      response: redirect(302, 'MotCua’s return URL (after the confirmation was sent)'),
    },
    async ({ body, reply }) => {
      const pay = body.decision === 'pay';
      const updated = (
        await ctx.db.query<TxnRow>(
          `UPDATE paygov_standin_transactions SET status = $2, ma_giao_dich = $3, receipt_no = $4, paid_at = $5, scenario = $6
            WHERE ma_tham_chieu = $1 AND status = 'pending' RETURNING *`,
          [
            body.ref,
            pay ? 'success' : 'cancelled',
            `PG${crypto.randomInt(100_000_000, 999_999_999)}`,
            pay ? `BL-${crypto.randomInt(1_000_000, 9_999_999)}` : null,
            now(),
            body.scenario,
          ],
        )
      ).rows[0];
      if (!updated) return send(reply, 409, paygovErrorPage('Giao dịch đã được xử lý', 'Giao dịch này đã được thanh toán, đã bị hủy hoặc không tồn tại.'));
      // Server to server first, then the browser.
      await deliverConfirm(ctx, updated.ma_tham_chieu);
      return reply.redirect(`${all.paygovReturnUrl}?${new URLSearchParams({ MaThamChieu: updated.ma_tham_chieu, TrangThai: stateOf(updated) })}`, 302);
    },
  );
}
