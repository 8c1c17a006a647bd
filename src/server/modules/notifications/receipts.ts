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
  return (await applyReceipts(db, [{ ...r, provider }])) > 0;
}

/**
 * Applies kept receipts, of one provider or several, in one transaction of three statements whatever their number
 * (the dispatcher applies a whole group of receipts that came before their answers): the notifications updated,
 * the receipts marked applied, and the SMS fallback queued for each Zalo message that was not delivered. Returns
 * how many notifications changed.
 */
export async function applyReceipts(db: Database, receipts: readonly (Receipt & { provider: string })[]): Promise<number> {
  if (receipts.length === 0) return 0;
  return db.transaction(async (tx) => {
    const cols = [
      receipts.map((r) => r.provider),
      receipts.map((r) => r.providerMsgId),
      receipts.map((r) => r.delivered),
      receipts.map((r) => r.at.toISOString()),
      receipts.map((r) => r.detail ?? 'undelivered'),
    ];
    const changed = await tx.query<{ id: number; channel: string; delivered: boolean }>(
      `UPDATE notifications n SET status = CASE WHEN v.delivered THEN 'delivered' ELSE 'failed_permanent' END,
              delivered_at = CASE WHEN v.delivered THEN v.at END, failed_at = CASE WHEN v.delivered THEN NULL ELSE now() END,
              reason = CASE WHEN v.delivered THEN n.reason ELSE v.detail END, next_attempt_at = 'infinity'
         FROM (SELECT DISTINCT ON (provider, msg_id) * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::timestamptz[], $5::text[])
                 AS u(provider, msg_id, delivered, at, detail)) AS v
        WHERE n.provider = v.provider AND n.provider_msg_id = v.msg_id AND n.status IN ('accepted', 'sending')
        RETURNING n.id, n.channel, v.delivered`,
      cols,
    );
    await tx.query(
      `UPDATE notification_receipts r SET applied = true FROM unnest($1::text[], $2::text[]) AS v(provider, msg_id)
        WHERE r.provider = v.provider AND r.provider_msg_id = v.msg_id AND NOT r.applied`,
      [cols[0], cols[1]],
    );
    for (const n of changed.rows) if (!n.delivered && n.channel === 'zns') await queueSmsFallback(tx, Number(n.id));
    return changed.rowCount;
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
