import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarMap, isWorkingDay, type HolidayData } from './holidays.ts';

const data = JSON.parse(fs.readFileSync(new URL('../../../data/holidays.json', import.meta.url), 'utf8')) as HolidayData;
const cal = buildCalendar(data, [2025, 2026, 2027]);
const map = calendarMap(cal);
const offDays = (from: string, to: string) => cal.filter((d) => d.day >= from && d.day <= to && d.kind !== 'makeup_working_day').map((d) => d.day);

describe('holiday calendar 2025–2027', () => {
  it('2025 Tết: nine days off from Saturday 25/01 to Sunday 02/02, with Saturday 08/02 worked', () => {
    for (let d = 25; d <= 31; d++) expect(isWorkingDay(`2025-01-${d}`, map), `2025-01-${d}`).toBe(false);
    expect(isWorkingDay('2025-02-01', map)).toBe(false);
    expect(isWorkingDay('2025-02-02', map)).toBe(false);
    expect(isWorkingDay('2025-02-03', map)).toBe(true);
    expect(isWorkingDay('2025-01-24', map)).toBe(true);
    expect(isWorkingDay('2025-02-08', map)).toBe(true); // make-up Saturday
  });

  it('2026 Tết: Monday 16/02 (last day of the year) to Friday 20/02 (mùng 4)', () => {
    expect(offDays('2026-02-01', '2026-02-28')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(isWorkingDay('2026-02-13', map)).toBe(true);
    expect(isWorkingDay('2026-02-23', map)).toBe(true);
  });

  it('gives the next working day off when a holiday falls on a weekend', () => {
    // Giỗ Tổ 2026 is Sunday 26/04 → Monday 27/04 off.
    expect(cal.find((d) => d.day === '2026-04-26')?.name).toBe('Giỗ Tổ Hùng Vương');
    expect(cal.find((d) => d.day === '2026-04-27')).toMatchObject({ kind: 'compensatory_day_off' });
    // Tết 2027: mùng 1 on Saturday 06/02 and mùng 2 on Sunday → Wednesday 10/02 and Thursday 11/02 off
    // (Monday 08/02 and Tuesday 09/02 are already Tết days).
    expect(offDays('2027-02-01', '2027-02-28')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']);
  });

  it('knows the fixed-date holidays and the 2025 swaps', () => {
    expect(isWorkingDay('2025-04-30', map)).toBe(false);
    expect(isWorkingDay('2025-05-01', map)).toBe(false);
    expect(isWorkingDay('2025-05-02', map)).toBe(false);
    expect(isWorkingDay('2025-04-26', map)).toBe(true);
    expect(isWorkingDay('2025-09-01', map)).toBe(false);
    expect(isWorkingDay('2025-09-02', map)).toBe(false);
    expect(isWorkingDay('2025-04-07', map)).toBe(false); // Giỗ Tổ 2025
    expect(isWorkingDay('2025-04-08', map)).toBe(true);
  });
});
