import { describe, expect, it } from 'vitest';
import { formatPercent, isDay, isValidRange, kindOfRange, monthRange, monthsEndingAt, quarterRange, rate, shiftMonth, yearRange } from './period.ts';

describe('reporting periods', () => {
  it('gives the days of months, including February of leap and common years', () => {
    expect(monthRange('2026-03')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
  it('gives quarters and years', () => {
    expect(quarterRange(2025, 3)).toEqual({ from: '2025-07-01', to: '2025-09-30' });
    expect(quarterRange(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(yearRange(2025)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
  it('shifts months across years and gives the twelve months ending at a day', () => {
    expect(shiftMonth('2026-01', -2)).toEqual('2025-11');
    expect(shiftMonth('2025-12', 1)).toEqual('2026-01');
    expect(monthsEndingAt('2026-03-15', 12)).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });
  it('recognises what a range is', () => {
    expect(kindOfRange({ from: '2025-01-01', to: '2025-12-31' })).toBe('year');
    expect(kindOfRange({ from: '2025-07-01', to: '2025-09-30' })).toBe('quarter');
    expect(kindOfRange({ from: '2025-07-01', to: '2025-07-31' })).toBe('month');
    expect(kindOfRange({ from: '2025-07-25', to: '2025-08-25' })).toBe('custom');
  });
  it('validates days and ranges', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isValidRange({ from: '2026-03-02', to: '2026-03-01' })).toBe(false);
    expect(isValidRange({ from: '2026-03-01', to: '2026-03-01' })).toBe(true);
  });
  it('formats percentages per language and says nothing for no data', () => {
    expect(formatPercent('vi', 72.5)).toBe('72,5 %');
    expect(formatPercent('en', 72.5)).toBe('72.5 %');
    expect(formatPercent('vi', null)).toBeNull();
    expect(rate(1, 3)).toBe(33.33);
    expect(rate(0, 0)).toBeNull();
  });
});
