/**
 * The payment ledger and what writes to it: intents, their transitions (each one an append-only ledger entry in
 * the same transaction as the state change), receipts numbered per unit and year, counter payments and refund
 * requests. Called inside the caller's transaction (the workflow engine for counter payments and refunds, the
 * payment service for gateway callbacks). Does not import the workflow engine.
 */
import crypto from 'node:crypto';
import { canTransition, paidOnlineVia, receiptAmounts, type PaymentState } from '../../../core/payments/states.ts';
import { localDay, localYear } from '../../../core/time/local.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { enqueue } from '../../outbox/outbox.ts';

export const REFUND_TOPIC = 'payment.refund';

export interface IntentRow {
  id: string;
  dossier_id: string;
  idempotency_key: string;
  gateway: 'vnpay' | 'paygov' | 'counter';
  reference: string;
  amount: number;
  state: PaymentState;
  purpose: 'submission' | 'financial_obligation';
  method: string | null;
  created_by_kind: string;
  created_by: string;
  gateway_transaction_no: string | null;
  bank_code: string | null;
  failure_code: string | null;
  created_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  updated_at: Date;
}

export type LedgerSource = 'citizen' | 'official' | 'ipn' | 'requery' | 'sweep' | 'refund_api';

export async function appendLedger(
  tx: Queryable,
  i: Pick<IntentRow, 'id' | 'dossier_id' | 'amount'>,
  entry: string,
  from: PaymentState | null,
  to: PaymentState,
  source: LedgerSource,
  at: Date,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx.query('INSERT INTO payment_ledger (intent_id, dossier_id, entry, from_state, to_state, amount, source, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    i.id, i.dossier_id, entry, from, to, i.amount, source, detail, at,
  ]);
}

/** Moves a (locked) intent to a new state and writes the ledger entry; refuses transitions the machine does not allow. */
export async function transition(
  tx: Queryable,
  i: IntentRow,
  to: PaymentState,
  source: LedgerSource,
  at: Date,
  detail: Record<string, unknown> = {},
  set: { transactionNo?: string; bankCode?: string; failureCode?: string; paidAt?: Date } = {},
): Promise<IntentRow> {
  if (!canTransition(i.state, to)) throw new AppError('PAYMENT_STATE_INVALID', `Giao dịch thanh toán đang ở trạng thái "${i.state}", không thể chuyển sang "${to}".`, 409);
  const row = (await tx.query<IntentRow>(
    `UPDATE payment_intents SET state = $2, updated_at = $3, gateway_transaction_no = COALESCE($4, gateway_transaction_no), bank_code = COALESCE($5, bank_code),
            failure_code = COALESCE($6, failure_code), paid_at = COALESCE($7, paid_at)
      WHERE id = $1 AND state = $8 RETURNING *`,
    [i.id, to, at, set.transactionNo ?? null, set.bankCode ?? null, set.failureCode ?? null, set.paidAt ?? null, i.state],
  )).rows[0];
  if (!row) throw new AppError('PAYMENT_STATE_CHANGED', 'Trạng thái giao dịch vừa thay đổi. Vui lòng tải lại.', 409);
  await appendLedger(tx, i, to, i.state, to, source, at, detail);
  return row;
}

export async function insertIntent(
  tx: Queryable,
  p: {
    dossierId: string; idempotencyKey: string; gateway: IntentRow['gateway']; reference?: string; amount: number; purpose: IntentRow['purpose']; method?: string;
    createdBy: { kind: 'citizen' | 'official' | 'system'; id: string }; at: Date; expiresAt: Date; source: LedgerSource;
  },
): Promise<IntentRow> {
  const id = crypto.randomUUID();
  const reference = p.reference ?? newReference(p.at);
  const row = (await tx.query<IntentRow>(
    `INSERT INTO payment_intents (id, dossier_id, idempotency_key, gateway, reference, amount, state, purpose, method, created_by_kind, created_by, created_at, expires_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'created', $7, $8, $9, $10, $11, $12, $11) RETURNING *`,
    [id, p.dossierId, p.idempotencyKey, p.gateway, reference, p.amount, p.purpose, p.method ?? null, p.createdBy.kind, p.createdBy.id, p.at, p.expiresAt],
  )).rows[0];
  await appendLedger(tx, row, 'created', null, 'created', p.source, p.at, { gateway: p.gateway, reference });
  return row;
}

/** A gateway reference: date (Vietnam time) plus 10 random digits; ≤ 100 characters, alphanumeric as VNPay asks. */
export function newReference(at: Date): string {
  const day = localDay(at).slice(2).replace(/-/g, '');
  return `MC${day}${crypto.randomInt(0, 10_000_000_000).toString().padStart(10, '0')}`;
}

interface DossierForReceipt {
  id: string;
  code: string;
  receiving_unit_id: string;
  applicant_name: string;
  applicant_id_number: string | null;
  fee_quote: { lines: { code: string; name: string; kind: string; gross: number; reduction: number; net: number }[]; total: number } | null;
}

/** Issues the receipt (biên lai điện tử) of a paid intent: the next number of the receiving unit's book for the year. */
export async function issueReceipt(tx: Queryable, i: IntentRow, at: Date): Promise<{ id: string; number: string }> {
  const existing = (await tx.query<{ id: string; number: string }>('SELECT id, number FROM receipts WHERE intent_id = $1', [i.id])).rows[0];
  if (existing) return existing;
  const d = (await tx.query<DossierForReceipt>('SELECT id, code, receiving_unit_id, applicant_name, applicant_id_number, fee_quote FROM dossiers WHERE id = $1', [i.dossier_id])).rows[0];
  const year = localYear(at);
  const seq = (await tx.query<{ last_value: number }>(
    `INSERT INTO receipt_counters (unit_id, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (unit_id, year) DO UPDATE SET last_value = receipt_counters.last_value + 1 RETURNING last_value`,
    [d.receiving_unit_id, year],
  )).rows[0].last_value;
  const number = `${String(seq).padStart(7, '0')}/BLĐT-${year}`;
  const amounts = i.gateway === 'counter' ? receiptAmounts(null, i.amount) : receiptAmounts(d.fee_quote, i.amount);
  const id = crypto.randomUUID();
  const method = i.gateway === 'counter' ? (i.method ?? 'cash') : i.gateway;
  await tx.query(
    `INSERT INTO receipts (id, intent_id, dossier_id, unit_id, year, seq, number, payer_name, payer_id_number, lines, gross, reduction, net, method, paid_online_via, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [id, i.id, d.id, d.receiving_unit_id, year, seq, number, d.applicant_name, d.applicant_id_number, JSON.stringify(amounts.lines), amounts.gross, amounts.reduction, amounts.net, method, paidOnlineVia(i.gateway), at],
  );
  return { id, number };
}

/**
 * Marks a dossier paid by this (already paid) intent: payment state, how it was paid (indicator 3.6) and the
 * receipt. When the dossier was already paid by another intent (the citizen paid twice, or paid online while
 * the counter recorded cash), the second payment is refunded at once.
 */
export async function applyPaidToDossier(tx: Queryable, i: IntentRow, at: Date, source: LedgerSource): Promise<{ receipt: { id: string; number: string }; duplicate: boolean }> {
  const d = (await tx.query<{ payment_state: string }>('SELECT payment_state FROM dossiers WHERE id = $1 FOR UPDATE', [i.dossier_id])).rows[0];
  const receipt = await issueReceipt(tx, i, at);
  const duplicate = d.payment_state === 'paid' || d.payment_state === 'refund_pending' || d.payment_state === 'refunded';
  if (duplicate) {
    await requestRefund(tx, i, 'Nộp trùng: hồ sơ đã được thanh toán trước đó.', at, source);
  } else {
    await tx.query("UPDATE dossiers SET payment_state = 'paid', paid_online_via = $2, updated_at = $3 WHERE id = $1", [i.dossier_id, paidOnlineVia(i.gateway), at]);
  }
  return { receipt, duplicate };
}

/** Opens the refund of a paid intent: ledger entry, refund row, and (for a gateway) an outbox message to call its refund API. */
export async function requestRefund(tx: Queryable, i: IntentRow, reason: string, at: Date, source: LedgerSource): Promise<{ id: string; state: string } | null> {
  const id = crypto.randomUUID();
  const state = i.gateway === 'counter' ? 'at_counter' : 'requested';
  const inserted = (await tx.query<{ id: string }>(
    'INSERT INTO payment_refunds (id, intent_id, dossier_id, amount, reason, state, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (intent_id) DO NOTHING RETURNING id',
    [id, i.id, i.dossier_id, i.amount, reason, state, at],
  )).rows[0];
  if (!inserted) return null;
  await appendLedger(tx, i, 'refund_requested', i.state, i.state, source, at, { refundId: id, reason, via: state === 'at_counter' ? 'counter' : i.gateway });
  if (state === 'requested') await enqueue(tx, REFUND_TOPIC, `refund:${id}`, { refundId: id });
  return { id, state };
}

/** On refusal or stop of a dossier: every paid intent is refunded; the dossier's payment axis shows the refund pending. */
export async function refundDossierInTx(tx: Queryable, dossierId: string, reason: string, at: Date): Promise<{ id: string; state: string; amount: number }[]> {
  const paid = (await tx.query<IntentRow>("SELECT * FROM payment_intents WHERE dossier_id = $1 AND state = 'paid' ORDER BY created_at FOR UPDATE", [dossierId])).rows;
  const out: { id: string; state: string; amount: number }[] = [];
  for (const i of paid) {
    const r = await requestRefund(tx, i, reason, at, 'official');
    if (r) out.push({ ...r, amount: i.amount });
  }
  if (out.length > 0) await tx.query("UPDATE dossiers SET payment_state = 'refund_pending', updated_at = $2 WHERE id = $1", [dossierId, at]);
  return out;
}

/**
 * A payment taken at the counter (cash or card terminal), recorded by the official inside the workflow engine's
 * transaction: an intent born paid, its ledger entries and the receipt.
 */
export async function recordCounterPaymentInTx(
  tx: Queryable,
  p: { dossierId: string; amount: number; method: 'cash' | 'card'; receiptNumber?: string; officialId: string; at: Date },
): Promise<{ intentId: string; receipt: { id: string; number: string } }> {
  const intent = await insertIntent(tx, {
    dossierId: p.dossierId, idempotencyKey: `counter:${crypto.randomUUID()}`, gateway: 'counter', amount: p.amount, purpose: 'financial_obligation', method: p.method,
    createdBy: { kind: 'official', id: p.officialId }, at: p.at, expiresAt: p.at, source: 'official',
  });
  const paid = await transition(tx, intent, 'paid', 'official', p.at, { method: p.method, ...(p.receiptNumber ? { terminalReceipt: p.receiptNumber } : {}) }, { paidAt: p.at, ...(p.receiptNumber ? { transactionNo: p.receiptNumber } : {}) });
  const { receipt } = await applyPaidToDossier(tx, paid, p.at, 'official');
  return { intentId: intent.id, receipt };
}
