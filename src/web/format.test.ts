import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDay, formatMoney, formatTimeLimit } from './format.ts';

describe('display formats', () => {
  it('formats đồng with dot thousands separators', () => {
    expect(formatMoney(8000)).toBe('8.000 đ');
    expect(formatMoney(200000)).toBe('200.000 đ');
    expect(formatMoney(0)).toBe('0 đ');
  });
  it('says time limits in plain words', () => {
    expect(formatTimeLimit({ amount: 0, unit: 'working_days', sameDayRule: true })).toBe('Trong ngày');
    expect(formatTimeLimit({ amount: 3, unit: 'working_days' })).toBe('3 ngày làm việc');
    expect(formatTimeLimit({ amount: 3, unit: 'working_days' }, 'en')).toBe('3 working days');
    expect(formatTimeLimit({ amount: 1, unit: 'working_days' }, 'en')).toBe('1 working day');
  });
  it('shows dates and times in Vietnam time', () => {
    expect(formatDate('2025-07-31T18:30:00Z')).toBe('01/08/2025');
    expect(formatDateTime('2025-07-31T18:30:00Z')).toBe('01:30 01/08/2025');
  });
  it('shows calendar days as they are', () => {
    expect(formatDay('2026-03-10')).toBe('10/03/2026');
    expect(formatDay(null)).toBe('');
  });
});
