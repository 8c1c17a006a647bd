/** Display formats for Vietnamese users: money in đồng, time limits in plain words, dates dd/mm/yyyy. */
export function formatMoney(amount: number): string {
  return `${Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

export { formatTimeLimit } from '../core/catalogue/time-limit.ts';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${time} ${formatDate(iso)}`;
}

const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
const VN_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The calendar day in Vietnam of an instant (default: now), yyyy-mm-dd. */
export function vnDay(at: Date = new Date()): string {
  return VN_DAY.format(at);
}

/** Today in Vietnam, yyyy-mm-dd. */
export const vnToday = (): string => vnDay();

/** The hour and minute in Vietnam time of an instant, 24-hour clock ("07:05"). */
export function vnClockOf(iso: string): string {
  return VN_CLOCK.format(new Date(iso));
}

/** A calendar day "2026-03-10" as "10/03/2026" (no time zone involved). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
