import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarMap, parseHolidayData } from '../calendar/holidays.ts';
import { dueDate, parseInstant as at } from './deadlines.ts';
import { classifyTimeliness, classifyTimelinessDetail, type TimelinessInput } from './timeliness.ts';

const data = parseHolidayData(JSON.parse(fs.readFileSync(new URL('../../../data/holidays.json', import.meta.url), 'utf8')));
const days = calendarMap(buildCalendar(data, [2026]));

// Received Monday 09/03/2026 08:00 with 3 working days: appointment Thursday 12/03 17:30.
const receivedAt = at('2026-03-09T08:00:00+07:00');
const dueAt = at('2026-03-12T17:30:00+07:00');
const periodEnd = at('2026-03-31T23:59:59+07:00');
const c = (over: Partial<TimelinessInput>) => classifyTimeliness({ receivedAt, dueAt, periodEnd, supplements: [], ...over });

describe('Decision 766 indicator 2.1', () => {
  it('before, on time, overdue by the end of processing', () => {
    expect(c({ finishedAt: at('2026-03-11T09:00:00+07:00') })).toBe('before'); // an earlier day
    expect(c({ finishedAt: at('2026-03-12T16:00:00+07:00') })).toBe('on_time'); // the appointment day
    expect(c({ finishedAt: at('2026-03-12T17:30:00+07:00') })).toBe('on_time'); // exactly at the appointment
    expect(c({ finishedAt: at('2026-03-13T08:00:00+07:00') })).toBe('overdue');
  });

  it('an unfinished dossier is judged at the end of the period', () => {
    expect(c({ periodEnd: at('2026-03-11T23:59:59+07:00') })).toBe('on_time'); // in progress, within time
    expect(c({})).toBe('overdue');
    // finished after the period: not finished as of the period end
    expect(c({ finishedAt: at('2026-03-13T08:00:00+07:00'), periodEnd: at('2026-03-12T12:00:00+07:00') })).toBe('on_time');
  });

  it('subtracts the supplement interval from the elapsed time', () => {
    // requested Tue 10/03 09:00, supplied Fri 13/03 09:00 (72 h); finished Sat 14/03 09:00 → counts as Wed 11/03 09:00
    const supplements = [{ requestedAt: at('2026-03-10T09:00:00+07:00'), suppliedAt: at('2026-03-13T09:00:00+07:00') }];
    const detail = classifyTimelinessDetail({ receivedAt, dueAt, periodEnd, supplements, finishedAt: at('2026-03-14T09:00:00+07:00') });
    expect(detail.supplementMs).toBe(72 * 3_600_000);
    expect(detail.result).toBe('before');
    // supplied after 48 h, finished Sun 15/03 10:00 → counts as Fri 13/03 10:00: overdue
    expect(
      c({
        supplements: [{ requestedAt: at('2026-03-10T09:00:00+07:00'), suppliedAt: at('2026-03-12T09:00:00+07:00') }],
        finishedAt: at('2026-03-15T10:00:00+07:00'),
      }),
    ).toBe('overdue');
  });

  it('one unanswered supplement request: the end is the time of the request', () => {
    expect(c({ supplements: [{ requestedAt: at('2026-03-10T09:00:00+07:00') }] })).toBe('on_time');
    expect(c({ supplements: [{ requestedAt: at('2026-03-13T09:00:00+07:00') }] })).toBe('overdue'); // requested after the appointment
    // supplied only after the period end: still unanswered at the period end
    expect(c({ supplements: [{ requestedAt: at('2026-03-10T09:00:00+07:00'), suppliedAt: at('2026-04-02T09:00:00+07:00') }] })).toBe('on_time');
  });

  it('more than one supplement request is overdue', () => {
    const two = [
      { requestedAt: at('2026-03-10T09:00:00+07:00'), suppliedAt: at('2026-03-10T10:00:00+07:00') },
      { requestedAt: at('2026-03-10T11:00:00+07:00'), suppliedAt: at('2026-03-10T11:30:00+07:00') },
    ];
    expect(classifyTimelinessDetail({ receivedAt, dueAt, periodEnd, supplements: two, finishedAt: at('2026-03-10T14:00:00+07:00') })).toMatchObject({
      result: 'overdue',
      reason: 'multiple_supplements',
    });
    // a second request after the end of the evaluation does not count
    expect(c({ supplements: [two[0], { requestedAt: at('2026-04-05T09:00:00+07:00') }], finishedAt: at('2026-03-10T14:00:00+07:00') })).toBe('before');
  });

  it('without an appointment date, compares with the statutory maximum', () => {
    const statutoryDueAt = dueDate({ from: receivedAt, amount: 3, unit: 'working_days' }, days);
    expect(c({ dueAt: null, statutoryDueAt, finishedAt: at('2026-03-12T17:00:00+07:00') })).toBe('on_time');
    expect(c({ dueAt: null, statutoryDueAt, finishedAt: at('2026-03-13T08:00:00+07:00') })).toBe('overdue');
    const statutoryMaxMs = 3 * 86_400_000;
    expect(c({ dueAt: null, statutoryMaxMs, finishedAt: at('2026-03-11T08:00:00+07:00') })).toBe('before');
    expect(c({ dueAt: null, statutoryMaxMs, finishedAt: at('2026-03-13T08:00:00+07:00') })).toBe('overdue');
    expect(() => c({ dueAt: null })).toThrow(RangeError);
  });
});
