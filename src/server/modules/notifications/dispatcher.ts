/**
 * Delivers the notification outbox. Claiming: due rows (queued, failed temporarily, or `sending` whose lease ran
 * out because a process died mid-send) are set to `sending` with a lease, in a short transaction with
 * FOR UPDATE SKIP LOCKED, so several server processes share the work; each provider is asked outside any
 * transaction, with the notification id as its tracking / request id / Message-ID so a send repeated after a crash
 * is recognised by the receiver. Then: accepted (+ provider message id, and any receipt that came first),
 * failed temporarily (retried with backoff; a dead letter after MAX_ATTEMPTS), failed permanently (Zalo: the SMS
 * fallback is queued at once). A Zalo message without a receipt in time also gets its SMS fallback.
 */
import { MAX_ATTEMPTS, retryDelaySeconds, type NotificationChannel } from '../../../core/notifications/channels.ts';
import type { Database, Queryable } from '../../db/database.ts';
import type { NotificationProvider, OutgoingMessage, SendOutcome } from './provider.ts';
import { applyReceipt } from './receipts.ts';
import { queueSmsFallback } from './fallback.ts';

interface ClaimedRow {
  id: number;
  event_id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  template_code: string;
  params: Record<string, string>;
  attempts: number;
}

export interface DispatcherOptions {
  batchSize?: number;
  leaseSeconds?: number;
  /** Sends in flight at once within a batch. */
  concurrency?: number;
  receiptTimeoutSeconds?: number;
  onError?: (err: unknown) => void;
  /** Test hook: called after a provider accepted a message and before the answer is recorded. */
  afterSend?: (id: number) => void;
}

export class NotificationDispatcher {
  private readonly providers: Map<NotificationChannel, NotificationProvider>;
  private readonly opts: Required<Omit<DispatcherOptions, 'onError' | 'afterSend'>> & Pick<DispatcherOptions, 'onError' | 'afterSend'>;

  constructor(
    private readonly db: Database,
    providers: readonly NotificationProvider[],
    opts: DispatcherOptions = {},
  ) {
    this.providers = new Map(providers.map((p) => [p.channel, p]));
    this.opts = {
      batchSize: opts.batchSize ?? 50,
      leaseSeconds: opts.leaseSeconds ?? 120,
      concurrency: opts.concurrency ?? 10,
      receiptTimeoutSeconds: opts.receiptTimeoutSeconds ?? 600,
      onError: opts.onError,
      afterSend: opts.afterSend,
    };
  }

  /** One round: the SMS fallbacks of Zalo messages without a receipt in time, then a batch of sends. Returns the sends done. */
  async runOnce(): Promise<number> {
    await this.fallbackWithoutReceipt();
    const claimed = await this.claim();
    let done = 0;
    for (let i = 0; i < claimed.length; i += this.opts.concurrency) {
      const slice = claimed.slice(i, i + this.opts.concurrency);
      await Promise.all(
        slice.map(async (row) => {
          try {
            await this.deliver(row);
            done++;
          } catch (err) {
            this.opts.onError?.(err);
          }
        }),
      );
    }
    return done;
  }

  /** Runs rounds until nothing is due (tests, CLI, the benchmark). */
  async drain(maxRounds = 10_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const channels = [...this.providers.keys()];
    const rows = await this.db.transaction(async (tx) => {
      const due = (
        await tx.query<ClaimedRow>(
          `SELECT id, event_id, channel, recipient, subject, body, template_code, params, attempts FROM notifications
            WHERE status IN ('queued', 'failed_temporary', 'sending') AND next_attempt_at <= now() AND channel = ANY($1::text[])
            ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [channels, this.opts.batchSize],
        )
      ).rows;
      const granted = await this.takeRateTokens(tx, due);
      if (granted.length === 0) return [];
      await tx.query(
        `UPDATE notifications SET status = 'sending', attempts = attempts + 1, sent_at = now(), next_attempt_at = now() + make_interval(secs => $2)
          WHERE id = ANY($1::bigint[])`,
        [granted.map((r) => r.id), this.opts.leaseSeconds],
      );
      return granted;
    });
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: r.attempts + 1 }));
  }

  /** The providers' per-second limits, counted in the database so that every server process shares them. */
  private async takeRateTokens(tx: Queryable, due: ClaimedRow[]): Promise<ClaimedRow[]> {
    const granted: ClaimedRow[] = [];
    for (const [channel, provider] of this.providers) {
      const mine = due.filter((r) => r.channel === channel);
      if (mine.length === 0) continue;
      if (!provider.ratePerSecond) {
        granted.push(...mine);
        continue;
      }
      const r = await tx.query<{ before: number; used: number }>(
        `INSERT INTO provider_rate_windows AS w (provider, window_start, used) VALUES ($1, date_trunc('second', now()), LEAST($2::int, $3::int))
         ON CONFLICT (provider, window_start) DO UPDATE SET used = LEAST(w.used + $2::int, $3::int)
         RETURNING used, (SELECT COALESCE(MAX(used), 0) FROM provider_rate_windows WHERE provider = $1 AND window_start = date_trunc('second', now())) AS before`,
        [provider.name, mine.length, provider.ratePerSecond],
      );
      const allowed = Math.max(0, Number(r.rows[0].used) - Number(r.rows[0].before));
      granted.push(...mine.slice(0, allowed));
    }
    return granted;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const provider = this.providers.get(row.channel);
    if (!provider) return;
    const msg: OutgoingMessage = {
      id: row.id,
      channel: row.channel,
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
      templateCode: row.template_code,
      params: row.params,
    };
    let outcome: SendOutcome;
    try {
      outcome = await provider.send(msg);
    } catch (err) {
      outcome = { kind: 'failed_temporary', reason: String((err as Error)?.message ?? err).slice(0, 300) };
    }
    if (outcome.kind === 'accepted') this.opts.afterSend?.(row.id);
    await this.record(row, provider, outcome);
  }

  private async record(row: ClaimedRow, provider: NotificationProvider, outcome: SendOutcome): Promise<void> {
    if (outcome.kind === 'accepted') {
      await this.db.query(
        `UPDATE notifications SET status = 'accepted', provider = $2, provider_msg_id = $3, accepted_at = now(), reason = NULL,
                next_attempt_at = CASE WHEN channel = 'zns' THEN now() + make_interval(secs => $4) ELSE 'infinity' END
          WHERE id = $1 AND status = 'sending'`,
        [row.id, provider.name, outcome.providerMsgId, this.opts.receiptTimeoutSeconds],
      );
      // A receipt that came before this answer waited for the message id: apply it now.
      const early = await this.db.query<{ delivered: boolean; at: Date; detail: string | null }>(
        'SELECT delivered, at, detail FROM notification_receipts WHERE provider = $1 AND provider_msg_id = $2 AND NOT applied',
        [provider.name, outcome.providerMsgId],
      );
      for (const r of early.rows) {
        await applyReceipt(this.db, provider.name, {
          providerMsgId: outcome.providerMsgId,
          delivered: r.delivered,
          at: new Date(r.at),
          detail: r.detail ?? undefined,
        });
      }
      return;
    }
    const dead = outcome.kind === 'failed_permanent' || row.attempts >= MAX_ATTEMPTS;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE notifications SET status = $2, reason = $3, provider = $4,
                failed_at = CASE WHEN $2 = 'failed_permanent' THEN now() END,
                next_attempt_at = CASE WHEN $2 = 'failed_permanent' THEN 'infinity' ELSE now() + make_interval(secs => $5) END
          WHERE id = $1 AND status = 'sending'`,
        [row.id, dead ? 'failed_permanent' : 'failed_temporary', outcome.reason, provider.name, retryDelaySeconds(row.attempts)],
      );
      if (dead && row.channel === 'zns' && (outcome.kind !== 'failed_permanent' || outcome.fallback)) await queueSmsFallback(tx, row.id);
    });
  }

  /** Zalo messages accepted but without a receipt in time: the SMS goes out. */
  private async fallbackWithoutReceipt(): Promise<void> {
    await this.db.transaction(async (tx) => {
      const late = await tx.query<{ id: number }>(
        `UPDATE notifications SET next_attempt_at = 'infinity', reason = 'no_receipt'
          WHERE id IN (SELECT id FROM notifications WHERE channel = 'zns' AND status = 'accepted' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at LIMIT 100 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
      );
      for (const r of late.rows) await queueSmsFallback(tx, Number(r.id));
    });
  }
}
