/**
 * Online payment of a dossier's fees (FormSG's pending submission → payment → webhook → finalise, with GOV.UK
 * Pay's state machine and ledger):
 *
 * - startPayment: one intent per attempt, keyed by the client's idempotency key; at most one open intent per
 *   dossier; the browser is sent to the gateway's signed payment URL. Abandoned intents expire after 30 minutes.
 * - handleVnpayIpn: the gateway's server-to-server notification. Verified in VNPay's order (signature, order,
 *   amount, state); every call is written to gateway_events, and a rejected one changes nothing else. The intent
 *   row is locked, so concurrent deliveries of the same IPN record exactly one payment.
 * - The browser's return URL is logged and shown, never trusted: only a verified IPN or a re-query settles.
 * - settle: paid → ledger, receipt, dossier payment axis and 766 indicator 3.6 code, then the dossier's
 *   `record_payment` transition (src/server/modules/dossiers/transition.ts; a dossier waiting in status 6 resumes),
 *   the same path as a counter payment.
 */
import crypto from 'node:crypto';
import { NationalStatus } from '../../../core/dossiers/status.ts';
import { amountDue, INTENT_TTL_MINUTES, isOpen } from '../../../core/payments/states.ts';
import { IPN_MESSAGES, paymentUrl, queryParams, queryTransaction, readResult, verify, type IpnResponseCode } from '../../adapters/vnpay.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { prepareTransition } from '../dossiers/index.ts';
import { paymentConfig } from './config.ts';
import { insertIntent, transitionIntent, type IntentRow, type LedgerSource } from './ledger.ts';
import { initPaygov, requeryPaygov } from './paygov-flow.ts';
import { applyGatewayResult, isUniqueViolation, logEvent, Rejected } from './settle.ts';
import { gatewayFetch } from './transport.ts';

/** Dossier statuses in which the applicant may pay: after submission and until a decision. */
const PAYABLE = new Set<number>([
  NationalStatus.NEW,
  NationalStatus.RECEIVED,
  NationalStatus.PROCESSING,
  NationalStatus.SUPPLEMENT_REQUESTED,
  NationalStatus.FINANCIAL_OBLIGATION,
]);

export { GATEWAY_NAMES } from './settle.ts';

export function intentView(ctx: AppContext, i: IntentRow) {
  return {
    id: i.id,
    dossierId: i.dossier_id,
    reference: i.reference,
    gateway: i.gateway,
    amount: i.amount,
    state: i.state,
    purpose: i.purpose,
    method: i.method,
    failureCode: i.failure_code,
    createdAt: new Date(i.created_at).toISOString(),
    expiresAt: new Date(i.expires_at).toISOString(),
    paidAt: i.paid_at ? new Date(i.paid_at).toISOString() : null,
    paymentUrl: !isOpen(i.state) ? null : i.gateway === 'vnpay' ? intentPaymentUrl(ctx, i) : i.gateway === 'paygov' ? (i.gateway_payment_url ?? null) : null,
  };
}

export const orderInfo = (code: string) => `Thanh toan phi le phi ho so ${code}`;

function intentPaymentUrl(ctx: AppContext, i: IntentRow): string {
  const cfg = paymentConfig(ctx.config.publicUrl);
  return paymentUrl(cfg.vnpay, {
    reference: i.reference,
    amount: i.amount,
    orderInfo: orderInfo(i.reference),
    returnUrl: cfg.returnUrl,
    ipAddr: '127.0.0.1',
    createdAt: new Date(i.created_at),
    expiresAt: new Date(i.expires_at),
  });
}

interface DossierPayRow {
  id: string;
  code: string;
  status: number;
  owner_citizen_id: string | null;
  payment_state: string;
  payment_due: number | null;
  fee_total: number;
  fee_quote: unknown;
  paid_online_via: number | null;
  unit_ids: string[];
}

/** The payment side of a dossier: what is owed, the frozen quote, attempts and receipts. */
export async function dossierPayment(ctx: AppContext, db: Queryable, d: DossierPayRow) {
  const intents = (await db.query<IntentRow>('SELECT * FROM payment_intents WHERE dossier_id = $1 ORDER BY created_at DESC, id', [d.id])).rows;
  const receipts = (
    await db.query<{ id: string; number: string; net: number; gross: number; reduction: number; method: string; issued_at: Date; intent_id: string }>(
      'SELECT id, number, net, gross, reduction, method, issued_at, intent_id FROM receipts WHERE dossier_id = $1 ORDER BY issued_at, number',
      [d.id],
    )
  ).rows;
  const refunds = (
    await db.query<{ id: string; amount: number; state: string; reason: string; requested_at: Date; done_at: Date | null }>(
      'SELECT id, amount, state, reason, requested_at, done_at FROM payment_refunds WHERE dossier_id = $1 ORDER BY requested_at',
      [d.id],
    )
  ).rows;
  const due = PAYABLE.has(d.status) ? amountDue({ paymentState: d.payment_state, paymentDue: d.payment_due, feeTotal: d.fee_total }) : 0;
  return {
    dossierId: d.id,
    dossierCode: d.code,
    status: d.status,
    paymentState: d.payment_state,
    amountDue: due,
    feeTotal: d.fee_total,
    feeQuote: d.fee_quote,
    paidOnlineVia: d.paid_online_via,
    gateways: paymentConfig(ctx.config.publicUrl).paygovEnabled ? (['vnpay', 'paygov'] as const).slice() : (['vnpay'] as const).slice(),
    intents: intents.map((i) => intentView(ctx, i)),
    receipts: receipts.map((r) => ({
      id: r.id,
      number: r.number,
      net: r.net,
      gross: r.gross,
      reduction: r.reduction,
      method: r.method,
      issuedAt: new Date(r.issued_at).toISOString(),
      intentId: r.intent_id,
    })),
    refunds: refunds.map((r) => ({
      id: r.id,
      amount: r.amount,
      state: r.state,
      reason: r.reason,
      requestedAt: new Date(r.requested_at).toISOString(),
      doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
    })),
  };
}

export async function loadDossierForPayment(db: Queryable, dossierId: string, lock = false): Promise<DossierPayRow> {
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const d = (
    await db.query<DossierPayRow>(
      `SELECT id, code, status, owner_citizen_id, payment_state, payment_due, fee_total, fee_quote, paid_online_via, unit_ids FROM dossiers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [dossierId],
    )
  ).rows[0];
  if (!d) throw notFound('Không tìm thấy hồ sơ.');
  return d;
}

/**
 * Starts (or resumes) an online payment of the dossier's fees. Idempotent on the key. A PayGov attempt is then
 * opened at the platform (INIT, idempotent on MaThamChieu) and the citizen is sent to the page it answers with; when
 * the platform cannot be reached the intent stays pending and the next click (or the expiry sweep) takes it up.
 */
export async function startPayment(ctx: AppContext, citizen: CitizenActor, dossierId: string, input: { idempotencyKey: string; gateway: 'vnpay' | 'paygov' }) {
  if (input.gateway === 'paygov' && !paymentConfig(ctx.config.publicUrl).paygovEnabled)
    throw new AppError('GATEWAY_NOT_CONFIGURED', 'Hình thức thanh toán này chưa được cấu hình tại địa phương.', 409);
  const r = await openIntent(ctx, citizen, dossierId, input);
  if (r.intent.gateway === 'paygov' && r.intent.state === 'pending' && !r.intent.paymentUrl) {
    const i = await loadIntent(ctx.db, r.intent.id);
    const url = await initPaygov(ctx, i).catch((err: unknown) => {
      throw new AppError('GATEWAY_UNAVAILABLE', 'Chưa liên lạc được với cổng thanh toán. Vui lòng thử lại sau ít phút.', 503, {
        gateway: 'paygov',
        reason: String((err as Error)?.message ?? err).slice(0, 200),
      });
    });
    return { ...r, intent: { ...r.intent, paymentUrl: url } };
  }
  return r;
}

async function openIntent(ctx: AppContext, citizen: CitizenActor, dossierId: string, input: { idempotencyKey: string; gateway: 'vnpay' | 'paygov' }) {
  const byKey = async () =>
    (await ctx.db.query<IntentRow>('SELECT * FROM payment_intents WHERE idempotency_key = $1', [`${citizen.id}:${input.idempotencyKey}`])).rows[0];
  const again = await byKey();
  if (again) {
    if (again.dossier_id !== dossierId) throw new AppError('IDEMPOTENCY_KEY_REUSED', 'Mã yêu cầu đã được dùng cho hồ sơ khác. Vui lòng tải lại trang.', 409);
    return { intent: intentView(ctx, again), created: false };
  }
  await expireDue(ctx, dossierId);
  try {
    return await ctx.db.transaction(async (tx) => {
      const d = await loadDossierForPayment(tx, dossierId, true);
      if (d.owner_citizen_id !== citizen.id) throw notFound('Không tìm thấy hồ sơ.');
      if (!PAYABLE.has(d.status)) throw new AppError('NOT_PAYABLE', 'Hồ sơ ở trạng thái hiện tại không thể thanh toán trực tuyến.', 409);
      const due = amountDue({ paymentState: d.payment_state, paymentDue: d.payment_due, feeTotal: d.fee_total });
      if (due <= 0) throw new AppError('NOTHING_TO_PAY', 'Hồ sơ không có khoản phí, lệ phí nào cần nộp.', 409);
      const open = (await tx.query<IntentRow>("SELECT * FROM payment_intents WHERE dossier_id = $1 AND state IN ('created', 'pending')", [d.id])).rows[0];
      if (open) return { intent: intentView(ctx, open), created: false };
      const at = now();
      const ttl = paymentConfig(ctx.config.publicUrl).intentTtlMinutes || INTENT_TTL_MINUTES;
      const created = await insertIntent(tx, {
        dossierId: d.id,
        idempotencyKey: `${citizen.id}:${input.idempotencyKey}`,
        gateway: input.gateway,
        amount: due,
        purpose: d.status === NationalStatus.FINANCIAL_OBLIGATION ? 'financial_obligation' : 'submission',
        createdBy: { kind: 'citizen', id: citizen.id },
        at,
        expiresAt: new Date(at.getTime() + ttl * 60_000),
        source: 'citizen',
      });
      const pending = await transitionIntent(tx, created, 'pending', 'citizen', at, { redirectedTo: input.gateway });
      return { intent: intentView(ctx, pending), created: true };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A concurrent request with the same key, or a second attempt racing for the dossier's one open intent.
    const winner = await byKey();
    if (winner) return { intent: intentView(ctx, winner), created: false };
    const open = (await ctx.db.query<IntentRow>("SELECT * FROM payment_intents WHERE dossier_id = $1 AND state IN ('created', 'pending')", [dossierId]))
      .rows[0];
    if (open) return { intent: intentView(ctx, open), created: false };
    throw err;
  }
}

/** The VNPay IPN: the answer VNPay expects, after logging the call and (only when valid) settling the intent. */
export async function handleVnpayIpn(ctx: AppContext, rawQuery: unknown, ip: string): Promise<{ RspCode: IpnResponseCode; Message: string }> {
  const params = queryParams(rawQuery);
  const cfg = paymentConfig(ctx.config.publicUrl).vnpay;
  const r = readResult(params);
  const answer = (code: IpnResponseCode) => ({ RspCode: code, Message: IPN_MESSAGES[code] });
  const reject = async (code: IpnResponseCode, reason: string, intentId?: string) => {
    await logEvent(ctx.db, {
      gateway: 'vnpay',
      kind: 'ipn',
      reference: r.reference || undefined,
      intentId,
      outcome: 'rejected',
      reason,
      responseCode: code,
      params,
      ip,
    });
    return answer(code);
  };
  if (!verify(params, cfg.hashSecret)) return reject('97', 'invalid_signature');
  if (r.tmnCode !== cfg.tmnCode) return reject('97', 'wrong_terminal');
  const intent = (
    await ctx.db.query<{ id: string; dossier_id: string }>("SELECT id, dossier_id FROM payment_intents WHERE gateway = 'vnpay' AND reference = $1", [
      r.reference,
    ])
  ).rows[0];
  if (!intent) return reject('01', 'unknown_reference');
  const at = now();
  const env = await prepareTransition(ctx, intent.dossier_id, 'record_payment');
  try {
    const outcome = await ctx.db.transaction(async (tx) => {
      const o = await applyGatewayResult(env, tx, intent.id, r, 'ipn', at);
      await logEvent(tx, {
        gateway: 'vnpay',
        kind: 'ipn',
        reference: r.reference,
        intentId: intent.id,
        outcome: 'accepted',
        reason: o,
        responseCode: '00',
        params,
        ip,
      });
      return o;
    });
    void outcome;
    return answer('00');
  } catch (err) {
    if (err instanceof Rejected) return reject(err.code, err.reason, err.intentId);
    if (isUniqueViolation(err)) return reject('02', 'concurrent_duplicate', intent.id);
    await logEvent(ctx.db, {
      gateway: 'vnpay',
      kind: 'ipn',
      reference: r.reference,
      intentId: intent.id,
      outcome: 'rejected',
      reason: `error: ${String((err as Error)?.message ?? err).slice(0, 300)}`,
      responseCode: '99',
      params,
      ip,
    }).catch(() => undefined);
    return answer('99');
  }
}

/** The browser's return from the gateway: logged and verified, never settles anything. Returns the intent to show. */
export async function handleVnpayReturn(ctx: AppContext, rawQuery: unknown, ip: string): Promise<{ intentId: string | null; signatureValid: boolean }> {
  const params = queryParams(rawQuery);
  const cfg = paymentConfig(ctx.config.publicUrl).vnpay;
  const r = readResult(params);
  const valid = verify(params, cfg.hashSecret);
  const intent = r.reference
    ? (await ctx.db.query<{ id: string }>("SELECT id FROM payment_intents WHERE gateway = 'vnpay' AND reference = $1", [r.reference])).rows[0]
    : undefined;
  await logEvent(ctx.db, {
    gateway: 'vnpay',
    kind: 'return',
    reference: r.reference || undefined,
    intentId: intent?.id,
    outcome: valid ? 'ignored' : 'rejected',
    reason: valid ? `return_url_not_trusted: responseCode ${r.responseCode}` : 'invalid_signature',
    params,
    ip,
  });
  return { intentId: intent?.id ?? null, signatureValid: valid };
}

/** Asks the gateway about an open intent (querydr) and applies a definite answer. */
export async function requeryIntent(ctx: AppContext, intentId: string, source: LedgerSource = 'requery'): Promise<IntentRow> {
  const load = async () => (await ctx.db.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1', [intentId])).rows[0];
  const i = await load();
  if (!i) throw notFound('Không tìm thấy giao dịch thanh toán.');
  if (!isOpen(i.state)) return i;
  if (i.gateway === 'paygov') {
    await requeryPaygov(ctx, i, source);
    return (await load())!;
  }
  if (i.gateway !== 'vnpay') return i;
  const cfg = paymentConfig(ctx.config.publicUrl).vnpay;
  const at = now();
  const q = await queryTransaction(
    cfg,
    { reference: i.reference, createdAt: new Date(i.created_at), orderInfo: `Truy van ${i.reference}`, ipAddr: '127.0.0.1' },
    { at, fetch: gatewayFetch(ctx) },
  );
  const definite = q.found && (q.result.success || q.result.transactionStatus === '02');
  if (!definite) {
    await logEvent(ctx.db, {
      gateway: 'vnpay',
      kind: 'requery',
      reference: i.reference,
      intentId: i.id,
      outcome: 'ignored',
      reason: q.found ? `still_pending: ${q.result.transactionStatus}` : `not_found: ${q.responseCode}`,
      params: q.raw,
    });
    return (await load())!;
  }
  const env = await prepareTransition(ctx, i.dossier_id, 'record_payment');
  try {
    await ctx.db.transaction(async (tx) => {
      const o = await applyGatewayResult(env, tx, i.id, q.result, source, at);
      await logEvent(tx, { gateway: 'vnpay', kind: 'requery', reference: i.reference, intentId: i.id, outcome: 'accepted', reason: o, params: q.raw });
    });
  } catch (err) {
    if (!(err instanceof Rejected) && !isUniqueViolation(err)) throw err;
    await logEvent(ctx.db, {
      gateway: 'vnpay',
      kind: 'requery',
      reference: i.reference,
      intentId: i.id,
      outcome: 'rejected',
      reason: err instanceof Rejected ? err.reason : 'concurrent_duplicate',
      params: q.raw,
    });
  }
  return (await load())!;
}

/**
 * Expiry sweep: open intents past their expiry are re-queried first (a payment that did go through is kept), then
 * marked expired. Several servers may run it: each intent is locked and re-checked before the change.
 */
export async function expireIntents(ctx: AppContext, opts: { dossierId?: string; requery?: boolean } = {}): Promise<number> {
  const at = now();
  const due = (
    await ctx.db.query<IntentRow>(
      `SELECT * FROM payment_intents WHERE state IN ('created', 'pending') AND expires_at < $1${opts.dossierId ? ' AND dossier_id = $2' : ''} ORDER BY expires_at LIMIT 200`,
      opts.dossierId ? [at, opts.dossierId] : [at],
    )
  ).rows;
  let expired = 0;
  for (const i of due) {
    if (opts.requery !== false && (i.gateway === 'vnpay' || i.gateway === 'paygov')) {
      const after = await requeryIntent(ctx, i.id, 'sweep').catch(() => null);
      if (after && !isOpen(after.state)) continue;
    }
    const done = await ctx.db.transaction(async (tx) => {
      const locked = (await tx.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1 FOR UPDATE', [i.id])).rows[0];
      if (!isOpen(locked.state) || new Date(locked.expires_at) >= at) return false;
      await transitionIntent(tx, locked, 'expired', 'sweep', at, { expiresAt: new Date(locked.expires_at).toISOString() });
      return true;
    });
    if (done) expired++;
  }
  return expired;
}

/** Before a new attempt: the dossier's own open intents that are past expiry are closed (without waiting for the sweep). */
async function expireDue(ctx: AppContext, dossierId: string) {
  await expireIntents(ctx, { dossierId });
}

export async function loadIntent(db: Queryable, id: string): Promise<IntentRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Không tìm thấy giao dịch thanh toán.');
  const i = (await db.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1', [id])).rows[0];
  if (!i) throw notFound('Không tìm thấy giao dịch thanh toán.');
  return i;
}

export const newIdempotencyKey = () => crypto.randomUUID();
