import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarMap, parseHolidayData } from '../calendar/holidays.ts';
import {
  DEFAULT_WORKING_HOURS,
  addWorkingMinutes,
  currentDue,
  dueAfterPauses,
  dueDate,
  dueState,
  extend,
  formatVn,
  isWorkingTime,
  parseInstant,
  pausedWorkingMinutes,
  startHistory,
  stepDue,
  stepDueTimes,
  workCalendar,
  workingHoursFrom,
  workingMinutesBetween,
  type DeadlineUnit,
} from './deadlines.ts';

const data = parseHolidayData(JSON.parse(fs.readFileSync(new URL('../../../data/holidays.json', import.meta.url), 'utf8')));
const cal = workCalendar(calendarMap(buildCalendar(data, [2025, 2026, 2027])), workingHoursFrom(data.workingTime));
const at = (s: string) => parseInstant(s);
const due = (from: string, amount: number, unit: DeadlineUnit, sameDayRule = false) => formatVn(dueDate({ from: at(from), amount, unit, sameDayRule }, cal));

// Every expected value below was worked out by hand on the 2025–2027 calendar (docs/calendar-and-deadlines.md).
describe('working hours come from data/holidays.json', () => {
  it('07:30–11:30 and 13:30–17:30, cutoff 15:00 — the same as the built-in default', () => {
    expect(cal.hours).toEqual(DEFAULT_WORKING_HOURS);
  });
});

describe('working days: the receipt day is not counted, due at 17:30 of the last day', () => {
  it('counts the following working days and skips weekends', () => {
    expect(due('2026-03-06T09:00:00+07:00', 1, 'working_days')).toBe('2026-03-09T17:30:00+07:00'); // Fri → Mon
    expect(due('2026-03-09T08:00:00+07:00', 3, 'working_days')).toBe('2026-03-12T17:30:00+07:00'); // Mon → Thu
    expect(due('2026-03-09T17:10:00+07:00', 3, 'working_days')).toBe('2026-03-12T17:30:00+07:00'); // the hour does not matter
    expect(due('2026-03-07T09:00:00+07:00', 1, 'working_days')).toBe('2026-03-09T17:30:00+07:00'); // received on Saturday → Monday
  });

  it('skips Tết 2025 (27–31/01 and the weekends around it)', () => {
    // Fri 24/01: Mon 03/02 (1), Tue 04/02 (2), Wed 05/02 (3)
    expect(due('2025-01-24T10:00:00+07:00', 3, 'working_days')).toBe('2025-02-05T17:30:00+07:00');
    // Thu 23/01: Fri 24/01 (1), Mon 03/02 (2)
    expect(due('2025-01-23T10:00:00+07:00', 2, 'working_days')).toBe('2025-02-03T17:30:00+07:00');
  });

  it('skips Tết 2026 (16–20/02)', () => {
    // Thu 12/02: Fri 13/02 (1), Mon 23/02 (2), Tue 24/02 (3)
    expect(due('2026-02-12T10:00:00+07:00', 3, 'working_days')).toBe('2026-02-24T17:30:00+07:00');
    // 15 working days from Mon 09/02: 10, 11, 12, 13/02 (4), 23–27/02 (9), 02–06/03 (14), 09/03 (15)
    expect(due('2026-02-09T08:00:00+07:00', 15, 'working_days')).toBe('2026-03-09T17:30:00+07:00');
  });

  it('works the make-up Saturdays and skips swapped days', () => {
    // 2025: Fri 25/04 → Sat 26/04 is worked (1), Mon 28/04 (2), Tue 29/04 (3); 30/04–04/05 off → Mon 05/05 (4)
    expect(due('2025-04-25T09:00:00+07:00', 1, 'working_days')).toBe('2025-04-26T17:30:00+07:00');
    expect(due('2025-04-25T09:00:00+07:00', 3, 'working_days')).toBe('2025-04-29T17:30:00+07:00');
    expect(due('2025-04-25T09:00:00+07:00', 4, 'working_days')).toBe('2025-05-05T17:30:00+07:00');
    // 2026: Wed 31/12/2025 → 01/01 holiday, 02/01 swapped, weekend → Mon 05/01 (1), Tue 06/01 (2); Fri 09/01 (5), Sat 10/01 worked (6)
    expect(due('2025-12-31T10:00:00+07:00', 2, 'working_days')).toBe('2026-01-06T17:30:00+07:00');
    expect(due('2025-12-31T10:00:00+07:00', 6, 'working_days')).toBe('2026-01-10T17:30:00+07:00');
    // Quốc khánh 2026: Fri 21/08 → Sat 22/08 worked; Fri 28/08 → 29/08–02/09 off → Thu 03/09
    expect(due('2026-08-21T10:00:00+07:00', 1, 'working_days')).toBe('2026-08-22T17:30:00+07:00');
    expect(due('2026-08-28T10:00:00+07:00', 1, 'working_days')).toBe('2026-09-03T17:30:00+07:00');
  });

  it('skips compensatory days', () => {
    // Giỗ Tổ 2026 on Sunday 26/04 → Monday 27/04 off. Fri 24/04: Tue 28 (1), Wed 29 (2); 30/04, 01/05 off → Mon 04/05 (3)
    expect(due('2026-04-24T09:00:00+07:00', 1, 'working_days')).toBe('2026-04-28T17:30:00+07:00');
    expect(due('2026-04-24T09:00:00+07:00', 3, 'working_days')).toBe('2026-05-04T17:30:00+07:00');
    // Tết 2027: 05–09/02 and the compensatory 10–11/02 → Thu 04/02 + 1 = Fri 12/02
    expect(due('2027-02-04T09:00:00+07:00', 1, 'working_days')).toBe('2027-02-12T17:30:00+07:00');
  });

  it('refuses fractional or negative working days', () => {
    expect(() => due('2026-03-09T08:00:00+07:00', 1.5, 'working_days')).toThrow(RangeError);
    expect(() => due('2026-03-09T08:00:00+07:00', -1, 'working_days')).toThrow(RangeError);
  });
});

describe('the 15:00 rule (same-day procedures: 0 working days + sameDayRule)', () => {
  it('same day until 15:00, next working day after', () => {
    expect(due('2026-03-09T07:00:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00'); // before opening
    expect(due('2026-03-09T14:59:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00');
    expect(due('2026-03-09T15:00:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00');
    expect(due('2026-03-09T15:00:01+07:00', 0, 'working_days', true)).toBe('2026-03-10T17:30:00+07:00');
    expect(due('2026-03-09T15:01:00+07:00', 0, 'working_days', true)).toBe('2026-03-10T17:30:00+07:00');
  });

  it('after 15:00 on Friday or on a weekend: the next working day', () => {
    expect(due('2026-03-06T15:30:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00'); // Friday → Monday
    expect(due('2026-03-07T09:00:00+07:00', 0, 'working_days', true)).toBe('2026-03-09T17:30:00+07:00'); // Saturday → Monday
  });

  it('across Tết and holidays', () => {
    expect(due('2026-02-13T16:00:00+07:00', 0, 'working_days', true)).toBe('2026-02-23T17:30:00+07:00'); // Fri before Tết 2026
    expect(due('2025-01-24T15:30:00+07:00', 0, 'working_days', true)).toBe('2025-02-03T17:30:00+07:00'); // Fri before Tết 2025
    expect(due('2026-04-24T16:00:00+07:00', 0, 'working_days', true)).toBe('2026-04-28T17:30:00+07:00'); // over the Giỗ Tổ compensatory day
    expect(due('2026-02-17T09:00:00+07:00', 0, 'working_days', true)).toBe('2026-02-23T17:30:00+07:00'); // received on mùng 1 Tết
  });

  it('on a make-up Saturday the day is a working day', () => {
    expect(due('2026-01-10T10:00:00+07:00', 0, 'working_days', true)).toBe('2026-01-10T17:30:00+07:00');
    expect(due('2026-01-10T15:30:00+07:00', 0, 'working_days', true)).toBe('2026-01-12T17:30:00+07:00');
  });

  it('with a limit of days, a late receipt counts from the next working day', () => {
    expect(due('2026-03-09T16:00:00+07:00', 1, 'working_days', true)).toBe('2026-03-11T17:30:00+07:00');
    expect(due('2026-03-09T16:00:00+07:00', 1, 'working_days', false)).toBe('2026-03-10T17:30:00+07:00');
  });

  it('without the rule, 0 working days means before closing today, else the next working day', () => {
    expect(due('2026-03-09T16:00:00+07:00', 0, 'working_days')).toBe('2026-03-09T17:30:00+07:00');
    expect(due('2026-03-09T17:45:00+07:00', 0, 'working_days')).toBe('2026-03-10T17:30:00+07:00');
  });
});

describe('working hours', () => {
  it('are counted inside working intervals only', () => {
    // Mon 16:30 + 8 h: 1 h on Monday, Tuesday 07:30–11:30 (4 h), 13:30–16:30 (3 h)
    expect(due('2026-03-09T16:30:00+07:00', 8, 'working_hours')).toBe('2026-03-10T16:30:00+07:00');
    expect(due('2026-03-09T12:00:00+07:00', 2, 'working_hours')).toBe('2026-03-09T15:30:00+07:00'); // lunch: from 13:30
    expect(due('2026-03-09T07:30:00+07:00', 4, 'working_hours')).toBe('2026-03-09T11:30:00+07:00'); // ends at 11:30, not 13:30
    expect(due('2026-03-09T10:00:00+07:00', 2, 'working_hours')).toBe('2026-03-09T14:00:00+07:00'); // 1.5 h + 0.5 h after lunch
    // Fri 13/02/2026 16:00 + 4 h: 1.5 h on Friday, Tết, then Monday 23/02 07:30 + 2.5 h
    expect(due('2026-02-13T16:00:00+07:00', 4, 'working_hours')).toBe('2026-02-23T10:00:00+07:00');
  });

  it('measures working time between instants', () => {
    expect(workingMinutesBetween(at('2026-03-09T07:30:00+07:00'), at('2026-03-09T17:30:00+07:00'), cal)).toBe(480);
    expect(workingMinutesBetween(at('2026-03-06T17:00:00+07:00'), at('2026-03-09T08:00:00+07:00'), cal)).toBe(60); // Fri 30 min + Mon 30 min
    expect(workingMinutesBetween(at('2026-02-13T10:00:00+07:00'), at('2026-02-23T10:00:00+07:00'), cal)).toBe(480);
    expect(workingMinutesBetween(at('2026-03-09T12:00:00+07:00'), at('2026-03-09T13:00:00+07:00'), cal)).toBe(0);
    expect(workingMinutesBetween(at('2026-03-10T08:00:00+07:00'), at('2026-03-09T08:00:00+07:00'), cal)).toBe(0);
    expect(formatVn(addWorkingMinutes(at('2026-03-06T17:00:00+07:00'), 60, cal))).toBe('2026-03-09T08:00:00+07:00');
  });

  it('tells working time apart', () => {
    expect(isWorkingTime(at('2026-03-09T08:00:00+07:00'), cal)).toBe(true);
    expect(isWorkingTime(at('2026-03-09T12:00:00+07:00'), cal)).toBe(false);
    expect(isWorkingTime(at('2026-03-07T08:00:00+07:00'), cal)).toBe(false);
    expect(isWorkingTime(at('2026-01-10T08:00:00+07:00'), cal)).toBe(true); // make-up Saturday
    expect(isWorkingTime(at('2026-03-09T01:00:00Z'), cal)).toBe(true); // 08:00 in Vietnam
  });

  it('follow configured hours (e.g. 07:00–11:30, 13:00–16:30)', () => {
    const other = workCalendar(
      cal.days,
      workingHoursFrom({
        intervals: [
          ['07:00', '11:30'],
          ['13:00', '16:30'],
        ],
        sameDayCutoff: '14:00',
      }),
    );
    expect(formatVn(dueDate({ from: at('2026-03-09T08:00:00+07:00'), amount: 1, unit: 'working_days' }, other))).toBe('2026-03-10T16:30:00+07:00');
    expect(formatVn(dueDate({ from: at('2026-03-09T14:30:00+07:00'), amount: 0, unit: 'working_days', sameDayRule: true }, other))).toBe(
      '2026-03-10T16:30:00+07:00',
    );
    expect(() =>
      workingHoursFrom({
        intervals: [
          ['13:30', '17:30'],
          ['07:30', '11:30'],
        ],
        sameDayCutoff: '15:00',
      }),
    ).toThrow();
  });

  it('accepts a bare day calendar with the default hours', () => {
    expect(formatVn(dueDate({ from: at('2026-02-12T10:00:00+07:00'), amount: 3, unit: 'working_days' }, cal.days))).toBe('2026-02-24T17:30:00+07:00');
  });
});

describe('calendar days and months end on a working day', () => {
  it('calendar days', () => {
    expect(due('2026-03-09T09:00:00+07:00', 10, 'calendar_days')).toBe('2026-03-19T17:30:00+07:00'); // Thursday
    expect(due('2026-02-11T09:00:00+07:00', 10, 'calendar_days')).toBe('2026-02-23T17:30:00+07:00'); // Sat 21/02 → Mon 23/02
    expect(due('2026-02-13T09:00:00+07:00', 3, 'calendar_days')).toBe('2026-02-23T17:30:00+07:00'); // Mon 16/02 is Tết
  });

  it('months: the same day number, or the last day of a shorter month', () => {
    expect(due('2026-03-09T09:00:00+07:00', 1, 'months')).toBe('2026-04-09T17:30:00+07:00');
    expect(due('2026-01-31T09:00:00+07:00', 1, 'months')).toBe('2026-03-02T17:30:00+07:00'); // 28/02 is a Saturday
    expect(due('2026-01-15T09:00:00+07:00', 1, 'months')).toBe('2026-02-23T17:30:00+07:00'); // Sun 15/02, then Tết
    expect(due('2025-11-30T09:00:00+07:00', 3, 'months')).toBe('2026-03-02T17:30:00+07:00'); // 28/02/2026 (Sat) → Mon 02/03
    expect(due('2026-10-31T09:00:00+07:00', 2, 'months')).toBe('2026-12-31T17:30:00+07:00');
  });
});

describe('pauses push the due time by exactly the paused working time', () => {
  const original = dueDate({ from: at('2026-02-12T10:00:00+07:00'), amount: 3, unit: 'working_days' }, cal); // Tue 24/02 17:30

  it('a pause over Tết costs only its working time', () => {
    // Fri 13/02 10:00–11:30 and 13:30–17:30 = 5.5 h; Tết not counted; Mon 23/02 07:30–10:00 = 2.5 h → 8 h
    const pause = { from: at('2026-02-13T10:00:00+07:00'), to: at('2026-02-23T10:00:00+07:00') };
    expect(pausedWorkingMinutes([pause], cal)).toBe(480);
    expect(formatVn(dueAfterPauses(original, [pause], cal))).toBe('2026-02-25T17:30:00+07:00');
  });

  it('a pause during lunch or a weekend costs nothing', () => {
    expect(dueAfterPauses(original, [{ from: at('2026-02-23T11:45:00+07:00'), to: at('2026-02-23T13:00:00+07:00') }], cal)).toEqual(original);
    expect(dueAfterPauses(original, [{ from: at('2026-02-13T17:45:00+07:00'), to: at('2026-02-23T07:00:00+07:00') }], cal)).toEqual(original);
  });

  it('a push crosses the lunch break and the night', () => {
    const due1130 = at('2026-03-09T11:30:00+07:00');
    expect(formatVn(dueAfterPauses(due1130, [{ from: at('2026-03-09T08:00:00+07:00'), to: at('2026-03-09T08:30:00+07:00') }], cal))).toBe(
      '2026-03-09T14:00:00+07:00',
    );
    const due1730 = at('2026-03-09T17:30:00+07:00');
    expect(formatVn(dueAfterPauses(due1730, [{ from: at('2026-03-09T08:00:00+07:00'), to: at('2026-03-09T09:00:00+07:00') }], cal))).toBe(
      '2026-03-10T08:30:00+07:00',
    );
  });

  it('overlapping pauses count once; an open pause counts only up to "now" when given', () => {
    const pauses = [
      { from: at('2026-03-09T08:00:00+07:00'), to: at('2026-03-09T10:00:00+07:00') },
      { from: at('2026-03-09T09:00:00+07:00'), to: at('2026-03-09T11:00:00+07:00') },
    ];
    expect(pausedWorkingMinutes(pauses, cal)).toBe(180);
    const open = [{ from: at('2026-03-09T08:00:00+07:00') }];
    expect(dueAfterPauses(original, open, cal)).toEqual(original);
    expect(pausedWorkingMinutes(open, cal, at('2026-03-09T10:00:00+07:00'))).toBe(120);
  });
});

describe('extensions keep the history', () => {
  const original = at('2026-03-12T17:30:00+07:00');

  it('original, current and every change with its reason', () => {
    const h1 = extend(startHistory(original), at('2026-03-16T17:30:00+07:00'), 'Cần xác minh thêm tại nơi cư trú', at('2026-03-11T09:00:00+07:00'));
    const h2 = extend(h1, at('2026-03-18T17:30:00+07:00'), 'Chờ kết quả liên thông', at('2026-03-16T09:00:00+07:00'));
    expect(h2.original).toEqual(original);
    expect(formatVn(h2.current)).toBe('2026-03-18T17:30:00+07:00');
    expect(h2.extensions.map((e) => [formatVn(e.from), formatVn(e.to), e.reason])).toEqual([
      ['2026-03-12T17:30:00+07:00', '2026-03-16T17:30:00+07:00', 'Cần xác minh thêm tại nơi cư trú'],
      ['2026-03-16T17:30:00+07:00', '2026-03-18T17:30:00+07:00', 'Chờ kết quả liên thông'],
    ]);
    expect(() => extend(h2, at('2026-03-17T17:30:00+07:00'), 'sớm hơn')).toThrow();
    expect(() => extend(h2, at('2026-03-20T17:30:00+07:00'), '  ')).toThrow();
  });

  it('the current due time adds only the pauses after the latest extension', () => {
    const h = extend(startHistory(original), at('2026-03-16T17:30:00+07:00'), 'Cần xác minh', at('2026-03-11T09:00:00+07:00'));
    const before = { from: at('2026-03-10T08:00:00+07:00'), to: at('2026-03-10T12:00:00+07:00') };
    const after = { from: at('2026-03-12T08:00:00+07:00'), to: at('2026-03-12T10:00:00+07:00') };
    expect(formatVn(currentDue(h, [before], cal))).toBe('2026-03-16T17:30:00+07:00');
    expect(formatVn(currentDue(h, [before, after], cal))).toBe('2026-03-17T09:30:00+07:00');
    expect(formatVn(currentDue(startHistory(original), [before], cal))).toBe('2026-03-13T11:00:00+07:00'); // 08:00–11:30 = 3.5 h after Thu 17:30
  });
});

describe('per-step due times', () => {
  it('chain the step quotas from the receipt', () => {
    const steps = stepDueTimes(
      at('2026-03-09T08:00:00+07:00'),
      [
        { amount: 2, unit: 'working_hours' },
        { amount: 1, unit: 'working_days' },
        { amount: 2, unit: 'working_hours' },
      ],
      cal,
    );
    expect(steps.map(formatVn)).toEqual(['2026-03-09T10:00:00+07:00', '2026-03-10T10:00:00+07:00', '2026-03-10T14:00:00+07:00']);
  });

  it('Hà Nội QĐ 663 style: 2 h reception, 3 h appraisal, 2 h signature, 1 h issue = one working day', () => {
    const quotas = [2, 3, 2, 1].map((amount) => ({ amount, unit: 'working_hours' as const }));
    const steps = stepDueTimes(at('2026-03-09T07:30:00+07:00'), quotas, cal);
    expect(steps.map(formatVn)).toEqual(['2026-03-09T09:30:00+07:00', '2026-03-09T14:30:00+07:00', '2026-03-09T16:30:00+07:00', '2026-03-09T17:30:00+07:00']);
  });

  it('are never later than the dossier due time when it is given', () => {
    const quotas = [4, 4, 4].map((amount) => ({ amount, unit: 'working_hours' as const }));
    const overall = at('2026-03-09T17:30:00+07:00');
    expect(stepDueTimes(at('2026-03-09T08:00:00+07:00'), quotas, cal, overall).map(formatVn)).toEqual([
      '2026-03-09T14:00:00+07:00',
      '2026-03-09T17:30:00+07:00',
      '2026-03-09T17:30:00+07:00',
    ]);
  });

  it('a step that starts later is due from its start; half a working day is 4 hours', () => {
    expect(formatVn(stepDue(at('2026-02-13T15:30:00+07:00'), { amount: 0.5, unit: 'working_days' }, cal))).toBe('2026-02-23T09:30:00+07:00');
  });
});

describe('due state for warnings', () => {
  const dueAt = at('2026-03-10T17:30:00+07:00');
  it('in time, due within a working day, overdue', () => {
    expect(dueState(at('2026-03-09T10:00:00+07:00'), dueAt, cal)).toBe('in_time'); // 13.5 working hours left
    expect(dueState(at('2026-03-10T10:00:00+07:00'), dueAt, cal)).toBe('due_soon'); // 5.5 h left
    expect(dueState(at('2026-03-10T18:00:00+07:00'), dueAt, cal)).toBe('overdue');
  });
});

describe('instants', () => {
  it('require an offset', () => {
    expect(() => parseInstant('2026-03-09T08:00:00')).toThrow(RangeError);
    expect(parseInstant('2026-03-09T08:00:00+07:00').toISOString()).toBe('2026-03-09T01:00:00.000Z');
    expect(parseInstant('2026-03-09T01:00:00Z').getTime()).toBe(Date.UTC(2026, 2, 9, 1));
    expect(formatVn(new Date(Date.UTC(2026, 2, 9, 18)))).toBe('2026-03-10T01:00:00+07:00');
  });
});
