/**
 * The installation's working hours (installation.settings.workingTime): the working intervals of a day and the
 * same-day cutoff of the 15:00 rule. Without an override the default of data/holidays.json applies.
 */
import { WorkingTimeData } from '../../../core/calendar/holidays.ts';
import { workingHoursFrom } from '../../../core/deadlines/deadlines.ts';
import type { Database } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { invalidateCalendar, readHolidayData } from '../reference/index.ts';
import { actorOf, recordChange } from './changes.ts';
import type { AdminAccess } from './permissions.ts';
import type { WorkingTimeBody } from '../../../contract/admin.ts';

export interface WorkingTimeView {
  workingTime: WorkingTimeData;
  /** 'installation' when the installation overrides the default of data/holidays.json. */
  origin: 'installation' | 'default';
}

export async function getWorkingTime(db: Database): Promise<WorkingTimeView> {
  const row = (await db.query<{ working_time: unknown }>("SELECT settings -> 'workingTime' AS working_time FROM installation")).rows[0];
  if (!row) throw notFound('Hệ thống chưa được cấu hình.');
  return row.working_time
    ? { workingTime: WorkingTimeData.parse(row.working_time), origin: 'installation' }
    : { workingTime: readHolidayData().workingTime, origin: 'default' };
}

/** Checks the data the way the deadline engine will read it: ordered, non-overlapping intervals, cutoff inside them. */
function checkedWorkingTime(body: WorkingTimeBody): WorkingTimeData {
  const data = WorkingTimeData.parse({ intervals: body.intervals, sameDayCutoff: body.sameDayCutoff, ...(body.source ? { source: body.source } : {}) });
  let hours: ReturnType<typeof workingHoursFrom>;
  try {
    hours = workingHoursFrom(data);
  } catch {
    throw new AppError(
      'WORKING_TIME_INVALID',
      'Các khoảng giờ làm việc phải theo thứ tự trong ngày, không chồng lên nhau, và giờ kết thúc sau giờ bắt đầu.',
      400,
    );
  }
  const [first, last] = [hours.intervals[0][0], hours.intervals[hours.intervals.length - 1][1]];
  if (hours.sameDayCutoff < first || hours.sameDayCutoff > last) {
    throw new AppError('CUTOFF_OUTSIDE_HOURS', 'Mốc giờ nhận hồ sơ trả trong ngày phải nằm trong giờ làm việc.', 400);
  }
  return data;
}

export async function updateWorkingTime(db: Database, access: AdminAccess, body: WorkingTimeBody): Promise<WorkingTimeView> {
  const next = checkedWorkingTime(body);
  const result = await db.transaction(async (tx) => {
    const row = (await tx.query<{ working_time: unknown }>("SELECT settings -> 'workingTime' AS working_time FROM installation WHERE id FOR UPDATE")).rows[0];
    if (!row) throw notFound('Hệ thống chưa được cấu hình.');
    await tx.query("UPDATE installation SET settings = jsonb_set(settings, '{workingTime}', $1::jsonb) WHERE id", [JSON.stringify(next)]);
    const before = row.working_time
      ? { origin: 'installation', workingTime: row.working_time }
      : { origin: 'default', workingTime: readHolidayData().workingTime };
    await recordChange(tx, actorOf(access), {
      entityKind: 'working_time',
      entityId: 'installation',
      action: 'update',
      before,
      after: { origin: 'installation', workingTime: next },
      reason: body.reason,
    });
    return { workingTime: next, origin: 'installation' as const };
  });
  invalidateCalendar(db);
  return result;
}
