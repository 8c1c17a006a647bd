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
import { applyReceipts } from './receipts.ts';
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

/** A provider's answer to one claimed row, waiting to be recorded. */
interface Answer {
  row: ClaimedRow;
  provider: string;
  outcome: SendOutcome;
}

/**
 * Group commit of the answers: `add` starts a write when none is in flight; answers that come during a write wait
 * and are written together by the next one. `flush` waits until everything added is written.
 */
class AnswerRecorder {
  private pending: Answer[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (answers: readonly Answer[]) => Promise<void>,
    private readonly onError?: (err: unknown) => void,
  ) {}

  add(a: Answer): void {
    this.pending.push(a);
    this.writing ??= this.loop();
  }

  private async loop(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        await this.write(group);
      } catch (err) {
        // Not recorded: the rows stay `sending` until their lease runs out, then are sent again (the provider
        // recognises the repeated id) — the same as a process that died here.
        this.onError?.(err);
      }
    }
    this.writing = null;
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }
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

  /**
   * One round: the SMS fallbacks of Zalo messages without a receipt in time, then a batch of sends. The batch is
   * claimed with one update; `concurrency` sends run at once; their answers are recorded by a recorder that writes
   * whatever answers have come in since its last write in one statement (group commit: while one write is in flight,
   * the next answers wait and go together), so recording costs a statement per group, not per message. Returns the
   * sends done.
   */
  async runOnce(): Promise<number> {
    await this.fallbackWithoutReceipt();
    const claimed = await this.claim();
    if (claimed.length === 0) return 0;
    const recorder = new AnswerRecorder((answers) => this.record(answers), this.opts.onError);
    let done = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(this.opts.concurrency, claimed.length) }, async () => {
        for (;;) {
          const row = claimed[next++];
          if (!row) return;
          try {
            const answer = await this.send(row);
            if (!answer) continue;
            recorder.add(answer);
            done++;
          } catch (err) {
            this.opts.onError?.(err);
          }
        }
      }),
    );
    await recorder.flush();
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

  /** Asks the row's provider; the answer is recorded later, with others (record). */
  private async send(row: ClaimedRow): Promise<Answer | null> {
    const provider = this.providers.get(row.channel);
    if (!provider) return null;
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
    return { row, provider: provider.name, outcome };
  }

  /**
   * Records a group of answers: the accepted in one statement (only rows still `sending`: a row whose lease ran out
   * and was sent again by another process keeps the first answer recorded), then — after that commit, so that a
   * receipt kept in between cannot be missed — the receipts that came before their answer, applied together; the
   * failures in one statement with their SMS fallbacks, in one transaction.
   */
  private async record(answers: readonly Answer[]): Promise<void> {
    const accepted = answers.filter((a): a is Answer & { outcome: { kind: 'accepted' } } => a.outcome.kind === 'accepted');
    if (accepted.length > 0) {
      await this.db.query(
        `UPDATE notifications n SET status = 'accepted', provider = v.provider, provider_msg_id = v.msg_id, accepted_at = now(), reason = NULL,
                next_attempt_at = CASE WHEN n.channel = 'zns' THEN now() + make_interval(secs => $4) ELSE 'infinity' END
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, provider, msg_id)
          WHERE n.id = v.id AND n.status = 'sending'`,
        [accepted.map((a) => a.row.id), accepted.map((a) => a.provider), accepted.map((a) => a.outcome.providerMsgId), this.opts.receiptTimeoutSeconds],
      );
      // Receipts that came before these answers waited for the message ids: apply them now.
      const early = await this.db.query<{ provider: string; provider_msg_id: string; delivered: boolean; at: Date; detail: string | null }>(
        `SELECT r.provider, r.provider_msg_id, r.delivered, r.at, r.detail
           FROM notification_receipts r JOIN unnest($1::text[], $2::text[]) AS v(provider, msg_id) ON r.provider = v.provider AND r.provider_msg_id = v.msg_id
          WHERE NOT r.applied`,
        [accepted.map((a) => a.provider), accepted.map((a) => a.outcome.providerMsgId)],
      );
      if (early.rows.length > 0) {
        await applyReceipts(
          this.db,
          early.rows.map((r) => ({
            provider: r.provider,
            providerMsgId: r.provider_msg_id,
            delivered: r.delivered,
            at: new Date(r.at),
            detail: r.detail ?? undefined,
          })),
        );
      }
    }
    const failed = answers.filter((a) => a.outcome.kind !== 'accepted');
    if (failed.length === 0) return;
    const dead = (a: Answer) => a.outcome.kind === 'failed_permanent' || a.row.attempts >= MAX_ATTEMPTS;
    await this.db.transaction(async (tx) => {
      const changed = await tx.query<{ id: number }>(
        `UPDATE notifications n SET status = v.status, reason = v.reason, provider = v.provider,
                failed_at = CASE WHEN v.status = 'failed_permanent' THEN now() END,
                next_attempt_at = CASE WHEN v.status = 'failed_permanent' THEN 'infinity' ELSE now() + make_interval(secs => v.delay) END
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::int[]) AS v(id, status, reason, provider, delay)
          WHERE n.id = v.id AND n.status = 'sending'
          RETURNING n.id`,
        [
          failed.map((a) => a.row.id),
          failed.map((a) => (dead(a) ? 'failed_permanent' : 'failed_temporary')),
          failed.map((a) => (a.outcome.kind === 'accepted' ? null : a.outcome.reason)),
          failed.map((a) => a.provider),
          failed.map((a) => retryDelaySeconds(a.row.attempts)),
        ],
      );
      const recorded = new Set(changed.rows.map((r) => Number(r.id)));
      for (const a of failed) {
        if (!recorded.has(a.row.id) || !dead(a) || a.row.channel !== 'zns') continue;
        if (a.outcome.kind === 'failed_permanent' && !a.outcome.fallback) continue;
        await queueSmsFallback(tx, a.row.id);
      }
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
