import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type JobLogger } from './scheduler.ts';

/** A logger that records what it is given. */
function recordingLog() {
  const lines: { level: 'info' | 'warn' | 'error'; obj: Record<string, unknown>; msg: string }[] = [];
  const log: JobLogger = {
    info: (obj, msg) => void lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    warn: (obj, msg) => void lines.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
    error: (obj, msg) => void lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
  return { log, lines };
}

/** A promise settled from outside. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-09T01:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('runs nothing before start, then immediately when asked and every interval after the end of the previous run', async () => {
    const { log } = recordingLog();
    const starts: number[] = [];
    const s = new Scheduler({ log })
      .add({ name: 'now', everyMs: 1000, runImmediately: true, run: async () => void starts.push(Date.now()) })
      .add({ name: 'later', everyMs: 5000, run: async () => void starts.push(-Date.now()) });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(starts).toEqual([]);
    const t0 = Date.now();
    s.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts.filter((t) => t >= 0).map((t) => t - t0)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(starts.filter((t) => t < 0).map((t) => -t - t0)).toEqual([5000]);
    await s.stop();
  });

  it('never overlaps a job with itself: the next run is scheduled one pause after the slow run ends', async () => {
    const { log } = recordingLog();
    let active = 0;
    let maxActive = 0;
    const starts: number[] = [];
    const t0 = Date.now();
    const s = new Scheduler({ log }).add({
      name: 'slow',
      everyMs: 100,
      runImmediately: true,
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        starts.push(Date.now() - t0);
        await new Promise((r) => setTimeout(r, 350));
        active--;
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(maxActive).toBe(1);
    // 0 → runs until 350, pause 100 → 450 → 900 → 1350 → 1800.
    expect(starts).toEqual([0, 450, 900, 1350, 1800]);
    // The run started at 1800 is in progress: stop waits for it (fake time has to pass for it to end).
    const stopping = s.stop();
    await vi.advanceTimersByTimeAsync(400);
    expect(await stopping).toEqual({ unfinished: [] });
    expect(starts).toHaveLength(5);
  });

  it('logs a failed run with the job name through the logger and keeps the job on its schedule', async () => {
    const { log, lines } = recordingLog();
    let n = 0;
    const s = new Scheduler({ log }).add({
      name: 'flaky',
      everyMs: 1000,
      run: async () => {
        n++;
        if (n <= 2) throw new Error(`SMTP 451 lần ${n}`);
        return { delivered: n === 3 ? 2 : 0 };
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(2000);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[0].obj.job).toBe('flaky');
    expect((errors[0].obj.err as Error).message).toBe('SMTP 451 lần 1');
    expect(errors[0].msg).toBe('background job failed');
    let state = s.status().jobs[0];
    expect(state).toMatchObject({ name: 'flaky', runs: 2, failures: 2, consecutiveFailures: 2, lastSuccessAt: null, running: false });
    expect(state.lastError?.message).toBe('SMTP 451 lần 2');

    await vi.advanceTimersByTimeAsync(2000);
    state = s.status().jobs[0];
    expect(state).toMatchObject({ runs: 4, failures: 2, consecutiveFailures: 0, lastReport: { delivered: 0 } });
    expect(state.lastSuccessAt).not.toBeNull();
    expect(state.lastError?.message).toBe('SMTP 451 lần 2');
    // A run that did work is logged once (delivered: 2); one that did nothing is not.
    expect(lines.filter((l) => l.level === 'info')).toEqual([{ level: 'info', obj: { job: 'flaky', delivered: 2 }, msg: 'background job did work' }]);
    await s.stop();
  });

  it('keeps scheduling when the logger itself throws', async () => {
    const throwing: JobLogger = {
      info: () => {
        throw new Error('log');
      },
      warn: () => {
        throw new Error('log');
      },
      error: () => {
        throw new Error('log');
      },
    };
    let runs = 0;
    const s = new Scheduler({ log: throwing }).add({
      name: 'x',
      everyMs: 10,
      run: async () => {
        runs++;
        throw new Error('boom');
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(10);
    await s.stop();
  });

  it('adds up to jitterMs at random to each pause', async () => {
    const { log } = recordingLog();
    const starts: number[] = [];
    const t0 = Date.now();
    const s = new Scheduler({ log, random: () => 0.5 }).add({ name: 'j', everyMs: 1000, jitterMs: 400, run: async () => void starts.push(Date.now() - t0) });
    s.start();
    await vi.advanceTimersByTimeAsync(3600);
    expect(starts).toEqual([1200, 2400, 3600]);
    expect(s.status().jobs[0].nextRunAt).toBe(new Date(t0 + 4800).toISOString());
    await s.stop();
  });

  it('stop() schedules no new run, aborts the signal and waits for the run in progress', async () => {
    const { log, lines } = recordingLog();
    const gate = deferred();
    let runs = 0;
    let aborted = false;
    let finished = false;
    const s = new Scheduler({ log }).add({
      name: 'long',
      everyMs: 50,
      runImmediately: true,
      run: async (signal) => {
        runs++;
        signal.addEventListener('abort', () => (aborted = true));
        await gate.promise;
        finished = true;
      },
    });
    s.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.status().jobs[0].running).toBe(true);
    let result: unknown;
    const stopping = s.stop(5000).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(1000);
    expect(aborted).toBe(true);
    expect(result).toBeUndefined();
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    expect(result).toEqual({ unfinished: [] });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
    expect(s.status()).toMatchObject({ started: true, stopping: true, jobs: [{ running: false, nextRunAt: null }] });
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
    // Stopped for good: start() and stop() again change nothing.
    s.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    expect(await s.stop()).toEqual({ unfinished: [] });
    expect(() => s.add({ name: 'late', everyMs: 10, run: async () => undefined })).toThrow(/stopping/);
  });

  it('stop() gives up waiting after its timeout and names the unfinished jobs', async () => {
    const { log, lines } = recordingLog();
    const s = new Scheduler({ log })
      .add({ name: 'stuck', everyMs: 50, runImmediately: true, run: () => new Promise<void>(() => undefined) })
      .add({ name: 'quick', everyMs: 50, runImmediately: true, run: async () => undefined });
    s.start();
    await vi.advanceTimersByTimeAsync(10);
    let result: unknown;
    const stopping = s.stop(2000).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(1999);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(result).toEqual({ unfinished: ['stuck'] });
    expect(lines.filter((l) => l.level === 'warn')).toEqual([
      { level: 'warn', obj: { jobs: ['stuck'], timeoutMs: 2000 }, msg: 'background jobs still running when the shutdown wait ran out' },
    ]);
  });

  it('refuses a duplicate name and a non-positive interval', () => {
    const { log } = recordingLog();
    const s = new Scheduler({ log }).add({ name: 'a', everyMs: 10, run: async () => undefined });
    expect(() => s.add({ name: 'a', everyMs: 10, run: async () => undefined })).toThrow(/already used/);
    expect(() => s.add({ name: 'b', everyMs: 0, run: async () => undefined })).toThrow(/everyMs/);
    expect(() => s.add({ name: 'c', everyMs: 10, jitterMs: -1, run: async () => undefined })).toThrow(/jitterMs/);
  });

  it('starts a job added after start() on its own schedule', async () => {
    const { log } = recordingLog();
    const s = new Scheduler({ log });
    s.start();
    let runs = 0;
    s.add({ name: 'late', everyMs: 100, runImmediately: true, run: async () => void runs++ });
    await vi.advanceTimersByTimeAsync(250);
    expect(runs).toBe(3);
    await s.stop();
  });
});
