/**
 * Deadline engine (thời hạn giải quyết), pure, in Vietnam local time (Asia/Ho_Chi_Minh = UTC+7, no daylight
 * saving), over the working-day calendar of src/core/calendar. Instants are Date values (UTC inside); ISO strings
 * must carry an offset. Conventions (also in docs/calendar-and-deadlines.md):
 *
 * - Working time: the intervals of a working day (data: 07:30–11:30 and 13:30–17:30, 8 hours).
 * - The due time of a limit counted in days is the END of the working day (17:30 by default).
 * - working_days n ≥ 1: the receipt day is not counted; due at the end of the n-th working day after the receipt
 *   date (whatever the hour of receipt, and also when the receipt date is not a working day).
 * - working_days 0 with the 15:00 rule: due at the end of the receipt day if it is a working day and the receipt is
 *   at or before 15:00, otherwise at the end of the next working day. More generally the 15:00 rule moves a late or
 *   non-working-day receipt to the next working day before counting.
 * - working_days 0 without the rule: the end of the receipt day if it is a working day received before closing,
 *   otherwise the end of the next working day.
 * - working_hours: counted inside working intervals only, from the receipt instant.
 * - calendar_days n / months n: the receipt day is not counted; the corresponding day (for months: the same day
 *   number, or the month's last day) — if that day is not a working day, the next working day (Civil Code 2015,
 *   Art. 147–148); due at its end of working hours.
 * - A pause (supplement requested → supplied) pushes the due time by exactly the working time it covered.
 * - Extensions keep the original due time, the current one and every change with its reason.
 */
import { addDaysIso, isWorkingDay, type CalendarDayKind, type DayCalendar, type WorkingTimeData } from '../calendar/holidays.ts';
import { fromLocal, toLocal } from '../time/local.ts';

export type DeadlineUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'months';

export interface WorkingHours {
  /** Minutes after local midnight: [[start, end], …], in order, not overlapping. */
  intervals: [number, number][];
  /** The same-day cutoff of the 15:00 rule, minutes after local midnight. */
  sameDayCutoff: number;
}

/** The working-day calendar and the working hours used by every computation. */
export interface WorkCalendar {
  days: DayCalendar;
  hours: WorkingHours;
}
/** A bare day calendar is accepted too; it then uses DEFAULT_WORKING_HOURS. */
export type Calendar = WorkCalendar | ReadonlyMap<string, CalendarDayKind>;

/** The default of data/holidays.json (workingTime): 07:30–11:30, 13:30–17:30, cutoff 15:00. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  intervals: [
    [450, 690],
    [810, 1050],
  ],
  sameDayCutoff: 900,
};

const clock = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Working hours from the data format ("07:30" strings); checks that the intervals are ordered. */
export function workingHoursFrom(data: Pick<WorkingTimeData, 'intervals' | 'sameDayCutoff'>): WorkingHours {
  const intervals = data.intervals.map(([a, b]) => [clock(a), clock(b)] as [number, number]);
  intervals.forEach(([a, b], i) => {
    if (b <= a || (i > 0 && a < intervals[i - 1][1])) throw new Error(`Working interval ${data.intervals[i].join('–')} is empty or out of order`);
  });
  return { intervals, sameDayCutoff: clock(data.sameDayCutoff) };
}

export function workCalendar(days: DayCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): WorkCalendar {
  return { days, hours };
}

const resolve = (cal: Calendar): WorkCalendar =>
  'days' in cal && 'hours' in cal ? (cal as WorkCalendar) : { days: cal as DayCalendar, hours: DEFAULT_WORKING_HOURS };

/** Minutes of working time in one working day (480 by default). */
export const minutesPerWorkingDay = (h: WorkingHours) => h.intervals.reduce((n, [a, b]) => n + b - a, 0);

// Local time lives in src/core/time/local.ts; re-exported here, where these were first defined.
export { formatVn, fromLocal, toLocal } from '../time/local.ts';

/** Parses an ISO 8601 instant that states its offset (Z or ±hh:mm); a local time without offset is refused. */
export function parseInstant(value: string | Date): Date {
  if (value instanceof Date) return value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})$/.test(value)) throw new RangeError(`Not an ISO instant with offset: ${value}`);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid instant: ${value}`);
  return d;
}

function nextWorkingDay(day: string, days: DayCalendar): string {
  let d = addDaysIso(day, 1);
  for (let guard = 0; !isWorkingDay(d, days); guard++) {
    if (guard > 366) throw new Error(`No working day within a year after ${day}`);
    d = addDaysIso(d, 1);
  }
  return d;
}

const onOrNextWorkingDay = (day: string, days: DayCalendar) => (isWorkingDay(day, days) ? day : nextWorkingDay(day, days));
const closing = (h: WorkingHours) => h.intervals[h.intervals.length - 1][1];

/** Is the instant inside working time (a working interval of a working day)? */
export function isWorkingTime(at: Date, cal: Calendar): boolean {
  const { days, hours } = resolve(cal);
  const { day, minute } = toLocal(at);
  return isWorkingDay(day, days) && hours.intervals.some(([a, b]) => minute >= a && minute < b);
}

/** Adds working minutes to an instant, counting only working intervals of working days. */
export function addWorkingMinutes(from: Date, minutes: number, cal: Calendar): Date {
  if (!(minutes >= 0)) throw new RangeError('minutes must be ≥ 0');
  const { days, hours } = resolve(cal);
  let { day, minute } = toLocal(from);
  let left = minutes;
  if (!isWorkingDay(day, days)) {
    day = nextWorkingDay(day, days);
    minute = 0;
  }
  for (;;) {
    for (const [start, end] of hours.intervals) {
      if (minute >= end) continue;
      const s = Math.max(minute, start);
      if (s + left <= end) return fromLocal(day, s + left);
      left -= end - s;
      minute = end;
    }
    day = nextWorkingDay(day, days);
    minute = 0;
  }
}

/** Working minutes between two instants (0 when to ≤ from). */
export function workingMinutesBetween(from: Date, to: Date, cal: Calendar): number {
  if (to <= from) return 0;
  const { days, hours } = resolve(cal);
  const a = toLocal(from);
  const b = toLocal(to);
  let total = 0;
  for (let day = a.day; day <= b.day; day = addDaysIso(day, 1)) {
    if (!isWorkingDay(day, days)) continue;
    const lo = day === a.day ? a.minute : 0;
    const hi = day === b.day ? b.minute : 24 * 60;
    for (const [start, end] of hours.intervals) total += Math.max(0, Math.min(end, hi) - Math.max(start, lo));
  }
  return Math.round(total * 1000) / 1000;
}

export interface DueInput {
  /** The instant of valid receipt (tiếp nhận hợp lệ). */
  from: Date;
  amount: number;
  unit: DeadlineUnit;
  /** The 15:00 rule (same-day procedures). */
  sameDayRule?: boolean;
}

/** The statutory due time of a time limit, counted from the receipt. */
export function dueDate(input: DueInput, cal: Calendar): Date {
  const wc = resolve(cal);
  const { days, hours } = wc;
  const close = closing(hours);
  if (!Number.isFinite(input.amount) || input.amount < 0) throw new RangeError('amount must be ≥ 0');
  let { day, minute } = toLocal(input.from);
  if (input.sameDayRule && (!isWorkingDay(day, days) || minute > hours.sameDayCutoff)) {
    // Received after the cutoff or on a non-working day: counts as received at the start of the next working day.
    day = nextWorkingDay(day, days);
    minute = 0;
  }
  switch (input.unit) {
    case 'working_days': {
      if (!Number.isInteger(input.amount)) throw new RangeError('working_days must be a whole number; use working_hours');
      if (input.amount === 0) return fromLocal(isWorkingDay(day, days) && minute < close ? day : nextWorkingDay(day, days), close);
      let d = day;
      for (let i = 0; i < input.amount; i++) d = nextWorkingDay(d, days);
      return fromLocal(d, close);
    }
    case 'working_hours':
      return addWorkingMinutes(fromLocal(day, minute), input.amount * 60, wc);
    case 'calendar_days':
      if (!Number.isInteger(input.amount)) throw new RangeError('calendar_days must be a whole number');
      return fromLocal(onOrNextWorkingDay(addDaysIso(day, input.amount), days), close);
    case 'months': {
      if (!Number.isInteger(input.amount)) throw new RangeError('months must be a whole number');
      const [y, m, dd] = day.split('-').map(Number);
      const first = new Date(Date.UTC(y, m - 1 + input.amount, 1));
      const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
      const iso = `${first.toISOString().slice(0, 8)}${String(Math.min(dd, lastDay)).padStart(2, '0')}`;
      return fromLocal(onOrNextWorkingDay(iso, days), close);
    }
  }
}

export interface Pause {
  from: Date;
  /** Absent while the pause lasts. */
  to?: Date | null;
}

/** Merges overlapping pauses; an open pause ends at `now` when given, otherwise it is left out. */
function closedPauses(pauses: readonly Pause[], now?: Date): { from: Date; to: Date }[] {
  const closed = pauses
    .map((p) => ({ from: p.from, to: p.to ?? now ?? null }))
    .filter((p): p is { from: Date; to: Date } => p.to !== null && p.to > p.from)
    .sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: { from: Date; to: Date }[] = [];
  for (const p of closed) {
    const last = merged[merged.length - 1];
    if (!last || p.from > last.to) merged.push({ ...p });
    else if (p.to > last.to) last.to = p.to;
  }
  return merged;
}

/** Working minutes covered by the pauses (overlaps counted once; an open pause up to `now` if given). */
export function pausedWorkingMinutes(pauses: readonly Pause[], cal: Calendar, now?: Date): number {
  return closedPauses(pauses, now).reduce((n, p) => n + workingMinutesBetween(p.from, p.to, cal), 0);
}

/**
 * The due time pushed by exactly the working time of the pauses. An open pause (no `to`) counts up to `now` when
 * given (a projection), otherwise not at all.
 */
export function dueAfterPauses(due: Date, pauses: readonly Pause[], cal: Calendar, now?: Date): Date {
  const paused = pausedWorkingMinutes(pauses, cal, now);
  return paused > 0 ? addWorkingMinutes(due, paused, cal) : due;
}

export interface Extension {
  /** When the extension was decided. */
  at: Date;
  from: Date;
  to: Date;
  reason: string;
}

/** Due-time history: the original (statutory) due time, the current one, and every extension with its reason. */
export interface DueHistory {
  original: Date;
  current: Date;
  extensions: Extension[];
}

export const startHistory = (original: Date): DueHistory => ({ original, current: original, extensions: [] });

/** Moves the current due time later (gia hạn / hẹn lại), keeping the history. */
export function extend(h: DueHistory, to: Date, reason: string, at: Date = new Date()): DueHistory {
  if (!reason.trim()) throw new Error('An extension needs a reason');
  if (to <= h.current) throw new Error('An extension must move the due time later');
  return { original: h.original, current: to, extensions: [...h.extensions, { at, from: h.current, to, reason }] };
}

/**
 * The due time in force: the latest extension's date (or the original), pushed by the pauses that began after
 * that date was set (pauses before an extension are taken into account by whoever set the new date).
 */
export function currentDue(h: DueHistory, pauses: readonly Pause[], cal: Calendar, now?: Date): Date {
  const last = h.extensions[h.extensions.length - 1];
  const base = last ? last.to : h.original;
  const relevant = last ? pauses.filter((p) => p.from >= last.at) : pauses;
  return dueAfterPauses(base, relevant, cal, now);
}

export interface StepQuota {
  amount: number;
  unit: 'working_hours' | 'working_days';
}

const quotaMinutes = (q: StepQuota, h: WorkingHours) => (q.unit === 'working_hours' ? q.amount * 60 : q.amount * minutesPerWorkingDay(h));

/** The due time of one step that starts at `start` (a working day in a quota is one working day of time). */
export function stepDue(start: Date, quota: StepQuota, cal: Calendar): Date {
  return addWorkingMinutes(start, quotaMinutes(quota, resolve(cal).hours), cal);
}

/**
 * Planned due times of the workflow steps, one after the other from the receipt. When `overallDue` is given, no
 * step is due after it (a step cannot have more time than the dossier).
 */
export function stepDueTimes(from: Date, quotas: readonly StepQuota[], cal: Calendar, overallDue?: Date): Date[] {
  const out: Date[] = [];
  let t = from;
  for (const q of quotas) {
    t = stepDue(t, q, cal);
    if (overallDue && t > overallDue) t = overallDue;
    out.push(t);
  }
  return out;
}

export type DueState = 'in_time' | 'due_soon' | 'overdue';

/** Where an open dossier or step stands at `now`: overdue, due within `warnMinutes` of working time, or in time. */
export function dueState(now: Date, due: Date, cal: Calendar, warnMinutes = minutesPerWorkingDay(resolve(cal).hours)): DueState {
  if (now > due) return 'overdue';
  return workingMinutesBetween(now, due, cal) <= warnMinutes ? 'due_soon' : 'in_time';
}
