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
import { kysely, type DB, type Selectable } from '../../db/kysely.ts';
import { AppError } from '../../http/errors.ts';
import { enqueue } from '../../outbox/outbox.ts';

export const REFUND_TOPIC = 'payment.refund';

/** A payment intent as read (its state's values are PaymentState's: the CHECK of migration 018 lists them). */
export type IntentRow = Selectable<DB['payment_intents']>;
/** What a ledger entry records: a state reached, or a refund requested. */
export type LedgerEntry = DB['payment_ledger']['entry'];

export type LedgerSource = 'citizen' | 'official' | 'ipn' | 'requery' | 'sweep' | 'refund_api';

export async function appendLedger(
  tx: Queryable,
  i: Pick<IntentRow, 'id' | 'dossier_id' | 'amount'>,
  entry: LedgerEntry,
  from: PaymentState | null,
  to: PaymentState,
  source: LedgerSource,
  at: Date,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await kysely(tx)
    .insertInto('payment_ledger')
    .values({ intent_id: i.id, dossier_id: i.dossier_id, entry, from_state: from, to_state: to, amount: i.amount, source, detail, at })
    .execute();
}

/** Moves a (locked) intent to a new state and writes the ledger entry; refuses transitions the machine does not allow. */
export async function transitionIntent(
  tx: Queryable,
  i: IntentRow,
  to: PaymentState,
  source: LedgerSource,
  at: Date,
  detail: Record<string, unknown> = {},
  set: { transactionNo?: string; bankCode?: string; failureCode?: string; paidAt?: Date } = {},
): Promise<IntentRow> {
  if (!canTransition(i.state, to))
    throw new AppError('PAYMENT_STATE_INVALID', `Giao dịch thanh toán đang ở trạng thái "${i.state}", không thể chuyển sang "${to}".`, 409);
  // Compare-and-set: the row changes only if it is still in the state the caller read.
  const row = await kysely(tx)
    .updateTable('payment_intents')
    .set({
      state: to,
      updated_at: at,
      ...(set.transactionNo != null && { gateway_transaction_no: set.transactionNo }),
      ...(set.bankCode != null && { bank_code: set.bankCode }),
      ...(set.failureCode != null && { failure_code: set.failureCode }),
      ...(set.paidAt != null && { paid_at: set.paidAt }),
    })
    .where('id', '=', i.id)
    .where('state', '=', i.state)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('PAYMENT_STATE_CHANGED', 'Trạng thái giao dịch vừa thay đổi. Vui lòng tải lại.', 409);
  await appendLedger(tx, i, to, i.state, to, source, at, detail);
  return row;
}

export async function insertIntent(
  tx: Queryable,
  p: {
    dossierId: string;
    idempotencyKey: string;
    gateway: IntentRow['gateway'];
    reference?: string;
    amount: number;
    purpose: IntentRow['purpose'];
    method?: string;
    createdBy: { kind: 'citizen' | 'official' | 'system'; id: string };
    at: Date;
    expiresAt: Date;
    source: LedgerSource;
  },
): Promise<IntentRow> {
  const id = crypto.randomUUID();
  const reference = p.reference ?? newReference(p.at);
  const row = await kysely(tx)
    .insertInto('payment_intents')
    .values({
      id,
      dossier_id: p.dossierId,
      idempotency_key: p.idempotencyKey,
      gateway: p.gateway,
      reference,
      amount: p.amount,
      state: 'created',
      purpose: p.purpose,
      method: p.method ?? null,
      created_by_kind: p.createdBy.kind,
      created_by: p.createdBy.id,
      created_at: p.at,
      expires_at: p.expiresAt,
      updated_at: p.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendLedger(tx, row, 'created', null, 'created', p.source, p.at, { gateway: p.gateway, reference });
  return row;
}

/** A gateway reference: date (Vietnam time) plus 10 random digits; ≤ 100 characters, alphanumeric as VNPay asks. */
export function newReference(at: Date): string {
  const day = localDay(at).slice(2).replace(/-/g, '');
  return `MC${day}${crypto.randomInt(0, 10_000_000_000).toString().padStart(10, '0')}`;
}

/** The fee quote frozen on the dossier at submission (dossiers.fee_quote). */
type FeeQuote = Parameters<typeof receiptAmounts>[0];

/** Issues the receipt (biên lai điện tử) of a paid intent: the next number of the receiving unit's book for the year. */
export async function issueReceipt(tx: Queryable, i: IntentRow, at: Date): Promise<{ id: string; number: string }> {
  const db = kysely(tx);
  const existing = await db.selectFrom('receipts').select(['id', 'number']).where('intent_id', '=', i.id).executeTakeFirst();
  if (existing) return existing;
  const d = await db
    .selectFrom('dossiers')
    .select(['id', 'receiving_unit_id', 'applicant_name', 'applicant_id_number', 'fee_quote'])
    .where('id', '=', i.dossier_id)
    .executeTakeFirstOrThrow();
  const year = localYear(at);
  const { last_value: seq } = await db
    .insertInto('receipt_counters')
    .values({ unit_id: d.receiving_unit_id, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet((eb) => ({ last_value: eb('receipt_counters.last_value', '+', 1) })))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  const number = `${String(seq).padStart(7, '0')}/BLĐT-${year}`;
  const amounts = i.gateway === 'counter' ? receiptAmounts(null, i.amount) : receiptAmounts(d.fee_quote as FeeQuote, i.amount);
  const id = crypto.randomUUID();
  const method = i.gateway === 'counter' ? (i.method ?? 'cash') : i.gateway;
  await db
    .insertInto('receipts')
    .values({
      id,
      intent_id: i.id,
      dossier_id: d.id,
      unit_id: d.receiving_unit_id,
      year,
      seq,
      number,
      payer_name: d.applicant_name,
      payer_id_number: d.applicant_id_number,
      lines: JSON.stringify(amounts.lines),
      gross: amounts.gross,
      reduction: amounts.reduction,
      net: amounts.net,
      method,
      paid_online_via: paidOnlineVia(i.gateway),
      issued_at: at,
    })
    .execute();
  return { id, number };
}

/**
 * Marks a dossier paid by this (already paid) intent: payment state, how it was paid (indicator 3.6) and the
 * receipt. When the dossier was already paid by another intent (the citizen paid twice, or paid online while
 * the counter recorded cash), the second payment is refunded at once.
 */
export async function applyPaidToDossier(
  tx: Queryable,
  i: IntentRow,
  at: Date,
  source: LedgerSource,
): Promise<{ receipt: { id: string; number: string }; duplicate: boolean }> {
  const d = await kysely(tx).selectFrom('dossiers').select('payment_state').where('id', '=', i.dossier_id).forUpdate().executeTakeFirstOrThrow();
  const receipt = await issueReceipt(tx, i, at);
  const duplicate = d.payment_state === 'paid' || d.payment_state === 'refund_pending' || d.payment_state === 'refunded';
  if (duplicate) {
    await requestRefund(tx, i, 'Nộp trùng: hồ sơ đã được thanh toán trước đó.', at, source);
  } else {
    await kysely(tx)
      .updateTable('dossiers')
      .set({ payment_state: 'paid', paid_online_via: paidOnlineVia(i.gateway), updated_at: at })
      .where('id', '=', i.dossier_id)
      .execute();
  }
  return { receipt, duplicate };
}

/** Opens the refund of a paid intent: ledger entry, refund row, and (for a gateway) an outbox message to call its refund API. */
export async function requestRefund(
  tx: Queryable,
  i: IntentRow,
  reason: string,
  at: Date,
  source: LedgerSource,
): Promise<{ id: string; state: string } | null> {
  const id = crypto.randomUUID();
  const state = i.gateway === 'counter' ? 'at_counter' : 'requested';
  const inserted = await kysely(tx)
    .insertInto('payment_refunds')
    .values({ id, intent_id: i.id, dossier_id: i.dossier_id, amount: i.amount, reason, state, requested_at: at })
    .onConflict((oc) => oc.column('intent_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await appendLedger(tx, i, 'refund_requested', i.state, i.state, source, at, { refundId: id, reason, via: state === 'at_counter' ? 'counter' : i.gateway });
  if (state === 'requested') await enqueue(tx, REFUND_TOPIC, `refund:${id}`, { refundId: id });
  return { id, state };
}

/** On refusal or stop of a dossier: every paid intent is refunded; the dossier's payment axis shows the refund pending. */
export async function refundDossierInTx(tx: Queryable, dossierId: string, reason: string, at: Date): Promise<{ id: string; state: string; amount: number }[]> {
  const paid = await kysely(tx)
    .selectFrom('payment_intents')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('state', '=', 'paid')
    .orderBy('created_at')
    .forUpdate()
    .execute();
  const out: { id: string; state: string; amount: number }[] = [];
  for (const i of paid) {
    const r = await requestRefund(tx, i, reason, at, 'official');
    if (r) out.push({ ...r, amount: i.amount });
  }
  if (out.length > 0) await kysely(tx).updateTable('dossiers').set({ payment_state: 'refund_pending', updated_at: at }).where('id', '=', dossierId).execute();
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
    dossierId: p.dossierId,
    idempotencyKey: `counter:${crypto.randomUUID()}`,
    gateway: 'counter',
    amount: p.amount,
    purpose: 'financial_obligation',
    method: p.method,
    createdBy: { kind: 'official', id: p.officialId },
    at: p.at,
    expiresAt: p.at,
    source: 'official',
  });
  const paid = await transitionIntent(
    tx,
    intent,
    'paid',
    'official',
    p.at,
    { method: p.method, ...(p.receiptNumber ? { terminalReceipt: p.receiptNumber } : {}) },
    { paidAt: p.at, ...(p.receiptNumber ? { transactionNo: p.receiptNumber } : {}) },
  );
  const { receipt } = await applyPaidToDossier(tx, paid, p.at, 'official');
  return { intentId: intent.id, receipt };
}
