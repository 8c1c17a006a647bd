/**
 * The working calendar kept by the administrator: the days of calendar_days of a year, and days added, edited or
 * deleted with a reason (source 'admin'). Generated days (source 'rule', from data/holidays.json) may be edited —
 * the edit becomes an 'admin' row, which the seed keeps and which wins — but not deleted: the next seed would
 * generate them again, so a rule must be changed in data/holidays.json instead.
 */
import { isWeekend, weekday, type CalendarDayKind } from '../../../core/calendar/holidays.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { invalidateCalendar } from '../reference/index.ts';
import { actorOf, recordChange } from './changes.ts';
import type { AdminAccess } from './permissions.ts';
import type { CalendarDayCreate } from '../../../contract/admin.ts';

export interface CalendarDayView {
  day: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const SELECT_DAY = "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, source FROM calendar_days";
type DayRow = Omit<CalendarDayView, 'weekday'>;
const toView = (r: DayRow): CalendarDayView => ({ ...r, weekday: weekday(r.day) });
const snapshot = (d: CalendarDayView) => ({ day: d.day, kind: d.kind, name: d.name, source: d.source });

export async function listCalendarDays(db: Queryable, year: number): Promise<CalendarDayView[]> {
  const { rows } = await db.query<DayRow>(`${SELECT_DAY} WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`, [year]);
  return rows.map(toView);
}

async function findDay(db: Queryable, day: string, lock = false): Promise<CalendarDayView | null> {
  const r = (await db.query<DayRow>(`${SELECT_DAY} WHERE day = $1::date${lock ? ' FOR UPDATE' : ''}`, [day])).rows[0];
  return r ? toView(r) : null;
}

/** A make-up working day is a Saturday or Sunday; a day off given in compensation is a weekday. */
function assertKindFitsDay(day: string, kind: CalendarDayKind): void {
  if (kind === 'makeup_working_day' && !isWeekend(day))
    throw new AppError('MAKEUP_DAY_NOT_WEEKEND', `Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; ${day} là ngày làm việc bình thường.`, 400, undefined, { day });
  if (kind === 'compensatory_day_off' && isWeekend(day))
    throw new AppError(
      'DAY_OFF_ON_WEEKEND',
      `Ngày ${day} là ngày nghỉ hằng tuần; ngày nghỉ bù, nghỉ hoán đổi phải là ngày thứ Hai đến thứ Sáu.`,
      400,
      undefined,
      { day },
    );
}

async function write<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const result = await db.transaction(fn);
  // The deadline engine's per-process calendar cache must see the change at once.
  invalidateCalendar(db);
  return result;
}

export function addCalendarDay(db: Database, access: AdminAccess, input: CalendarDayCreate): Promise<CalendarDayView> {
  assertKindFitsDay(input.day, input.kind);
  return write(db, async (tx) => {
    const existing = await findDay(tx, input.day, true);
    if (existing)
      throw new AppError('CALENDAR_DAY_EXISTS', `Ngày ${input.day} đã có trong lịch (${existing.name}); hãy sửa ngày đó.`, 409, undefined, {
        day: input.day,
        name: existing.name,
      });
    await tx.query("INSERT INTO calendar_days (day, kind, name, source) VALUES ($1::date, $2, $3, 'admin')", [input.day, input.kind, input.name]);
    const after = (await findDay(tx, input.day))!;
    await recordChange(tx, actorOf(access), {
      entityKind: 'calendar_day',
      entityId: input.day,
      action: 'create',
      before: null,
      after: snapshot(after),
      reason: input.reason,
    });
    return after;
  });
}

export function updateCalendarDay(
  db: Database,
  access: AdminAccess,
  day: string,
  input: { kind: CalendarDayKind; name: string; reason: string },
): Promise<CalendarDayView> {
  assertKindFitsDay(day, input.kind);
  return write(db, async (tx) => {
    const before = await findDay(tx, day, true);
    if (!before) throw notFound(`Ngày ${day} không có trong lịch; hãy thêm ngày mới.`);
    if (before.kind === input.kind && before.name === input.name && before.source === 'admin') return before;
    await tx.query("UPDATE calendar_days SET kind = $2, name = $3, source = 'admin' WHERE day = $1::date", [day, input.kind, input.name]);
    const after = (await findDay(tx, day))!;
    await recordChange(tx, actorOf(access), {
      entityKind: 'calendar_day',
      entityId: day,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
      reason: input.reason,
    });
    return after;
  });
}

export function deleteCalendarDay(db: Database, access: AdminAccess, day: string, reason: string): Promise<{ deleted: CalendarDayView }> {
  return write(db, async (tx) => {
    const before = await findDay(tx, day, true);
    if (!before) throw notFound(`Ngày ${day} không có trong lịch.`);
    if (before.source === 'rule') {
      throw new AppError(
        'CALENDAR_DAY_FROM_RULES',
        `Ngày ${day} được sinh từ quy tắc ngày nghỉ (data/holidays.json) và sẽ được sinh lại; hãy sửa quy tắc hoặc quyết định của năm trong tệp đó.`,
        409,
        undefined,
        { day },
      );
    }
    await tx.query('DELETE FROM calendar_days WHERE day = $1::date', [day]);
    await recordChange(tx, actorOf(access), { entityKind: 'calendar_day', entityId: day, action: 'delete', before: snapshot(before), after: null, reason });
    return { deleted: before };
  });
}
