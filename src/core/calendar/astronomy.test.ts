import { describe, expect, it } from 'vitest';
import { UNIX_EPOCH_JD, deltaTSeconds, newMoonIndexAtOrBefore, solarLongitudeCrossing, sunApparentLongitude, trueNewMoonJde, ttToUt } from './astronomy.ts';

const jdOf = (iso: string) => UNIX_EPOCH_JD + Date.parse(iso) / 86_400_000;
const minutesBetween = (jd: number, iso: string) => Math.abs(jd - jdOf(iso)) * 1440;

describe('astronomy (Meeus)', () => {
  it('reproduces Meeus example 49.a: the new moon of February 1977 (k = −283)', () => {
    expect(trueNewMoonJde(-283)).toBeCloseTo(2443192.65118, 4);
  });

  it('reproduces Meeus example 25.a: the Sun on 1992 October 13.0 TD', () => {
    expect(sunApparentLongitude(2448908.5)).toBeCloseTo(199.90895, 3);
  });

  it('finds published new moons within two minutes', () => {
    // Instants as published in ephemerides (UT).
    const cases: [string, string][] = [
      ['2025-01-30T00:00:00Z', '2025-01-29T12:36:00Z'],
      ['2026-02-18T00:00:00Z', '2026-02-17T12:01:00Z'],
      ['2024-04-09T00:00:00Z', '2024-04-08T18:21:00Z'],
      ['2020-05-23T00:00:00Z', '2020-05-22T17:39:00Z'],
    ];
    for (const [near, published] of cases) {
      const k = newMoonIndexAtOrBefore(jdOf(near));
      expect(minutesBetween(ttToUt(trueNewMoonJde(k)), published), published).toBeLessThan(2);
    }
  });

  it('finds solstices and equinoxes within a quarter of an hour', () => {
    expect(minutesBetween(solarLongitudeCrossing(270, jdOf('2025-12-20T00:00:00Z')), '2025-12-21T15:03:00Z')).toBeLessThan(15);
    expect(minutesBetween(solarLongitudeCrossing(0, jdOf('2026-03-19T00:00:00Z')), '2026-03-20T14:46:00Z')).toBeLessThan(15);
  });

  it('uses a plausible ΔT (TT − UT)', () => {
    expect(deltaTSeconds(2025)).toBeGreaterThan(65);
    expect(deltaTSeconds(2025)).toBeLessThan(80);
    expect(deltaTSeconds(1985)).toBeCloseTo(54.3, 0);
  });
});
