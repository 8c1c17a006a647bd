/**
 * Reporting periods of the dashboards (pure, shared by every metrics page): a month, a quarter, a year, a custom
 * range or one week of a campaign, each as the inclusive day range [from, to] the metrics API takes (yyyy-mm-dd,
 * Vietnam time). Also the display of ratios and points in the interface language.
 */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom' | 'campaign';

export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The number of days of a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2026-03" → 2026-03-01 … 2026-03-31. */
export function monthRange(ym: string): DayRange {
  const [y, m] = ym.split('-').map(Number);
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(daysInMonth(y, m))}` };
}

/** Quarter 1–4 of a year. */
export function quarterRange(year: number, quarter: number): DayRange {
  const first = (quarter - 1) * 3 + 1;
  return { from: monthRange(`${year}-${pad(first)}`).from, to: monthRange(`${year}-${pad(first + 2)}`).to };
}

export function yearRange(year: number): DayRange {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The quarter (1–4) a month (1–12) falls in. */
export const quarterOf = (month: number) => Math.floor((month - 1) / 3) + 1;

/** "2026-03" shifted by n months ("2026-01" − 2 → "2025-11"). */
export function shiftMonth(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The `count` months that end with the month of `day` ("2026-03-15", 3 → 2026-01-01 … 2026-03-31). */
export function monthsEndingAt(day: string, count: number): DayRange {
  const last = day.slice(0, 7);
  return { from: monthRange(shiftMonth(last, -(count - 1))).from, to: monthRange(last).to };
}

/** A valid yyyy-mm-dd calendar day. */
export function isDay(s: string | null | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** A valid yyyy-mm month. */
export const isMonth = (s: string | null | undefined): s is string => !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** Whether the range is usable: two valid days, `from` not after `to`. */
export const isValidRange = (r: Partial<DayRange>): r is DayRange => isDay(r.from) && isDay(r.to) && r.from <= r.to;

/** The period a range is, when it is exactly a month, a quarter or a year; else 'custom'. */
export function kindOfRange(r: DayRange): Exclude<PeriodKind, 'campaign'> {
  const y = Number(r.from.slice(0, 4));
  const m = Number(r.from.slice(5, 7));
  const year = yearRange(y);
  if (r.from === year.from && r.to === year.to) return 'year';
  const q = quarterRange(y, quarterOf(m));
  if (r.from === q.from && r.to === q.to) return 'quarter';
  const month = monthRange(r.from.slice(0, 7));
  if (r.from === month.from && r.to === month.to) return 'month';
  return 'custom';
}

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'vi-VN');

/** A count with thousands separators in the interface language. */
export const formatCount = (lang: string, n: number) => new Intl.NumberFormat(locale(lang)).format(n);

/** A number with at most two decimals ("72,5" in Vietnamese, "72.5" in English). */
export const formatNumber = (lang: string, n: number) => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(n);

/** A percentage (the API sends 72.5 for 72,5 %); null → null so that callers say "no data" in words. */
export function formatPercent(lang: string, ratio: number | null | undefined): string | null {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return null;
  return `${formatNumber(lang, ratio)} %`;
}

/** part ÷ whole as a percentage with two decimals, or null when the whole is 0. */
export function rate(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.round((part / whole) * 10_000) / 100;
}
