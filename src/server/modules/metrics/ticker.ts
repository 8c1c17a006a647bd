/**
 * The background run of the counter consumer: every few seconds (when the server runs its workers) the counters
 * catch up with the action log, so dashboards and the counter screen stay live between requests. Requests also
 * catch up on their own, so the tick only keeps the work small. Safe with several servers: a catch-up batch locks
 * the single `metric_state` row, so two processes take turns. Errors are the scheduler's to log.
 */
import type { Database } from '../../db/database.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { freshen } from './report.ts';

export const METRICS_TICK_MS = 3000;

export function counterTickJob(db: Database, everyMs = Number(process.env.METRICS_TICK_MS ?? METRICS_TICK_MS)): JobDefinition {
  return { name: 'metrics.counters', everyMs, run: () => freshen(db) };
}
