import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar } from './lunar.ts';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it('puts Tết Nguyên đán on the known dates', () => {
    expect(lunarToSolar(1, 1, 2025)).toBe('2025-01-29');
    expect(lunarToSolar(1, 1, 2026)).toBe('2026-02-17');
    expect(lunarToSolar(1, 1, 2027)).toBe('2027-02-06');
    expect(lunarToSolar(1, 1, 2024)).toBe('2024-02-10');
  });
  it('puts Giỗ Tổ Hùng Vương (10/3 lunar) on the known dates', () => {
    expect(lunarToSolar(10, 3, 2025)).toBe('2025-04-07');
    expect(lunarToSolar(10, 3, 2024)).toBe('2024-04-18');
    expect(lunarToSolar(10, 3, 2026)).toBe('2026-04-26');
  });
  it('handles the leap sixth month of 2025', () => {
    // Ất Tỵ 2025 has a leap 6th month starting 25/7/2025.
    expect(solarToLunar(25, 7, 2025)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow();
  });
  it('round-trips every day of 2025–2027', () => {
    for (let t = Date.UTC(2025, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const l = solarToLunar(d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear());
      expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toBe(d.toISOString().slice(0, 10));
    }
  });
  it('knows the last day of the lunar year before Tết 2025 (29 tháng Chạp)', () => {
    expect(solarToLunar(28, 1, 2025)).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });
});
