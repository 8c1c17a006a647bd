/**
 * The server's two clocks.
 *
 * `now()` is business time: receipt, due dates, pauses, handovers, issue dates, payment intents, the catalogue's
 * "today" — everything a dossier, a document or a statistic records. In production it is the system clock. Outside
 * production it can be set (POST /api/dev/clock) so a browser test acts on a working day at a chosen hour and lets
 * working hours pass without waiting: either moved by an offset (time keeps running) or frozen at an instant (every
 * request sees the same time). The setting is per process.
 *
 * `systemNow()` is the machine's real time, never moved: security and technical times that must follow the real
 * world — sessions and logins, lockouts and one-time codes, signature times (certificates are checked against real
 * time), upload and gateway receipt times, the audit trail of administration, health answers. Durations, caches and
 * leases use `Date.now()` or the database's `now()` (also real time).
 *
 * Server code does not call a bare `new Date` for the current time: it picks one of these two (clock.test.ts).
 */
let offsetMs = 0;
let frozenAt: number | null = null;

export function now(): Date {
  return new Date(frozenAt ?? Date.now() + offsetMs);
}

/** The machine's real time, which the development clock setting does not move. */
export function systemNow(): Date {
  return new Date(Date.now());
}

/** Sets the clock so that now() returns `at`; frozen, it stays there until set again. */
export function setClockTo(at: Date, opts: { frozen?: boolean } = {}): void {
  frozenAt = opts.frozen ? at.getTime() : null;
  offsetMs = at.getTime() - Date.now();
}

export function resetClock(): void {
  offsetMs = 0;
  frozenAt = null;
}
