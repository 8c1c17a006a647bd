/**
 * Working-day calendar: statutory holidays from rules (solar dates, lunar dates, Tết), the Labour Code's
 * compensatory day for a holiday on a weekend, and each year's government decision (swapped days off,
 * make-up working Saturdays) — all data, so a new year or a changed law is an edit of data/holidays.json.
 */
import { lunarToSolar } from './lunar.ts';

export type HolidayRule =
  | { kind: 'solar'; month: number; day: number; name: string; effectiveFrom: string; effectiveTo?: string }
  | { kind: 'lunar'; month: number; day: number; name: string; effectiveFrom: string; effectiveTo?: string }
  | { kind: 'tet'; daysBeforeNewYear: number; days: number; name: string; effectiveFrom: string; effectiveTo?: string };

export interface YearDecision {
  source: string;
  verified?: boolean;
  extraDaysOff: { date: string; name: string }[];
  makeupWorkingDays: { date: string; name: string }[];
  noCompensatoryFor: { date: string; reason: string }[];
}

export interface HolidayData {
  rules: HolidayRule[];
  years: Record<string, YearDecision>;
}

export type CalendarDayKind = 'holiday' | 'compensatory_day_off' | 'makeup_working_day';
export interface CalendarDay {
  day: string;
  kind: CalendarDayKind;
  name: string;
}

const DAY = 86_400_000;
export const addDaysIso = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
const isWeekend = (iso: string) => weekday(iso) === 0 || weekday(iso) === 6;
const pad = (n: number) => String(n).padStart(2, '0');
const inEffect = (r: { effectiveFrom: string; effectiveTo?: string }, iso: string) => r.effectiveFrom <= iso && (!r.effectiveTo || iso < r.effectiveTo);

/** Holidays and their consequences for the given years, sorted by day. */
export function buildCalendar(data: HolidayData, years: number[]): CalendarDay[] {
  const out = new Map<string, CalendarDay>();
  for (const year of years) {
    const holidays: CalendarDay[] = [];
    for (const rule of data.rules) {
      if (rule.kind === 'solar') {
        const iso = `${year}-${pad(rule.month)}-${pad(rule.day)}`;
        if (inEffect(rule, iso)) holidays.push({ day: iso, kind: 'holiday', name: rule.name });
      } else if (rule.kind === 'lunar') {
        const iso = lunarToSolar(rule.day, rule.month, year);
        if (inEffect(rule, iso)) holidays.push({ day: iso, kind: 'holiday', name: rule.name });
      } else {
        const newYear = lunarToSolar(1, 1, year);
        if (!inEffect(rule, newYear)) continue;
        for (let i = 0; i < rule.days; i++) {
          const iso = addDaysIso(newYear, i - rule.daysBeforeNewYear);
          const label = i < rule.daysBeforeNewYear ? `${rule.name} (cuối năm)` : `${rule.name} (mùng ${i - rule.daysBeforeNewYear + 1})`;
          holidays.push({ day: iso, kind: 'holiday', name: label });
        }
      }
    }
    const decision = data.years[String(year)];
    for (const h of holidays) out.set(h.day, h);
    for (const d of decision?.extraDaysOff ?? []) if (!out.has(d.date)) out.set(d.date, { day: d.date, kind: 'compensatory_day_off', name: d.name });
    // Compensatory days: each holiday on a weekend moves one day off to the next day that is neither a
    // weekend, a holiday nor an already granted day off.
    const skip = new Set((decision?.noCompensatoryFor ?? []).map((x) => x.date));
    for (const h of holidays.sort((a, b) => a.day.localeCompare(b.day))) {
      if (!isWeekend(h.day) || skip.has(h.day)) continue;
      let d = addDaysIso(h.day, 1);
      while (isWeekend(d) || out.has(d)) d = addDaysIso(d, 1);
      out.set(d, { day: d, kind: 'compensatory_day_off', name: `Nghỉ bù ${h.name}` });
    }
    for (const d of decision?.makeupWorkingDays ?? []) out.set(d.date, { day: d.date, kind: 'makeup_working_day', name: d.name });
  }
  return [...out.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** A working day: Monday–Friday unless a holiday or day off, or a make-up Saturday. */
export function isWorkingDay(iso: string, calendar: ReadonlyMap<string, CalendarDayKind>): boolean {
  const kind = calendar.get(iso);
  if (kind === 'makeup_working_day') return true;
  if (kind === 'holiday' || kind === 'compensatory_day_off') return false;
  return !isWeekend(iso);
}

export function calendarMap(days: CalendarDay[]): Map<string, CalendarDayKind> {
  return new Map(days.map((d) => [d.day, d.kind]));
}
