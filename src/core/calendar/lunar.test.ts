import { describe, expect, it } from 'vitest';
import { epochDayOf, isoOfEpochDay, leapMonthOf, lunarOfIso, lunarToSolar, lunarYearMonths, solarToLunar } from './lunar.ts';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it('puts Tết Nguyên đán (mùng 1 tháng Giêng) on the known dates', () => {
    const tet: Record<number, string> = {
      2020: '2020-01-25',
      2021: '2021-02-12',
      2022: '2022-02-01',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
      2028: '2028-01-26',
      2029: '2029-02-13',
    };
    for (const [y, iso] of Object.entries(tet)) expect(lunarToSolar(1, 1, Number(y)), y).toBe(iso);
  });

  it('follows Vietnam time where it differs from the Chinese calendar (UTC+8)', () => {
    expect(lunarToSolar(1, 1, 1968)).toBe('1968-01-29'); // China: 30/1/1968
    expect(lunarToSolar(1, 1, 1985)).toBe('1985-01-21'); // China: 20/2/1985
    expect(lunarToSolar(1, 1, 2007)).toBe('2007-02-17'); // China: 18/2/2007
    expect(lunarToSolar(1, 1, 2030)).toBe('2030-02-02'); // China: 3/2/2030 (new moon 23:07 in Hà Nội)
  });

  it('puts Giỗ Tổ Hùng Vương (10/3 âm lịch) on the known dates', () => {
    expect(lunarToSolar(10, 3, 2024)).toBe('2024-04-18');
    expect(lunarToSolar(10, 3, 2025)).toBe('2025-04-07');
    expect(lunarToSolar(10, 3, 2026)).toBe('2026-04-26');
    expect(lunarToSolar(10, 3, 2027)).toBe('2027-04-16');
  });

  it('knows the days around Tết named in the government notices', () => {
    expect(solarToLunar(25, 1, 2025)).toEqual({ day: 26, month: 12, year: 2024, leap: false }); // "26 tháng Chạp"
    expect(solarToLunar(27, 1, 2025)).toEqual({ day: 28, month: 12, year: 2024, leap: false });
    expect(solarToLunar(2, 2, 2025)).toEqual({ day: 5, month: 1, year: 2025, leap: false });
    expect(solarToLunar(14, 2, 2026)).toEqual({ day: 27, month: 12, year: 2025, leap: false });
    expect(solarToLunar(16, 2, 2026)).toEqual({ day: 29, month: 12, year: 2025, leap: false }); // tháng Chạp Ất Tỵ has 29 days
    expect(solarToLunar(22, 2, 2026)).toEqual({ day: 6, month: 1, year: 2026, leap: false });
  });

  it('places leap months where the Vietnamese calendar has them', () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23'); // new moon 22/5 17:39 UT = 00:39 on 23/5 in Vietnam
    expect(leapMonthOf(2023)).toBe(2);
    expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(leapMonthOf(2025)).toBe(6);
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(solarToLunar(25, 7, 2025)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
    expect(leapMonthOf(2027)).toBeNull();
    expect(leapMonthOf(2028)).toBe(5);
    expect(leapMonthOf(2033)).toBe(11); // the "2033 problem": the no-major-term rule gives a leap 11th month
  });

  it('refuses dates that do not exist', () => {
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2026, true)).toThrow(RangeError);
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(RangeError); // tháng Chạp Ất Tỵ has 29 days
    expect(() => lunarToSolar(0, 1, 2026)).toThrow(RangeError);
  });

  it('builds well-formed years: 12 or 13 months of 29 or 30 days, contiguous, numbered in order', () => {
    for (let y = 1901; y <= 2150; y++) {
      const months = lunarYearMonths(y);
      expect([12, 13], String(y)).toContain(months.length);
      expect(months.filter((m) => m.leap).length).toBe(months.length - 12);
      const plain = months.filter((m) => !m.leap).map((m) => m.month);
      expect(plain).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      for (let i = 1; i < months.length; i++) expect(months[i].start).toBe(months[i - 1].start + months[i - 1].length);
      const days = months.reduce((n, m) => n + m.length, 0);
      expect(days >= 353 && days <= 385, `${y}: ${days} days`).toBe(true);
      // Tết falls between 21 January and 20 February.
      const tet = isoOfEpochDay(months[0].start).slice(5);
      expect(tet >= '01-21' && tet <= '02-20', `${y}: Tết ${tet}`).toBe(true);
    }
  });

  it('month 11 contains the December solstice', () => {
    for (const [y, solstice] of [
      [2024, '2024-12-21'],
      [2025, '2025-12-21'],
      [2026, '2026-12-22'],
    ] as const) {
      expect(lunarOfIso(solstice).month, String(y)).toBe(11);
    }
  });

  it('round-trips every day from 1901 to 2198', () => {
    for (let day = epochDayOf(1901, 1, 1); day <= epochDayOf(2198, 12, 31); day++) {
      const iso = isoOfEpochDay(day);
      const l = lunarOfIso(iso);
      if (lunarToSolar(l.day, l.month, l.year, l.leap) !== iso) expect.fail(`${iso} → ${JSON.stringify(l)}`);
    }
  });

  it('refuses years outside the supported range', () => {
    expect(() => lunarToSolar(1, 1, 1850)).toThrow(RangeError);
  });
});
