/**
 * Local time (Vietnam, Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving since 1975, so an instant's local
 * calendar day and clock time are a fixed offset away from UTC. This file is the one place that knows the offset;
 * the server and the browser ask these helpers (local-offset-scan.test.ts beside this file keeps hand-made offset
 * arithmetic out of src/server and src/web). Pure; shared by server and browser.
 *
 * Days are `YYYY-MM-DD` strings of the local calendar; instants are Date values (UTC inside).
 */

const OFFSET_MS = 7 * 3_600_000;
const MIN_MS = 60_000;
const DAY_MS = 86_400_000;

/** The local offset as ISO 8601 writes it. */
export const VN_OFFSET = '+07:00';

/** The instant shifted so that its UTC fields read the local wall-clock time. Internal: never leaves this file. */
const shifted = (at: Date) => new Date(at.getTime() + OFFSET_MS);

/** Local (Vietnam) date and minute of the day (with fractions for seconds) of an instant. */
export function toLocal(at: Date): { day: string; minute: number } {
  const v = shifted(at);
  return { day: v.toISOString().slice(0, 10), minute: v.getUTCHours() * 60 + v.getUTCMinutes() + v.getUTCSeconds() / 60 + v.getUTCMilliseconds() / 60_000 };
}

/** The instant of a local date and minute of the day (minute 1440 is the start of the next day). */
export function fromLocal(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS + Math.round(minute * MIN_MS));
}

/** The local calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(at: Date): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** The local year of an instant (books and counters that restart each year). */
export function localYear(at: Date): number {
  return shifted(at).getUTCFullYear();
}

/** The local calendar fields of an instant (month 1–12). */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(at: Date): LocalParts {
  const v = shifted(at);
  return {
    year: v.getUTCFullYear(),
    month: v.getUTCMonth() + 1,
    day: v.getUTCDate(),
    hour: v.getUTCHours(),
    minute: v.getUTCMinutes(),
    second: v.getUTCSeconds(),
  };
}

/** The instant of local calendar fields (out-of-range fields roll over, as Date.UTC does). */
export function fromLocalParts(p: LocalParts): Date {
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - OFFSET_MS);
}

/** The instant a local day starts (00:00 Vietnam time). */
export function startOfLocalDay(day: string): Date {
  return fromLocal(day, 0);
}

/**
 * The instants of a range of whole local days, `from` to `to` inclusive: [start of `from`, start of the day after
 * `to`), for SQL conditions `t >= start AND t < end`.
 */
export function localDayRange(from: string, to: string): { start: Date; end: Date } {
  return { start: fromLocal(from, 0), end: new Date(fromLocal(to, 0).getTime() + DAY_MS) };
}

/** ISO 8601 in Vietnam time, e.g. 2026-02-24T17:30:00+07:00. */
export function formatVn(at: Date): string {
  return `${shifted(at).toISOString().slice(0, 19)}${VN_OFFSET}`;
}

/** `yyyyMMddHHmmss` in Vietnam time, the date format of VNPay and of the national payment platform. */
export function localCompact(at: Date): string {
  return shifted(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The instant of a `yyyyMMddHHmmss` Vietnam time; null when the text has another shape. */
export function parseLocalCompact(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  return m ? fromLocalParts({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6] }) : null;
}

/**
 * The Date whose UTC fields are the local wall-clock time of the instant: what a spreadsheet date cell (which has
 * no time zone) must hold so that it shows Vietnam time. Only for such time-zone-less sinks.
 */
export function localWallClock(at: Date): Date {
  return shifted(at);
}
