/**
 * What a server process knows about its own life, for the readiness endpoint: whether it is shutting down (a load
 * balancer must stop sending it work before the listener closes) and the status of its background jobs (set by
 * main.ts when it starts the scheduler; tests and the CLI have none).
 */
import type { SchedulerStatus } from './jobs/scheduler.ts';

export class Lifecycle {
  private stopping = false;
  private scheduler: (() => SchedulerStatus) | null = null;

  /** Background jobs of this process (none registered: workers run elsewhere, WORKERS=0). */
  attachScheduler(status: () => SchedulerStatus): void {
    this.scheduler = status;
  }

  beginShutdown(): void {
    this.stopping = true;
  }

  get shuttingDown(): boolean {
    return this.stopping;
  }

  schedulerStatus(): SchedulerStatus | null {
    return this.scheduler?.() ?? null;
  }
}
