import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDay, formatMoney, formatTimeLimit, vnClockOf, vnDay } from './format.ts';

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
  it('takes the day and the clock in Vietnam time (UTC+7), across midnight', () => {
    expect(vnDay(new Date('2025-07-31T16:59:59Z'))).toBe('2025-07-31');
    expect(vnDay(new Date('2025-07-31T17:00:00Z'))).toBe('2025-08-01');
    expect(vnClockOf('2025-07-31T17:05:00Z')).toBe('00:05');
    expect(vnClockOf('2025-07-31T10:30:00Z')).toBe('17:30');
  });
  it('shows calendar days as they are', () => {
    expect(formatDay('2026-03-10')).toBe('10/03/2026');
    expect(formatDay(null)).toBe('');
  });
});
