/**
 * Reports of the 766 index for a unit and a period, in the shapes of src/contract/metrics.ts: the index with
 * its six groups and total, breakdowns (by unit, procedure, official, week, month), and the unit scope behind an
 * administrative code (25252 = Xã Phú Riềng; the province's code = the whole province) or an org-unit id.
 */
import fs from 'node:fs';
import { addDaysIso } from '../../../core/calendar/holidays.ts';
import { localDayRange } from '../../../core/time/local.ts';
import { round, scoreCounts, type IndexDefs, type IndexResult, type PaknFractions } from '../../../core/indicators/index766.ts';
import { feedbackIndicators } from '../feedback/index.ts';
import type { IndexCounts } from '../../../core/indicators/counts.ts';
import type { Breakdown, BreakdownRow, IndexReport, IndicatorFigure, IndicatorGroupCode, MetricsUnit } from '../../../contract/metrics.ts';
import { now } from '../../clock.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { orgTree, type OrgTree, type OrgUnit } from '../officials/index.ts';
import { catchUp } from './counters.ts';
import { loadProcedures, type ProcedureInfo } from './facts.ts';
import { countersCounts, type Extras, paknDossierCounts, paknDossiers, type Scope, sumUnits } from './query.ts';

export const INDEX_DEFS: IndexDefs = JSON.parse(fs.readFileSync(new URL('../../../../data/index766.json', import.meta.url), 'utf8'));

/** Indicators whose figures come from dossiers (they drill down to the list of dossiers behind them). */
export const DRILLABLE = new Set(['1.4', '2.1', '2.2', '3.3', '3.4', '3.6', '4.1', '4.2', '4.3', '4.4', '4.5b', '5.4']);

export interface ResolvedUnit {
  unit: MetricsUnit;
  unitIds: string[];
}

const ADMIN_KINDS = new Set(['ubnd_tinh', 'ubnd_xa']);

export function metricsUnit(u: OrgUnit): MetricsUnit {
  return { id: u.id, code: ADMIN_KINDS.has(u.kind) ? u.adminUnitCode : u.id, name: u.name, kind: u.kind, parentId: u.parentId };
}

/** The units an administrative code or org-unit id stands for. */
export async function resolveUnit(db: Queryable, param: string): Promise<ResolvedUnit> {
  const tree = await orgTree(db);
  const province = (await db.query<{ province_code: string }>('SELECT province_code FROM installation LIMIT 1')).rows[0]?.province_code;
  const all = [...tree.units.values()];
  const byAdmin = (code: string) => (code === province ? all : all.filter((u) => u.adminUnitCode === code));
  const direct = tree.units.get(param);
  if (direct) {
    const ids = new Set(tree.subtree(direct.id));
    if (ADMIN_KINDS.has(direct.kind)) for (const u of byAdmin(direct.adminUnitCode)) ids.add(u.id);
    return { unit: metricsUnit(direct), unitIds: [...ids].sort() };
  }
  const members = byAdmin(param);
  if (members.length === 0) throw new AppError('UNIT_NOT_FOUND', `Không tìm thấy đơn vị có mã ${param}.`, 404, undefined, { id: param });
  const head = members.find((u) => ADMIN_KINDS.has(u.kind) && u.adminUnitCode === param) ?? members[0];
  return { unit: { ...metricsUnit(head), code: param }, unitIds: members.map((u) => u.id).sort() };
}

const procedureCache = new WeakMap<Queryable, { at: number; value: Promise<Map<string, ProcedureInfo>> }>();
export function procedures(db: Queryable): Promise<Map<string, ProcedureInfo>> {
  const hit = procedureCache.get(db);
  if (hit && Date.now() - hit.at < 60_000) return hit.value;
  const value = loadProcedures(db);
  procedureCache.set(db, { at: Date.now(), value });
  return value;
}

const lastCatchUp = new WeakMap<Database, Promise<unknown>>();
/** Brings the counters up to date before answering (one run at a time per process). */
export async function freshen(db: Database): Promise<void> {
  const running = lastCatchUp.get(db);
  if (running) await running.catch(() => undefined);
  const p = catchUp(db);
  lastCatchUp.set(db, p);
  await p.finally(() => lastCatchUp.get(db) === p && lastCatchUp.delete(db));
}

export interface Filters {
  procedure?: string;
  official?: string;
}

export async function scopeOf(resolved: ResolvedUnit, f: Filters): Promise<Scope> {
  return { unitIds: resolved.unitIds, ...(f.procedure ? { procedure: f.procedure } : {}), ...(f.official !== undefined ? { official: f.official } : {}) };
}

/** The procedures the index is judged on: the catalogue (or the one procedure filtered on). */
export function indexProcedures(procs: Map<string, ProcedureInfo>, procedure?: string): ProcedureInfo[] {
  const list = [...procs.values()];
  return procedure ? list.filter((p) => p.code === procedure) : list;
}

export function score(counts: IndexCounts, procs: Map<string, ProcedureInfo>, procedure?: string, pakn?: PaknFractions, paknDossierCount = 0): IndexResult {
  return scoreCounts(counts, indexProcedures(procs, procedure), INDEX_DEFS, pakn, paknDossierCount);
}

/**
 * The index total of a scope's counts, with 5.4's PAKN term for the same scope and period (as the 766 report has it;
 * 5.2–5.3 stay with the unfiltered report). For the breakdown rows, the public figures and the campaign weeks.
 * `paknCount`: the scope's dossiers with a PAKN in the period (`paknDossiers`, or summed from `paknDossierCounts`
 * when many rows are scored at once).
 */
export function scopeScoreOf(counts: IndexCounts, procs: Map<string, ProcedureInfo>, scope: Scope, paknCount: number): number {
  return score(counts, procs, scope.procedure, undefined, paknCount).total;
}

/** `scopeScoreOf` for one scope and period, reading its PAKN term (one query). */
export async function scopeScore(
  db: Queryable,
  counts: IndexCounts,
  procs: Map<string, ProcedureInfo>,
  scope: Scope,
  from: string,
  to: string,
): Promise<number> {
  return scopeScoreOf(counts, procs, scope, await paknDossiers(db, scope, from, to));
}

const pct = (r: number | null) => (r === null ? null : round(r * 100, 2));

export function toFigures(result: IndexResult): IndicatorFigure[] {
  return result.indicators.map((i) => ({
    code: i.code,
    name: i.name,
    group: i.group as IndicatorGroupCode,
    numerator: i.code === '2.2' ? null : i.numerator,
    denominator: i.denominator,
    ratio: pct(i.ratio),
    points: i.noData ? null : i.points,
    maxPoints: i.max,
    threshold: i.threshold === null ? null : round(i.threshold * 100, 2),
    noData: i.noData,
    drillable: DRILLABLE.has(i.code) && !i.noData,
    ...(i.code === '2.2' ? { average: i.averageDays === null || i.averageDays === undefined ? null : { value: i.averageDays, unit: 'days' as const } } : {}),
  }));
}

export async function indexReport(
  db: Queryable,
  resolved: ResolvedUnit,
  from: string,
  to: string,
  f: Filters = {},
): Promise<IndexReport & { counts: IndexCounts; extras: Extras }> {
  const procs = await procedures(db);
  const scope = await scopeOf(resolved, f);
  const { counts, extras } = await countersCounts(db, scope, from, to);
  // PAKN (5.2–5.3) is not per procedure or official: only the unfiltered report reads it (src/server/modules/feedback).
  const pakn = f.procedure || f.official !== undefined ? undefined : await feedbackIndicators(db, localDayRange(from, to), now());
  // 5.4 subtracts the dossiers with a PAKN about them (per unit, procedure and official, like the dossier counts).
  const result = score(counts, procs, f.procedure, pakn, await paknDossiers(db, scope, from, to));
  return {
    unit: resolved.unit,
    from,
    to,
    ...(f.procedure ? { procedure: f.procedure } : {}),
    ...(f.official !== undefined ? { official: f.official } : {}),
    indicators: toFigures(result),
    groups: result.groups.map((g) => ({ code: g.code as IndicatorGroupCode, name: g.name, points: g.points, maxPoints: g.max })),
    total: { points: result.total, maxPoints: INDEX_DEFS.groups.reduce((n, g) => n + g.max, 0) },
    asOf: now().toISOString(),
    counts,
    extras,
  };
}

export function breakdownRow(key: string, label: string, counts: IndexCounts, extras: Extras, scoreValue: number | null): BreakdownRow {
  return {
    key,
    label,
    received: counts.received,
    online: extras.onlineAny,
    onTime: counts.progressNumerator,
    overdue: counts.progressDenominator - counts.progressNumerator,
    paidOnline: counts.paidOnline,
    feeBearing: counts.feeBearing,
    digitised: counts.digitised,
    electronicResult: counts.electronicResult,
    satisfied: counts.satisfied,
    rated: counts.rated,
    score: scoreValue,
  };
}

/** Weeks (7-day buckets from `from`) or calendar months covering [from, to]. */
export function buckets(from: string, to: string, by: 'week' | 'month'): { key: string; from: string; to: string }[] {
  const out: { key: string; from: string; to: string }[] = [];
  let start = from;
  while (start <= to && out.length < 400) {
    let end: string;
    if (by === 'week') end = addDaysIso(start, 6);
    else {
      const [y, m] = start.split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      end = addDaysIso(next, -1);
    }
    if (end > to) end = to;
    out.push({ key: by === 'week' ? start : start.slice(0, 7), from: start, to: end });
    start = addDaysIso(end, 1);
  }
  return out;
}

/** Child groups of a scope for the "by unit" breakdown: communes of a province, else the org units. */
function unitGroups(tree: OrgTree, resolved: ResolvedUnit): { key: string; label: string; unitIds: string[] }[] {
  const units = resolved.unitIds.map((id) => tree.units.get(id)!).filter(Boolean);
  const codes = [...new Set(units.map((u) => u.adminUnitCode))];
  if (codes.length > 1) {
    return codes.sort().map((code) => {
      const members = units.filter((u) => u.adminUnitCode === code);
      const head = members.find((u) => ADMIN_KINDS.has(u.kind)) ?? members[0];
      return { key: head.id, label: head.name, unitIds: members.map((u) => u.id) };
    });
  }
  return units.map((u) => ({ key: u.id, label: u.name, unitIds: [u.id] }));
}

export async function breakdown(db: Queryable, resolved: ResolvedUnit, from: string, to: string, by: Breakdown['by'], f: Filters = {}): Promise<Breakdown> {
  const procs = await procedures(db);
  const rows: BreakdownRow[] = [];
  if (by === 'week' || by === 'month') {
    const scope = await scopeOf(resolved, f);
    const periods = buckets(from, to, by);
    // 5.4's PAKN term of every row in one query (per period and unit), not one per row.
    const pakn = await paknDossierCounts(db, scope, periods);
    for (const [i, b] of periods.entries()) {
      const { counts, extras } = await countersCounts(db, scope, b.from, b.to);
      rows.push(breakdownRow(b.key, `${b.from} – ${b.to}`, counts, extras, scopeScoreOf(counts, procs, scope, sumUnits(pakn[i], scope.unitIds))));
    }
  } else if (by === 'unit') {
    const tree = await orgTree(db);
    const pakn = (await paknDossierCounts(db, await scopeOf(resolved, f), [{ from, to }]))[0];
    for (const g of unitGroups(tree, resolved)) {
      const scope = { ...(await scopeOf(resolved, f)), unitIds: g.unitIds };
      const { counts, extras } = await countersCounts(db, scope, from, to);
      rows.push(breakdownRow(g.key, g.label, counts, extras, scopeScoreOf(counts, procs, scope, sumUnits(pakn, g.unitIds))));
    }
  } else {
    const column = by === 'procedure' ? 'procedure_code' : 'official_id';
    const keys = (
      await db.query<{ k: string }>(`SELECT DISTINCT ${column} AS k FROM metric_daily WHERE unit_id = ANY($1::text[]) AND day <= $2::date ORDER BY 1`, [
        resolved.unitIds,
        to,
      ])
    ).rows.map((r) => r.k);
    const names =
      by === 'official'
        ? new Map(
            (await db.query<{ id: string; full_name: string }>('SELECT id::text, full_name FROM officials WHERE id::text = ANY($1::text[])', [keys])).rows.map(
              (r) => [r.id, r.full_name],
            ),
          )
        : new Map([...procs.values()].map((p) => [p.code, p.name]));
    for (const k of keys) {
      const scope: Scope = { ...(await scopeOf(resolved, f)), ...(by === 'procedure' ? { procedure: k } : { official: k }) };
      const { counts, extras } = await countersCounts(db, scope, from, to);
      if (counts.received === 0 && counts.progressDenominator === 0 && counts.rated === 0) continue;
      rows.push(breakdownRow(k, names.get(k) ?? (k === '' ? 'Chưa phân công' : k), counts, extras, null));
    }
  }
  return { by, rows };
}
