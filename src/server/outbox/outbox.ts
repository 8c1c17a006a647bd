/**
 * Outbox: messages that leave the system are written in the same transaction as the change that causes them,
 * then delivered by workers. Claiming uses `FOR UPDATE SKIP LOCKED` in a short transaction that sets a lease
 * (next_attempt_at in the future), so several server processes share the work and delivery happens outside any
 * transaction. A crash mid-delivery lets the lease lapse and the message is retried (at-least-once); handlers
 * pass the outbox id downstream (e.g. as the e-mail Message-ID) so receivers can drop duplicates.
 */
import type { Database, Queryable } from '../db/database.ts';

export interface OutboxMessage<P = Record<string, unknown>> {
  id: number;
  topic: string;
  dedupeKey: string;
  payload: P;
  attempts: number;
}

export type OutboxHandler = (msg: OutboxMessage) => Promise<void>;

/** Adds a message; a second message with the same dedupe key is ignored. */
export async function enqueue(tx: Queryable, topic: string, dedupeKey: string, payload: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO outbox (topic, dedupe_key, payload) VALUES ($1, $2, $3) ON CONFLICT (dedupe_key) DO NOTHING', [topic, dedupeKey, payload]);
}

export interface OutboxWorkerOptions {
  batchSize?: number;
  leaseSeconds?: number;
  maxAttempts?: number;
  /** Backoff before attempt n+1, in seconds. */
  backoff?: (attempts: number) => number;
  pollMs?: number;
  onError?: (err: unknown, msg: OutboxMessage) => void;
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly opts: Required<Omit<OutboxWorkerOptions, 'onError'>> & Pick<OutboxWorkerOptions, 'onError'>;

  constructor(
    private readonly db: Database,
    private readonly handlers: Record<string, OutboxHandler>,
    opts: OutboxWorkerOptions = {},
  ) {
    this.opts = {
      batchSize: opts.batchSize ?? 20,
      leaseSeconds: opts.leaseSeconds ?? 120,
      maxAttempts: opts.maxAttempts ?? 8,
      backoff: opts.backoff ?? ((n) => Math.min(3600, 5 * 2 ** (n - 1))),
      pollMs: opts.pollMs ?? 1000,
      onError: opts.onError,
    };
  }

  /** Claims up to batchSize due messages and delivers them; returns how many were delivered. */
  async runOnce(): Promise<number> {
    const topics = Object.keys(this.handlers);
    if (topics.length === 0) return 0;
    const claimed = (
      await this.db.transaction((tx) =>
        tx.query<{ id: number; topic: string; dedupe_key: string; payload: Record<string, unknown>; attempts: number }>(
          `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $3), attempts = attempts + 1
          WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now() AND topic = ANY($1::text[])
                        ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, topic, dedupe_key, payload, attempts`,
          [topics, this.opts.batchSize, this.opts.leaseSeconds],
        ),
      )
    ).rows;
    let delivered = 0;
    for (const row of claimed) {
      const msg: OutboxMessage = { id: Number(row.id), topic: row.topic, dedupeKey: row.dedupe_key, payload: row.payload, attempts: row.attempts };
      try {
        await this.handlers[row.topic](msg);
        await this.db.query("UPDATE outbox SET status = 'done', delivered_at = now(), last_error = NULL WHERE id = $1", [msg.id]);
        delivered++;
      } catch (err) {
        this.opts.onError?.(err, msg);
        const dead = msg.attempts >= this.opts.maxAttempts;
        await this.db.query(`UPDATE outbox SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`, [
          msg.id,
          dead ? 'dead' : 'pending',
          String((err as Error)?.message ?? err).slice(0, 1000),
          this.opts.backoff(msg.attempts),
        ]);
      }
    }
    return delivered;
  }

  /** Delivers until nothing is due (for tests and CLI). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  start(): void {
    if (this.timer) return;
    const tick = async () => {
      if (this.running) return;
      this.running = true;
      try {
        while ((await this.runOnce()) > 0) {
          /* keep going while there is work */
        }
      } catch (err) {
        this.opts.onError?.(err, { id: -1, topic: '', dedupeKey: '', payload: {}, attempts: 0 });
      } finally {
        this.running = false;
      }
    };
    this.timer = setInterval(() => void tick(), this.opts.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }
}
