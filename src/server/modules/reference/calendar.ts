/** The installation's working-day calendar: the calendar_days table, or the rules in data/ when it is empty. */
import { buildCalendar, calendarMap, type CalendarDayKind } from '../../../core/calendar/holidays.ts';
import type { Queryable } from '../../db/database.ts';
import { CALENDAR_YEARS, readHolidayData } from './seed.ts';

export async function loadCalendar(db: Queryable): Promise<Map<string, CalendarDayKind>> {
  const { rows } = await db.query<{ day: string; kind: CalendarDayKind }>("SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days");
  if (rows.length === 0) return calendarMap(buildCalendar(readHolidayData(), CALENDAR_YEARS));
  return new Map(rows.map((r) => [r.day, r.kind]));
}
