import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarMap, parseHolidayData } from '../calendar/holidays.ts';
import { dueDate, formatVn, parseInstant, workCalendar, workingHoursFrom } from './deadlines.ts';
import { applicableTimeLimit, onlineTimeLimitOn, onlineTimeLimitProblems, type CaseTimeLimits } from './online-time-limit.ts';

const data = parseHolidayData(JSON.parse(fs.readFileSync(new URL('../../../data/holidays.json', import.meta.url), 'utf8')));
const cal = workCalendar(calendarMap(buildCalendar(data, [2025, 2026, 2027])), workingHoursFrom(data.workingTime));

// Thường trú: 7 working days; a (hypothetical) provincial decision gives 5 for online dossiers from 1 Dec 2026.
const residence: CaseTimeLimits<'working_days'> = {
  timeLimit: { amount: 7, unit: 'working_days', sameDayRule: false },
  onlineTimeLimits: [
    { amount: 6, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-01', basis: 'QĐ cũ' },
    { amount: 5, effectiveFrom: '2026-12-01', basis: 'Quyết định rút ngắn thời hạn khi nộp trực tuyến' },
  ],
};

describe('the shorter time limit of online dossiers', () => {
  it('applies to online dossiers (channel 2) only, under the period in force on the submission day', () => {
    expect(applicableTimeLimit(residence, 2, '2026-12-07')).toEqual({
      amount: 5,
      unit: 'working_days',
      sameDayRule: false,
      online: { basis: 'Quyết định rút ngắn thời hạn khi nộp trực tuyến', effectiveFrom: '2026-12-01', normalAmount: 7 },
    });
    expect(applicableTimeLimit(residence, 1, '2026-12-07')).toEqual({ amount: 7, unit: 'working_days', sameDayRule: false });
    expect(applicableTimeLimit(residence, 3, '2026-12-07')).toEqual({ amount: 7, unit: 'working_days', sameDayRule: false });
    // effectiveTo is exclusive: 30 Nov is the old period's last day, 1 Dec the new one's first.
    expect(applicableTimeLimit(residence, 2, '2026-11-30').amount).toBe(6);
    expect(applicableTimeLimit(residence, 2, '2026-12-01').amount).toBe(5);
    // Before any period, or a case without online limits: the case's own.
    expect(applicableTimeLimit(residence, 2, '2025-12-31')).toEqual({ amount: 7, unit: 'working_days', sameDayRule: false });
    expect(applicableTimeLimit({ timeLimit: { amount: 3, unit: 'working_days' } }, 2, '2026-12-07')).toEqual({
      amount: 3,
      unit: 'working_days',
      sameDayRule: false,
    });
  });

  it('gives the due dates worked out by hand: received Mon 7 Dec 2026 09:00, online 5 working days, at the counter 7', () => {
    const from = parseInstant('2026-12-07T09:00:00+07:00');
    const due = (channel: number) => {
      const tl = applicableTimeLimit(residence, channel, '2026-12-07');
      return formatVn(dueDate({ from, amount: tl.amount, unit: tl.unit, sameDayRule: tl.sameDayRule }, cal));
    };
    expect(due(2)).toBe('2026-12-14T17:30:00+07:00'); // Tue 8, Wed 9, Thu 10, Fri 11, Mon 14
    expect(due(1)).toBe('2026-12-16T17:30:00+07:00'); // … Tue 15, Wed 16
  });

  it('never lengthens: a rule not shorter than the case is ignored, and refused at import', () => {
    const odd: CaseTimeLimits = { timeLimit: { amount: 3, unit: 'working_days' }, onlineTimeLimits: [{ amount: 3, effectiveFrom: '2026-01-01', basis: 'x' }] };
    expect(onlineTimeLimitOn(odd, '2026-06-01')).toBeUndefined();
    expect(applicableTimeLimit(odd, 2, '2026-06-01').amount).toBe(3);
    expect(onlineTimeLimitProblems(odd)).toEqual(['Thời hạn giải quyết khi nộp trực tuyến (3) phải ngắn hơn thời hạn của trường hợp (3).']);
  });

  it('refuses at import an empty or reversed period and overlapping periods', () => {
    expect(onlineTimeLimitProblems(residence)).toEqual([]);
    const reversed: CaseTimeLimits = {
      timeLimit: { amount: 7, unit: 'working_days' },
      onlineTimeLimits: [{ amount: 5, effectiveFrom: '2026-12-01', effectiveTo: '2026-12-01', basis: 'x' }],
    };
    expect(onlineTimeLimitProblems(reversed)).toEqual(['Thời hạn trực tuyến từ 2026-12-01: ngày hết hiệu lực phải sau ngày có hiệu lực.']);
    const overlapping: CaseTimeLimits = {
      timeLimit: { amount: 7, unit: 'working_days' },
      onlineTimeLimits: [
        { amount: 5, effectiveFrom: '2026-12-01', basis: 'x' },
        { amount: 4, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-02', basis: 'y' },
      ],
    };
    expect(onlineTimeLimitProblems(overlapping)).toEqual(['Các thời hạn trực tuyến từ 2026-01-01 và từ 2026-12-01 chồng lên nhau.']);
  });
});
