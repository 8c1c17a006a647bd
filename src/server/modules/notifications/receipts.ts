/**
 * Delivery receipts. A webhook is verified by its provider (signature), then each receipt is kept once in
 * notification_receipts (a duplicate changes nothing) and applied to its notification: delivered, or failed
 * permanently (a Zalo failure queues the SMS fallback). A receipt for a message id we do not know is refused and
 * logged — and kept aside unapplied, because a receipt can overtake the send's own answer: when that answer brings
 * the id, the dispatcher applies it. Refused receipts (bad signature, malformed, unknown id) are logged in
 * notification_receipt_rejections for administrators.
 */
import type { Database, Queryable } from '../../db/database.ts';
import { queueSmsFallback } from './fallback.ts';
import type { NotificationProvider, Receipt, ReceiptRequest } from './provider.ts';

export type ReceiptOutcome = 'applied' | 'duplicate' | 'unknown_message_id';

/** Applies a kept receipt to its notification (idempotent: only an accepted or sending notification changes). */
export async function applyReceipt(db: Database, provider: string, r: Receipt): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx.query<{ id: number; channel: string }>(
      `UPDATE notifications SET status = CASE WHEN $3 THEN 'delivered' ELSE 'failed_permanent' END,
              delivered_at = CASE WHEN $3 THEN $4::timestamptz END, failed_at = CASE WHEN $3 THEN NULL ELSE now() END,
              reason = CASE WHEN $3 THEN reason ELSE $5 END, next_attempt_at = 'infinity'
        WHERE provider = $1 AND provider_msg_id = $2 AND status IN ('accepted', 'sending') RETURNING id, channel`,
      [provider, r.providerMsgId, r.delivered, r.at, r.detail ?? 'undelivered'],
    );
    await tx.query('UPDATE notification_receipts SET applied = true WHERE provider = $1 AND provider_msg_id = $2', [provider, r.providerMsgId]);
    const n = changed.rows[0];
    if (n && !r.delivered && n.channel === 'zns') await queueSmsFallback(tx, Number(n.id));
    return changed.rowCount > 0;
  });
}

export async function logRejection(db: Queryable, provider: string, reason: string, body: string, remote?: string): Promise<void> {
  await db.query('INSERT INTO notification_receipt_rejections (provider, reason, body, remote) VALUES ($1, $2, $3, $4)', [
    provider,
    reason,
    body.replaceAll('\u0000', '\\0').slice(0, 4000), // PostgreSQL text cannot hold NUL
    remote ?? null,
  ]);
}

/** Keeps and applies one verified receipt. */
export async function takeReceipt(db: Database, provider: string, r: Receipt): Promise<ReceiptOutcome> {
  const kept = await db.query(
    `INSERT INTO notification_receipts (provider, provider_msg_id, delivered, at, detail) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (provider, provider_msg_id) DO NOTHING`,
    [provider, r.providerMsgId, r.delivered, r.at, r.detail ?? null],
  );
  const known = await db.query('SELECT 1 FROM notifications WHERE provider = $1 AND provider_msg_id = $2', [provider, r.providerMsgId]);
  if (known.rowCount === 0) return 'unknown_message_id';
  if (kept.rowCount === 0) {
    const pending = await db.query('SELECT 1 FROM notification_receipts WHERE provider = $1 AND provider_msg_id = $2 AND NOT applied', [
      provider,
      r.providerMsgId,
    ]);
    if (pending.rowCount === 0) return 'duplicate';
  }
  await applyReceipt(db, provider, r);
  return 'applied';
}

export interface WebhookAnswer {
  status: 200 | 400 | 401 | 404;
  outcome: ReceiptOutcome | 'bad_signature' | 'malformed' | 'ignored';
}

/** A provider's webhook call, end to end. */
export async function handleReceiptWebhook(db: Database, provider: NotificationProvider, req: ReceiptRequest, remote?: string): Promise<WebhookAnswer> {
  const parsed = provider.parseReceipt?.(req) ?? { ok: false as const, reason: 'malformed' as const };
  if (!parsed.ok) {
    if (parsed.reason === 'ignored') return { status: 200, outcome: 'ignored' };
    await logRejection(db, provider.name, parsed.reason, req.rawBody, remote);
    return { status: parsed.reason === 'bad_signature' ? 401 : 400, outcome: parsed.reason };
  }
  let answer: WebhookAnswer = { status: 200, outcome: 'duplicate' };
  for (const r of parsed.receipts) {
    const outcome = await takeReceipt(db, provider.name, r);
    if (outcome === 'unknown_message_id') {
      await logRejection(db, provider.name, outcome, req.rawBody, remote);
      answer = { status: 404, outcome };
    } else if (answer.status === 200 && outcome === 'applied') answer = { status: 200, outcome };
  }
  return answer;
}
