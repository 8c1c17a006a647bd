/**
 * What every gateway's verified word goes through (VNPay's IPN and querydr, PayGov's confirmation and GET_BILL):
 * the gateway_events log, and the settlement of an intent inside one transaction with its row locked.
 */
import { checkPaid, isOpen, paidOnlineVia } from '../../../core/payments/states.ts';
import type { GatewayResult, IpnResponseCode } from '../../adapters/vnpay.ts';
import { systemNow } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import { transition, type TransitionEnv } from '../dossiers/index.ts';
import { applyPaidToDossier, transitionIntent, type IntentRow, type LedgerSource } from './ledger.ts';

export const GATEWAY_NAMES = { vnpay: 'Cổng thanh toán VNPay (của tỉnh)', paygov: 'Nền tảng thanh toán trên Cổng DVCQG', counter: 'Nộp tại quầy' } as const;

export const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

/** Text as it may be stored: no NUL (PostgreSQL refuses it in text and jsonb), at most 2 000 characters. */
const clean = (v: string) => v.replaceAll('\u0000', '\uFFFD').slice(0, 2000);

/** What a caller sent, as it may be logged: strings cleaned, at most 64 keys per object, 8 levels deep. */
export function loggable(v: unknown, depth = 0): Record<string, unknown> {
  const walk = (x: unknown, d: number): unknown => {
    if (typeof x === 'string') return clean(x);
    if (x === null || typeof x === 'number' || typeof x === 'boolean') return x;
    if (d > 8) return '…';
    if (Array.isArray(x)) return x.slice(0, 64).map((y) => walk(y, d + 1));
    if (typeof x === 'object')
      return Object.fromEntries(
        Object.entries(x as Record<string, unknown>)
          .slice(0, 64)
          .map(([k, y]) => [clean(k).slice(0, 100), walk(y, d + 1)]),
      );
    return String(x);
  };
  const out = walk(v, depth);
  return out && typeof out === 'object' && !Array.isArray(out) ? (out as Record<string, unknown>) : { value: out };
}

export async function logEvent(
  db: Queryable,
  e: {
    gateway: string;
    kind: 'ipn' | 'return' | 'requery' | 'refund';
    reference?: string;
    intentId?: string;
    outcome: 'accepted' | 'rejected' | 'ignored';
    reason?: string;
    responseCode?: string;
    params: Record<string, unknown>;
    ip?: string;
  },
) {
  await db.query(
    'INSERT INTO gateway_events (gateway, kind, reference, intent_id, outcome, reason, response_code, params, remote_ip, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [
      e.gateway,
      e.kind,
      e.reference == null ? null : clean(e.reference),
      e.intentId ?? null,
      e.outcome,
      e.reason == null ? null : clean(e.reason),
      e.responseCode == null ? null : clean(e.responseCode),
      loggable(e.params),
      e.ip ?? null,
      systemNow(),
    ],
  );
}

export class Rejected extends Error {
  constructor(
    readonly code: IpnResponseCode,
    readonly reason: string,
    readonly intentId?: string,
  ) {
    super(reason);
  }
}

/**
 * Applies the gateway's verified word on an intent (IPN or re-query), inside one transaction with the intent row
 * locked. Returns what was done; throws Rejected when the word cannot be applied (nothing changes).
 */
export async function applyGatewayResult(
  env: TransitionEnv,
  tx: Queryable,
  intentId: string,
  r: GatewayResult,
  source: LedgerSource,
  at: Date,
): Promise<'paid' | 'failed'> {
  const i = (await tx.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1 FOR UPDATE', [intentId])).rows[0];
  if (r.amount !== i.amount) throw new Rejected('04', `amount_mismatch: expected ${i.amount}, got ${Number.isNaN(r.amount) ? 'invalid' : r.amount}`, i.id);
  if (!isOpen(i.state)) {
    const replay = (i.state === 'paid' || i.state === 'refunded') && r.success && (i.gateway_transaction_no ?? '') === r.transactionNo;
    throw new Rejected('02', replay ? 'replay: already paid' : `already_final: ${i.state}`, i.id);
  }
  if (!r.success) {
    await transitionIntent(
      tx,
      i,
      'failed',
      source,
      at,
      { responseCode: r.responseCode, transactionStatus: r.transactionStatus },
      { failureCode: r.responseCode || r.transactionStatus },
    );
    return 'failed';
  }
  const ok = checkPaid({ state: i.state, expiresAt: new Date(i.expires_at) }, r.payDate ?? at);
  if (!ok.ok) throw new Rejected('02', `intent_${ok.reason}`, i.id);
  const paid = await transitionIntent(
    tx,
    i,
    'paid',
    source,
    at,
    { transactionNo: r.transactionNo, bankCode: r.bankCode, payDate: r.payDate?.toISOString() ?? null },
    {
      transactionNo: r.transactionNo,
      bankCode: r.bankCode,
      paidAt: r.payDate ?? at,
    },
  );
  await settleDossier(env, tx, paid, at, source);
  return 'paid';
}

/** The dossier side of a settled online payment: receipt, payment axis, 3.6 code, then the dossier's transition. */
export async function settleDossier(env: TransitionEnv, tx: Queryable, i: IntentRow, at: Date, source: LedgerSource) {
  const { receipt, duplicate } = await applyPaidToDossier(tx, i, at, source);
  await transition(
    tx,
    env,
    i.dossier_id,
    { action: 'record_payment', payment: { amount: i.amount, method: 'online', gateway: i.gateway } },
    { kind: 'system', id: i.gateway, name: GATEWAY_NAMES[i.gateway], role: 'payment_gateway' },
    {
      record: {
        gateway: i.gateway,
        reference: i.reference,
        transactionNo: i.gateway_transaction_no,
        receipt,
        paidOnlineVia: paidOnlineVia(i.gateway),
        source,
        ...(duplicate ? { duplicate: true, refund: 'requested' } : {}),
      },
    },
  );
}
