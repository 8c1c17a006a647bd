/**
 * Deadline engine (thời hạn giải quyết), in Vietnam local time (UTC+7, no daylight saving), over a working-day
 * calendar (src/core/calendar). Conventions, written once here and in docs/calendar-and-deadlines.md:
 *
 * - Working hours are data (default 07:30–11:30 and 13:30–17:30, 8 hours a day).
 * - A time limit in working days does not count the receipt day: the due time is the end of working hours of the
 *   n-th working day after the receipt date.
 * - A same-day procedure (0 working days with the 15:00 rule) is due at the end of the receipt day when received on
 *   a working day at or before 15:00, otherwise at the end of the next working day.
 * - Working hours are counted inside working intervals only.
 * - Calendar days and months end at the end of working hours of the last day; a last day that is not a working day
 *   moves to the next working day (Civil Code 2015, Art. 148).
 * - A pause (supplement requested → supplied) pushes the due time by exactly the working time it covered.
 */
import { addDaysIso, isWorkingDay, type CalendarDayKind } from '../calendar/holidays.ts';

export type Calendar = ReadonlyMap<string, CalendarDayKind>;
export type DeadlineUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'months';

export interface WorkingHours {
  /** Minutes after local midnight: [[start, end], …] in order. */
  intervals: [number, number][];
  /** The same-day cutoff, minutes after local midnight (15:00). */
  sameDayCutoff: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { intervals: [[7 * 60 + 30, 11 * 60 + 30], [13 * 60 + 30, 17 * 60 + 30]], sameDayCutoff: 15 * 60 };

const OFFSET_MS = 7 * 3600_000;
const MIN = 60_000;

/** Local (Vietnam) date and minute of day of an instant. */
export function toLocal(at: Date): { day: string; minute: number } {
  const v = new Date(at.getTime() + OFFSET_MS);
  return { day: v.toISOString().slice(0, 10), minute: v.getUTCHours() * 60 + v.getUTCMinutes() + v.getUTCSeconds() / 60 };
}

export function fromLocal(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS + Math.round(minute * MIN));
}

/** ISO 8601 with +07:00. */
export function formatVn(at: Date): string {
  const v = new Date(at.getTime() + OFFSET_MS).toISOString();
  return `${v.slice(0, 19)}+07:00`;
}

const endOfDay = (h: WorkingHours) => h.intervals[h.intervals.length - 1][1];

function nextWorkingDay(day: string, cal: Calendar): string {
  let d = addDaysIso(day, 1);
  while (!isWorkingDay(d, cal)) d = addDaysIso(d, 1);
  return d;
}

function onOrNextWorkingDay(day: string, cal: Calendar): string {
  return isWorkingDay(day, cal) ? day : nextWorkingDay(day, cal);
}

/** Adds working minutes to an instant, inside working intervals of working days. */
export function addWorkingMinutes(from: Date, minutes: number, cal: Calendar, h: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  let { day, minute } = toLocal(from);
  let left = minutes;
  if (!isWorkingDay(day, cal)) {
    day = nextWorkingDay(day, cal);
    minute = 0;
  }
  for (;;) {
    for (const [start, end] of h.intervals) {
      if (minute >= end) continue;
      const s = Math.max(minute, start);
      if (s + left <= end) return fromLocal(day, s + left);
      left -= end - s;
      minute = end;
    }
    day = nextWorkingDay(day, cal);
    minute = 0;
  }
}

/** Working minutes between two instants (0 if to ≤ from). */
export function workingMinutesBetween(from: Date, to: Date, cal: Calendar, h: WorkingHours = DEFAULT_WORKING_HOURS): number {
  if (to <= from) return 0;
  const a = toLocal(from);
  const b = toLocal(to);
  let total = 0;
  for (let day = a.day; day <= b.day; day = addDaysIso(day, 1)) {
    if (!isWorkingDay(day, cal)) continue;
    const lo = day === a.day ? a.minute : 0;
    const hi = day === b.day ? b.minute : 24 * 60;
    for (const [start, end] of h.intervals) total += Math.max(0, Math.min(end, hi) - Math.max(start, lo));
  }
  return total;
}

export interface DueInput {
  from: Date;
  amount: number;
  unit: DeadlineUnit;
  sameDayRule?: boolean;
}

export function dueDate(input: DueInput, cal: Calendar, h: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const { day, minute } = toLocal(input.from);
  const close = endOfDay(h);
  switch (input.unit) {
    case 'working_days': {
      if (input.amount === 0) {
        const sameDay = isWorkingDay(day, cal) && (input.sameDayRule ? minute <= h.sameDayCutoff : minute < close);
        return fromLocal(sameDay ? day : nextWorkingDay(day, cal), close);
      }
      let d = day;
      for (let i = 0; i < input.amount; i++) d = nextWorkingDay(d, cal);
      return fromLocal(d, close);
    }
    case 'working_hours':
      return addWorkingMinutes(input.from, input.amount * 60, cal, h);
    case 'calendar_days':
      return fromLocal(onOrNextWorkingDay(addDaysIso(day, input.amount), cal), close);
    case 'months': {
      const [y, m, dd] = day.split('-').map(Number);
      const target = new Date(Date.UTC(y, m - 1 + input.amount, 1));
      const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      const iso = `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(dd, lastDay)).padStart(2, '0')}`;
      return fromLocal(onOrNextWorkingDay(iso, cal), close);
    }
  }
}

export interface Pause {
  from: Date;
  /** Absent while the pause lasts. */
  to?: Date;
}

/** The due time pushed by the working time of every finished pause. */
export function dueAfterPauses(due: Date, pauses: Pause[], cal: Calendar, h: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const paused = pauses.reduce((n, p) => n + (p.to ? workingMinutesBetween(p.from, p.to, cal, h) : 0), 0);
  return paused > 0 ? addWorkingMinutes(due, paused, cal, h) : due;
}

export interface Extension {
  at: Date;
  from: Date;
  to: Date;
  reason: string;
}

/** Due-date history: the original, the current and every change, each with its reason. */
export interface DueHistory {
  original: Date;
  current: Date;
  extensions: Extension[];
}

export function extend(h: DueHistory, to: Date, reason: string, at = new Date()): DueHistory {
  if (!reason.trim()) throw new Error('An extension needs a reason');
  if (to <= h.current) throw new Error('An extension must move the due date later');
  return { original: h.original, current: to, extensions: [...h.extensions, { at, from: h.current, to, reason }] };
}

/** Due times of each workflow step, one after the other, from the receipt. */
export function stepDueTimes(from: Date, quotas: { amount: number; unit: 'working_hours' | 'working_days' }[], cal: Calendar, h: WorkingHours = DEFAULT_WORKING_HOURS): Date[] {
  const out: Date[] = [];
  let t = from;
  for (const q of quotas) {
    t = q.unit === 'working_hours' ? addWorkingMinutes(t, q.amount * 60, cal, h) : addWorkingMinutes(t, q.amount * 8 * 60, cal, h);
    out.push(t);
  }
  return out;
}
