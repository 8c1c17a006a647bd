import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countDossiers } from './counts.ts';
import { computeIndex, indicatorFractions, points, type IndicatorDossier, type IndicatorProcedure } from './index766.ts';

const defs = JSON.parse(fs.readFileSync(new URL('../../../data/index766.json', import.meta.url), 'utf8'));
const at = (s: string) => new Date(`${s}+07:00`);
const periodStart = at('2026-03-01T00:00:00');
const periodEnd = at('2026-03-31T23:59:59.999');

const base: IndicatorDossier = {
  id: 'x',
  procedureCode: 'KS',
  channel: 2,
  receivedAt: at('2026-03-09T08:00:00'),
  dueAt: at('2026-03-12T17:30:00'),
  finishedAt: at('2026-03-11T10:00:00'),
  supplements: [],
  synced: true,
  feeBearing: false,
  paidOnline: 0,
  requiresPaperResult: true,
  hasElectronicResult: true,
  componentsDigitised: true,
  reusedComponent: false,
  fromPersonalStore: false,
  vneidAuthenticated: true,
  populationDbUsed: true,
  fullyOnline: true,
};
const d = (id: string, over: Partial<IndicatorDossier> = {}): IndicatorDossier => ({ ...base, id, ...over });
const procedures: IndicatorProcedure[] = [
  { code: 'KS', onlineLevel: 'toan_trinh', fullyOnlineEligible: true, feeBearing: false, citizenTarget: true },
  { code: 'CT', onlineLevel: 'mot_phan', fullyOnlineEligible: false, feeBearing: true, citizenTarget: true },
  { code: 'DD', onlineLevel: null, fullyOnlineEligible: false, feeBearing: true, citizenTarget: false },
];
const compute = (dossiers: IndicatorDossier[], procs = procedures) => computeIndex({ procedures: procs, periodStart, periodEnd, dossiers }, defs);
const ind = (r: ReturnType<typeof compute>, code: string) => r.indicators.find((i) => i.code === code)!;

describe('766 point conversion (§2.2)', () => {
  it('gives full marks at the threshold and proportional points below it; linear without a threshold', () => {
    expect(points(0.8, 4, 0.8)).toBe(4);
    expect(points(0.95, 4, 0.8)).toBe(4);
    expect(points(0.4, 4, 0.8)).toBe(2);
    expect(points(0.75, 20)).toBe(15);
    expect(points(0.45, 6, 0.9)).toBe(3);
    expect(points(null, 6)).toBe(0);
  });
  it('the definitions carry the national maxima: six groups adding up to 100', () => {
    const r = compute([d('a'), d('b')]);
    expect(r.groups.map((g) => [g.code, g.max])).toEqual([
      ['transparency', 18],
      ['progress', 20],
      ['online', 12],
      ['payment', 10],
      ['digitisation', 22],
      ['satisfaction', 18],
    ]);
    for (const g of r.groups)
      expect(defs.indicators.filter((i: { group: string }) => i.group === g.code).reduce((n: number, i: { max: number }) => n + i.max, 0)).toBe(g.max);
    expect(r.total).toBeCloseTo(
      r.groups.reduce((n, g) => n + g.points, 0),
      2,
    );
    expect(r.total).toBeLessThanOrEqual(100);
  });
});

describe('group 1: transparency', () => {
  it('1.1–1.3 are "no data" without publication facts, and count procedures when they exist', () => {
    expect(ind(compute([d('a')]), '1.1')).toMatchObject({ noData: true, ratio: null, points: 0 });
    const withPub = procedures.map((p, i) => ({ ...p, publication: { onTime: i !== 2, publicUpdateOnTime: i === 0, complete: true } }));
    const r = compute([d('a')], withPub);
    expect(ind(r, '1.1')).toMatchObject({ numerator: 2, denominator: 3, ratio: 0.6667, points: 4 });
    expect(ind(r, '1.2')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(ind(r, '1.3')).toMatchObject({ numerator: 3, ratio: 1, points: 2 });
  });
  it('1.4 synced dossiers received in the period; dossiers received outside the period do not count', () => {
    const r = compute([d('a'), d('b', { synced: false }), d('c', { receivedAt: at('2026-02-27T08:00:00'), finishedAt: at('2026-02-27T09:00:00') })]);
    expect(ind(r, '1.4')).toMatchObject({ numerator: 1, denominator: 2, ratio: 0.5, points: 3, members: ['a'] });
  });
});

describe('group 2: progress (2.1 edge cases of §2.3)', () => {
  it('two supplement requests make a dossier overdue even when finished before the appointment', () => {
    const r = compute([
      d('a'),
      d('b', {
        supplements: [
          { requestedAt: at('2026-03-10T09:00:00'), suppliedAt: at('2026-03-10T10:00:00') },
          { requestedAt: at('2026-03-10T11:00:00'), suppliedAt: at('2026-03-10T12:00:00') },
        ],
      }),
    ]);
    expect(ind(r, '2.1')).toMatchObject({ numerator: 1, denominator: 2, ratio: 0.5, points: 10, members: ['a'] });
  });
  it('one supplement not returned: judged at the time of the request', () => {
    const r = compute([
      d('late-request', { finishedAt: null, supplements: [{ requestedAt: at('2026-03-13T09:00:00') }] }), // requested after the appointment → overdue
      d('in-time-request', { finishedAt: null, supplements: [{ requestedAt: at('2026-03-11T09:00:00') }] }), // requested in time, never supplied → on time
    ]);
    expect(ind(r, '2.1')).toMatchObject({ numerator: 1, denominator: 2, members: ['in-time-request'] });
  });
  it('the supplement interval is subtracted from the elapsed time', () => {
    const supplements = [{ requestedAt: at('2026-03-10T08:00:00'), suppliedAt: at('2026-03-12T08:00:00') }]; // 2 days
    const r = compute([
      d('within', { finishedAt: at('2026-03-14T10:00:00'), supplements }), // 14/03 10:00 − 2 days = 12/03 10:00 ≤ 12/03 17:30
      d('beyond', { finishedAt: at('2026-03-15T10:00:00'), supplements }), // 13/03 10:00 > due
    ]);
    expect(ind(r, '2.1').members).toEqual(['within']);
  });
  it('without an appointment date the statutory maximum applies', () => {
    const r = compute([
      d('ok', { dueAt: null, finishedAt: at('2026-03-11T08:00:00'), statutoryMaxMs: 3 * 86_400_000 }),
      d('late', { dueAt: null, finishedAt: at('2026-03-13T08:00:00'), statutoryMaxMs: 3 * 86_400_000 }),
    ]);
    expect(ind(r, '2.1').members).toEqual(['ok']);
  });
  it('unfinished dossiers are judged at the end of the period; dossiers finished before the period are not counted; earlier ones still open are', () => {
    const r = compute([
      d('open-late', { receivedAt: at('2026-03-20T08:00:00'), dueAt: at('2026-03-25T17:00:00'), finishedAt: null }),
      d('open-ok', { receivedAt: at('2026-03-30T08:00:00'), dueAt: at('2026-04-03T17:00:00'), finishedAt: null }),
      d('done-before', { receivedAt: at('2026-02-20T08:00:00'), dueAt: at('2026-02-24T17:00:00'), finishedAt: at('2026-02-23T08:00:00') }),
      d('carried-over', { receivedAt: at('2026-02-26T08:00:00'), dueAt: at('2026-03-03T17:00:00'), finishedAt: at('2026-03-02T08:00:00') }),
    ]);
    expect(ind(r, '2.1')).toMatchObject({ numerator: 2, denominator: 3, members: ['open-ok', 'carried-over'] });
  });
  it('2.2 averages the processing time of dossiers completed in the period (information only, 0 points)', () => {
    const r = compute([
      d('a', { receivedAt: at('2026-03-09T08:00:00'), finishedAt: at('2026-03-10T08:00:00') }),
      d('b', { receivedAt: at('2026-03-09T08:00:00'), finishedAt: at('2026-03-12T08:00:00') }),
      d('stopped', { finishedAt: at('2026-03-10T08:00:00'), completed: false }),
    ]);
    expect(ind(r, '2.2')).toMatchObject({ denominator: 2, averageDays: 2, points: 0, max: 0 });
  });
});

describe('group 3: online provision and payment', () => {
  it('3.1 procedures offering online service; 3.2 online services that received an online dossier', () => {
    const r = compute([d('a', { procedureCode: 'KS' }), d('b', { procedureCode: 'CT', channel: 1 })]);
    expect(ind(r, '3.1')).toMatchObject({ numerator: 2, denominator: 3, ratio: 0.6667 });
    expect(ind(r, '3.2')).toMatchObject({ numerator: 1, denominator: 2 });
  });
  it('3.3 needs the electronic result where a paper result is required, and earns points on share × sync rate', () => {
    const r = compute([d('a'), d('b'), d('c', { channel: 1, synced: false }), d('e', { channel: 2, synced: false }), d('f', { hasElectronicResult: false })]);
    expect(ind(r, '1.4')).toMatchObject({ numerator: 3, denominator: 5, ratio: 0.6 });
    expect(ind(r, '3.3')).toMatchObject({ numerator: 3, denominator: 5, ratio: 0.6 });
    // 3.3 has no points of its own in the national allocation; check the multiplier with a custom weight
    const custom = { ...defs, indicators: defs.indicators.map((i: { code: string }) => (i.code === '3.3' ? { ...i, max: 10 } : i)) };
    const r2 = computeIndex(
      {
        procedures,
        periodStart,
        periodEnd,
        dossiers: [d('a'), d('b'), d('c', { channel: 1, synced: false }), d('e', { channel: 2, synced: false }), d('f', { hasElectronicResult: false })],
      },
      custom,
    );
    expect(ind(r2 as ReturnType<typeof compute>, '3.3').points).toBeCloseTo(((0.6 * 0.6) / 0.5) * 10, 2);
  });
  it('3.4 fully online dossiers among dossiers of eligible procedures earn the 12 points', () => {
    const r = compute([d('a'), d('b', { channel: 1, fullyOnline: false }), d('c', { procedureCode: 'CT' })]);
    expect(ind(r, '3.4')).toMatchObject({ numerator: 1, denominator: 2, points: 6, members: ['a'] });
  });
  it('3.5a, 3.5b and 3.6 on fee-bearing procedures and dossiers', () => {
    const r = compute([
      d('a', { procedureCode: 'CT', feeBearing: true, paidOnline: 2 }),
      d('b', { procedureCode: 'CT', feeBearing: true, paidOnline: 0 }),
      d('c', { procedureCode: 'DD', feeBearing: true, paidOnline: 1, synced: false }),
      d('free', { procedureCode: 'DD', feeBearing: false }), // all fee lines at 0: excluded
    ]);
    expect(ind(r, '3.5a')).toMatchObject({ numerator: 1, denominator: 2, points: 1.25 });
    // c was paid online but never reached the national portal, where 3.5b and 3.6 are computed: it does not count.
    expect(ind(r, '3.5b')).toMatchObject({ numerator: 1, denominator: 2, points: 1.25 });
    expect(ind(r, '3.6')).toMatchObject({ numerator: 1, denominator: 3, members: ['a'], points: 2 });
    const synced = compute([
      d('a', { procedureCode: 'CT', feeBearing: true, paidOnline: 2 }),
      d('c', { procedureCode: 'DD', feeBearing: true, paidOnline: 1 }),
    ]);
    expect(ind(synced, '3.6')).toMatchObject({ numerator: 2, denominator: 2, members: ['a', 'c'] });
  });
});

describe('group 4: digitisation', () => {
  it('4.1–4.5 from the component, result, reuse and population flags', () => {
    const r = compute([
      d('a', { reusedComponent: true }),
      d('b', { hasElectronicResult: false, fromPersonalStore: true }),
      d('c', { vneidAuthenticated: false, populationDbUsed: false, componentsDigitised: false }),
      d('e', { requiresPaperResult: false, hasElectronicResult: false, procedureCode: 'CT' }),
    ]);
    expect(ind(r, '4.1')).toMatchObject({ numerator: 2, denominator: 3, members: ['a', 'c'] });
    expect(ind(r, '4.2')).toMatchObject({ numerator: 2, denominator: 4, members: ['a', 'e'] });
    expect(ind(r, '4.3')).toMatchObject({ numerator: 1, members: ['a'] });
    expect(ind(r, '4.4')).toMatchObject({ numerator: 1, members: ['b'], points: 1 });
    expect(ind(r, '4.5a')).toMatchObject({ numerator: 2, denominator: 2 });
    expect(ind(r, '4.5b')).toMatchObject({ numerator: 3, denominator: 4, members: ['a', 'b', 'e'] });
    expect(ind(r, 'cert-copy')).toMatchObject({ noData: true }); // formula not published; no flag locally
  });
});

describe('group 5: satisfaction', () => {
  it('5.2 and 5.3 have no local data (PAKN); 5.4 = 100 % − (overdue rate + dislike rate)', () => {
    const rated = at('2026-03-15T08:00:00');
    const r = compute([
      d('a'),
      d('b', { rating: 'dissatisfied', ratedAt: rated }),
      d('c', { finishedAt: null }),
      d('e', { rating: 'very_satisfied', ratedAt: rated }),
    ]);
    expect(ind(r, '5.2')).toMatchObject({ noData: true, points: 0 });
    expect(ind(r, '5.3')).toMatchObject({ noData: true });
    // 4 dossiers: 1 overdue (c, unfinished past its appointment), 1 dislike → 1 − 0.25 − 0.25
    expect(ind(r, '5.4')).toMatchObject({ ratio: 0.5, numerator: 2, denominator: 4 });
    expect(ind(r, '5.4').points).toBeCloseTo((0.5 / 0.9) * 6, 2);
    // a rating given outside the period does not count in it
    const r2 = compute([d('a'), d('b', { rating: 'dissatisfied', ratedAt: at('2026-04-02T08:00:00') })]);
    expect(ind(r2, '5.4')).toMatchObject({ ratio: 1, points: 6 });
  });
});

describe('5.4: dossiers with a PAKN (feedback.dossier_code)', () => {
  const rated = at('2026-03-15T08:00:00');
  it('subtracts a dossier with a PAKN received in the period, once even with a dislike too', () => {
    const r = compute([
      d('a'),
      d('b', { paknAt: at('2026-03-20T09:00:00') }),
      d('c', { rating: 'dissatisfied', ratedAt: rated, paknAt: at('2026-03-16T09:00:00') }),
      d('e'),
    ]);
    // 4 dossiers, none overdue; b (PAKN) and c (PAKN and dislike, counted once) → 1 − 2/4
    expect(ind(r, '5.4')).toMatchObject({ ratio: 0.5, numerator: 2, denominator: 4 });
    expect(r.members['5.4-unhappy']).toEqual(['b', 'c']);
  });
  it('ignores a PAKN received outside the period', () => {
    const r = compute([d('a', { paknAt: at('2026-02-27T09:00:00') }), d('b', { paknAt: at('2026-04-01T00:00:01') })]);
    expect(ind(r, '5.4')).toMatchObject({ ratio: 1, numerator: 2, denominator: 2 });
  });
  it("the server's separate count of PAKN dossiers is subtracted the same way", () => {
    const { counts } = countDossiers([d('a'), d('b'), d('c', { finishedAt: null }), d('e')], { start: periodStart, end: periodEnd });
    const raw = indicatorFractions(counts, procedures, undefined, 1);
    // 4 dossiers: 1 overdue, 1 with a PAKN → 50 %
    expect(raw['5.4']).toMatchObject({ numerator: 2, denominator: 4, ratio: 0.5 });
    expect(indicatorFractions(counts, procedures)['5.4']).toMatchObject({ numerator: 3, ratio: 0.75 });
    // never below zero
    expect(indicatorFractions(counts, procedures, undefined, 9)['5.4']).toMatchObject({ numerator: 0, ratio: 0 });
  });
});

describe('zero denominators', () => {
  it('are "no data", never 0 %, and give no points', () => {
    const r = compute([]);
    for (const code of ['1.4', '2.1', '2.2', '3.3', '3.4', '3.6', '4.1', '4.2', '4.3', '4.4', '4.5b', '5.4']) {
      expect(ind(r, code), code).toMatchObject({ noData: true, ratio: null, points: 0 });
    }
    expect(r.total).toBe(0);
    // procedure-based indicators still have their denominators from the catalogue
    expect(ind(r, '3.1')).toMatchObject({ noData: false, numerator: 2, denominator: 3 });
    expect(ind(compute([], []), '3.1')).toMatchObject({ noData: true });
  });
});
