import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeIndex, points, type IndicatorDossier, type IndicatorProcedure } from './index766.ts';

const defs = JSON.parse(fs.readFileSync(new URL('../../../data/index766.json', import.meta.url), 'utf8'));
const at = (s: string) => new Date(`${s}+07:00`);
const periodEnd = at('2026-03-31T23:59:59');

const base: IndicatorDossier = {
  id: 'x', procedureCode: 'KS', channel: 2, receivedAt: at('2026-03-09T08:00:00'), dueAt: at('2026-03-12T17:30:00'), finishedAt: at('2026-03-11T10:00:00'),
  supplements: [], synced: true, feeBearing: false, paidOnline: 0, requiresPaperResult: true, hasElectronicResult: true, componentsDigitised: true,
  reusedComponent: false, fromPersonalStore: false, vneidAuthenticated: true, populationDbUsed: true, fullyOnline: true,
};
const d = (id: string, over: Partial<IndicatorDossier> = {}): IndicatorDossier => ({ ...base, id, ...over });
const procedures: IndicatorProcedure[] = [
  { code: 'KS', onlineLevel: 'toan_trinh', fullyOnlineEligible: true, feeBearing: false, citizenTarget: true },
  { code: 'CT', onlineLevel: 'mot_phan', fullyOnlineEligible: false, feeBearing: true, citizenTarget: true },
  { code: 'DD', onlineLevel: null, fullyOnlineEligible: false, feeBearing: false, citizenTarget: true },
];
const compute = (input: Parameters<typeof computeIndex>[0]) => computeIndex(input, defs);
const ind = (r: ReturnType<typeof computeIndex>, code: string) => r.indicators.find((i) => i.code === code)!;

describe('766 point conversion', () => {
  it('gives full marks at the threshold and proportional points below it; linear without a threshold', () => {
    expect(points(0.8, 4, 0.8)).toBe(4);
    expect(points(0.4, 4, 0.8)).toBe(2);
    expect(points(0.75, 20)).toBe(15);
    expect(points(null, 6)).toBe(0);
  });
});

describe('766 indicators on hand-built dossier sets', () => {
  it('2.1: two supplement requests count as overdue; an unfinished dossier is judged at the end of the period', () => {
    const r = compute({
      procedures, periodEnd, dossiers: [
        d('a'),
        d('b', { supplements: [{ requestedAt: at('2026-03-10T09:00:00'), suppliedAt: at('2026-03-10T10:00:00') }, { requestedAt: at('2026-03-10T11:00:00'), suppliedAt: at('2026-03-10T12:00:00') }] }),
        d('c', { finishedAt: null }), // not finished by 31/03 → overdue
        d('e', { dueAt: null, finishedAt: at('2026-03-10T08:00:00'), statutoryMaxMs: 3 * 86_400_000 }), // no appointment date, within the statutory time
      ],
    });
    expect(ind(r, '2.1')).toMatchObject({ numerator: 2, denominator: 4, ratio: 0.5, points: 10, members: ['a', 'e'] });
  });

  it('zero denominators are "no data", not zero percent, and give no points', () => {
    const r = compute({ procedures, periodEnd, dossiers: [] });
    expect(ind(r, '2.1')).toMatchObject({ noData: true, ratio: null, points: 0 });
    expect(ind(r, '3.6')).toMatchObject({ noData: true });
    expect(ind(r, '1.1')).toMatchObject({ noData: true }); // no publication data locally
    expect(ind(r, '5.2')).toMatchObject({ noData: true }); // no PAKN data
  });

  it('3.3 multiplies the online share by the sync rate for its points', () => {
    const r = compute({
      procedures, periodEnd, dossiers: [d('a'), d('b'), d('c', { channel: 1, synced: false }), d('e', { channel: 2, synced: false })],
    });
    expect(ind(r, '1.4')).toMatchObject({ numerator: 2, denominator: 4, ratio: 0.5 });
    expect(ind(r, '3.3')).toMatchObject({ numerator: 3, denominator: 4, ratio: 0.75 });
    // 0.75 × 0.5 = 0.375 < 0.5 threshold; 3.3 carries no points of its own in the national allocation (max 0)
    expect(ind(r, '3.3').points).toBe(0);
  });

  it('counts online payment, digitisation, reuse and population data', () => {
    const r = compute({
      procedures, periodEnd, dossiers: [
        d('a', { procedureCode: 'CT', feeBearing: true, paidOnline: 2, reusedComponent: true }),
        d('b', { procedureCode: 'CT', feeBearing: true, paidOnline: 0, hasElectronicResult: false, fromPersonalStore: true }),
        d('c', { procedureCode: 'KS', vneidAuthenticated: false, populationDbUsed: false }),
      ],
    });
    expect(ind(r, '3.6')).toMatchObject({ numerator: 1, denominator: 2, points: 3 });
    expect(ind(r, '4.1')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(ind(r, '4.2')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(ind(r, '4.3')).toMatchObject({ numerator: 1, members: ['a'] });
    expect(ind(r, '4.4')).toMatchObject({ numerator: 1, members: ['b'] });
    expect(ind(r, '4.5b')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(ind(r, '3.1')).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('5.4 subtracts the overdue rate and the rate of complaints or dislikes', () => {
    const r = compute({ procedures, periodEnd, dossiers: [d('a'), d('b', { rating: 'dissatisfied' }), d('c', { finishedAt: null }), d('e', { rating: 'very_satisfied' })] });
    expect(ind(r, '5.4')).toMatchObject({ ratio: 0.5 });
    expect(ind(r, '5.4').points).toBeCloseTo((0.5 / 0.9) * 6, 2);
  });

  it('adds up to six groups and a total of at most 100', () => {
    const r = compute({ procedures, periodEnd, dossiers: [d('a'), d('b')] });
    expect(r.groups.map((g) => g.max)).toEqual([18, 20, 12, 10, 22, 18]);
    expect(r.groups.reduce((n, g) => n + g.max, 0)).toBe(100);
    expect(r.total).toBeCloseTo(r.groups.reduce((n, g) => n + g.points, 0), 2);
    expect(r.total).toBeLessThanOrEqual(100);
  });
});
