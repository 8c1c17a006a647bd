/**
 * The counts behind every dossier-based indicator of Decision 766 for one period, and the reference way to get
 * them straight from the dossiers (`countDossiers`). The server's incremental counters must produce exactly the
 * same counts (src/server/modules/metrics); the points are then computed from the counts by `scoreCounts`.
 *
 * Period membership (documented in docs/indicators.md):
 * - "received in the period" (NgàyTiếpNhận in [start, end]) for 1.4, 3.x, 4.x;
 * - 2.1 "received or processed in the period": received by the end and not finished before the start;
 *   numerator = finished within the period on time + still in progress within time at the end;
 * - 2.2 completed (result issued or returned) within the period;
 * - ratings by the time they were given.
 */
import { classifyTimeliness } from '../deadlines/timeliness.ts';

export interface IndicatorDossier {
  id: string;
  procedureCode: string;
  channel: 1 | 2 | 3;
  receivedAt: Date | null;
  /** The appointment not moved by the supplement (original, or set by a new appointment). */
  dueAt: Date | null;
  /** First terminal time (see timing.ts endOfProcessing). */
  finishedAt: Date | null;
  /** Finished with a result (status 9 or 10), for 2.2; defaults to "finished". */
  completed?: boolean;
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
  ratedAt?: Date | null;
  /** A complaint recorded with the rating (counted on the rating's day). */
  hasComplaint?: boolean;
  /** When the first PAKN about this dossier (feedback.dossier_code) was received, for 5.4. */
  paknAt?: Date | null;
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

export interface IndexCounts {
  received: number;
  synced: number;
  /** 3.3: channel 2 and, where a paper result is required, an electronic result. */
  online: number;
  /** 3.4: dossiers of procedures eligible for full online service, and those submitted fully online. */
  eligible: number;
  eligibleFullyOnline: number;
  feeBearing: number;
  paidOnline: number;
  paperRequired: number;
  /** 4.1: of paperRequired, with an electronic result. */
  electronicResult: number;
  digitised: number;
  reused: number;
  fromStore: number;
  population: number;
  /** Dossiers carrying the electronic-certified-copy flag at all, and those with it set. */
  certKnown: number;
  certCopy: number;
  progressDenominator: number;
  progressNumerator: number;
  completed: number;
  completedMs: number;
  rated: number;
  satisfied: number;
  unhappy: number;
  /** Procedure codes with, in the period: an online dossier; a synced fee-bearing dossier; an online payment; population data used. */
  procedures: { online: string[]; feeSynced: string[]; paidOnline: string[]; population: string[] };
}

export type IndexMembers = Record<string, string[]>;

export const emptyCounts = (): IndexCounts => ({
  received: 0,
  synced: 0,
  online: 0,
  eligible: 0,
  eligibleFullyOnline: 0,
  feeBearing: 0,
  paidOnline: 0,
  paperRequired: 0,
  electronicResult: 0,
  digitised: 0,
  reused: 0,
  fromStore: 0,
  population: 0,
  certKnown: 0,
  certCopy: 0,
  progressDenominator: 0,
  progressNumerator: 0,
  completed: 0,
  completedMs: 0,
  rated: 0,
  satisfied: 0,
  unhappy: 0,
  procedures: { online: [], feeSynced: [], paidOnline: [], population: [] },
});

export const isOnlineForIndex = (d: Pick<IndicatorDossier, 'channel' | 'requiresPaperResult' | 'hasElectronicResult'>) =>
  d.channel === 2 && (!d.requiresPaperResult || d.hasElectronicResult);
export const isDigitised = (d: Pick<IndicatorDossier, 'componentsDigitised' | 'requiresPaperResult' | 'hasElectronicResult'>) =>
  d.componentsDigitised && (!d.requiresPaperResult || d.hasElectronicResult);
export const usesPopulationData = (d: Pick<IndicatorDossier, 'vneidAuthenticated' | 'populationDbUsed' | 'fromPersonalStore'>) =>
  d.vneidAuthenticated || d.populationDbUsed || d.fromPersonalStore;

/**
 * 5.4's "hồ sơ có PAKN hoặc đánh giá dislike" (domain-and-law.md §2.3), once per dossier: a "Không hài lòng" rating
 * (or a complaint recorded with the rating) given in the period, or a PAKN about the dossier received in the period.
 */
export function isUnhappyInPeriod(
  d: Pick<IndicatorDossier, 'rating' | 'ratedAt' | 'hasComplaint' | 'paknAt'>,
  within: (x: Date | null | undefined) => boolean,
): boolean {
  return ((d.rating === 'dissatisfied' || !!d.hasComplaint) && within(d.ratedAt ?? null)) || within(d.paknAt ?? null);
}

/**
 * The reference computation: counts for the period [start, end] straight from the dossiers, judging 2.1 with
 * classifyTimeliness at the period end. `members` lists the dossier ids behind each numerator (for tests and
 * drill-down checks).
 */
export function countDossiers(
  dossiers: readonly IndicatorDossier[],
  period: { start?: Date; end: Date },
  eligibleProcedures: ReadonlySet<string> = new Set(),
): { counts: IndexCounts; members: IndexMembers } {
  const start = period.start ?? new Date(-8.64e15);
  const end = period.end;
  const c = emptyCounts();
  const members: IndexMembers = {};
  const add = (code: string, id: string) => (members[code] ??= []).push(id);
  const procs = { online: new Set<string>(), feeSynced: new Set<string>(), paidOnline: new Set<string>(), population: new Set<string>() };
  const within = (x: Date | null | undefined) => !!x && x >= start && x <= end;
  for (const d of dossiers) {
    if (!d.receivedAt) continue;
    if (d.receivedAt <= end && !(d.finishedAt && d.finishedAt < start)) {
      c.progressDenominator++;
      const t = classifyTimeliness({
        receivedAt: d.receivedAt,
        dueAt: d.dueAt,
        finishedAt: d.finishedAt,
        periodEnd: end,
        supplements: d.supplements,
        statutoryMaxMs: d.statutoryMaxMs,
      });
      if (t !== 'overdue') {
        c.progressNumerator++;
        add('2.1', d.id);
      }
    }
    if (within(d.finishedAt) && (d.completed ?? true)) {
      c.completed++;
      c.completedMs += d.finishedAt!.getTime() - d.receivedAt.getTime();
    }
    if (d.rating && within(d.ratedAt ?? null)) {
      c.rated++;
      if (d.rating !== 'dissatisfied') c.satisfied++;
    }
    if (isUnhappyInPeriod(d, within)) {
      c.unhappy++;
      add('5.4-unhappy', d.id);
    }
    if (!within(d.receivedAt)) continue;
    c.received++;
    if (d.synced) {
      c.synced++;
      add('1.4', d.id);
    }
    if (isOnlineForIndex(d)) {
      c.online++;
      add('3.3', d.id);
    }
    if (d.channel === 2) procs.online.add(d.procedureCode);
    if (eligibleProcedures.has(d.procedureCode)) {
      c.eligible++;
      if (d.channel === 2 && d.fullyOnline) {
        c.eligibleFullyOnline++;
        add('3.4', d.id);
      }
    }
    if (d.feeBearing) {
      c.feeBearing++;
      if (d.synced) procs.feeSynced.add(d.procedureCode);
      // 3.6 and 3.5b are computed on the national portal: only synchronised dossiers count (domain-and-law.md §2.3).
      if (d.paidOnline > 0 && d.synced) {
        c.paidOnline++;
        add('3.6', d.id);
        procs.paidOnline.add(d.procedureCode);
      }
    }
    if (d.requiresPaperResult) {
      c.paperRequired++;
      if (d.hasElectronicResult) {
        c.electronicResult++;
        add('4.1', d.id);
      }
    }
    if (isDigitised(d)) {
      c.digitised++;
      add('4.2', d.id);
    }
    if (d.reusedComponent) {
      c.reused++;
      add('4.3', d.id);
    }
    if (d.fromPersonalStore) {
      c.fromStore++;
      add('4.4', d.id);
    }
    if (usesPopulationData(d)) {
      c.population++;
      add('4.5b', d.id);
      procs.population.add(d.procedureCode);
    }
    if (d.certifiedElectronicCopy !== undefined) {
      c.certKnown++;
      if (d.certifiedElectronicCopy) {
        c.certCopy++;
        add('cert-copy', d.id);
      }
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  c.procedures = {
    online: sorted(procs.online),
    feeSynced: sorted(procs.feeSynced),
    paidOnline: sorted(procs.paidOnline),
    population: sorted(procs.population),
  };
  return { counts: c, members };
}
