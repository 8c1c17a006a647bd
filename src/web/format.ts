/** Display formats for Vietnamese users: money in đồng, time limits in plain words, dates dd/mm/yyyy. */
export function formatMoney(amount: number): string {
  return `${Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

export { formatTimeLimit } from '../core/catalogue/time-limit.ts';
import { localDay, localParts } from '../core/time/local.ts';

/** An instant's day in Vietnam as dd/mm/yyyy (local time comes from src/core/time: the one place that knows the offset). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatDay(localDay(new Date(iso)));
}

/** An instant in Vietnam as "hh:mm dd/mm/yyyy". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${vnClockOf(iso)} ${formatDate(iso)}`;
}

/** The calendar day in Vietnam of an instant (default: now), yyyy-mm-dd. */
export function vnDay(at: Date = new Date()): string {
  return localDay(at);
}

/** Today in Vietnam, yyyy-mm-dd. */
export const vnToday = (): string => vnDay();

/** The hour and minute in Vietnam time of an instant, 24-hour clock ("07:05"). */
export function vnClockOf(iso: string): string {
  const v = localParts(new Date(iso));
  return `${String(v.hour).padStart(2, '0')}:${String(v.minute).padStart(2, '0')}`;
}

/** A calendar day "2026-03-10" as "10/03/2026" (no time zone involved). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
