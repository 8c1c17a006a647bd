/**
 * Refund delivery: an outbox message per refund asks the gateway's refund API (the stand-in's in development);
 * when the gateway confirms, the intent becomes refunded with its ledger entry, and a dossier whose refund was
 * pending shows "refunded". A failed call throws so the outbox retries it with backoff.
 */
import { refundTransaction } from '../../adapters/vnpay.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { OutboxWorker, type OutboxMessage } from '../../outbox/outbox.ts';
import { paymentConfig } from './config.ts';
import { REFUND_TOPIC, transition, type IntentRow } from './ledger.ts';
import { gatewayFetch } from './transport.ts';

export async function deliverRefund(ctx: AppContext, refundId: string): Promise<'done' | 'skipped'> {
  const r = (await ctx.db.query<{ id: string; intent_id: string; dossier_id: string; amount: number; reason: string; state: string }>('SELECT * FROM payment_refunds WHERE id = $1', [refundId])).rows[0];
  if (!r || r.state !== 'requested') return 'skipped';
  const i = (await ctx.db.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1', [r.intent_id])).rows[0];
  if (i.gateway !== 'vnpay') return 'skipped';
  const at = now();
  const answer = await refundTransaction(paymentConfig(ctx.config.publicUrl).vnpay, {
    reference: i.reference, amount: i.amount, transactionNo: i.gateway_transaction_no ?? '', paidAt: new Date(i.paid_at ?? i.created_at), createdBy: 'motcua', reason: `Hoan phi ${i.reference}`, ipAddr: '127.0.0.1',
  }, { at, fetch: gatewayFetch(ctx) });
  await ctx.db.query('INSERT INTO gateway_events (gateway, kind, reference, intent_id, outcome, reason, response_code, params, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    'vnpay', 'refund', i.reference, i.id, answer.ok ? 'accepted' : 'rejected', answer.ok ? 'refunded' : 'refund_refused', answer.responseCode, answer.raw, new Date(),
  ]);
  if (!answer.ok) throw new Error(`refund refused by the gateway: ${answer.responseCode}`);
  await ctx.db.transaction(async (tx) => {
    const locked = (await tx.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1 FOR UPDATE', [i.id])).rows[0];
    if (locked.state !== 'paid') return;
    await transition(tx, locked, 'refunded', 'refund_api', at, { refundId: r.id, gatewayRefundNo: answer.transactionNo });
    await tx.query("UPDATE payment_refunds SET state = 'done', done_at = $2, gateway_refund_no = $3 WHERE id = $1", [r.id, at, answer.transactionNo]);
    const open = (await tx.query("SELECT 1 FROM payment_refunds WHERE dossier_id = $1 AND state IN ('requested', 'at_counter')", [r.dossier_id])).rows.length;
    if (open === 0) await tx.query("UPDATE dossiers SET payment_state = 'refunded', updated_at = $2 WHERE id = $1 AND payment_state = 'refund_pending'", [r.dossier_id, at]);
  });
  return 'done';
}

/**
 * A refund paid out in cash at the counter (for a counter payment): recorded by a reception officer of the
 * receiving unit; the intent becomes refunded with its ledger entry.
 */
export async function recordCounterRefund(ctx: AppContext, refundId: string, official: { id: string; unitIds: string[] }): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(refundId)) throw notFound('Không tìm thấy khoản hoàn phí.');
  const at = now();
  await ctx.db.transaction(async (tx) => {
    const r = (await tx.query<{ id: string; intent_id: string; dossier_id: string; state: string; receiving_unit_id: string }>(
      'SELECT r.*, d.receiving_unit_id FROM payment_refunds r JOIN dossiers d ON d.id = r.dossier_id WHERE r.id = $1 FOR UPDATE OF r',
      [refundId],
    )).rows[0];
    if (!r || !official.unitIds.includes(r.receiving_unit_id)) throw notFound('Không tìm thấy khoản hoàn phí.');
    if (r.state !== 'at_counter') throw new AppError('REFUND_NOT_AT_COUNTER', 'Khoản hoàn phí này không chi trả tại quầy hoặc đã được chi trả.', 409);
    const i = (await tx.query<IntentRow>('SELECT * FROM payment_intents WHERE id = $1 FOR UPDATE', [r.intent_id])).rows[0];
    await transition(tx, i, 'refunded', 'official', at, { refundId: r.id, paidOutBy: official.id });
    await tx.query("UPDATE payment_refunds SET state = 'done', done_at = $2 WHERE id = $1", [r.id, at]);
    const open = (await tx.query("SELECT 1 FROM payment_refunds WHERE dossier_id = $1 AND state IN ('requested', 'at_counter')", [r.dossier_id])).rows.length;
    if (open === 0) await tx.query("UPDATE dossiers SET payment_state = 'refunded', updated_at = $2 WHERE id = $1 AND payment_state = 'refund_pending'", [r.dossier_id, at]);
  });
}

export function createPaymentOutboxWorker(ctx: AppContext, log?: (err: unknown) => void): OutboxWorker {
  return new OutboxWorker(ctx.db, { [REFUND_TOPIC]: async (msg: OutboxMessage) => void (await deliverRefund(ctx, String(msg.payload.refundId))) }, { onError: (err) => log?.(err), pollMs: 2000 });
}
