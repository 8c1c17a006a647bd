/**
 * The two astronomical quantities a lunisolar calendar needs, after Jean Meeus, "Astronomical Algorithms"
 * (2nd ed., 1998):
 *
 * - the instants of true new moons (chapter 49: mean phase plus the periodic and planetary corrections; error
 *   well under a minute in this era);
 * - the apparent geocentric longitude of the Sun (chapter 25, the "lower accuracy" theory: about 0.01°, i.e.
 *   about a quarter of an hour on the time of a solar term).
 *
 * Instants are Julian Ephemeris Days (TT) inside the theories and Julian Days (UT) at the boundary; ΔT = TT − UT
 * comes from the Espenak–Meeus polynomials. Pure functions, no I/O.
 */

const RAD = Math.PI / 180;
const sin = (deg: number) => Math.sin(deg * RAD);

/** Julian Day of 1970-01-01T00:00Z (the Unix epoch). */
export const UNIX_EPOCH_JD = 2440587.5;

/** ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus, Five Millennium Canon, polynomial fits). */
export function deltaTSeconds(year: number): number {
  if (year >= 2005 && year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  if (year >= 1986 && year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year >= 1961 && year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year >= 1941 && year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year >= 1920 && year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year >= 1900 && year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  const u = (year - 1820) / 100;
  if (year >= 2050 && year < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - year);
  return -20 + 32 * u * u;
}

const decimalYear = (jd: number) => 2000 + (jd - 2451545.0) / 365.25;
export const ttToUt = (jde: number) => jde - deltaTSeconds(decimalYear(jde)) / 86400;
export const utToTt = (jd: number) => jd + deltaTSeconds(decimalYear(jd)) / 86400;

/** Reduces an angle in degrees to [0, 360). */
export const normDeg = (x: number) => ((x % 360) + 360) % 360;

// Periodic terms of the new-moon correction (Meeus table 49.A, column "New Moon"):
// [coefficient, power of E, multiples of M, M′, F, Ω].
const NEW_MOON_TERMS: readonly [number, number, number, number, number, number][] = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

// Planetary arguments A1…A14 (Meeus 49, "additional corrections"): [coefficient, constant, rate per lunation];
// A1 also has a T² term, added below.
const PLANETARY_TERMS: readonly [number, number, number][] = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/**
 * Instant (Julian Ephemeris Day, TT) of true new moon number k, counted in lunations from the new moon of
 * 2000-01-06 (k = 0); k must be an integer.
 */
export function trueNewMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const mean = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3; // Sun's mean anomaly
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4; // Moon's mean anomaly
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4; // Moon's argument of latitude
  const Omega = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3; // longitude of the ascending node
  let correction = 0;
  for (const [c, ePow, m, mp, f, om] of NEW_MOON_TERMS) correction += c * E ** ePow * sin(m * M + mp * Mp + f * F + om * Omega);
  PLANETARY_TERMS.forEach(([c, base, rate], i) => {
    correction += c * sin(base + rate * k - (i === 0 ? 0.009173 * T2 : 0));
  });
  return mean + correction;
}

/** Lunation number k of the last true new moon at or before the given Julian Day (UT). */
export function newMoonIndexAtOrBefore(jdUt: number): number {
  let k = Math.floor((jdUt - 2451550.09766) / 29.530588861);
  while (ttToUt(trueNewMoonJde(k + 1)) <= jdUt) k++;
  while (ttToUt(trueNewMoonJde(k)) > jdUt) k--;
  return k;
}

/** Apparent geocentric longitude of the Sun in degrees [0, 360) at a Julian Ephemeris Day (TT). */
export function sunApparentLongitude(jde: number): number {
  const T = (jde - 2451545.0) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T; // geometric mean longitude
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T; // mean anomaly
  const C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) + (0.019993 - 0.000101 * T) * sin(2 * M) + 0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  return normDeg(L0 + C - 0.00569 - 0.00478 * sin(omega)); // nutation and aberration
}

/**
 * Instant (Julian Day, UT) when the Sun's apparent longitude reaches `longitude` degrees, searching near
 * `nearJdUt` (within about half a year). Newton iteration on the mean solar motion.
 */
export function solarLongitudeCrossing(longitude: number, nearJdUt: number): number {
  let jde = utToTt(nearJdUt);
  for (let i = 0; i < 20; i++) {
    const diff = ((longitude - sunApparentLongitude(jde) + 540) % 360) - 180; // in (−180, 180]
    jde += (diff * 365.2422) / 360;
    if (Math.abs(diff) < 1e-7) break;
  }
  return ttToUt(jde);
}
