/**
 * The per-dossier facts of the 766 index, derived from what the system records: the dossier row, its action log
 * (status changes, supplement requests and supplies, new appointments), its components, its electronic result,
 * the personal store, its rating and the officials who handled it. One derivation serves both the incremental
 * counters (a fact row per dossier) and the full recomputation (IndicatorDossier records for the pure index).
 */
import type { ProcedureDefinition } from '../../../core/catalogue/schema.ts';
import { toLocal } from '../../../core/deadlines/deadlines.ts';
import { classifyTimeliness } from '../../../core/deadlines/timeliness.ts';
import type { IndicatorDossier, IndicatorProcedure } from '../../../core/indicators/counts.ts';
import { isDigitised, isOnlineForIndex, usesPopulationData } from '../../../core/indicators/counts.ts';
import { endOfProcessing, progressEnd, RESULT_ISSUED, RESULT_RETURNED } from '../../../core/indicators/timing.ts';
import type { Queryable } from '../../db/database.ts';

export interface ProcedureInfo extends IndicatorProcedure {
  name: string;
  fieldCode: string | null;
  fieldName: string | null;
  /** Statutory maximum (from the first case's time limit) for dossiers without an appointment date. */
  statutoryMaxMs: number;
  deadline: string;
  fee: string;
}

/** Procedures of the installation's catalogue (active versions) as the index needs them. */
export async function loadProcedures(db: Queryable): Promise<Map<string, ProcedureInfo>> {
  const { rows } = await db.query<{ procedure_code: string; definition: Partial<ProcedureDefinition> }>(
    "SELECT procedure_code, definition FROM procedure_versions WHERE status = 'active' ORDER BY procedure_code",
  );
  const out = new Map<string, ProcedureInfo>();
  for (const r of rows) {
    const def = r.definition;
    const cases = def.cases ?? [];
    const fees = cases.flatMap((c) => c.fees ?? []);
    const limit = cases[0]?.timeLimit ?? { amount: 0, unit: 'working_days' };
    const amount = Number(limit.amount ?? 0);
    const DAY = 86_400_000;
    // Plain-clock approximation of the statutory time (the national formula compares plain clock time too);
    // a same-day limit (0) counts as one day. Only used for dossiers that have no appointment date.
    const ms =
      limit.unit === 'working_hours'
        ? Math.max(amount, 8) * 3_600_000
        : limit.unit === 'months'
          ? amount * 30 * DAY
          : Math.max(amount, 1) * (limit.unit === 'working_days' ? (7 / 5) * DAY : DAY);
    const unitName: Record<string, string> = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', calendar_days: 'ngày', months: 'tháng' };
    const maxFee = fees.reduce((n, f) => Math.max(n, Number(f.amount ?? 0)), 0);
    out.set(r.procedure_code, {
      code: r.procedure_code,
      name: String(def.name ?? r.procedure_code),
      fieldCode: def.field?.code ?? null,
      fieldName: def.field?.name ?? null,
      onlineLevel: def.level === 'toan_trinh' || def.level === 'mot_phan' ? def.level : null,
      fullyOnlineEligible: def.fullyOnlineEligible === true,
      feeBearing: fees.some((f) => Number(f.amount ?? 0) > 0),
      citizenTarget: (def.applicantTypes ?? ['citizen']).includes('citizen'),
      statutoryMaxMs: ms,
      deadline: amount === 0 ? 'Trong ngày' : `${amount} ${unitName[limit.unit] ?? 'ngày'}`,
      fee: maxFee > 0 ? `${maxFee.toLocaleString('vi-VN')} đồng` : 'Không thu phí',
    });
  }
  return out;
}

/** The indicator record of a dossier, plus where it is counted (unit, official). */
export interface DossierFacts extends IndicatorDossier {
  unitId: string;
  officialId: string;
  status: number;
  loginToSubmitMs: number | null;
}

interface SourceRow {
  id: string;
  procedure_code: string;
  channel: number;
  status: number;
  received_at: Date | null;
  original_due_at: Date | null;
  due_at: Date | null;
  receiving_unit_id: string;
  competent_unit_id: string | null;
  fee_total: number;
  paid_online_via: number | null;
  sync_state: string;
  vneid_authenticated: boolean;
  population_db_used: boolean;
  login_to_submit_ms: string | number | null;
  intake_official: string | null;
  changes: { s: number | null; at: string; action: string; data: Record<string, unknown> }[] | null;
  e_result: boolean;
  digitised: boolean;
  reused: boolean;
  from_store: boolean;
  specialist_unit: string | null;
  specialist: string | null;
  handling_unit_id: string | null;
  rating: string | null;
  rated_at: Date | null;
}

/**
 * Hook for online payment: migration 018 (payments) records how a dossier was paid in dossiers.paid_online_via
 * (1 = national portal, 2 = the province's gateway). Change this expression if that column moves.
 */
export const PAID_ONLINE_SQL = 'COALESCE(d.paid_online_via, 0)';

const SOURCE_SQL = `
SELECT d.id, d.procedure_code, d.channel, d.status, d.received_at, d.original_due_at, d.due_at, d.receiving_unit_id, d.competent_unit_id,
       d.fee_total, ${PAID_ONLINE_SQL} AS paid_online_via, d.sync_state, d.vneid_authenticated, d.population_db_used, d.login_to_submit_ms,
       COALESCE(d.imported ->> 'officialId', d.intake ->> 'officialId') AS intake_official,
       (SELECT json_agg(json_build_object('s', a.to_status, 'at', a.at, 'action', a.action, 'data', a.data) ORDER BY a.seq)
          FROM dossier_actions a WHERE a.dossier_id = d.id) AS changes,
       (EXISTS (SELECT 1 FROM results r WHERE r.dossier_id = d.id AND r.kind = 'result' AND r.published_at IS NOT NULL AND r.status <> 'cancelled')
        OR COALESCE((d.imported ->> 'electronicResult')::boolean, false)) AS e_result,
       (EXISTS (SELECT 1 FROM dossier_documents x WHERE x.dossier_id = d.id AND x.sha256 IS NOT NULL AND x.digitised)
        OR COALESCE((d.imported ->> 'digitised')::boolean, false)) AS digitised,
       (EXISTS (SELECT 1 FROM dossier_documents x WHERE x.dossier_id = d.id AND (x.reused OR x.from_store))
        OR COALESCE((d.imported ->> 'reused')::boolean, false)) AS reused,
       (EXISTS (SELECT 1 FROM dossier_documents x WHERE x.dossier_id = d.id AND x.from_store)
        OR EXISTS (SELECT 1 FROM store_documents s JOIN results r ON r.id = s.result_id WHERE r.dossier_id = d.id)
        OR COALESCE((d.imported ->> 'fromStore')::boolean, false)) AS from_store,
       (SELECT t.unit_id FROM dossier_tasks t WHERE t.dossier_id = d.id AND t.role = 'specialist' ORDER BY t.seq DESC LIMIT 1) AS specialist_unit,
       (SELECT COALESCE(t.completed_by, t.assignee_id)::text FROM dossier_tasks t WHERE t.dossier_id = d.id AND t.role = 'specialist' ORDER BY t.seq DESC LIMIT 1) AS specialist,
       d.handling_unit_id, rt.rating, rt.rated_at
  FROM dossiers d LEFT JOIN dossier_ratings rt ON rt.dossier_id = d.id`;

/** Derives the facts of the given dossiers (received ones only; the others are absent from the map). */
export async function deriveFacts(
  db: Queryable,
  where: { ids: string[] } | { unitIds?: string[] },
  procedures: Map<string, ProcedureInfo>,
): Promise<Map<string, DossierFacts>> {
  let sql = `${SOURCE_SQL} WHERE d.received_at IS NOT NULL`;
  const params: unknown[] = [];
  if ('ids' in where) {
    sql += ' AND d.id = ANY($1::uuid[])';
    params.push(where.ids);
  }
  const { rows } = await db.query<SourceRow>(sql, params);
  const out = new Map<string, DossierFacts>();
  for (const r of rows) out.set(r.id, factsOf(r, procedures));
  return out;
}

export function factsOf(r: SourceRow, procedures: Map<string, ProcedureInfo>): DossierFacts {
  const proc = procedures.get(r.procedure_code);
  const receivedAt = new Date(r.received_at!);
  const changes = (r.changes ?? []).map((c) => ({ ...c, at: new Date(c.at) }));
  const end = endOfProcessing(
    changes.filter((c) => c.s !== null).map((c) => ({ status: c.s!, at: c.at })),
    receivedAt,
  );
  // Supplement requests during processing and their supplies, from the log.
  const supplements: { requestedAt: Date; suppliedAt: Date | null }[] = [];
  for (const c of changes) {
    if (c.action === 'supplement_requested') supplements.push({ requestedAt: c.at, suppliedAt: null });
    else if (c.action === 'supplement_provided') {
      const open = [...supplements].reverse().find((s) => !s.suppliedAt);
      if (open) open.suppliedAt = c.at;
    }
  }
  // The appointment not moved by supplements: the last new appointment (Mẫu 04), else the one given at receipt.
  const rescheduled = [...changes].reverse().find((c) => c.action === 'rescheduled' && typeof c.data?.dueAfter === 'string');
  const dueAt = rescheduled
    ? new Date(rescheduled.data.dueAfter as string)
    : r.original_due_at
      ? new Date(r.original_due_at)
      : r.due_at
        ? new Date(r.due_at)
        : null;
  const channel = (r.channel === 2 || r.channel === 3 ? r.channel : 1) as 1 | 2 | 3;
  const paid = Number(r.paid_online_via ?? 0);
  return {
    id: r.id,
    procedureCode: r.procedure_code,
    channel,
    receivedAt,
    dueAt,
    finishedAt: end?.at ?? null,
    completed: end ? end.status === RESULT_ISSUED || end.status === RESULT_RETURNED : false,
    supplements,
    statutoryMaxMs: proc?.statutoryMaxMs ?? 86_400_000,
    synced: r.sync_state === 'synced',
    feeBearing: Number(r.fee_total) > 0,
    paidOnline: paid === 1 || paid === 2 ? paid : 0,
    // Every procedure of the catalogue has a result document (giấy tờ kết quả), so every one "requires a paper result".
    requiresPaperResult: true,
    hasElectronicResult: r.e_result,
    componentsDigitised: r.digitised,
    reusedComponent: r.reused,
    fromPersonalStore: r.from_store,
    vneidAuthenticated: r.vneid_authenticated,
    populationDbUsed: r.population_db_used,
    fullyOnline: channel === 2 && proc?.onlineLevel === 'toan_trinh',
    ...(r.rating ? { rating: r.rating as IndicatorDossier['rating'], ratedAt: new Date(r.rated_at!) } : {}),
    unitId: r.specialist_unit ?? r.handling_unit_id ?? r.competent_unit_id ?? r.receiving_unit_id,
    officialId: r.specialist ?? r.intake_official ?? '',
    status: r.status,
    loginToSubmitMs: r.login_to_submit_ms === null ? null : Number(r.login_to_submit_ms),
  };
}

/** The stored fact row of a dossier. */
export interface FactRow {
  dossier_id: string;
  unit_id: string;
  procedure_code: string;
  official_id: string;
  channel: number;
  status: number;
  received_at: Date;
  received_day: string;
  due_at: Date | null;
  finished_at: Date | null;
  finished_day: string | null;
  completed: boolean;
  final_on_time: boolean | null;
  progress_end_at: Date | null;
  progress_end_day: string | null;
  synced: boolean;
  online: boolean;
  online_any: boolean;
  eligible: boolean;
  fully_online: boolean;
  fee_bearing: boolean;
  paid_online: number;
  paper_required: boolean;
  electronic_result: boolean;
  digitised: boolean;
  reused: boolean;
  from_store: boolean;
  population: boolean;
  rating: string | null;
  rated_at: Date | null;
  rated_day: string | null;
  login_to_submit_ms: number | null;
}

export const FACT_COLUMNS: (keyof FactRow)[] = [
  'dossier_id',
  'unit_id',
  'procedure_code',
  'official_id',
  'channel',
  'status',
  'received_at',
  'received_day',
  'due_at',
  'finished_at',
  'finished_day',
  'completed',
  'final_on_time',
  'progress_end_at',
  'progress_end_day',
  'synced',
  'online',
  'online_any',
  'eligible',
  'fully_online',
  'fee_bearing',
  'paid_online',
  'paper_required',
  'electronic_result',
  'digitised',
  'reused',
  'from_store',
  'population',
  'rating',
  'rated_at',
  'rated_day',
  'login_to_submit_ms',
];

const day = (d: Date | null | undefined) => (d ? toLocal(d).day : null);

export function factRow(f: DossierFacts, procedures: Map<string, ProcedureInfo>): FactRow {
  const proc = procedures.get(f.procedureCode);
  const receivedAt = f.receivedAt!;
  const timing = { receivedAt, dueAt: f.dueAt, supplements: f.supplements, statutoryMaxMs: f.statutoryMaxMs };
  const e = progressEnd({ ...timing, finishedAt: f.finishedAt });
  const finalOnTime = f.finishedAt ? classifyTimeliness({ ...timing, finishedAt: f.finishedAt, periodEnd: f.finishedAt }) !== 'overdue' : null;
  return {
    dossier_id: f.id,
    unit_id: f.unitId,
    procedure_code: f.procedureCode,
    official_id: f.officialId,
    channel: f.channel,
    status: f.status,
    received_at: receivedAt,
    received_day: day(receivedAt)!,
    due_at: f.dueAt,
    finished_at: f.finishedAt,
    finished_day: day(f.finishedAt),
    completed: f.completed ?? false,
    final_on_time: finalOnTime,
    progress_end_at: e,
    progress_end_day: day(e),
    synced: f.synced,
    online: isOnlineForIndex(f),
    online_any: f.channel === 2,
    eligible: proc?.fullyOnlineEligible ?? false,
    fully_online: (proc?.fullyOnlineEligible ?? false) && f.channel === 2 && f.fullyOnline,
    fee_bearing: f.feeBearing,
    paid_online: f.paidOnline,
    paper_required: f.requiresPaperResult,
    electronic_result: f.requiresPaperResult && f.hasElectronicResult,
    digitised: isDigitised(f),
    reused: f.reusedComponent,
    from_store: f.fromPersonalStore,
    population: usesPopulationData(f),
    rating: f.rating ?? null,
    rated_at: f.ratedAt ?? null,
    rated_day: day(f.ratedAt),
    login_to_submit_ms: f.loginToSubmitMs,
  };
}

/** The measures of the daily counters. */
export const MEASURES = [
  'received',
  'synced',
  'online',
  'online_any',
  'eligible',
  'eligible_fully_online',
  'fee_bearing',
  'fee_synced',
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
  'progress_end',
  'rated',
  'satisfied',
  'unhappy',
] as const;
export type Measure = (typeof MEASURES)[number];
export const PROCEDURE_MEASURES = ['received', 'online_any', 'fee_synced', 'paid_online', 'population'] as const;

/** What a fact adds to the counters, per day. */
export function contributions(f: FactRow): Map<string, Partial<Record<Measure, number>>> {
  const out = new Map<string, Partial<Record<Measure, number>>>();
  const add = (d: string, m: Measure, n: number) => {
    if (!n) return;
    const row = out.get(d) ?? {};
    row[m] = (row[m] ?? 0) + n;
    out.set(d, row);
  };
  const r = f.received_day;
  const b = (x: boolean) => (x ? 1 : 0);
  add(r, 'received', 1);
  add(r, 'synced', b(f.synced));
  add(r, 'online', b(f.online));
  add(r, 'online_any', b(f.online_any));
  add(r, 'eligible', b(f.eligible));
  add(r, 'eligible_fully_online', b(f.fully_online));
  add(r, 'fee_bearing', b(f.fee_bearing));
  add(r, 'fee_synced', b(f.fee_bearing && f.synced));
  add(r, 'paid_online', b(f.fee_bearing && f.synced && f.paid_online > 0));
  add(r, 'paper_required', b(f.paper_required));
  add(r, 'electronic_result', b(f.electronic_result));
  add(r, 'digitised', b(f.digitised));
  add(r, 'reused', b(f.reused));
  add(r, 'from_store', b(f.from_store));
  add(r, 'population', b(f.population));
  if (f.online_any && f.login_to_submit_ms !== null) {
    add(r, 'login_count', 1);
    add(r, 'login_ms', Number(f.login_to_submit_ms));
  }
  if (f.finished_day) {
    add(f.finished_day, 'finished', 1);
    add(f.finished_day, 'finished_on_time', b(f.final_on_time === true));
    if (f.completed) {
      const ms = new Date(f.finished_at!).getTime() - new Date(f.received_at).getTime();
      add(f.finished_day, 'completed', 1);
      add(f.finished_day, 'completed_ms', ms);
      add(f.finished_day, f.online_any ? 'completed_online' : 'completed_counter', 1);
      add(f.finished_day, f.online_any ? 'completed_online_ms' : 'completed_counter_ms', ms);
    }
  }
  if (f.progress_end_day) add(f.progress_end_day, 'progress_end', 1);
  if (f.rated_day && f.rating) {
    add(f.rated_day, 'rated', 1);
    add(f.rated_day, 'satisfied', b(f.rating !== 'dissatisfied'));
    add(f.rated_day, 'unhappy', b(f.rating === 'dissatisfied'));
  }
  return out;
}
