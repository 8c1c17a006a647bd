import { describe, expect, it } from 'vitest';
import {
  formatVn,
  fromLocal,
  fromLocalParts,
  localCompact,
  localDay,
  localDayRange,
  localParts,
  localWallClock,
  localYear,
  parseLocalCompact,
  startOfLocalDay,
  toLocal,
} from './local.ts';

// Every expected value worked out by hand: Vietnam time is UTC + 7 hours.
const utc = (s: string) => new Date(`${s}Z`);

describe('local (Vietnam) time', () => {
  it('gives the local day: 16:59:59 UTC is still the same day, 17:00 UTC is the next one', () => {
    expect(localDay(utc('2026-11-23T16:59:59.999'))).toBe('2026-11-23');
    expect(localDay(utc('2026-11-23T17:00:00'))).toBe('2026-11-24');
    expect(localDay(new Date('2026-01-01T00:00:00+07:00'))).toBe('2026-01-01');
  });

  it('gives the local year across the new year (31/12 17:00 UTC is 1 January)', () => {
    expect(localYear(utc('2025-12-31T16:59:59'))).toBe(2025);
    expect(localYear(utc('2025-12-31T17:00:00'))).toBe(2026);
  });

  it('splits an instant into local fields and back', () => {
    const at = utc('2026-02-28T18:05:09');
    expect(localParts(at)).toEqual({ year: 2026, month: 3, day: 1, hour: 1, minute: 5, second: 9 });
    expect(fromLocalParts(localParts(at)).toISOString()).toBe('2026-02-28T18:05:09.000Z');
    expect(fromLocalParts({ year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 }).toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('toLocal / fromLocal: local day and minute of the day, fractions for seconds', () => {
    expect(toLocal(utc('2026-03-09T01:30:30'))).toEqual({ day: '2026-03-09', minute: 8 * 60 + 30.5 });
    expect(fromLocal('2026-03-09', 17 * 60 + 30).toISOString()).toBe('2026-03-09T10:30:00.000Z');
    expect(fromLocal('2026-03-09', 1440).toISOString()).toBe('2026-03-09T17:00:00.000Z');
  });

  it('gives the start of a local day and a range of whole local days', () => {
    expect(startOfLocalDay('2026-03-09').toISOString()).toBe('2026-03-08T17:00:00.000Z');
    const r = localDayRange('2026-02-28', '2026-03-01');
    expect(r.start.toISOString()).toBe('2026-02-27T17:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(localDayRange('2026-12-31', '2026-12-31').end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('writes ISO 8601 with +07:00 and the compact yyyyMMddHHmmss of the payment gateways', () => {
    const at = utc('2026-02-24T10:30:00.250');
    expect(formatVn(at)).toBe('2026-02-24T17:30:00+07:00');
    expect(new Date(formatVn(at)).toISOString()).toBe('2026-02-24T10:30:00.000Z');
    expect(localCompact(utc('2026-12-31T17:04:05'))).toBe('20270101000405');
    expect(parseLocalCompact('20270101000405')?.toISOString()).toBe('2026-12-31T17:04:05.000Z');
    expect(parseLocalCompact('2027-01-01')).toBeNull();
    expect(parseLocalCompact('202701010004051')).toBeNull();
  });

  it('gives the wall-clock Date for time-zone-less sinks (its UTC fields read Vietnam time)', () => {
    const v = localWallClock(utc('2026-03-09T10:30:00'));
    expect([v.getUTCHours(), v.getUTCMinutes(), v.getUTCDate()]).toEqual([17, 30, 9]);
  });
});
