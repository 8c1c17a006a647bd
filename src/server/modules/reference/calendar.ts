/**
 * The installation's working calendar for the deadline engine: the days of calendar_days (generated from
 * data/holidays.json and possibly edited by an administrator) and the working hours (installation.settings.workingTime,
 * else data/holidays.json).
 *
 * Years that have no generated rows in the table (e.g. a long time limit reaching into a year not seeded yet) are
 * filled from the statutory rules, so 1/1, Tết, Giỗ Tổ, 30/4, 1/5 and 2/9 are never missed; only that year's
 * government decisions (swaps, chosen Tết days) are then unknown until they are added to the data.
 */
import { buildCalendar, WorkingTimeData, type CalendarDayKind } from '../../../core/calendar/holidays.ts';
import { workCalendar, workingHoursFrom, type WorkCalendar } from '../../../core/deadlines/deadlines.ts';
import { localYear } from '../../../core/time/local.ts';
import { now } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import { readHolidayData } from './seed.ts';

/** How far around the current year rule-based days are filled in when the table lacks them. */
const FILL_YEARS_BEFORE = 1;
const FILL_YEARS_AFTER = 2;

export async function loadCalendar(db: Queryable, at: Date = now()): Promise<WorkCalendar> {
  const data = readHolidayData();
  const { rows } = await db.query<{ day: string; kind: CalendarDayKind; source: string }>(
    "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, source FROM calendar_days ORDER BY day",
  );
  const seeded = new Set(rows.filter((r) => r.source === 'rule').map((r) => Number(r.day.slice(0, 4))));
  const year = localYear(at);
  const missing: number[] = [];
  for (let y = Math.min(2025, year - FILL_YEARS_BEFORE); y <= year + FILL_YEARS_AFTER; y++) if (!seeded.has(y)) missing.push(y);
  const days = new Map<string, CalendarDayKind>();
  for (const d of buildCalendar(data, missing)) days.set(d.day, d.kind);
  for (const r of rows) days.set(r.day, r.kind);

  const inst = await db.query<{ working_time: unknown }>("SELECT settings -> 'workingTime' AS working_time FROM installation");
  const override = inst.rows[0]?.working_time;
  const hours = workingHoursFrom(override ? WorkingTimeData.parse(override) : data.workingTime);
  return workCalendar(days, hours);
}

const CALENDAR_TTL_MS = 60_000;
const calendarCaches = new WeakMap<Queryable, { at: number; calendar: Promise<WorkCalendar> }>();

/**
 * The calendar for request paths (reception, workflow actions), cached a minute per database; an administrator's
 * change to the calendar or the working hours calls invalidateCalendar so it applies at once. `readVia` reads it
 * on a miss (a transaction of the caller's: no second connection of the pool while it holds one).
 */
export function cachedCalendar(db: Queryable, readVia: Queryable = db): Promise<WorkCalendar> {
  const hit = calendarCaches.get(db);
  if (hit && Date.now() - hit.at < CALENDAR_TTL_MS) return hit.calendar;
  const calendar = loadCalendar(readVia);
  calendarCaches.set(db, { at: Date.now(), calendar });
  calendar.catch(() => calendarCaches.delete(db));
  return calendar;
}

export function invalidateCalendar(db: Queryable): void {
  calendarCaches.delete(db);
}
