import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarMap, holidaysOfYear, isWorkingDay, parseHolidayData, type HolidayData } from './holidays.ts';

const raw = JSON.parse(fs.readFileSync(new URL('../../../data/holidays.json', import.meta.url), 'utf8'));
const data = parseHolidayData(raw);
const cal = buildCalendar(data, [2025, 2026, 2027]);
const map = calendarMap(cal);
const entry = (day: string) => cal.find((d) => d.day === day);
/** Days that are not worked between two dates (inclusive), weekends included. */
const offDays = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (!isWorkingDay(d, map)) out.push(d);
  }
  return out;
};

describe('data/holidays.json', () => {
  it('is valid and every yearly decision names its source', () => {
    for (const [year, y] of Object.entries(data.years)) for (const d of y.decisions) expect(d.source.length, year).toBeGreaterThan(10);
  });

  it('flags what could not be verified', () => {
    const unverified = Object.entries(data.years).flatMap(([y, v]) => v.decisions.filter((d) => !d.verified).map((d) => `${y}:${d.type}`));
    expect(unverified).toEqual(['2026:swap', '2027:tet_days', '2027:adjacent_side']);
    expect(entry('2027-02-06')?.verified).toBe(false);
    expect(entry('2026-02-17')?.verified).toBe(true);
  });

  it('does not apply the proposed Ngày Văn hóa Việt Nam (24/11) before it has an effective date', () => {
    expect(entry('2026-11-24')).toBeUndefined();
    expect(isWorkingDay('2026-11-24', map)).toBe(true);
  });
});

describe('holiday calendar 2025', () => {
  it('Tết Ất Tỵ: 27–31/01 (28 tháng Chạp – mùng 3), nine days off from Saturday 25/01 to Sunday 02/02', () => {
    expect(offDays('2025-01-24', '2025-02-03')).toEqual([
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ]);
    expect(entry('2025-01-27')?.name).toBe('Tết Nguyên đán (28 tháng Chạp)');
    expect(entry('2025-01-29')?.name).toBe('Tết Nguyên đán (mùng 1 Tết)');
    expect(isWorkingDay('2025-02-08', map)).toBe(false); // no make-up Saturday for Tết 2025
  });

  it('Giỗ Tổ on Monday 07/04; 30/4–1/5 with 02/05 swapped for Saturday 26/04; Quốc khánh 01–02/09', () => {
    expect(offDays('2025-04-05', '2025-04-08')).toEqual(['2025-04-05', '2025-04-06', '2025-04-07']);
    expect(isWorkingDay('2025-04-26', map)).toBe(true);
    expect(entry('2025-04-26')?.kind).toBe('makeup_working_day');
    expect(offDays('2025-04-29', '2025-05-05')).toEqual(['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04']);
    expect(offDays('2025-08-29', '2025-09-03')).toEqual(['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02']);
  });

  it('has 11 statutory holidays and no compensatory day (none falls on a weekend)', () => {
    expect(cal.filter((d) => d.day.startsWith('2025') && d.kind === 'holiday')).toHaveLength(11);
    expect(cal.filter((d) => d.day.startsWith('2025') && d.name.startsWith('Nghỉ bù'))).toEqual([]);
  });
});

describe('holiday calendar 2026', () => {
  it('Tết Dương lịch: Thursday 01/01, Friday 02/01 swapped for Saturday 10/01', () => {
    expect(offDays('2026-01-01', '2026-01-05')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    expect(isWorkingDay('2026-01-10', map)).toBe(true);
  });

  it('Tết Bính Ngọ: Monday 16/02 (29 tháng Chạp) to Friday 20/02 (mùng 4), nine days with the weekends', () => {
    expect(offDays('2026-02-13', '2026-02-23')).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(entry('2026-02-20')?.name).toBe('Tết Nguyên đán (mùng 4 Tết)');
  });

  it('Giỗ Tổ on Sunday 26/04 gives Monday 27/04 off (Labour Code Art. 111(3)); 30/04–01/05 Thursday–Friday', () => {
    expect(entry('2026-04-26')?.name).toBe('Giỗ Tổ Hùng Vương');
    expect(entry('2026-04-27')).toMatchObject({ kind: 'compensatory_day_off', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' });
    expect(offDays('2026-04-24', '2026-05-04')).toEqual(['2026-04-25', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
  });

  it('Quốc khánh: 01–02/09 with Monday 31/08 swapped for Saturday 22/08: five days 29/08–02/09', () => {
    expect(offDays('2026-08-28', '2026-09-03')).toEqual(['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02']);
    expect(isWorkingDay('2026-08-22', map)).toBe(true);
  });
});

describe('holiday calendar 2027 (rules and default choices, not yet decided)', () => {
  it('Tết Đinh Mùi: mùng 1 and mùng 2 on Saturday and Sunday give Wednesday 10/02 and Thursday 11/02 off', () => {
    expect(offDays('2027-02-04', '2027-02-12')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']);
  });

  it('1/5 on Saturday gives Monday 03/05 off; Giỗ Tổ on Friday 16/04', () => {
    expect(entry('2027-05-03')).toMatchObject({ kind: 'compensatory_day_off', name: 'Nghỉ bù Ngày Quốc tế Lao động' });
    expect(isWorkingDay('2027-04-16', map)).toBe(false);
  });
});

describe('calendar rules', () => {
  const base = (over: Partial<HolidayData> = {}): HolidayData =>
    parseHolidayData({
      workingTime: {
        intervals: [
          ['07:30', '11:30'],
          ['13:30', '17:30'],
        ],
        sameDayCutoff: '15:00',
      },
      compensatory: { enabled: true, source: 'BLLĐ Điều 111(3)' },
      rules: [
        { id: 'a', kind: 'solar', month: 5, day: 1, name: 'A', effectiveFrom: '2021-01-01', source: 's' },
        { id: 'b', kind: 'solar', month: 5, day: 2, name: 'B', effectiveFrom: '2021-01-01', source: 's' },
      ],
      years: {},
      ...over,
    });

  it('gives one compensatory day per weekend holiday, on consecutive free weekdays', () => {
    // 2027: 1/5 Saturday, 2/5 Sunday → Monday 3 and Tuesday 4 May.
    const c = buildCalendar(base(), [2027]);
    expect(c.map((d) => `${d.day} ${d.kind}`)).toEqual([
      '2027-05-01 holiday',
      '2027-05-02 holiday',
      '2027-05-03 compensatory_day_off',
      '2027-05-04 compensatory_day_off',
    ]);
  });

  it('skips days already off when placing a compensatory day', () => {
    const data = base({
      years: { '2027': { decisions: [{ type: 'day_off', date: '2027-05-03', name: 'X', source: 'test source', verified: true, evidence: [] }] } },
    });
    expect(
      buildCalendar(data, [2027])
        .filter((d) => d.kind === 'compensatory_day_off')
        .map((d) => d.day),
    ).toEqual(['2027-05-03', '2027-05-04', '2027-05-05']);
  });

  it('can be switched off', () => {
    expect(buildCalendar(base({ compensatory: { enabled: false, source: 's' } }), [2027]).map((d) => d.day)).toEqual(['2027-05-01', '2027-05-02']);
  });

  it('applies rules only within their effective dates', () => {
    const data = base();
    data.rules[0].effectiveTo = '2026-01-01';
    data.rules[1].effectiveFrom = '2026-06-01';
    expect(holidaysOfYear(data, 2025).map((h) => h.day)).toEqual(['2025-05-01']);
    expect(holidaysOfYear(data, 2026).map((h) => h.day)).toEqual([]);
    expect(holidaysOfYear(data, 2027).map((h) => h.day)).toEqual(['2027-05-02']);
  });

  it('uses the decided Tết days and adjacent side, or the rule defaults', () => {
    expect(
      holidaysOfYear(data, 2025)
        .filter((h) => h.name.startsWith('Tết Nguyên đán'))
        .map((h) => h.day),
    ).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    const noDecisions = { ...data, years: {} };
    const tet = holidaysOfYear(noDecisions, 2025).filter((h) => h.name.startsWith('Tết Nguyên đán'));
    expect(tet.map((h) => h.day)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']);
    expect(tet.every((h) => !h.verified)).toBe(true);
    const after = structuredClone(raw);
    after.years['2026'].decisions.find((d: { type: string }) => d.type === 'adjacent_side').side = 'after';
    after.years['2026'].decisions = after.years['2026'].decisions.filter((d: { type: string; dayOff?: string }) => d.dayOff !== '2026-08-31');
    expect(
      holidaysOfYear(parseHolidayData(after), 2026)
        .filter((h) => h.name.startsWith('Quốc khánh'))
        .map((h) => h.day),
    ).toEqual(['2026-09-02', '2026-09-03']);
  });

  it('rejects inconsistent data', () => {
    const swap = (dayOff: string, makeupDay: string) =>
      base({
        years: { [dayOff.slice(0, 4)]: { decisions: [{ type: 'swap', dayOff, makeupDay, name: 'S', source: 'test source', verified: true, evidence: [] }] } },
      });
    expect(() => swap('2027-05-07', '2027-05-12')).toThrow(/not a Saturday or Sunday/);
    expect(() => swap('2027-05-08', '2027-05-15')).toThrow(/already a weekly day off/);
    expect(() => buildCalendar(swap('2028-05-01', '2028-05-06'), [2028])).toThrow(/already a holiday/); // Monday 1/5/2028
    expect(() => swap('2027-05-07', '2028-05-13')).toThrow(/not in that year/);
    expect(() =>
      base({ years: { '2027': { decisions: [{ type: 'tet_days', rule: 'nope', offsets: [0], source: 'test source', verified: true, evidence: [] }] } } }),
    ).toThrow(/unknown rule/);
    const fewDays = structuredClone(raw);
    fewDays.years['2026'].decisions.find((d: { type: string }) => d.type === 'tet_days').offsets = [0, 1, 2];
    expect(() => holidaysOfYear(parseHolidayData(fewDays), 2026)).toThrow(/needs 5 days/);
  });

  it('isWorkingDay: Monday–Friday, except days off; a make-up Saturday is worked', () => {
    expect(isWorkingDay('2026-03-09', map)).toBe(true); // Monday
    expect(isWorkingDay('2026-03-07', map)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', map)).toBe(false); // Sunday
    expect(isWorkingDay('2026-01-10', map)).toBe(true); // make-up Saturday
    expect(isWorkingDay('2026-01-02', map)).toBe(false); // swapped Friday
  });
});
