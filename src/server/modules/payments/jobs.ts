/**
 * Background payment jobs of a server process (started by main.ts when WORKERS is not 0): refund delivery through
 * the outbox, the expiry sweep of abandoned intents (each re-queried first), and a re-query of intents pending for
 * more than a few minutes whose IPN has not come. Safe with several servers: every change locks and re-checks the
 * intent row.
 */
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { kysely } from '../../db/kysely.ts';
import { createPaymentOutboxWorker } from './refunds.ts';
import { expireIntents, requeryIntent } from './service.ts';

const SWEEP_MS = 60_000;
const REQUERY_AFTER_MS = 3 * 60_000;

export async function requeryStale(ctx: AppContext): Promise<number> {
  const rows = await kysely(ctx.db)
    .selectFrom('payment_intents')
    .select('id')
    .where('state', '=', 'pending')
    .where('gateway', '=', 'vnpay')
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

export function startPaymentJobs(ctx: AppContext, log: { warn: (o: object, msg: string) => void; info: (o: object, msg: string) => void }): () => Promise<void> {
  const worker = createPaymentOutboxWorker(ctx, (err) => log.warn({ err }, 'refund delivery failed'));
  worker.start();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    Promise.all([expireIntents(ctx), requeryStale(ctx)])
      .then(([expired, settled]) => (expired || settled) && log.info({ expired, settled }, 'payment sweep'))
      .catch((err: unknown) => log.warn({ err }, 'payment sweep failed'))
      .finally(() => (running = false));
  }, SWEEP_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await worker.stop();
  };
}
