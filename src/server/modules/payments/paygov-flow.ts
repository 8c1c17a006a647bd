/**
 * Payment through the national payment platform (PayGov, domain-and-law.md §5.2), beside the province's VNPay:
 *
 * - initPaygov: INIT for a pending intent (MaThamChieu = the intent's reference, the frozen fee lines as PhiLePhi);
 *   the platform answers with the page the citizen is sent to, kept on the intent.
 * - handlePaygovConfirm: the platform's signed confirmation (server to server). Checked in order: message shape,
 *   partner, checksum, reference known, amount, state; every call is written to gateway_events with the reason and a
 *   refused one changes nothing else (a 4xx with {maLoi, moTaLoi}). A repeated confirmation is answered 00 and
 *   changes nothing.
 * - requeryPaygov: GET_BILL for an open intent (the page's re-query, the stale re-query and the expiry sweep), the
 *   "TaskCheckConfirmGiaoDichTTTT" of the production code: a definite bill settles like a confirmation.
 * - paygovStatement: GET_BILL for each PayGov payment of a period, as statement rows for reconciliation.
 */
import { z } from 'zod';
import type { StatementRow } from '../../../core/payments/statement.ts';
import {
  buildGetBill,
  buildInit,
  callPlatform,
  feeLinesToPhiLePhi,
  readPaygovResult,
  verifyMessage,
  type BillMessage,
  type InitResult,
} from '../../adapters/paygov.ts';
import type { GatewayResult } from '../../adapters/vnpay.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { prepareTransition } from '../dossiers/index.ts';
import { paymentConfig } from './config.ts';
import type { IntentRow, LedgerSource } from './ledger.ts';
import { applyGatewayResult, isUniqueViolation, logEvent, Rejected } from './settle.ts';
import { gatewayFetch } from './transport.ts';

const cfgOf = (ctx: AppContext) => paymentConfig(ctx.config.publicUrl);

interface BillSource {
  code: string;
  procedure_code: string;
  procedure_name: string;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_address: string | null;
  unit_code: string | null;
  unit_name: string;
  fee_quote: { lines?: { code: string; name: string; kind: string; net: number }[]; total?: number } | null;
}

/** Opens the intent at the platform; returns the payment page's address (kept on the intent). */
export async function initPaygov(ctx: AppContext, i: IntentRow): Promise<string> {
  const cfg = cfgOf(ctx);
  const d = (
    await ctx.db.query<BillSource>(
      `SELECT d.code, d.procedure_code, d.procedure_name, d.applicant_name, d.applicant_id_number, d.applicant->>'address' AS applicant_address,
              u.agency_code AS unit_code, u.name AS unit_name, d.fee_quote
         FROM dossiers d JOIN org_units u ON u.id = d.receiving_unit_id WHERE d.id = $1`,
      [i.dossier_id],
    )
  ).rows[0];
  // The frozen quote's lines when they add up to the amount; otherwise (an amount requested in status 6) one line.
  const lines = feeLinesToPhiLePhi(d.fee_quote?.lines ?? []);
  const phiLePhi =
    lines.reduce((n, l) => n + l.SoTien, 0) === i.amount
      ? lines
      : [{ LoaiPhiLePhi: '2' as const, MaPhiLePhi: 'NVTC', TenPhiLePhi: 'Nghĩa vụ tài chính', SoTien: i.amount }];
  const description = `Thanh toan phi le phi ho so ${d.code}`;
  const message = buildInit(cfg.paygov, {
    reference: i.reference,
    amount: i.amount,
    at: now(),
    ip: '127.0.0.1',
    description,
    bill: {
      MaDVC: d.procedure_code,
      TenDVC: d.procedure_name,
      MaTTHC: d.procedure_code,
      TenTTHC: d.procedure_name,
      MaDonVi: d.unit_code ?? '',
      TenDonVi: d.unit_name,
      MaHoSo: d.code,
      TKThuHuong: cfg.paygovBeneficiary.account,
      MaNHThuHuong: cfg.paygovBeneficiary.bank,
      TenTKThuHuong: cfg.paygovBeneficiary.name || d.unit_name,
      NoiDungThanhToan: description,
      HoTenNguoiNop: d.applicant_name,
      SoCMNDNguoiNop: d.applicant_id_number ?? '',
      DiaChiNguoiNop: d.applicant_address ?? '',
      PhiLePhi: phiLePhi,
      DSKhoanNop: phiLePhi.map((l) => ({ NoiDung: l.TenPhiLePhi, SoTien: l.SoTien })),
    },
  });
  const answer = await callPlatform<InitResult & Record<string, unknown>>(cfg.paygov, message, gatewayFetch(ctx));
  if (answer.maLoi !== '00' || answer.MaThamChieu !== i.reference || typeof answer.UrlThanhToan !== 'string' || !/^https?:\/\//.test(answer.UrlThanhToan))
    throw new Error(`INIT refused: ${answer.maLoi} ${String(answer.moTaLoi ?? '').slice(0, 100)}`);
  await ctx.db.query("UPDATE payment_intents SET gateway_payment_url = $2 WHERE id = $1 AND state IN ('created', 'pending')", [i.id, answer.UrlThanhToan]);
  return answer.UrlThanhToan;
}

/** The confirmation as MotCua accepts it (strict: a field of another type is a malformed message). */
const ConfirmShape = z.strictObject({
  LoaiBanTin: z.literal('CONFIRM'),
  MaDoiTac: z.string().min(1).max(50),
  MaThamChieu: z.string().min(1).max(100),
  MaGiaoDich: z.string().min(1).max(100),
  SoTien: z.number(),
  TrangThai: z.enum(['00', '01', '02']),
  ThoiGianGD: z.string().regex(/^\d{14}$/),
  MaXacThuc: z.string().min(1).max(200),
});

export interface ConfirmAnswer {
  status: number;
  body: { maLoi: string; moTaLoi: string };
}

const asGatewayResult = (r: ReturnType<typeof readPaygovResult>, partner: string): GatewayResult => ({
  reference: r.reference,
  amount: r.amount,
  success: r.success,
  responseCode: r.responseCode,
  transactionStatus: r.responseCode,
  transactionNo: r.transactionNo,
  bankCode: 'PAYGOV',
  payDate: r.payDate,
  tmnCode: partner,
});

/** The platform's confirmation: verified, logged, and (only when valid) settled. */
export async function handlePaygovConfirm(ctx: AppContext, body: unknown, ip: string): Promise<ConfirmAnswer> {
  const cfg = cfgOf(ctx).paygov;
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : { body };
  const reference = typeof raw.MaThamChieu === 'string' ? raw.MaThamChieu : undefined;
  const reject = async (status: number, maLoi: string, moTaLoi: string, reason: string, intentId?: string): Promise<ConfirmAnswer> => {
    await logEvent(ctx.db, { gateway: 'paygov', kind: 'ipn', reference, intentId, outcome: 'rejected', reason, responseCode: maLoi, params: raw, ip });
    return { status, body: { maLoi, moTaLoi } };
  };
  const parsed = ConfirmShape.safeParse(raw);
  if (!parsed.success) return reject(400, '01', 'Bản tin xác nhận không đúng định dạng.', `malformed: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  const m = parsed.data;
  if (m.MaDoiTac !== cfg.partnerCode) return reject(401, '97', 'Mã đối tác không đúng.', 'wrong_partner');
  if (!verifyMessage(cfg, m)) return reject(401, '97', 'Mã xác thực (MaXacThuc) không đúng.', 'invalid_checksum');
  const r = readPaygovResult(m);
  if (!r.final) return reject(400, '01', 'Bản tin xác nhận chưa có kết quả thanh toán.', 'not_final');
  const intent = (
    await ctx.db.query<{ id: string; dossier_id: string; state: string; gateway_transaction_no: string | null }>(
      "SELECT id, dossier_id, state, gateway_transaction_no FROM payment_intents WHERE gateway = 'paygov' AND reference = $1",
      [m.MaThamChieu],
    )
  ).rows[0];
  if (!intent) return reject(404, '01', 'Không tìm thấy giao dịch có mã tham chiếu này.', 'unknown_reference');
  // A cancellation repeated: nothing to do, the platform may stop sending it.
  if (!r.success && intent.state === 'failed' && (intent.gateway_transaction_no ?? '') === '') {
    await logEvent(ctx.db, {
      gateway: 'paygov',
      kind: 'ipn',
      reference,
      intentId: intent.id,
      outcome: 'ignored',
      reason: 'replay: already failed',
      responseCode: '00',
      params: raw,
      ip,
    });
    return { status: 200, body: { maLoi: '00', moTaLoi: 'Đã ghi nhận trước đó' } };
  }
  const at = now();
  const env = await prepareTransition(ctx, intent.dossier_id, 'record_payment');
  try {
    const outcome = await ctx.db.transaction(async (tx) => {
      const o = await applyGatewayResult(env, tx, intent.id, asGatewayResult(r, m.MaDoiTac), 'ipn', at);
      await logEvent(tx, {
        gateway: 'paygov',
        kind: 'ipn',
        reference,
        intentId: intent.id,
        outcome: 'accepted',
        reason: o,
        responseCode: '00',
        params: raw,
        ip,
      });
      return o;
    });
    void outcome;
    return { status: 200, body: { maLoi: '00', moTaLoi: 'Thành công' } };
  } catch (err) {
    if (err instanceof Rejected) {
      if (err.reason.startsWith('replay')) {
        await logEvent(ctx.db, {
          gateway: 'paygov',
          kind: 'ipn',
          reference,
          intentId: intent.id,
          outcome: 'ignored',
          reason: err.reason,
          responseCode: '00',
          params: raw,
          ip,
        });
        return { status: 200, body: { maLoi: '00', moTaLoi: 'Đã ghi nhận trước đó' } };
      }
      if (err.code === '04') return reject(409, '04', 'Số tiền không khớp với khoản phải nộp.', err.reason, intent.id);
      return reject(409, '02', 'Giao dịch đã được xử lý hoặc đã hết hạn.', err.reason, intent.id);
    }
    if (isUniqueViolation(err)) return reject(409, '02', 'Giao dịch đang được xử lý.', 'concurrent_duplicate', intent.id);
    await reject(500, '99', 'Lỗi hệ thống.', `error: ${String((err as Error)?.message ?? err).slice(0, 300)}`, intent.id).catch(() => undefined);
    // The platform retries: answer as a temporary failure.
    return { status: 503, body: { maLoi: '99', moTaLoi: 'Hệ thống tạm thời chưa ghi nhận được. Vui lòng gửi lại sau.' } };
  }
}

/** The browser's return from the platform: logged, never trusted. */
export async function handlePaygovReturn(ctx: AppContext, query: unknown, ip: string): Promise<string | null> {
  const q = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const reference = typeof q.MaThamChieu === 'string' && q.MaThamChieu.length <= 100 ? q.MaThamChieu : '';
  const intent = reference
    ? (await ctx.db.query<{ id: string }>("SELECT id FROM payment_intents WHERE gateway = 'paygov' AND reference = $1", [reference])).rows[0]
    : undefined;
  await logEvent(ctx.db, {
    gateway: 'paygov',
    kind: 'return',
    reference: reference || undefined,
    intentId: intent?.id,
    outcome: intent ? 'ignored' : 'rejected',
    reason: intent ? 'return_url_not_trusted' : 'unknown_reference',
    params: q,
    ip,
  });
  return intent?.id ?? null;
}

/** GET_BILL for one reference; the verified bill, or null when the platform does not know it. */
export async function getBill(ctx: AppContext, reference: string): Promise<BillMessage | null> {
  const cfg = cfgOf(ctx).paygov;
  const bill = await callPlatform<BillMessage & Record<string, unknown>>(cfg, buildGetBill(cfg, { reference, at: now() }), gatewayFetch(ctx));
  if (bill.maLoi === '04') return null;
  if (bill.maLoi !== '00' || bill.MaThamChieu !== reference) throw new Error(`GET_BILL refused: ${bill.maLoi}`);
  return bill;
}

/** Asks the platform about an open intent (GET_BILL) and applies a definite answer. */
export async function requeryPaygov(ctx: AppContext, i: IntentRow, source: LedgerSource): Promise<void> {
  const bill = await getBill(ctx, i.reference);
  const params = bill ? { ...bill } : { MaThamChieu: i.reference, maLoi: '04' };
  const r = bill ? readPaygovResult(bill) : null;
  if (!r?.final || !bill) {
    await logEvent(ctx.db, {
      gateway: 'paygov',
      kind: 'requery',
      reference: i.reference,
      intentId: i.id,
      outcome: 'ignored',
      reason: r ? 'still_pending' : 'not_found',
      params,
    });
    return;
  }
  const env = await prepareTransition(ctx, i.dossier_id, 'record_payment');
  try {
    await ctx.db.transaction(async (tx) => {
      const o = await applyGatewayResult(env, tx, i.id, asGatewayResult(r, bill.MaDoiTac), source, now());
      await logEvent(tx, { gateway: 'paygov', kind: 'requery', reference: i.reference, intentId: i.id, outcome: 'accepted', reason: o, params });
    });
  } catch (err) {
    if (!(err instanceof Rejected) && !isUniqueViolation(err)) throw err;
    await logEvent(ctx.db, {
      gateway: 'paygov',
      kind: 'requery',
      reference: i.reference,
      intentId: i.id,
      outcome: 'rejected',
      reason: err instanceof Rejected ? err.reason : 'concurrent_duplicate',
      params,
    });
  }
}

/**
 * The platform's word on each PayGov payment of the period (GET_BILL per reference), as statement rows: a paid bill
 * is a success, a cancelled one a failure; a reference the platform does not know has no row (so a payment the
 * ledger holds as paid is reported missing).
 */
export async function paygovStatement(ctx: AppContext, references: string[]): Promise<StatementRow[]> {
  const rows: StatementRow[] = [];
  for (const reference of references) {
    const bill = await getBill(ctx, reference);
    if (!bill || bill.TrangThai === '02') continue;
    const r = readPaygovResult(bill);
    rows.push({
      reference,
      transactionNo: bill.MaGiaoDich,
      amount: r.amount,
      status: r.success ? 'success' : 'failed',
      at: (r.payDate ?? now()).toISOString(),
      line: rows.length + 1,
    });
  }
  return rows;
}
