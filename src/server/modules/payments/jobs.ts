/**
 * Background payment jobs, run by the scheduler (src/server/jobs) when WORKERS is not 0: refund delivery through
 * the outbox, the expiry sweep of abandoned intents (each re-queried first), and a re-query of intents pending for
 * more than a few minutes whose IPN has not come. Safe with several servers: refunds are claimed with SKIP LOCKED,
 * and every change locks and re-checks the intent row.
 */
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { kysely } from '../../db/kysely.ts';
import { outboxJob } from '../../jobs/outbox-job.ts';
import type { JobDefinition, JobLogger } from '../../jobs/scheduler.ts';
import { createPaymentOutboxWorker } from './refunds.ts';
import { expireIntents, requeryIntent } from './service.ts';

const SWEEP_MS = 60_000;
const REQUERY_AFTER_MS = 3 * 60_000;

export async function requeryStale(ctx: AppContext): Promise<number> {
  const rows = await kysely(ctx.db)
    .selectFrom('payment_intents')
    .select('id')
    .where('state', '=', 'pending')
    .where('gateway', 'in', ['vnpay', 'paygov'])
    .where('created_at', '<', new Date(now().getTime() - REQUERY_AFTER_MS))
    .where('expires_at', '>=', now())
    .orderBy('created_at')
    .limit(50)
    .execute();
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
