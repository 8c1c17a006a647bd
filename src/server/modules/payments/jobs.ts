/**
 * Background payment jobs, run by the scheduler (src/server/jobs) when WORKERS is not 0: refund delivery through
 * the outbox, the expiry sweep of abandoned intents (each re-queried first), and a re-query of intents pending for
 * more than a few minutes whose IPN has not come. Safe with several servers: refunds are claimed with SKIP LOCKED,
 * and every change locks and re-checks the intent row.
 */
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { outboxJob } from '../../jobs/outbox-job.ts';
import type { JobDefinition, JobLogger } from '../../jobs/scheduler.ts';
import { createPaymentOutboxWorker } from './refunds.ts';
import { expireIntents, requeryIntent } from './service.ts';

const SWEEP_MS = 60_000;
const REQUERY_AFTER_MS = 3 * 60_000;

export async function requeryStale(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.db.query<{ id: string }>(
    "SELECT id FROM payment_intents WHERE state = 'pending' AND gateway = 'vnpay' AND created_at < $1 AND expires_at >= $2 ORDER BY created_at LIMIT 50",
    [new Date(now().getTime() - REQUERY_AFTER_MS), now()],
  );
  let settled = 0;
  for (const r of rows) {
    const after = await requeryIntent(ctx, r.id).catch(() => null);
    if (after && after.state !== 'pending') settled++;
  }
  return settled;
}

export function paymentJobs(ctx: AppContext, log: Pick<JobLogger, 'warn'>): JobDefinition[] {
  const refunds = createPaymentOutboxWorker(ctx, (err) => log.warn({ err, job: 'payments.refunds' }, 'refund delivery failed'));
  return [
    outboxJob('payments.refunds', refunds, 2000),
    { name: 'payments.expiry', everyMs: SWEEP_MS, jitterMs: 5000, run: async () => ({ expired: await expireIntents(ctx) }) },
    { name: 'payments.requery', everyMs: SWEEP_MS, jitterMs: 5000, run: async () => ({ settled: await requeryStale(ctx) }) },
  ];
}
