/**
 * The server's clock for business time (receipt, due dates, pauses, handovers). In production it is the system
 * clock. Outside production it can be set (POST /api/dev/clock) so a browser test acts on a working day at a
 * chosen hour and lets working hours pass without waiting: either moved by an offset (time keeps running) or
 * frozen at an instant (every request sees the same time). The setting is per process.
 */
let offsetMs = 0;
let frozenAt: number | null = null;

export function now(): Date {
  return new Date(frozenAt ?? Date.now() + offsetMs);
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
