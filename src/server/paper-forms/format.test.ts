import { describe, expect, it } from 'vitest';
import { isoDayCompact, isoDayToVn, placeDateLine, vnCompactDateTime, vnDate, vnDateTime, vnTime, vnWallClock } from './format.ts';

describe('dates on the forms, in Vietnam time', () => {
  it('turns instants into Vietnam local time whatever the server zone', () => {
    const late = new Date('2026-03-02T17:30:00Z'); // 00:30 on 3 March in Vietnam
    expect(vnDate(late)).toBe('03/03/2026');
    expect(vnTime(late)).toBe('00:30');
    expect(vnDateTime(late)).toBe('00 giờ 30 phút, ngày 03/03/2026');
    expect(vnCompactDateTime(late)).toBe('00:30 ngày 03/03/2026');
    expect(vnWallClock(late).toISOString()).toBe('2026-03-03T00:30:00.000Z');
  });

  it('writes the place and date line as NĐ 30/2020 asks: leading zero for days below 10 and months 1 and 2 only', () => {
    expect(placeDateLine('Phú Riềng', new Date('2026-01-04T03:00:00Z'))).toBe('Phú Riềng, ngày 04 tháng 01 năm 2026');
    expect(placeDateLine('Phú Riềng', new Date('2026-02-15T03:00:00Z'))).toBe('Phú Riềng, ngày 15 tháng 02 năm 2026');
    expect(placeDateLine('Phú Riềng', new Date('2026-03-05T03:00:00Z'))).toBe('Phú Riềng, ngày 05 tháng 3 năm 2026');
    expect(placeDateLine('Phú Riềng', new Date('2026-12-31T16:59:00Z'))).toBe('Phú Riềng, ngày 31 tháng 12 năm 2026');
    expect(placeDateLine('Phú Riềng', new Date('2026-12-31T17:00:00Z'))).toBe('Phú Riềng, ngày 01 tháng 01 năm 2027');
  });

  it('checks calendar days given as YYYY-MM-DD', () => {
    expect(isoDayToVn('2026-03-01')).toBe('01/03/2026');
    expect(isoDayCompact('2026-03-31')).toBe('20260331');
    expect(() => isoDayToVn('2026-3-1')).toThrow(RangeError);
    expect(() => isoDayToVn('2026-13-01')).toThrow(RangeError);
    expect(() => isoDayToVn('2026-02-30')).toThrow(RangeError);
  });
});
