/**
 * The dashboard query: the counts of the index for a scope (units, optionally one procedure or one official) and
 * a period [from, to] (local days, inclusive), summed from the daily counters. Dossiers in progress at the period
 * end come from cumulative sums (received − reached E by then), so the answer is exact for any period end.
 * `fullCounts` recomputes the same counts straight from the dossiers (the reference), for checks and tests.
 */
import { addDaysIso } from '../../../core/calendar/holidays.ts';
import { fromLocal } from '../../../core/deadlines/deadlines.ts';
import { countDossiers, emptyCounts, type IndexCounts } from '../../../core/indicators/counts.ts';
import type { Queryable } from '../../db/database.ts';
import { deriveFacts, loadProcedures, type ProcedureInfo } from './facts.ts';

const codeCache = new WeakMap<Queryable, { at: number; codes: Promise<string[]> }>();
/** The catalogue's procedure codes (cached a minute): the procedure-level indicators are judged on these. */
function catalogueCodes(db: Queryable): Promise<string[]> {
  const hit = codeCache.get(db);
  if (hit && Date.now() - hit.at < 60_000) return hit.codes;
  const codes = loadProcedures(db).then((m) => [...m.keys()].sort());
  codeCache.set(db, { at: Date.now(), codes });
  return codes;
}

export interface Scope {
  unitIds: string[];
  procedure?: string;
  official?: string;
}

export interface Extras {
  onlineAny: number;
  loginCount: number;
  loginMs: number;
  completedOnline: number;
  completedOnlineMs: number;
  completedCounter: number;
  completedCounterMs: number;
  finished: number;
}

const n = (x: unknown) => Number(x ?? 0);

/**
 * The WHERE clause of a scope over a table with unit_id, procedure_code and official_id columns ($1 = the units,
 * $2 and $3 = the period, left to the caller), with `base` ANDed in, and its parameters.
 */
export function scopeWhere(scope: Scope, from: string, to: string, base: string, alias = ''): { where: string; params: unknown[] } {
  const params: unknown[] = [scope.unitIds, from, to];
  let where = `${alias}unit_id = ANY($1::text[])${base ? ` AND ${base}` : ''}`;
  if (scope.procedure !== undefined) {
    params.push(scope.procedure);
    where += ` AND ${alias}procedure_code = $${params.length}`;
  }
  if (scope.official !== undefined) {
    params.push(scope.official);
    where += ` AND ${alias}official_id = $${params.length}`;
  }
  return { where, params };
}

export async function countersCounts(db: Queryable, scope: Scope, from: string, to: string): Promise<{ counts: IndexCounts; extras: Extras }> {
  const filtered = scope.procedure !== undefined || scope.official !== undefined;
  const table = filtered ? 'metric_daily' : 'metric_unit_daily';
  const { where, params } = scopeWhere(scope, from, to, '');
  const inPeriod = 'day BETWEEN $2::date AND $3::date';
  // The period's sums read only the period's rows; the cumulative sums (dossiers in progress at the period end)
  // read every earlier day but only three columns.
  const sumCols = [
    'received',
    'synced',
    'online',
    'online_any',
    'eligible',
    'eligible_fully_online',
    'fee_bearing',
    'paid_online',
    'paper_required',
    'electronic_result',
    'digitised',
    'reused',
    'from_store',
    'population',
    'login_count',
    'login_ms',
    'finished',
    'finished_on_time',
    'completed',
    'completed_ms',
    'completed_online',
    'completed_online_ms',
    'completed_counter',
    'completed_counter_ms',
    'rated',
    'satisfied',
    'unhappy',
  ];
  const [period, cumulative] = await Promise.all([
    db.query<Record<string, string>>(`SELECT ${sumCols.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM ${table} WHERE ${where} AND ${inPeriod}`, params),
    db.query<Record<string, string>>(
      `SELECT sum(received) AS cum_received, sum(progress_end) AS cum_progress_end, sum(finished) FILTER (WHERE day < $2::date) AS finished_before
         FROM ${table} WHERE ${where} AND day <= $3::date`,
      params,
    ),
  ]);
  const sums = { ...period.rows[0], ...cumulative.rows[0] };
  // Per catalogue procedure: did it have an online / synced fee-bearing / paid-online / population-data dossier in
  // the period? Each EXISTS stops at the first matching row (index by procedure and day).
  const procTable = scope.official !== undefined ? 'metric_daily' : 'metric_procedure_daily';
  const codes = scope.procedure !== undefined ? [scope.procedure] : [...(await catalogueCodes(db))];
  params.push(codes);
  // (a LIMIT 1 subquery ordered like the index, so the planner walks the index and stops at the first row)
  const exists = (m: string) =>
    `((SELECT x.day FROM ${procTable} x WHERE x.procedure_code = p.code AND ${scopeWhere(scope, from, to, '', 'x.').where} AND x.day BETWEEN $2::date AND $3::date AND x.${m} > 0 ORDER BY x.procedure_code, x.day LIMIT 1) IS NOT NULL)`;
  const procs = (
    await db.query<{ procedure_code: string; online_any: boolean; fee_synced: boolean; paid_online: boolean; population: boolean }>(
      `SELECT p.code AS procedure_code, ${exists('online_any')} AS online_any, ${exists('fee_synced')} AS fee_synced, ${exists('paid_online')} AS paid_online, ${exists('population')} AS population
       FROM unnest($${params.length}::text[]) AS p(code) ORDER BY 1`,
      params,
    )
  ).rows;
  const c = emptyCounts();
  c.received = n(sums.received);
  c.synced = n(sums.synced);
  c.online = n(sums.online);
  c.eligible = n(sums.eligible);
  c.eligibleFullyOnline = n(sums.eligible_fully_online);
  c.feeBearing = n(sums.fee_bearing);
  c.paidOnline = n(sums.paid_online);
  c.paperRequired = n(sums.paper_required);
  c.electronicResult = n(sums.electronic_result);
  c.digitised = n(sums.digitised);
  c.reused = n(sums.reused);
  c.fromStore = n(sums.from_store);
  c.population = n(sums.population);
  const cumReceived = n(sums.cum_received);
  c.progressDenominator = cumReceived - n(sums.finished_before);
  c.progressNumerator = n(sums.finished_on_time) + cumReceived - n(sums.cum_progress_end);
  c.completed = n(sums.completed);
  c.completedMs = n(sums.completed_ms);
  c.rated = n(sums.rated);
  c.satisfied = n(sums.satisfied);
  c.unhappy = n(sums.unhappy);
  const pick = (k: 'online_any' | 'fee_synced' | 'paid_online' | 'population') => procs.filter((p) => p[k]).map((p) => p.procedure_code);
  c.procedures = { online: pick('online_any'), feeSynced: pick('fee_synced'), paidOnline: pick('paid_online'), population: pick('population') };
  return {
    counts: c,
    extras: {
      onlineAny: n(sums.online_any),
      loginCount: n(sums.login_count),
      loginMs: n(sums.login_ms),
      completedOnline: n(sums.completed_online),
      completedOnlineMs: n(sums.completed_online_ms),
      completedCounter: n(sums.completed_counter),
      completedCounterMs: n(sums.completed_counter_ms),
      finished: n(sums.finished),
    },
  };
}

/**
 * 5.4's PAKN term: dossiers of the scope (unit, procedure, official) about which a PAKN was received in the period
 * (`feedback.dossier_code`; the unit's own "Không hài lòng" follow-ups, channel 'rating', are not PAKN), leaving out
 * those already counted in `unhappy` (a "Không hài lòng" rating in the period): each dossier is subtracted once
 * (src/core/indicators/index766.ts `indicatorFractions`, `counts.ts` `isUnhappyInPeriod`).
 */
export async function paknDossiers(db: Queryable, scope: Scope, from: string, to: string): Promise<number> {
  return sumUnits((await paknDossierCounts(db, scope, [{ from, to }]))[0], scope.unitIds);
}

/**
 * The same term for several periods at once (the weeks or months of a breakdown, the campaign weeks), per unit of
 * the scope (the units of a "by unit" breakdown, the communes of the public figures): one query for them all,
 * instead of one per row. `result[i]` maps a unit id to its count in `periods[i]` (units without any are absent);
 * a dossier is counted once per period however many PAKN it has in it.
 *
 * The query starts from the PAKN (few) rather than from the scope's facts (millions for a province): feedback
 * naming a dossier, received in a period → that dossier's fact row, kept when it is in the scope.
 */
export async function paknDossierCounts(db: Queryable, scope: Scope, periods: readonly { from: string; to: string }[]): Promise<Map<string, number>[]> {
  const out = periods.map(() => new Map<string, number>());
  if (periods.length === 0 || scope.unitIds.length === 0) return out;
  const froms = periods.map((p) => p.from);
  const tos = periods.map((p) => p.to);
  const first = [...froms].sort()[0];
  const last = [...tos].sort().at(-1)!;
  const { where, params } = scopeWhere(scope, first, last, '', 'm.');
  params.push(froms, tos);
  const [f, t] = [params.length - 1, params.length];
  const day = "(fb.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date";
  const rows = (
    await db.query<{ i: string; unit_id: string; n: string }>(
      `SELECT p.i, m.unit_id, count(DISTINCT m.dossier_id) AS n
         FROM unnest($${f}::date[], $${t}::date[]) WITH ORDINALITY AS p(f, t, i)
         JOIN feedback fb ON ${day} BETWEEN p.f AND p.t
         JOIN dossiers fd ON fd.code = fb.dossier_code
         JOIN metric_facts m ON m.dossier_id = fd.id
        WHERE fb.channel <> 'rating' AND ${day} BETWEEN $2::date AND $3::date AND ${where}
          AND NOT (m.rating IS NOT DISTINCT FROM 'dissatisfied' AND m.rated_day BETWEEN p.f AND p.t)
        GROUP BY p.i, m.unit_id`,
      params,
    )
  ).rows;
  for (const r of rows) out[Number(r.i) - 1].set(r.unit_id, Number(r.n));
  return out;
}

/** The sum of per-unit counts over some units. */
export function sumUnits(counts: ReadonlyMap<string, number> | undefined, unitIds: readonly string[]): number {
  let total = 0;
  for (const u of unitIds) total += counts?.get(u) ?? 0;
  return total;
}

/** A PAKN about the fact row's dossier received on a local day of [$2, $3] (not a rating follow-up). */
export const PAKN_IN_PERIOD = (alias: string) =>
  `EXISTS (SELECT 1 FROM feedback fb JOIN dossiers fd ON fd.code = fb.dossier_code
           WHERE fd.id = ${alias}.dossier_id AND fb.channel <> 'rating'
             AND (fb.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $2::date AND $3::date)`;

/** Local-day period → instants: [from 00:00, to 23:59:59.999] in Vietnam time. */
export function periodInstants(from: string, to: string): { start: Date; end: Date } {
  return { start: fromLocal(from, 0), end: new Date(fromLocal(addDaysIso(to, 1), 0).getTime() - 1) };
}

/** The reference: the same counts computed from the dossiers themselves (no counters involved). */
export async function fullCounts(db: Queryable, scope: Scope, from: string, to: string, procedures: Map<string, ProcedureInfo>): Promise<IndexCounts> {
  const facts = await deriveFacts(db, {}, procedures);
  const units = new Set(scope.unitIds);
  const dossiers = [...facts.values()].filter(
    (f) =>
      units.has(f.unitId) &&
      (scope.procedure === undefined || f.procedureCode === scope.procedure) &&
      (scope.official === undefined || f.officialId === scope.official),
  );
  const eligible = new Set([...procedures.values()].filter((p) => p.fullyOnlineEligible).map((p) => p.code));
  return countDossiers(dossiers, periodInstants(from, to), eligible).counts;
}

/**
 * A full recomputation in SQL from the per-dossier fact rows (no counters): one scan of the scope's facts. Used by
 * the benchmark at 10 million dossiers (where loading dossiers into memory is not an option) and as a third check.
 */
export async function factCounts(db: Queryable, scope: Scope, from: string, to: string): Promise<IndexCounts> {
  const { where, params } = scopeWhere(scope, from, to, 'received_day <= $3::date');
  const rec = 'received_day BETWEEN $2::date AND $3::date';
  const fin = 'finished_day BETWEEN $2::date AND $3::date';
  const rat = 'rated_day BETWEEN $2::date AND $3::date AND rating IS NOT NULL';
  const ms = '(extract(epoch FROM finished_at - received_at) * 1000)::bigint';
  const s = (
    await db.query<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE ${rec}) AS received, count(*) FILTER (WHERE ${rec} AND synced) AS synced, count(*) FILTER (WHERE ${rec} AND online) AS online,
       count(*) FILTER (WHERE ${rec} AND eligible) AS eligible, count(*) FILTER (WHERE ${rec} AND fully_online) AS eligible_fully_online,
       count(*) FILTER (WHERE ${rec} AND fee_bearing) AS fee_bearing, count(*) FILTER (WHERE ${rec} AND fee_bearing AND synced AND paid_online > 0) AS paid_online,
       count(*) FILTER (WHERE ${rec} AND paper_required) AS paper_required, count(*) FILTER (WHERE ${rec} AND electronic_result) AS electronic_result,
       count(*) FILTER (WHERE ${rec} AND digitised) AS digitised, count(*) FILTER (WHERE ${rec} AND reused) AS reused, count(*) FILTER (WHERE ${rec} AND from_store) AS from_store,
       count(*) FILTER (WHERE ${rec} AND population) AS population,
       count(*) FILTER (WHERE finished_day IS NULL OR finished_day >= $2::date) AS progress_den,
       count(*) FILTER (WHERE (finished_day IS NULL OR finished_day >= $2::date)
                          AND ((finished_day <= $3::date AND final_on_time) OR progress_end_day IS NULL OR progress_end_day > $3::date)) AS progress_num,
       count(*) FILTER (WHERE completed AND ${fin}) AS completed, COALESCE(sum(${ms}) FILTER (WHERE completed AND ${fin}), 0) AS completed_ms,
       count(*) FILTER (WHERE ${rat}) AS rated, count(*) FILTER (WHERE ${rat} AND rating <> 'dissatisfied') AS satisfied,
       count(*) FILTER (WHERE ${rat} AND rating = 'dissatisfied') AS unhappy
     FROM metric_facts WHERE ${where}`,
      params,
    )
  ).rows[0];
  const procs = (
    await db.query<{ procedure_code: string; online: boolean; fee_synced: boolean; paid: boolean; population: boolean }>(
      `SELECT procedure_code, bool_or(online_any) AS online, bool_or(fee_bearing AND synced) AS fee_synced, bool_or(fee_bearing AND synced AND paid_online > 0) AS paid, bool_or(population) AS population
       FROM metric_facts WHERE ${where} AND ${rec} GROUP BY procedure_code ORDER BY procedure_code`,
      params,
    )
  ).rows;
  const c = emptyCounts();
  c.received = n(s.received);
  c.synced = n(s.synced);
  c.online = n(s.online);
  c.eligible = n(s.eligible);
  c.eligibleFullyOnline = n(s.eligible_fully_online);
  c.feeBearing = n(s.fee_bearing);
  c.paidOnline = n(s.paid_online);
  c.paperRequired = n(s.paper_required);
  c.electronicResult = n(s.electronic_result);
  c.digitised = n(s.digitised);
  c.reused = n(s.reused);
  c.fromStore = n(s.from_store);
  c.population = n(s.population);
  c.progressDenominator = n(s.progress_den);
  c.progressNumerator = n(s.progress_num);
  c.completed = n(s.completed);
  c.completedMs = n(s.completed_ms);
  c.rated = n(s.rated);
  c.satisfied = n(s.satisfied);
  c.unhappy = n(s.unhappy);
  const pick = (k: 'online' | 'fee_synced' | 'paid' | 'population') => procs.filter((p) => p[k]).map((p) => p.procedure_code);
  c.procedures = { online: pick('online'), feeSynced: pick('fee_synced'), paidOnline: pick('paid'), population: pick('population') };
  return c;
}
