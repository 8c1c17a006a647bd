/**
 * An outbox worker as a scheduled job: each run claims and delivers due messages batch after batch until a batch
 * delivers nothing (or the scheduler stops, or `maxRounds` batches), then waits for the next poll. Claims use
 * `FOR UPDATE SKIP LOCKED` with a lease (src/server/outbox/outbox.ts), so several processes share the work.
 */
import type { OutboxWorker } from '../outbox/outbox.ts';
import type { JobDefinition } from './scheduler.ts';

export function outboxJob(name: string, worker: Pick<OutboxWorker, 'runOnce'>, everyMs: number, maxRounds = 100): JobDefinition {
  return {
    name,
    everyMs,
    runImmediately: true,
    run: async (signal) => {
      let delivered = 0;
      for (let round = 0; round < maxRounds && !signal.aborted; round++) {
        const n = await worker.runOnce();
        delivered += n;
        if (n === 0) break;
      }
      return { delivered };
    },
  };
}
