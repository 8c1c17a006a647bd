/**
 * The scheduler of a server process's background jobs: named periodic jobs, each run awaited before the next one
 * of the same job is scheduled (a job never overlaps itself within a process; different jobs run independently),
 * errors logged with the job's name through the app's logger (never swallowed; the job keeps its schedule), and a
 * `stop()` that schedules nothing more, tells runs in progress to finish early (AbortSignal) and waits for them
 * for a bounded time.
 *
 * The pause is measured from the end of one run to the start of the next, on the real clock (timers), never on the
 * settable business clock. Sharing the work between several server processes is each job's own business (row locks,
 * `FOR UPDATE SKIP LOCKED`): the scheduler is per process. `status()` gives each job's last run and last error, for
 * a readiness endpoint.
 */
import { systemNow } from '../clock.ts';

export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What a run did, as counts (`{ delivered: 3 }`); logged at info level when any count is not zero. */
export type JobReport = Record<string, number>;

export interface JobDefinition {
  /** Unique and stable (it appears in logs and in the status): `outbox.mail`, `drafts.expiry`. */
  name: string;
  /** Pause between the end of one run and the start of the next, in milliseconds. */
  everyMs: number;
  /** Up to this many milliseconds are added at random to each pause, so that several servers drift apart. */
  jitterMs?: number;
  /** Run as soon as the scheduler starts; otherwise the first run comes after one pause. */
  runImmediately?: boolean;
  /** One run. The signal is aborted when the scheduler stops: a long run should end at the next safe point. */
  run(signal: AbortSignal): Promise<JobReport | void>;
}

export interface JobState {
  name: string;
  everyMs: number;
  running: boolean;
  runs: number;
  failures: number;
  /** Failed runs since the last successful one. */
  consecutiveFailures: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastDurationMs: number | null;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  lastReport: JobReport | null;
  nextRunAt: string | null;
}

export interface SchedulerStatus {
  started: boolean;
  stopping: boolean;
  jobs: JobState[];
}

export interface StopResult {
  /** Jobs whose run was still in progress when the wait ran out. */
  unfinished: string[];
}

interface Entry {
  job: JobDefinition;
  state: JobState;
  timer: NodeJS.Timeout | null;
  inFlight: Promise<void> | null;
}

export const DEFAULT_STOP_TIMEOUT_MS = 10_000;

export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly abort = new AbortController();
  private started = false;
  private stopped: Promise<StopResult> | null = null;
  private readonly random: () => number;

  constructor(private readonly opts: { log: JobLogger; random?: () => number }) {
    this.random = opts.random ?? Math.random;
  }

  /** Registers a job; when the scheduler is already running, the job starts at once on its own schedule. */
  add(job: JobDefinition): this {
    if (this.stopped) throw new Error(`scheduler is stopping: cannot add job ${job.name}`);
    if (!job.name || this.entries.has(job.name)) throw new Error(`job name missing or already used: "${job.name}"`);
    if (!Number.isFinite(job.everyMs) || job.everyMs <= 0) throw new Error(`job ${job.name}: everyMs must be a positive number`);
    if (job.jitterMs !== undefined && (!Number.isFinite(job.jitterMs) || job.jitterMs < 0)) throw new Error(`job ${job.name}: jitterMs must be ≥ 0`);
    const entry: Entry = {
      job,
      timer: null,
      inFlight: null,
      state: {
        name: job.name,
        everyMs: job.everyMs,
        running: false,
        runs: 0,
        failures: 0,
        consecutiveFailures: 0,
        lastStartedAt: null,
        lastFinishedAt: null,
        lastDurationMs: null,
        lastSuccessAt: null,
        lastError: null,
        lastReport: null,
        nextRunAt: null,
      },
    };
    this.entries.set(job.name, entry);
    if (this.started) this.schedule(entry, job.runImmediately ? 0 : this.pause(job));
    return this;
  }

  /** Starts every registered job on its schedule (once; a stopped scheduler does not start again). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const e of this.entries.values()) this.schedule(e, e.job.runImmediately ? 0 : this.pause(e.job));
  }

  /**
   * Stops scheduling new runs, aborts the signal given to the runs in progress and waits for them, at most
   * `timeoutMs`. Calling it again returns the same result.
   */
  stop(timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<StopResult> {
    this.stopped ??= this.drain(timeoutMs);
    return this.stopped;
  }

  /** Each job's schedule, last run and last error (copies). */
  status(): SchedulerStatus {
    return {
      started: this.started,
      stopping: this.stopped !== null,
      jobs: [...this.entries.values()].map((e) => ({
        ...e.state,
        lastError: e.state.lastError && { ...e.state.lastError },
        lastReport: e.state.lastReport && { ...e.state.lastReport },
      })),
    };
  }

  private async drain(timeoutMs: number): Promise<StopResult> {
    this.abort.abort();
    for (const e of this.entries.values()) {
      if (e.timer) clearTimeout(e.timer);
      e.timer = null;
      e.state.nextRunAt = null;
    }
    const running = [...this.entries.values()].flatMap((e) => (e.inFlight ? [e.inFlight] : []));
    if (running.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(running), timeout]);
      clearTimeout(timer);
    }
    const unfinished = [...this.entries.values()].filter((e) => e.state.running).map((e) => e.job.name);
    if (unfinished.length > 0) this.opts.log.warn({ jobs: unfinished, timeoutMs }, 'background jobs still running when the shutdown wait ran out');
    return { unfinished };
  }

  private pause(job: JobDefinition): number {
    return job.everyMs + (job.jitterMs ? Math.floor(this.random() * job.jitterMs) : 0);
  }

  private schedule(e: Entry, delayMs: number): void {
    if (this.stopped) return;
    e.state.nextRunAt = new Date(Date.now() + delayMs).toISOString();
    e.timer = setTimeout(() => {
      e.timer = null;
      const run = this.execute(e);
      e.inFlight = run;
      void run.finally(() => {
        if (e.inFlight === run) e.inFlight = null;
      });
    }, delayMs);
    // The HTTP server keeps the process alive; pending job timers alone must not.
    e.timer.unref();
  }

  private async execute(e: Entry): Promise<void> {
    const s = e.state;
    const started = Date.now();
    s.running = true;
    s.nextRunAt = null;
    s.lastStartedAt = new Date(started).toISOString();
    try {
      const report = await e.job.run(this.abort.signal);
      s.lastSuccessAt = systemNow().toISOString();
      s.consecutiveFailures = 0;
      s.lastReport = report ?? null;
      if (report && Object.values(report).some((n) => n !== 0)) this.safeLog('info', { job: e.job.name, ...report }, 'background job did work');
    } catch (err) {
      s.failures++;
      s.consecutiveFailures++;
      s.lastError = { at: systemNow().toISOString(), message: String((err as Error)?.message ?? err).slice(0, 1000) };
      this.safeLog('error', { err, job: e.job.name, consecutiveFailures: s.consecutiveFailures }, 'background job failed');
    } finally {
      s.runs++;
      s.running = false;
      s.lastFinishedAt = systemNow().toISOString();
      s.lastDurationMs = Date.now() - started;
      this.schedule(e, this.pause(e.job));
    }
  }

  /** A logger that throws must not stop the job's schedule. */
  private safeLog(level: 'info' | 'error', obj: object, msg: string): void {
    try {
      this.opts.log[level](obj, msg);
    } catch {
      /* nothing better to do: the logger itself failed */
    }
  }
}
