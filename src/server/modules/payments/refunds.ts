/**
 * Refund delivery: an outbox message per refund asks the gateway's refund API (the stand-in's in development);
 * when the gateway confirms, the intent becomes refunded with its ledger entry, and a dossier whose refund was
 * pending shows "refunded". A failed call throws so the outbox retries it with backoff.
 */
import { refundTransaction } from '../../adapters/vnpay.ts';
import { now, systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { kysely } from '../../db/kysely.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { OutboxWorker, type OutboxMessage } from '../../outbox/outbox.ts';
import { paymentConfig } from './config.ts';
import { REFUND_TOPIC, transitionIntent } from './ledger.ts';
import { gatewayFetch } from './transport.ts';

/**
 * Marks a refund paid out (the intent's transition is the caller's); when it was the dossier's last open refund,
 * the dossier's payment axis shows "refunded".
 */
async function closeRefund(tx: Queryable, r: { id: string; dossier_id: string }, at: Date, gatewayRefundNo?: string): Promise<void> {
  const db = kysely(tx);
  await db
    .updateTable('payment_refunds')
    .set({ state: 'done', done_at: at, ...(gatewayRefundNo !== undefined && { gateway_refund_no: gatewayRefundNo }) })
    .where('id', '=', r.id)
    .execute();
  const open = await db
    .selectFrom('payment_refunds')
    .select('id')
    .where('dossier_id', '=', r.dossier_id)
    .where('state', 'in', ['requested', 'at_counter'])
    .limit(1)
    .executeTakeFirst();
  if (!open) {
    await db
      .updateTable('dossiers')
      .set({ payment_state: 'refunded', updated_at: at })
      .where('id', '=', r.dossier_id)
      .where('payment_state', '=', 'refund_pending')
      .execute();
  }
}

export async function deliverRefund(ctx: AppContext, refundId: string): Promise<'done' | 'skipped'> {
  const db = kysely(ctx.db);
  const r = await db.selectFrom('payment_refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
  if (r?.state !== 'requested') return 'skipped';
  const i = await db.selectFrom('payment_intents').selectAll().where('id', '=', r.intent_id).executeTakeFirstOrThrow();
  if (i.gateway !== 'vnpay') return 'skipped';
  const at = now();
  const answer = await refundTransaction(
    paymentConfig(ctx.config.publicUrl).vnpay,
    {
      reference: i.reference,
      amount: i.amount,
      transactionNo: i.gateway_transaction_no ?? '',
      paidAt: new Date(i.paid_at ?? i.created_at),
      createdBy: 'motcua',
      reason: `Hoan phi ${i.reference}`,
      ipAddr: '127.0.0.1',
    },
    { at, fetch: gatewayFetch(ctx) },
  );
  await db
    .insertInto('gateway_events')
    .values({
      gateway: 'vnpay',
      kind: 'refund',
      reference: i.reference,
      intent_id: i.id,
      outcome: answer.ok ? 'accepted' : 'rejected',
      reason: answer.ok ? 'refunded' : 'refund_refused',
      response_code: answer.responseCode,
      params: answer.raw,
      received_at: systemNow(),
    })
    .execute();
  if (!answer.ok) throw new Error(`refund refused by the gateway: ${answer.responseCode}`);
  await ctx.db.transaction(async (tx) => {
    const locked = await kysely(tx).selectFrom('payment_intents').selectAll().where('id', '=', i.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.state !== 'paid') return;
    await transitionIntent(tx, locked, 'refunded', 'refund_api', at, { refundId: r.id, gatewayRefundNo: answer.transactionNo });
    await closeRefund(tx, r, at, answer.transactionNo);
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
    const db = kysely(tx);
    const r = await db
      .selectFrom('payment_refunds as r')
      .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
      .select(['r.id', 'r.intent_id', 'r.dossier_id', 'r.state', 'd.receiving_unit_id'])
      .where('r.id', '=', refundId)
      .forUpdate('r')
      .executeTakeFirst();
    if (!r || !official.unitIds.includes(r.receiving_unit_id)) throw notFound('Không tìm thấy khoản hoàn phí.');
    if (r.state !== 'at_counter') throw new AppError('REFUND_NOT_AT_COUNTER', 'Khoản hoàn phí này không chi trả tại quầy hoặc đã được chi trả.', 409);
    const i = await db.selectFrom('payment_intents').selectAll().where('id', '=', r.intent_id).forUpdate().executeTakeFirstOrThrow();
    await transitionIntent(tx, i, 'refunded', 'official', at, { refundId: r.id, paidOutBy: official.id });
    await closeRefund(tx, r, at);
  });
}

export function createPaymentOutboxWorker(ctx: AppContext, log?: (err: unknown) => void): OutboxWorker {
  return new OutboxWorker(
    ctx.db,
    { [REFUND_TOPIC]: async (msg: OutboxMessage) => void (await deliverRefund(ctx, String(msg.payload.refundId))) },
    { onError: (err) => log?.(err), pollMs: 2000 },
  );
}
