/**
 * The working-day calendar of state agencies, generated from data (data/holidays.json):
 *
 * 1. statutory holidays as rules with effective dates (Bộ luật Lao động 2019, Art. 112): fixed solar dates, lunar
 *    dates (Giỗ Tổ Hùng Vương 10/3 âm lịch), the five Tết days around mùng 1 (which days is a yearly decision; the
 *    rule has a default), and "the day adjacent to" a holiday (2/9 and the day before or after it);
 * 2. the yearly government decisions, each with its source and a verified flag: the Tết days chosen, the side of the
 *    Quốc khánh adjacent day, swapped days (a working day off, made up on a Saturday), extra days off;
 * 3. the Labour Code's compensatory day (Art. 111(3)): a holiday on a weekly day off (Saturday, Sunday) gives the
 *    next working day off.
 *
 * Pure: no I/O. Dates are ISO local dates (yyyy-mm-dd) in Vietnam.
 */
import { z } from 'zod';
import { lunarOfIso, lunarToSolar } from './lunar.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const RuleBase = {
  id: z.string().min(1),
  name: z.string().min(1),
  /** First day the rule applies (inclusive); null: not in force (e.g. a proposal). */
  effectiveFrom: IsoDate.nullable(),
  /** Last day the rule applies (exclusive). */
  effectiveTo: IsoDate.optional(),
  source: z.string().min(1),
  note: z.string().optional(),
};

export const HolidayRule = z.discriminatedUnion('kind', [
  z.object({ ...RuleBase, kind: z.literal('solar'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  z.object({ ...RuleBase, kind: z.literal('lunar'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(30) }),
  z.object({
    ...RuleBase,
    kind: z.literal('tet'),
    /** Number of days off (5 under the 2019 Labour Code). */
    days: z.number().int().min(1),
    /** Default days, relative to mùng 1 Tết (−1 = the last day of the old year, 0 = mùng 1); overridden yearly. */
    defaultOffsets: z.array(z.number().int().min(-5).max(6)).min(1),
  }),
  z.object({ ...RuleBase, kind: z.literal('adjacent'), of: z.string().min(1), defaultSide: z.enum(['before', 'after']) }),
]);
export type HolidayRule = z.infer<typeof HolidayRule>;

const DecisionBase = {
  /** The legal text or announcement the entry comes from. */
  source: z.string().min(1),
  /** True when checked against the official text or at least two independent published reports of it. */
  verified: z.boolean(),
  /** Where it was checked (URLs of the text or the reports). */
  evidence: z.array(z.string()).default([]),
  note: z.string().optional(),
};

export const YearDecision = z.discriminatedUnion('type', [
  /** Which Tết days (offsets from mùng 1) the Prime Minister chose for the year. */
  z.object({ ...DecisionBase, type: z.literal('tet_days'), rule: z.string(), offsets: z.array(z.number().int().min(-5).max(6)).min(1) }),
  /** The side of an "adjacent" holiday (Quốc khánh: the day before or after 2/9). */
  z.object({ ...DecisionBase, type: z.literal('adjacent_side'), rule: z.string(), side: z.enum(['before', 'after']) }),
  /** A working day taken off and made up on a weekly day off (hoán đổi ngày làm việc). */
  z.object({ ...DecisionBase, type: z.literal('swap'), dayOff: IsoDate, makeupDay: IsoDate, name: z.string().min(1) }),
  /** Any other day off decided for the year. */
  z.object({ ...DecisionBase, type: z.literal('day_off'), date: IsoDate, name: z.string().min(1) }),
]);
export type YearDecision = z.infer<typeof YearDecision>;

export const WorkingTimeData = z.object({
  /** Working intervals of a working day, local time, in order: [["07:30", "11:30"], ["13:30", "17:30"]]. */
  intervals: z.array(z.tuple([Clock, Clock])).min(1),
  /** The same-day cutoff of the 15:00 rule. */
  sameDayCutoff: Clock,
  source: z.string().optional(),
});
export type WorkingTimeData = z.infer<typeof WorkingTimeData>;

export const HolidayData = z.object({
  note: z.string().optional(),
  workingTime: WorkingTimeData,
  compensatory: z.object({ enabled: z.boolean(), source: z.string() }),
  rules: z.array(HolidayRule),
  years: z.record(z.string().regex(/^\d{4}$/), z.object({ note: z.string().optional(), decisions: z.array(YearDecision) })),
});
export type HolidayData = z.infer<typeof HolidayData>;

export type CalendarDayKind = 'holiday' | 'compensatory_day_off' | 'makeup_working_day';
export interface CalendarDay {
  day: string;
  kind: CalendarDayKind;
  name: string;
  /** The rule id or the decision that produced the entry, with its legal source. */
  basis: string;
  /** False when the entry rests on an unverified yearly decision. */
  verified: boolean;
}
/** The days that differ from the Monday–Friday week: a holiday, a day off, or a make-up working Saturday. */
export type DayCalendar = ReadonlyMap<string, CalendarDayKind>;

const DAY_MS = 86_400_000;
export const addDaysIso = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** Day of the week, 0 = Sunday … 6 = Saturday. */
export const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
/** Weekly days off of state agencies: Saturday and Sunday (40-hour week, Quyết định 188/1999/QĐ-TTg). */
export const isWeekend = (iso: string) => weekday(iso) === 0 || weekday(iso) === 6;
const pad = (n: number) => String(n).padStart(2, '0');
const inEffect = (r: { effectiveFrom: string | null; effectiveTo?: string }, iso: string) =>
  r.effectiveFrom !== null && r.effectiveFrom <= iso && (!r.effectiveTo || iso < r.effectiveTo);

/** Parses and checks holiday data (throws a ZodError naming the wrong field). */
export function parseHolidayData(raw: unknown): HolidayData {
  const data = HolidayData.parse(raw);
  const ids = new Set<string>();
  for (const r of data.rules) {
    if (ids.has(r.id)) throw new Error(`Duplicate holiday rule id ${r.id}`);
    ids.add(r.id);
  }
  for (const r of data.rules) if (r.kind === 'adjacent' && !ids.has(r.of)) throw new Error(`Rule ${r.id}: unknown rule ${r.of}`);
  for (const [year, y] of Object.entries(data.years)) {
    for (const d of y.decisions) {
      if ((d.type === 'tet_days' || d.type === 'adjacent_side') && !ids.has(d.rule)) throw new Error(`${year}: unknown rule ${d.rule}`);
      for (const date of d.type === 'swap' ? [d.dayOff, d.makeupDay] : d.type === 'day_off' ? [d.date] : []) {
        if (!date.startsWith(year)) throw new Error(`${year}: ${date} is not in that year`);
      }
      if (d.type === 'swap' && !isWeekend(d.makeupDay)) throw new Error(`${year}: make-up day ${d.makeupDay} is not a Saturday or Sunday`);
      if (d.type === 'swap' && isWeekend(d.dayOff)) throw new Error(`${year}: swapped day ${d.dayOff} is already a weekly day off`);
    }
  }
  return data;
}

const LUNAR_MONTH_NAMES = ['', 'Giêng', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Mười một', 'Chạp'];
function tetDayLabel(iso: string): string {
  const l = lunarOfIso(iso);
  if (l.month === 1 && !l.leap && l.day <= 10) return `mùng ${l.day} Tết`;
  return `${l.day} tháng ${LUNAR_MONTH_NAMES[l.month]}${l.leap ? ' nhuận' : ''}`;
}

interface Holiday {
  day: string;
  name: string;
  basis: string;
  verified: boolean;
}

/** The statutory holidays of a year (before compensatory days and swaps). */
export function holidaysOfYear(data: HolidayData, year: number): Holiday[] {
  const decisions = data.years[String(year)]?.decisions ?? [];
  const byId = new Map(data.rules.map((r) => [r.id, r]));
  const out: Holiday[] = [];
  const solarDay = (rule: HolidayRule): string | null => {
    if (rule.kind === 'solar') return `${year}-${pad(rule.month)}-${pad(rule.day)}`;
    if (rule.kind === 'lunar') return lunarToSolar(rule.day, rule.month, year);
    return null;
  };
  for (const rule of data.rules) {
    if (rule.kind === 'solar' || rule.kind === 'lunar') {
      const iso = solarDay(rule)!;
      if (inEffect(rule, iso)) out.push({ day: iso, name: rule.name, basis: `${rule.id}: ${rule.source}`, verified: true });
    } else if (rule.kind === 'tet') {
      const newYear = lunarToSolar(1, 1, year);
      if (!inEffect(rule, newYear)) continue;
      const chosen = decisions.find((d) => d.type === 'tet_days' && d.rule === rule.id);
      const offsets = chosen?.type === 'tet_days' ? chosen.offsets : rule.defaultOffsets;
      if (offsets.length !== rule.days) throw new Error(`${year}: ${rule.id} needs ${rule.days} days, got ${offsets.length}`);
      const basis = chosen ? `${rule.id}: ${rule.source}; ${chosen.source}` : `${rule.id}: ${rule.source} (ngày mặc định, chưa có quyết định của năm)`;
      for (const off of [...offsets].sort((a, b) => a - b)) {
        const iso = addDaysIso(newYear, off);
        out.push({ day: iso, name: `${rule.name} (${tetDayLabel(iso)})`, basis, verified: chosen?.verified ?? false });
      }
    } else {
      const of = byId.get(rule.of)!;
      const anchor = solarDay(of);
      if (!anchor || !inEffect(rule, anchor) || !inEffect(of, anchor)) continue;
      const chosen = decisions.find((d) => d.type === 'adjacent_side' && d.rule === rule.id);
      const side = chosen?.type === 'adjacent_side' ? chosen.side : rule.defaultSide;
      const iso = addDaysIso(anchor, side === 'before' ? -1 : 1);
      const basis = chosen ? `${rule.id}: ${rule.source}; ${chosen.source}` : `${rule.id}: ${rule.source} (ngày mặc định, chưa có quyết định của năm)`;
      out.push({ day: iso, name: rule.name, basis, verified: chosen?.verified ?? false });
    }
  }
  const seen = new Set<string>();
  for (const h of out) {
    if (seen.has(h.day)) throw new Error(`${year}: two holidays on ${h.day}`);
    seen.add(h.day);
  }
  return out.sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * Holidays, days off and make-up working days of the given years, sorted by day. The order of application:
 * statutory holidays; the year's decided days off and swaps; then one compensatory day for each holiday on a
 * Saturday or Sunday, on the next Monday–Friday that is not already a holiday or day off.
 */
export function buildCalendar(data: HolidayData, years: number[]): CalendarDay[] {
  const out = new Map<string, CalendarDay>();
  for (const year of [...new Set(years)].sort((a, b) => a - b)) {
    const holidays = holidaysOfYear(data, year);
    for (const h of holidays) out.set(h.day, { day: h.day, kind: 'holiday', name: h.name, basis: h.basis, verified: h.verified });
    for (const d of data.years[String(year)]?.decisions ?? []) {
      if (d.type === 'swap') {
        if (out.has(d.dayOff)) throw new Error(`${year}: swapped day ${d.dayOff} is already a holiday`);
        if (out.has(d.makeupDay)) throw new Error(`${year}: make-up day ${d.makeupDay} is already a holiday`);
        out.set(d.dayOff, { day: d.dayOff, kind: 'compensatory_day_off', name: d.name, basis: d.source, verified: d.verified });
        out.set(d.makeupDay, {
          day: d.makeupDay,
          kind: 'makeup_working_day',
          name: `Làm bù cho ngày ${d.dayOff.split('-').reverse().join('/')}`,
          basis: d.source,
          verified: d.verified,
        });
      } else if (d.type === 'day_off') {
        if (out.has(d.date)) throw new Error(`${year}: day off ${d.date} is already in the calendar`);
        out.set(d.date, { day: d.date, kind: 'compensatory_day_off', name: d.name, basis: d.source, verified: d.verified });
      }
    }
    if (!data.compensatory.enabled) continue;
    for (const h of holidays) {
      if (!isWeekend(h.day)) continue;
      let d = addDaysIso(h.day, 1);
      while (isWeekend(d) || out.has(d)) d = addDaysIso(d, 1);
      out.set(d, { day: d, kind: 'compensatory_day_off', name: `Nghỉ bù ${h.name}`, basis: `${data.compensatory.source} (${h.day})`, verified: h.verified });
    }
  }
  return [...out.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** A working day: Monday–Friday unless a holiday or day off, or a make-up working Saturday/Sunday. */
export function isWorkingDay(iso: string, calendar: DayCalendar): boolean {
  const kind = calendar.get(iso);
  if (kind === 'makeup_working_day') return true;
  if (kind === 'holiday' || kind === 'compensatory_day_off') return false;
  return !isWeekend(iso);
}

export function calendarMap(days: readonly Pick<CalendarDay, 'day' | 'kind'>[]): Map<string, CalendarDayKind> {
  return new Map(days.map((d) => [d.day, d.kind]));
}
