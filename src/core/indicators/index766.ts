/**
 * The Decision 766 service-quality index computed from local data (domain-and-law.md §2). Pure: from the counts of
 * a unit and period (counts.ts) and the procedures under its competence it returns, for every indicator,
 * numerator, denominator, ratio and points, then the six groups and the total (100 points).
 *
 * Rules (§2.2): with a threshold T, points = max if R ≥ T, else R/T × max; without a threshold the national
 * dashboard scales linearly, R × max (an assumption of that dashboard, kept here and stated in docs/indicators.md).
 * A zero denominator is "no data" (ratio null, no points), never 0 %. An indicator whose input does not exist
 * locally (publication decisions 1.1–1.3, feedback PAKN 5.2–5.3, electronic certified copies) is "no data".
 * 3.3 earns its points on (online share × sync rate of 1.4). 5.4 = 100 % − (overdue rate + dislike rate).
 */
import { countDossiers, type IndexCounts, type IndexMembers, type IndicatorDossier, type IndicatorProcedure } from './counts.ts';

export type { IndexCounts, IndicatorDossier, IndicatorProcedure } from './counts.ts';

export interface IndicatorDef {
  code: string;
  group: string;
  name: string;
  max: number;
  threshold?: number;
}

export interface IndexDefs {
  indicators: IndicatorDef[];
  groups: { code: string; name: string; max: number }[];
}

export interface IndicatorResult {
  code: string;
  name: string;
  group: string;
  numerator: number | null;
  denominator: number | null;
  /** A fraction rounded to 4 decimals (2 decimals as a percentage); null = no data. */
  ratio: number | null;
  points: number;
  max: number;
  threshold: number | null;
  noData: boolean;
  /** 2.2 only: average processing time in days. */
  averageDays?: number | null;
  /** Ids of the dossiers (or codes of procedures) behind the numerator, when computed from dossiers. */
  members?: string[];
}

export interface IndexResult {
  indicators: IndicatorResult[];
  groups: { code: string; name: string; points: number; max: number }[];
  total: number;
}

export const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Points: full marks at or above the threshold, proportional below it; linear when there is no threshold. */
export function points(ratio: number | null, max: number, threshold?: number | null): number {
  if (ratio === null || max === 0) return 0;
  const r = Math.max(0, Math.min(1, ratio));
  if (threshold !== undefined && threshold !== null) return round(r >= threshold ? max : (r / threshold) * max, 2);
  return round(r * max, 2);
}

interface Raw {
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  noData: boolean;
  ratioForPoints?: number | null;
  averageDays?: number | null;
}

const fraction = (num: number, den: number): Raw => ({ numerator: num, denominator: den, ratio: den === 0 ? null : round(num / den), noData: den === 0 });
const NO_DATA: Raw = { numerator: null, denominator: null, ratio: null, noData: true };

/** Numerator/denominator/ratio of every indicator from the counts (before points). */
/** PAKN figures for 5.2 (handled on time) and 5.3 (satisfied), when the caller has feedback data (src/core/feedback). */
export interface PaknFractions {
  '5.2': { numerator: number; denominator: number };
  '5.3': { numerator: number; denominator: number };
}

/**
 * `paknDossiers`: dossiers of the scope with a PAKN (feedback.dossier_code) received in the period and not already
 * counted in `c.unhappy` (no "Không hài lòng" rating in the period) — 5.4 subtracts each unhappy dossier once.
 */
export function indicatorFractions(c: IndexCounts, procedures: readonly IndicatorProcedure[], pakn?: PaknFractions, paknDossiers = 0): Record<string, Raw> {
  const r: Record<string, Raw> = {};
  const withPublication = procedures.filter((p) => p.publication);
  if (withPublication.length === 0) ['1.1', '1.2', '1.3'].forEach((k) => (r[k] = NO_DATA));
  else {
    r['1.1'] = fraction(withPublication.filter((p) => p.publication!.onTime).length, withPublication.length);
    r['1.2'] = fraction(withPublication.filter((p) => p.publication!.publicUpdateOnTime).length, withPublication.length);
    r['1.3'] = fraction(withPublication.filter((p) => p.publication!.complete).length, withPublication.length);
  }
  r['1.4'] = fraction(c.synced, c.received);
  r['2.1'] = fraction(c.progressNumerator, c.progressDenominator);
  r['2.2'] =
    c.completed === 0
      ? { ...NO_DATA, averageDays: null }
      : { numerator: c.completedMs, denominator: c.completed, ratio: null, noData: false, averageDays: round(c.completedMs / c.completed / 86_400_000, 2) };
  const inSet = (set: string[]) => new Set(set);
  const onlineProcs = procedures.filter((p) => p.onlineLevel !== null);
  r['3.1'] = fraction(onlineProcs.length, procedures.length);
  const online = inSet(c.procedures.online);
  r['3.2'] = fraction(onlineProcs.filter((p) => online.has(p.code)).length, onlineProcs.length);
  r['3.3'] = fraction(c.online, c.received);
  r['3.3'].ratioForPoints = r['3.3'].ratio === null || r['1.4'].ratio === null ? null : round(r['3.3'].ratio * r['1.4'].ratio);
  r['3.4'] = fraction(c.eligibleFullyOnline, c.eligible);
  const feeProcs = procedures.filter((p) => p.feeBearing);
  const feeSynced = inSet(c.procedures.feeSynced);
  const paid = inSet(c.procedures.paidOnline);
  r['3.5a'] = fraction(feeProcs.filter((p) => feeSynced.has(p.code)).length, feeProcs.length);
  r['3.5b'] = fraction(feeProcs.filter((p) => paid.has(p.code)).length, feeProcs.length);
  r['3.6'] = fraction(c.paidOnline, c.feeBearing);
  r['4.1'] = fraction(c.electronicResult, c.paperRequired);
  r['4.2'] = fraction(c.digitised, c.received);
  r['cert-copy'] = c.certKnown === 0 ? NO_DATA : fraction(c.certCopy, c.certKnown);
  r['4.3'] = fraction(c.reused, c.received);
  r['4.4'] = fraction(c.fromStore, c.received);
  const citizenProcs = procedures.filter((p) => p.citizenTarget);
  const population = inSet(c.procedures.population);
  r['4.5a'] = fraction(citizenProcs.filter((p) => population.has(p.code)).length, citizenProcs.length);
  r['4.5b'] = fraction(c.population, c.received);
  r['5.2'] = pakn ? fraction(pakn['5.2'].numerator, pakn['5.2'].denominator) : NO_DATA;
  r['5.3'] = pakn ? fraction(pakn['5.3'].numerator, pakn['5.3'].denominator) : NO_DATA;
  const D = c.progressDenominator;
  if (D === 0) r['5.4'] = NO_DATA;
  else {
    const overdue = D - c.progressNumerator;
    const unhappy = c.unhappy + paknDossiers;
    r['5.4'] = { numerator: Math.max(0, D - overdue - unhappy), denominator: D, ratio: round(Math.max(0, 1 - overdue / D - unhappy / D)), noData: false };
  }
  return r;
}

/** Points, groups and the total from the counts. */
export function scoreCounts(
  counts: IndexCounts,
  procedures: readonly IndicatorProcedure[],
  defs: IndexDefs,
  pakn?: PaknFractions,
  paknDossiers = 0,
): IndexResult {
  const raw = indicatorFractions(counts, procedures, pakn, paknDossiers);
  const indicators: IndicatorResult[] = defs.indicators.map((def) => {
    const r = raw[def.code] ?? NO_DATA;
    const forPoints = r.ratioForPoints !== undefined ? r.ratioForPoints : r.ratio;
    return {
      code: def.code,
      name: def.name,
      group: def.group,
      numerator: r.numerator,
      denominator: r.denominator,
      ratio: r.ratio,
      noData: r.noData,
      max: def.max,
      threshold: def.threshold ?? null,
      points: r.noData ? 0 : points(forPoints, def.max, def.threshold),
      ...(def.code === '2.2' ? { averageDays: r.averageDays ?? null } : {}),
    };
  });
  const groups = defs.groups.map((g) => ({
    code: g.code,
    name: g.name,
    max: g.max,
    points: round(
      indicators.filter((i) => i.group === g.code).reduce((n, i) => n + i.points, 0),
      2,
    ),
  }));
  return {
    indicators,
    groups,
    total: round(
      groups.reduce((n, g) => n + g.points, 0),
      2,
    ),
  };
}

/** The index straight from the dossiers (the reference computation). */
export function computeIndex(
  input: { dossiers: IndicatorDossier[]; procedures: IndicatorProcedure[]; periodStart?: Date; periodEnd: Date },
  defs: IndexDefs,
): IndexResult & { counts: IndexCounts; members: IndexMembers } {
  const eligible = new Set(input.procedures.filter((p) => p.fullyOnlineEligible).map((p) => p.code));
  const { counts, members } = countDossiers(input.dossiers, { start: input.periodStart, end: input.periodEnd }, eligible);
  const result = scoreCounts(counts, input.procedures, defs);
  for (const i of result.indicators) if (members[i.code]) i.members = members[i.code];
  return { ...result, counts, members };
}
