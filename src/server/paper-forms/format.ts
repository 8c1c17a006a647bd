/**
 * Dates and times as the one-stop forms print them, always in Vietnam time (UTC+7, no daylight saving), whatever
 * the server's time zone.
 */
import { localParts, localWallClock } from '../../core/time/local.ts';

const pad = (n: number) => String(n).padStart(2, '0');

const vnClock = localParts;

/** 05/03/2026 */
export function vnDate(d: Date): string {
  const c = vnClock(d);
  return `${pad(c.day)}/${pad(c.month)}/${c.year}`;
}

/** 08 giờ 30 phút, ngày 05/03/2026 — as the receipt (Mẫu 01) and the letters write a time. */
export function vnDateTime(d: Date): string {
  const c = vnClock(d);
  return `${pad(c.hour)} giờ ${pad(c.minute)} phút, ngày ${vnDate(d)}`;
}

/** 08:30 ngày 05/03/2026 — compact, for table cells. */
export function vnCompactDateTime(d: Date): string {
  return `${vnTime(d)} ngày ${vnDate(d)}`;
}

/** 08:30 */
export function vnTime(d: Date): string {
  const c = vnClock(d);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/**
 * "Phú Riềng, ngày 05 tháng 3 năm 2026": the place and date line of an administrative document. Per NĐ 30/2020/NĐ-CP
 * (Phụ lục I), a day below 10 and the months 1 and 2 take a leading zero; other months do not.
 */
export function placeDateLine(place: string, d: Date): string {
  const c = vnClock(d);
  const month = c.month <= 2 ? pad(c.month) : String(c.month);
  return `${place}, ngày ${pad(c.day)} tháng ${month} năm ${c.year}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day given as YYYY-MM-DD (a Vietnam-local date), printed 05/03/2026; throws on anything else. */
export function isoDayToVn(day: string): string {
  const m = ISO_DAY.exec(day);
  const t = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to 2 March: require the round trip to give the same day back.
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** YYYY-MM-DD → YYYYMMDD, for identifiers. */
export function isoDayCompact(day: string): string {
  isoDayToVn(day);
  return day.replaceAll('-', '');
}

/**
 * The Date whose UTC fields are the Vietnam wall-clock time of the instant: what a spreadsheet date cell (which has
 * no time zone) must hold so that it shows Vietnam time.
 */
export function vnWallClock(d: Date): Date {
  return localWallClock(d);
}

/** The Date (UTC midnight) whose UTC fields are the given YYYY-MM-DD calendar day, for spreadsheet date cells. */
export function isoDayWallClock(day: string): Date {
  isoDayToVn(day);
  return new Date(`${day}T00:00:00Z`);
}
