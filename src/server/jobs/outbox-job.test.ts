import { describe, expect, it } from 'vitest';
import { outboxJob } from './outbox-job.ts';

/** A worker whose batches deliver the given counts, in order (then 0). */
const worker = (batches: number[]) => {
  const calls = { n: 0 };
  return { calls, runOnce: async () => batches[calls.n++] ?? 0 };
};

describe('outboxJob', () => {
  it('delivers batch after batch until a batch delivers nothing, and reports the total', async () => {
    const w = worker([20, 20, 3, 0, 7]);
    const job = outboxJob('outbox.test', w, 1000);
    expect(job).toMatchObject({ name: 'outbox.test', everyMs: 1000, runImmediately: true });
    expect(await job.run(new AbortController().signal)).toEqual({ delivered: 43 });
    expect(w.calls.n).toBe(4);
  });

  it('stops after maxRounds batches, and at once when the scheduler is stopping', async () => {
    const busy = worker(Array(10).fill(5));
    expect(await outboxJob('x', busy, 1000, 3).run(new AbortController().signal)).toEqual({ delivered: 15 });
    expect(busy.calls.n).toBe(3);
    const stopping = new AbortController();
    stopping.abort();
    const idle = worker([5]);
    expect(await outboxJob('x', idle, 1000).run(stopping.signal)).toEqual({ delivered: 0 });
    expect(idle.calls.n).toBe(0);
  });

  it('lets a failing batch fail the run (the scheduler logs it)', async () => {
    const job = outboxJob(
      'x',
      {
        runOnce: async () => {
          throw new Error('connection terminated');
        },
      },
      1000,
    );
    await expect(job.run(new AbortController().signal)).rejects.toThrow('connection terminated');
  });
});
