/** The national-portal sync as a background job (src/server/background-jobs.ts): every second, until nothing is due. */
import { DvcqgHttpAdapter, type PortalConfig } from '../../adapters/dvcqg.ts';
import type { AppContext } from '../../context.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import { nationalSyncConfig } from './config.ts';
import { databaseSessionStore } from './sessions.ts';
import { NationalSyncWorker } from './worker.ts';

/** A worker speaking to the configured portal (or, for tests, to `portal`). */
export function createNationalSyncWorker(
  ctx: Pick<AppContext, 'db' | 'config'>,
  portal?: Partial<PortalConfig>,
  opts: { maxAttempts?: number } = {},
): NationalSyncWorker {
  const config = nationalSyncConfig(ctx.config.publicUrl);
  const adapter = new DvcqgHttpAdapter({ ...config.portal, ...portal }, databaseSessionStore(ctx.db));
  return new NationalSyncWorker(ctx.db, adapter, { maxAttempts: opts.maxAttempts ?? config.maxAttempts, leaseSeconds: config.leaseSeconds });
}

export function nationalSyncJobs(ctx: AppContext): JobDefinition[] {
  if (!nationalSyncConfig(ctx.config.publicUrl).enabled) return [];
  const worker = createNationalSyncWorker(ctx);
  return [
    {
      name: 'national-sync.dvcqg',
      everyMs: Number(process.env.DVCQG_TICK_MS ?? 1000),
      jitterMs: 200,
      runImmediately: true,
      run: async (signal) => {
        const total = { dossiers: 0, acked: 0, failed: 0, parked: 0 };
        for (let round = 0; round < 50 && !signal.aborted; round++) {
          const r = await worker.runOnce();
          for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
          if (r.dossiers === 0) break;
        }
        return total;
      },
    },
  ];
}
