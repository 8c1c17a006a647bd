import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarMap, type HolidayData } from '../calendar/holidays.ts';
import { addWorkingMinutes, dueAfterPauses, dueDate, extend, formatVn, stepDueTimes, workingMinutesBetween } from './deadlines.ts';
import { classifyTimeliness } from './timeliness.ts';

const data = JSON.parse(fs.readFileSync(new URL('../../../data/holidays.json', import.meta.url), 'utf8')) as HolidayData;
const cal = calendarMap(buildCalendar(data, [2025, 2026, 2027]));
const at = (s: string) => new Date(s);
const due = (from: string, amount: number, unit: 'working_days' | 'working_hours' | 'calendar_days' | 'months', sameDayRule = false) =>
  formatVn(dueDate({ from: at(from), amount, unit, sameDayRule }, cal));

// Expected values worked out by hand against the 2025–2026 calendar (see docs/calendar-and-deadlines.md).
describe('due dates', () => {
  it('does not count the receipt day and skips weekends', () => {
    // Fri 06/03/2026 → 1 working day → Mon 09/03 end of day
    expect(due('2026-03-06T09:00:00+07:00', 1, 'working_days')).toBe('2026-03-09T17:30:00+07:00');
    // Mon 09/03 → 3 working days → Thu 12/03
    expect(due('2026-03-09T08:00:00+07:00', 3, 'working_days')).toBe('2026-03-12T17:30:00+07:00');
  });

  it('skips Tết 2026 (16–20/02)', () => {
    // Thu 12/02: Fri 13/02 (1), Tết and weekend, Mon 23/02 (2), Tue 24/02 (3)
    expect(due('2026-02-12T10:00:00+07:00', 3, 'working_days')).toBe('2026-02-24T17:30:00+07:00');
  });

  it('skips Tết 2025 and works the make-up Saturday 08/02/2025', () => {
    // Fri 24/01/2025: 25/01–02/02 off; Mon 03/02 (1) … Fri 07/02 (5), Sat 08/02 worked (6)
    expect(due('2025-01-24T10:00:00+07:00', 6, 'working_days')).toBe('2025-02-08T17:30:00+07:00');
  });

  it('skips a compensatory day and the 30/4–1/5 holidays', () => {
    // Giỗ Tổ 2026 falls on Sunday 26/04 → Monday 27/04 off. Fri 24/04: Tue 28 (1), Wed 29 (2), Mon 04/05 (3)
    expect(due('2026-04-24T09:00:00+07:00', 2, 'working_days')).toBe('2026-04-29T17:30:00+07:00');
    expect(due('2026-04-24T09:00:00+07:00', 3, 'working_days')).toBe('2026-05-04T17:30:00+07:00');
  });

  it('applies the 15:00 rule to same-day procedures', () => {
    expect(due('2026-03-09T14:59:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00');
    expect(due('2026-03-09T15:00:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00');
    expect(due('2026-03-09T15:01:00+07:00', 0, 'working_days', true)).toBe('2026-03-10T17:30:00+07:00');
    expect(due('2026-03-06T15:30:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00'); // Friday → Monday
    expect(due('2026-03-07T09:00:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00'); // Saturday → Monday
    expect(due('2026-02-13T16:00:00+07:00', 0, 'working_days', true)).toBe('2026-02-23T17:30:00+07:00'); // before Tết → after it
  });

  it('counts working hours inside working intervals', () => {
    // Mon 16:30 + 8 h: 1 h today, then Tue 07:30–11:30 (4 h) and 13:30–16:30 (3 h)
    expect(due('2026-03-09T16:30:00+07:00', 8, 'working_hours')).toBe('2026-03-10T16:30:00+07:00');
    // during lunch: counting starts at 13:30
    expect(due('2026-03-09T12:00:00+07:00', 2, 'working_hours')).toBe('2026-03-09T15:30:00+07:00');
  });

  it('ends calendar-day and month limits on a working day', () => {
    // 10 calendar days from Wed 11/02/2026 → Sat 21/02 (Tết weekend) → Mon 23/02
    expect(due('2026-02-11T09:00:00+07:00', 10, 'calendar_days')).toBe('2026-02-23T17:30:00+07:00');
    // 1 month from 31/01/2026 → 28/02/2026 (Saturday) → Mon 02/03
    expect(due('2026-01-31T09:00:00+07:00', 1, 'months')).toBe('2026-03-02T17:30:00+07:00');
  });

  it('moves the due time by exactly the paused working time', () => {
    const original = dueDate({ from: at('2026-02-12T10:00:00+07:00'), amount: 3, unit: 'working_days' }, cal);
    const pause = { from: at('2026-02-13T10:00:00+07:00'), to: at('2026-02-23T10:00:00+07:00') };
    // Fri 13/02 10:00–17:30 minus lunch = 5.5 h; Tết not counted; Mon 23/02 07:30–10:00 = 2.5 h → 8 h
    expect(workingMinutesBetween(pause.from, pause.to, cal)).toBe(8 * 60);
    expect(formatVn(dueAfterPauses(original, [pause], cal))).toBe('2026-02-25T17:30:00+07:00');
    // an open pause does not move it yet
    expect(dueAfterPauses(original, [{ from: pause.from }], cal)).toEqual(original);
  });

  it('keeps the original due date and the history of extensions', () => {
    const original = at('2026-03-12T17:30:00+07:00');
    const h = extend({ original, current: original, extensions: [] }, at('2026-03-16T17:30:00+07:00'), 'Cần xác minh thêm tại nơi cư trú');
    expect(h.original).toEqual(original);
    expect(h.extensions).toHaveLength(1);
    expect(() => extend(h, at('2026-03-10T17:30:00+07:00'), 'sớm hơn')).toThrow();
  });

  it('chains per-step due times from quotas', () => {
    const steps = stepDueTimes(at('2026-03-09T08:00:00+07:00'), [{ amount: 2, unit: 'working_hours' }, { amount: 1, unit: 'working_days' }, { amount: 2, unit: 'working_hours' }], cal);
    expect(steps.map(formatVn)).toEqual(['2026-03-09T10:00:00+07:00', '2026-03-10T10:00:00+07:00', '2026-03-10T14:00:00+07:00']);
    expect(formatVn(addWorkingMinutes(at('2026-03-06T17:00:00+07:00'), 60, cal))).toBe('2026-03-09T08:00:00+07:00');
  });
});

describe('766 indicator 2.1 classification', () => {
  const received = at('2026-03-09T08:00:00+07:00');
  const dueAt = at('2026-03-12T17:30:00+07:00');
  const periodEnd = at('2026-03-31T23:59:59+07:00');
  it('before, on time, overdue', () => {
    expect(classifyTimeliness({ receivedAt: received, dueAt, finishedAt: at('2026-03-11T09:00:00+07:00'), periodEnd, supplements: [] })).toBe('before');
    expect(classifyTimeliness({ receivedAt: received, dueAt, finishedAt: at('2026-03-12T16:00:00+07:00'), periodEnd, supplements: [] })).toBe('on_time');
    expect(classifyTimeliness({ receivedAt: received, dueAt, finishedAt: at('2026-03-13T08:00:00+07:00'), periodEnd, supplements: [] })).toBe('overdue');
  });
  it('an unfinished dossier is judged at the end of the period', () => {
    expect(classifyTimeliness({ receivedAt: received, dueAt, periodEnd: at('2026-03-11T23:59:59+07:00'), supplements: [] })).toBe('on_time');
    expect(classifyTimeliness({ receivedAt: received, dueAt, periodEnd, supplements: [] })).toBe('overdue');
  });
  it('subtracts the supplement interval; an unanswered single request uses the time of the request', () => {
    const supplied = [{ requestedAt: at('2026-03-10T09:00:00+07:00'), suppliedAt: at('2026-03-13T09:00:00+07:00') }];
    expect(classifyTimeliness({ receivedAt: received, dueAt, finishedAt: at('2026-03-14T09:00:00+07:00'), periodEnd, supplements: supplied })).not.toBe('overdue');
    expect(classifyTimeliness({ receivedAt: received, dueAt, periodEnd, supplements: [{ requestedAt: at('2026-03-10T09:00:00+07:00') }] })).toBe('on_time');
  });
  it('more than one supplement request counts as overdue', () => {
    const two = [{ requestedAt: at('2026-03-10T09:00:00+07:00'), suppliedAt: at('2026-03-10T10:00:00+07:00') }, { requestedAt: at('2026-03-10T11:00:00+07:00'), suppliedAt: at('2026-03-10T11:30:00+07:00') }];
    expect(classifyTimeliness({ receivedAt: received, dueAt, finishedAt: at('2026-03-10T14:00:00+07:00'), periodEnd, supplements: two })).toBe('overdue');
  });
  it('without an appointment date, compares with the statutory maximum', () => {
    const max = 3 * 86_400_000;
    expect(classifyTimeliness({ receivedAt: received, finishedAt: at('2026-03-11T08:00:00+07:00'), periodEnd, supplements: [], statutoryMaxMs: max })).toBe('on_time');
    expect(classifyTimeliness({ receivedAt: received, finishedAt: at('2026-03-13T08:00:00+07:00'), periodEnd, supplements: [], statutoryMaxMs: max })).toBe('overdue');
  });
});
