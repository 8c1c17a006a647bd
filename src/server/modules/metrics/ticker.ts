/**
 * The background run of the counter consumer: every few seconds (when the server runs its workers) the counters
 * catch up with the action log, so dashboards and the counter screen stay live between requests. Requests also
 * catch up on their own, so the tick only keeps the work small.
 */
import type { Database } from '../../db/database.ts';
import { freshen } from './report.ts';

export class CounterTicker {
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly db: Database, private readonly everyMs = Number(process.env.METRICS_TICK_MS ?? 3000)) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      freshen(this.db).catch(() => undefined);
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
