/**
 * The Decision 766 service-quality index computed from local data (domain-and-law.md §2). Pure: it takes the
 * dossiers and procedures of a unit and period and returns, for every indicator, numerator, denominator, ratio and
 * points, then the six groups and the total (100 points). An indicator whose input does not exist locally (e.g.
 * publication decisions, feedback PAKN) is "no data" — never a made-up value.
 */
import { classifyTimeliness } from '../deadlines/timeliness.ts';

export interface IndicatorDossier {
  id: string;
  procedureCode: string;
  channel: 1 | 2 | 3;
  receivedAt: Date | null;
  dueAt: Date | null;
  /** First terminal time (result issued, returned, stopped, refused, withdrawn after receipt). */
  finishedAt: Date | null;
  supplements: { requestedAt: Date; suppliedAt?: Date | null }[];
  statutoryMaxMs?: number;
  synced: boolean;
  /** Fee lines of the case exist and are not all zero. */
  feeBearing: boolean;
  /** 0 = not online, 1 = paid on the national portal, 2 = paid through the province's gateway. */
  paidOnline: 0 | 1 | 2;
  requiresPaperResult: boolean;
  hasElectronicResult: boolean;
  /** Files attached to its components. */
  componentsDigitised: boolean;
  reusedComponent: boolean;
  fromPersonalStore: boolean;
  vneidAuthenticated: boolean;
  populationDbUsed: boolean;
  /** Fully-online (toàn trình) submission. */
  fullyOnline: boolean;
  rating?: 'very_satisfied' | 'satisfied' | 'dissatisfied';
  hasComplaint?: boolean;
  certifiedElectronicCopy?: boolean;
}

export interface IndicatorProcedure {
  code: string;
  onlineLevel: 'toan_trinh' | 'mot_phan' | null;
  fullyOnlineEligible: boolean;
  feeBearing: boolean;
  citizenTarget: boolean;
  /** Publication facts, when known (1.1–1.3); absent → no data. */
  publication?: { onTime: boolean; publicUpdateOnTime: boolean; complete: boolean };
}

export interface IndicatorDef {
  code: string;
  group: string;
  name: string;
  max: number;
  threshold?: number;
}

export interface IndicatorResult {
  code: string;
  name: string;
  numerator: number | null;
  denominator: number | null;
  /** Rounded to 4 decimals (2 decimals as a percentage). */
  ratio: number | null;
  points: number;
  max: number;
  noData: boolean;
  /** Ids of the dossiers (or codes of procedures) behind the numerator, for drill-down. */
  members?: string[];
}

export interface IndexResult {
  indicators: IndicatorResult[];
  groups: { code: string; name: string; points: number; max: number }[];
  total: number;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Points: full marks at or above the threshold, proportional below it; linear when there is no threshold. */
export function points(ratio: number | null, max: number, threshold?: number): number {
  if (ratio === null || max === 0) return 0;
  const r = Math.max(0, Math.min(1, ratio));
  if (threshold !== undefined) return round(r >= threshold ? max : (r / threshold) * max, 2);
  return round(r * max, 2);
}

export function computeIndex(
  input: { dossiers: IndicatorDossier[]; procedures: IndicatorProcedure[]; periodEnd: Date },
  defs: { indicators: IndicatorDef[]; groups: { code: string; name: string; max: number }[] },
): IndexResult {
  const { dossiers, procedures } = input;
  const received = dossiers.filter((d) => d.receivedAt !== null);
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  const ratioOf = (num: number, den: number) => (den === 0 ? null : round(num / den));
  const results: Record<string, Omit<IndicatorResult, 'code' | 'name' | 'points' | 'max'> & { ratioForPoints?: number | null }> = {};
  const count = (code: string, members: { id: string }[] | string[], den: number) => {
    const ids = members.map((m) => (typeof m === 'string' ? m : m.id));
    results[code] = { numerator: ids.length, denominator: den, ratio: ratioOf(ids.length, den), noData: den === 0, members: ids };
  };
  const noData = (code: string) => (results[code] = { numerator: null, denominator: null, ratio: null, noData: true });

  // 1.x publication — only when the catalogue carries the publication facts.
  const withPublication = procedures.filter((p) => p.publication);
  if (withPublication.length === 0) ['1.1', '1.2', '1.3'].forEach(noData);
  else {
    count('1.1', withPublication.filter((p) => p.publication!.onTime).map((p) => p.code), withPublication.length);
    count('1.2', withPublication.filter((p) => p.publication!.publicUpdateOnTime).map((p) => p.code), withPublication.length);
    count('1.3', withPublication.filter((p) => p.publication!.complete).map((p) => p.code), withPublication.length);
  }
  count('1.4', received.filter((d) => d.synced), received.length);
  const syncRate = results['1.4'].ratio ?? 0;

  // 2.1 on time (finished on time + in progress within time) / received or processed in the period.
  const onTime = received.filter(
    (d) => classifyTimeliness({ receivedAt: d.receivedAt!, dueAt: d.dueAt, finishedAt: d.finishedAt, periodEnd: input.periodEnd, supplements: d.supplements, statutoryMaxMs: d.statutoryMaxMs }) !== 'overdue',
  );
  count('2.1', onTime, received.length);
  const finished = received.filter((d) => d.finishedAt);
  const avgMs = finished.length ? finished.reduce((n, d) => n + (d.finishedAt!.getTime() - d.receivedAt!.getTime()), 0) / finished.length : null;
  results['2.2'] = { numerator: avgMs === null ? null : round(avgMs / 86_400_000, 2), denominator: finished.length, ratio: null, noData: avgMs === null };

  // 3.x online provision
  count('3.1', procedures.filter((p) => p.onlineLevel !== null).map((p) => p.code), procedures.length);
  const onlineProcedures = procedures.filter((p) => p.onlineLevel !== null);
  count('3.2', onlineProcedures.filter((p) => received.some((d) => d.procedureCode === p.code && d.channel === 2)).map((p) => p.code), onlineProcedures.length);
  const online = received.filter((d) => d.channel === 2 && (!d.requiresPaperResult || d.hasElectronicResult));
  count('3.3', online, received.length);
  results['3.3'].ratioForPoints = results['3.3'].ratio === null ? null : round(results['3.3'].ratio! * syncRate);
  const eligible = received.filter((d) => byCode.get(d.procedureCode)?.fullyOnlineEligible);
  count('3.4', eligible.filter((d) => d.channel === 2 && d.fullyOnline), eligible.length);

  // 3.5–3.6 payment
  const feeProcedures = procedures.filter((p) => p.feeBearing);
  count('3.5a', feeProcedures.filter((p) => received.some((d) => d.procedureCode === p.code && d.feeBearing && d.synced)).map((p) => p.code), feeProcedures.length);
  count('3.5b', feeProcedures.filter((p) => received.some((d) => d.procedureCode === p.code && d.paidOnline > 0)).map((p) => p.code), feeProcedures.length);
  const feeDossiers = received.filter((d) => d.feeBearing);
  count('3.6', feeDossiers.filter((d) => d.paidOnline === 1 || d.paidOnline === 2), feeDossiers.length);

  // 4.x digitisation
  const paper = received.filter((d) => d.requiresPaperResult);
  count('4.1', paper.filter((d) => d.hasElectronicResult), paper.length);
  count('4.2', received.filter((d) => d.componentsDigitised && (!d.requiresPaperResult || d.hasElectronicResult)), received.length);
  const certifiedCopies = received.filter((d) => d.certifiedElectronicCopy !== undefined);
  if (certifiedCopies.length === 0) noData('4.2b');
  else count('4.2b', certifiedCopies.filter((d) => d.certifiedElectronicCopy), certifiedCopies.length);
  count('4.3', received.filter((d) => d.reusedComponent), received.length);
  count('4.4', received.filter((d) => d.fromPersonalStore), received.length);
  const citizenProcedures = procedures.filter((p) => p.citizenTarget);
  count('4.5a', citizenProcedures.filter((p) => received.some((d) => d.procedureCode === p.code && (d.vneidAuthenticated || d.populationDbUsed || d.fromPersonalStore))).map((p) => p.code), citizenProcedures.length);
  count('4.5b', received.filter((d) => d.vneidAuthenticated || d.populationDbUsed || d.fromPersonalStore), received.length);

  // 5.x satisfaction: PAKN handling has no local data yet; 5.4 = 100% − (overdue rate + rate with complaint or dislike).
  noData('5.2');
  noData('5.3');
  if (received.length === 0) noData('5.4');
  else {
    const overdue = received.length - onTime.length;
    const unhappy = received.filter((d) => d.hasComplaint || d.rating === 'dissatisfied').length;
    const r = Math.max(0, 1 - overdue / received.length - unhappy / received.length);
    results['5.4'] = { numerator: received.length - overdue - unhappy, denominator: received.length, ratio: round(r), noData: false };
  }

  const indicators: IndicatorResult[] = defs.indicators.map((def) => {
    const r = results[def.code] ?? { numerator: null, denominator: null, ratio: null, noData: true };
    const forPoints = 'ratioForPoints' in r ? r.ratioForPoints! : r.ratio;
    return { code: def.code, name: def.name, numerator: r.numerator, denominator: r.denominator, ratio: r.ratio, noData: r.noData, members: r.members, max: def.max, points: r.noData ? 0 : points(forPoints, def.max, def.threshold) };
  });
  const groups = defs.groups.map((g) => ({
    code: g.code,
    name: g.name,
    max: g.max,
    points: round(indicators.filter((i) => defs.indicators.find((d) => d.code === i.code)?.group === g.code).reduce((n, i) => n + i.points, 0), 2),
  }));
  return { indicators, groups, total: round(groups.reduce((n, g) => n + g.points, 0), 2) };
}
