/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically for Vietnam's time zone, UTC+7
 * (the reference since 1968; China's calendar uses UTC+8, which is why Tết sometimes differs by a day or a month).
 *
 * Rules, applied to the astronomy of ./astronomy.ts:
 * 1. A month begins on the local (UTC+7) day that contains a true new moon.
 * 2. Month 11 is the month containing the winter solstice (Sun at 270°).
 * 3. When 13 new moons begin between two consecutive months 11, the year has a leap month: the first month after
 *    month 11 that contains no major solar term (trung khí, a multiple of 30° of solar longitude). It takes the
 *    number of the month before it.
 *
 * Whether a month "contains" a major term is decided on local days: the term falls on or after the month's first
 * day and before the next month's first day. Supported solar years: 1900–2199.
 */
import { UNIX_EPOCH_JD, newMoonIndexAtOrBefore, solarLongitudeCrossing, sunApparentLongitude, trueNewMoonJde, ttToUt, utToTt } from './astronomy.ts';

const TZ_DAYS = 7 / 24;
const MIN_YEAR = 1899; // month 11 of 1899 starts the lunar year that contains 1 January 1900
const MAX_YEAR = 2199;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** A lunar month: its number, leap flag, lunar year, first local day (days since 1970-01-01) and length. */
export interface LunarMonth {
  month: number;
  leap: boolean;
  year: number;
  start: number;
  length: 29 | 30;
}

/** Local civil day (days since 1970-01-01, UTC+7) of an instant given as a Julian Day (UT). */
const localDayOf = (jdUt: number) => Math.floor(jdUt - UNIX_EPOCH_JD + TZ_DAYS);
/** Julian Day (UT) of local midnight at the start of a local day. */
const localMidnightJd = (day: number) => UNIX_EPOCH_JD + day - TZ_DAYS;

const newMoonDay = (k: number) => localDayOf(ttToUt(trueNewMoonJde(k)));

export const epochDayOf = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
export function isoOfEpochDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Local day of the major solar term at `longitude` degrees nearest to the given local day. */
function majorTermDay(longitude: number, nearDay: number): number {
  return localDayOf(solarLongitudeCrossing(longitude, localMidnightJd(nearDay)));
}

/** Index k of the new moon that starts month 11 around the end of solar year `y`: the month holding the December solstice. */
const month11Cache = new Map<number, number>();
function month11Index(y: number): number {
  const cached = month11Cache.get(y);
  if (cached !== undefined) return cached;
  const solstice = majorTermDay(270, epochDayOf(y, 12, 21));
  let k = newMoonIndexAtOrBefore(localMidnightJd(solstice + 1) - 1e-9); // last new moon before the end of the solstice day
  while (newMoonDay(k) > solstice) k--;
  while (newMoonDay(k + 1) <= solstice) k++;
  month11Cache.set(y, k);
  return k;
}

/** Major-term sector (0–11) of the Sun at the local midnight that starts a day: floor(longitude / 30°). */
const sectorAtStartOf = (day: number) => Math.floor(sunApparentLongitude(utToTt(localMidnightJd(day))) / 30);

/**
 * The months from month 11 of lunar year y−1 (inclusive) to month 11 of lunar year y (exclusive): 12 or 13
 * months, numbered, with the leap month marked.
 */
const spanCache = new Map<number, LunarMonth[]>();
function monthsBetweenSolstices(y: number): LunarMonth[] {
  const cached = spanCache.get(y);
  if (cached) return cached;
  if (y - 1 < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Lunar calendar supported for ${MIN_YEAR}–${MAX_YEAR} only`);
  const k0 = month11Index(y - 1);
  const k1 = month11Index(y);
  const count = k1 - k0;
  const starts: number[] = [];
  for (let k = k0; k <= k1; k++) starts.push(newMoonDay(k));
  let leapAt = -1;
  if (count === 13) {
    // First month (after month 11) whose start and next start fall in the same 30° sector: no major term inside.
    for (let i = 1; i < 13; i++) {
      if (sectorAtStartOf(starts[i]) === sectorAtStartOf(starts[i + 1])) {
        leapAt = i;
        break;
      }
    }
    if (leapAt < 0) throw new Error(`No month without a major term between the solstices of ${y - 1} and ${y}`);
  } else if (count !== 12) {
    throw new Error(`Unexpected ${count} lunations between the solstices of ${y - 1} and ${y}`);
  }
  const months: LunarMonth[] = [];
  for (let i = 0; i < count; i++) {
    const ordinal = leapAt >= 0 && i >= leapAt ? i - 1 : i; // position among non-leap months, 0 = month 11
    const month = ((10 + ordinal) % 12) + 1;
    const year = ordinal < 2 ? y - 1 : y; // months 11 and 12 belong to the lunar year that began before
    months.push(Object.freeze({ month, leap: i === leapAt, year, start: starts[i], length: (starts[i + 1] - starts[i]) as 29 | 30 }));
  }
  spanCache.set(y, months);
  return months;
}

/** The months of lunar year y in order, from tháng Giêng (1) to tháng Chạp (12), with its leap month if any. */
export function lunarYearMonths(y: number): LunarMonth[] {
  return [...monthsBetweenSolstices(y), ...monthsBetweenSolstices(y + 1)].filter((m) => m.year === y);
}

/** The lunar date of a solar (Gregorian) date in Vietnam. */
export function solarToLunar(dd: number, mm: number, yy: number): LunarDate {
  const day = epochDayOf(yy, mm, dd);
  for (const span of [monthsBetweenSolstices(yy + 1), monthsBetweenSolstices(yy)]) {
    if (day < span[0].start) continue;
    for (let i = span.length - 1; i >= 0; i--) {
      const m = span[i];
      if (day >= m.start) return { day: day - m.start + 1, month: m.month, year: m.year, leap: m.leap };
    }
  }
  throw new RangeError(`Date ${yy}-${mm}-${dd} outside the supported range`);
}

/** The lunar date of an ISO date (yyyy-mm-dd). */
export function lunarOfIso(iso: string): LunarDate {
  const [y, m, d] = iso.split('-').map(Number);
  return solarToLunar(d, m, y);
}

/**
 * The solar date (ISO yyyy-mm-dd) of a lunar date. Throws when the month is not a leap month of that year, or
 * the day does not exist (day 30 of a 29-day month).
 */
export function lunarToSolar(day: number, month: number, year: number, leap = false): string {
  const m = lunarYearMonths(year).find((x) => x.month === month && x.leap === leap);
  if (!m) throw new RangeError(leap ? `Lunar year ${year} has no leap month ${month}` : `Lunar year ${year} has no month ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > m.length) throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${m.length} days`);
  return isoOfEpochDay(m.start + day - 1);
}

/** The leap month of lunar year y (1–12), or null. */
export function leapMonthOf(y: number): number | null {
  return lunarYearMonths(y).find((m) => m.leap)?.month ?? null;
}
