/**
 * What officials read: their inbox (open tasks assigned to them or unassigned in their unit and role, with
 * due-soon and overdue highlighting), the search over every dossier they may see (by code, identity number or
 * name), one dossier in full with the actions they may take, and the control sheet (Mẫu 06) derived from the log.
 */
import { foldVietnamese } from '../../../core/catalogue/search.ts';
import { nationalStatusName, type NationalStatus as Status } from '../../../core/dossiers/status.ts';
import { localDayRange, startOfLocalDay } from '../../../core/time/local.ts';
import { allowedActions, canSee, staffActionName } from '../../../core/workflow/permissions.ts';
import { classifyStep, stepKind, urgency, type StepTimeliness, type Urgency } from '../../../core/workflow/steps.ts';
import { now } from '../../clock.ts';
import { inOneSnapshot } from '../../db/snapshot.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import { getVersion } from '../catalogue/index.ts';
import { actionLabel, authView, loadTask, type DossierRow as DossierLockRow, type TaskRow } from '../dossiers/index.ts';
import { cachedCalendar } from '../reference/index.ts';
import { type Staff, visibleUnits } from '../officials/index.ts';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const statusView = (s: number) => ({ code: s, name: nationalStatusName[s as Status]?.vi ?? String(s) });

export interface InboxItem {
  taskId: string;
  dossierId: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  status: { code: number; name: string };
  channel: number;
  stepName: string;
  role: string;
  unitId: string;
  assigned: boolean;
  stepStartedAt: string;
  stepDueAt: string;
  dueAt: string | null;
  paused: boolean;
  /** The more urgent of the step's and the dossier's. */
  urgency: Urgency;
}

const URGENCY_ORDER: Record<Urgency, number> = { overdue: 0, due_soon: 1, in_time: 2 };

export interface InboxQuery {
  filter?: 'all' | 'overdue' | 'due_soon';
  q?: string;
  procedureCode?: string;
  page?: number;
  pageSize?: number;
}

/** Open tasks for the official: assigned to them, and unassigned ones of their units and roles. */
export async function inbox(ctx: AppContext, staff: Staff, query: InboxQuery = {}) {
  const units = staff.auth.memberships.map((m) => m.unitId);
  const roles = staff.auth.memberships.map((m) => m.role);
  const { rows } = await ctx.db.query<{
    task_id: string;
    step_name: string;
    role: string;
    unit_id: string;
    assignee_id: string | null;
    started_at: Date;
    step_due: Date;
    id: string;
    code: string;
    procedure_code: string;
    procedure_name: string;
    applicant_name: string;
    status: number;
    channel: number;
    due_at: Date | null;
    paused_since: Date | null;
  }>(
    `WITH mine AS (
       SELECT t.* FROM dossier_tasks t WHERE t.completed_at IS NULL AND t.assignee_id = $1
       UNION ALL
       SELECT t.* FROM dossier_tasks t
        WHERE t.completed_at IS NULL AND t.assignee_id IS NULL AND (t.unit_id, t.role) IN (SELECT u, r FROM unnest($2::text[], $3::text[]) AS x(u, r)))
     SELECT m.id AS task_id, m.step_name, m.role, m.unit_id, m.assignee_id, m.started_at, m.due_at AS step_due,
            d.id, d.code, d.procedure_code, d.procedure_name, d.applicant_name, d.status, d.channel, d.due_at, d.paused_since
       FROM mine m JOIN dossiers d ON d.id = m.dossier_id
      ORDER BY m.due_at LIMIT 1000`,
    [staff.actor.id, units, roles],
  );
  const calendar = await cachedCalendar(ctx.db);
  const at = now();
  const folded = query.q ? foldVietnamese(query.q) : '';
  const all: InboxItem[] = rows.map((r) => {
    const paused = r.paused_since !== null;
    const stepUrgency = paused ? 'in_time' : urgency(at, new Date(r.started_at), new Date(r.step_due), calendar);
    const dossierUrgency = r.due_at && !paused ? urgency(at, new Date(r.started_at), new Date(r.due_at), calendar) : 'in_time';
    return {
      taskId: r.task_id,
      dossierId: r.id,
      code: r.code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      applicantName: r.applicant_name,
      status: statusView(r.status),
      channel: r.channel,
      stepName: r.step_name,
      role: r.role,
      unitId: r.unit_id,
      assigned: r.assignee_id !== null,
      stepStartedAt: iso(r.started_at)!,
      stepDueAt: iso(r.step_due)!,
      dueAt: iso(r.due_at),
      paused,
      urgency: URGENCY_ORDER[stepUrgency] <= URGENCY_ORDER[dossierUrgency] ? stepUrgency : dossierUrgency,
    };
  });
  const counts = { all: all.length, overdue: all.filter((x) => x.urgency === 'overdue').length, due_soon: all.filter((x) => x.urgency === 'due_soon').length };
  const filtered = all
    .filter((x) => !query.filter || query.filter === 'all' || x.urgency === query.filter)
    .filter((x) => !query.procedureCode || x.procedureCode === query.procedureCode)
    .filter(
      (x) =>
        !folded ||
        x.code.toLowerCase().includes(folded) ||
        foldVietnamese(x.applicantName).includes(folded) ||
        foldVietnamese(x.procedureName).includes(folded),
    )
    .sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] || a.stepDueAt.localeCompare(b.stepDueAt));
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  return { counts, total: filtered.length, page, pageSize, items: filtered.slice((page - 1) * pageSize, page * pageSize) };
}

const DOSSIER_CODE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;

/**
 * A scope of at most this many units (an official's units, a leader's commune) is tested with unit_ids && …, which
 * the GIN index on unit_ids can serve, and searched by name through dossiers_unit_trigrams_idx (one index condition
 * per unit, OR-ed). A larger scope (a provincial supervisor sees every unit of the province, ~500 at a province's
 * size) covers nearly every dossier: no unit index narrows it, the per-row cost of the test is what matters, and
 * names go through dossiers_name_pairs_idx (see searchDossiers).
 */
const SMALL_SCOPE = 32;

/**
 * The trigrams every name containing `folded` must have, in the form of pg_trgm's show_trgm (each word padded with
 * two spaces before and one after): an inner word of the pattern is a whole word of the name; the first word may
 * be the end of a longer word (no leading padding), the last word the start of one (no trailing padding). This is
 * what pg_trgm extracts from LIKE '%…%' itself, so the unit-keyed index condition built from it never drops a match.
 * `folded` is foldVietnamese output: words of [a-z0-9] separated by single spaces.
 */
function impliedTrigrams(folded: string): string[] {
  const words = folded.split(' ').filter(Boolean);
  const out = new Set<string>();
  words.forEach((w, i) => {
    const padded = `${i === 0 ? '' : '  '}${w}${i === words.length - 1 ? '' : ' '}`;
    for (let k = 0; k + 3 <= padded.length; k++) out.add(padded.slice(k, k + 3));
  });
  return [...out];
}

/**
 * The keys of dossier_name_pairs (migration 015) every name containing `folded` has, for three words or more: the
 * first word may be the end of a longer word ("s:q1 q2"), inner words are whole words and the last may be the start
 * of one ("p:qi q(i+1)"). None for fewer words: a pair of two partial words has no key.
 */
function impliedPairs(folded: string): string[] {
  const words = folded.split(' ').filter(Boolean);
  if (words.length < 3) return [];
  return words.slice(0, -1).map((a, i) => (i === 0 ? `s:${a} ${words[1]}` : `p:${a} ${words[i + 1]}`));
}

export interface SearchQuery {
  q?: string;
  status?: number;
  procedureCode?: string;
  /** Submitted on or after / on or before these dates (Vietnam days), yyyy-mm-dd. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** Dossiers the official may see, by code, identity number or applicant name, newest first. */
export async function searchDossiers(ctx: AppContext, staff: Staff, query: SearchQuery) {
  const visible = visibleUnits(staff.auth);
  const everything = visible.length >= staff.tree.units.size;
  const small = visible.length <= SMALL_SCOPE;
  const conditions: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (!everything) {
    if (small) conditions.push(`d.unit_ids && ${p(visible)}::text[]`);
    else {
      // A large scope: the same test (some unit of the dossier is visible), cheaper per row. `unit_ids && $array`
      // compares every element with every element of the ~500-unit array (≈3 µs a row, and the newest-first walk of
      // a name search reads thousands of rows); `unit_ids[1] = ANY($array)` is answered from a hash of the array
      // (PostgreSQL ≥ 14 hashes a constant ANY list) and is true for almost every dossier the scope covers, so the
      // overlap test only runs for the rest. unit_ids[1] is NULL for an empty set, which the overlap then rejects.
      const v = p(visible);
      conditions.push(`(d.unit_ids[1] = ANY(${v}::text[]) OR d.unit_ids && ${v}::text[])`);
    }
  }
  const q = query.q?.trim() ?? '';
  let kind: 'code' | 'id_number' | 'name' | 'none' = 'none';
  /** The name conditions, on dossier_search s. */
  const named: string[] = [];
  /** Whether the name matches are sorted before the dossiers are read (below). */
  let sortFirst = false;
  if (q) {
    if (DOSSIER_CODE.test(q.toUpperCase())) {
      kind = 'code';
      conditions.push(`d.code = ${p(q.toUpperCase())}`);
    } else if (/^\d{9}$|^\d{12}$/.test(q)) {
      kind = 'id_number';
      conditions.push(`d.applicant_id_number = ${p(q)}`);
    } else {
      kind = 'name';
      // Names are searched in dossier_search (migration 113), the narrow table the search indexer keeps from the
      // domain events (search-index.ts), so that no submission maintains the name indexes: s.* below. The scope is
      // still tested on dossiers (d.unit_ids above), never on the copy; a dossier not yet indexed (a second or two
      // after its submission) is found by its code or identity number, which read dossiers.
      const folded = foldVietnamese(q).replace(/[%_\\]/g, '');
      // Beside the name test, a condition on one of migration 015's indexes (on dossier_search since 113), implied by
      // the name test and the unit test (so the same rows), that lets the planner read a short list instead of the
      // province-wide trigram index, whose lists are long for any Vietnamese name:
      // - within a small scope, for two words or more: the unit-keyed trigrams, for every visible unit (OR);
      // - otherwise, for three words or more: the word pairs.
      // A single fragment ("hung") implies only inner trigrams, too common to narrow anything; the trigram index or
      // the newest-first walk serve it. When a plan does not use their index, PostgreSQL evaluates these function
      // conditions after the name test (declared costs, migration 015), so only on rows that already match.
      const unitTrigrams = !everything && small && folded.includes(' ') ? impliedTrigrams(folded) : [];
      const pairs = unitTrigrams.length === 0 ? impliedPairs(folded) : [];
      if (pairs.length > 0) {
        // The name test as strpos(…) <> 0: the same test (the pattern has no wildcard left, strpos is 0 when absent)
        // in a form the trigram index cannot serve and the planner counts as nearly always true. The pair condition
        // already carries the name's selectivity; with LIKE (or `> 0`, estimated at 1/3) the planner multiplied both
        // as if unrelated, took a name held by thousands of applicants for a rare one, and chose to fetch every match
        // (plus a costly trigram-index scan) instead of walking the newest dossiers to the 21st match.
        named.push(`strpos(s.applicant_search, ${p(folded)}) <> 0`);
        named.push(`dossier_name_pairs(s.applicant_search) @> ${p(pairs)}::text[]`);
      } else if (unitTrigrams.length > 0) {
        // strpos, not LIKE, for the same reason as above: on dossier_search (migration 113) the planner, given a LIKE
        // the province-wide trigram index can serve, took it for a rare full name and then evaluated the unit-keyed
        // function on every match as a filter (27 ms measured for "huynh minh dung" at 200,000 dossiers); with strpos
        // the unit-keyed index is the index condition, as intended.
        named.push(`strpos(s.applicant_search, ${p(folded)}) <> 0`);
        named.push(
          `(${visible.map((u) => `dossier_unit_trigrams(s.unit_ids, s.applicant_search) @> ${p(unitTrigrams.map((t) => `${u} ${t}`))}::text[]`).join(' OR ')})`,
        );
        // The matches within the scope's units are all read from the unit-keyed index anyway (a common name in a
        // commune: thousands), so they are sorted by date first, in a subquery, and only the newest are looked up in
        // dossiers for the scope test, until the page is full. Joined first, every match read its dossiers row (a
        // random heap page of the large table) before the sort: 17.7 ms against 6.4 ms for "nguyen van" in a commune
        // of 30,000 dossiers at 1,000,000 (bench/worklist, issue 17).
        sortFirst = true;
      } else {
        named.push(`s.applicant_search LIKE ${p(`%${folded}%`)}`);
      }
    }
  }
  if (query.status) conditions.push(`d.status = ${p(query.status)}`);
  if (query.procedureCode) conditions.push(`d.procedure_code = ${p(query.procedureCode)}`);
  // A name search walks dossier_search's own submitted_at index (newest first); the other kinds dossiers'.
  const submitted = kind === 'name' ? 's.submitted_at' : 'd.submitted_at';
  if (query.from) conditions.push(`${submitted} >= ${p(startOfLocalDay(query.from))}`);
  if (query.to) conditions.push(`${submitted} < ${p(localDayRange(query.to, query.to).end)}`);
  const pageSize = query.pageSize ?? 20;
  const page = query.page ?? 1;
  // A subquery with ORDER BY is not merged into the outer query: the sort happens before the join, and the nested
  // loop over the sorted matches stops at the LIMIT.
  const from =
    kind !== 'name'
      ? 'dossiers d'
      : sortFirst
        ? `(SELECT s.dossier_id, s.submitted_at FROM dossier_search s WHERE ${named.join(' AND ')} ORDER BY s.submitted_at DESC) s JOIN dossiers d ON d.id = s.dossier_id`
        : 'dossiers d JOIN dossier_search s ON s.dossier_id = d.id';
  const where = sortFirst ? conditions : [...conditions, ...named];
  const { rows } = await ctx.db.query<{
    id: string;
    code: string;
    procedure_code: string;
    procedure_name: string;
    applicant_name: string;
    applicant_id_number: string | null;
    status: number;
    channel: number;
    submitted_at: Date;
    received_at: Date | null;
    due_at: Date | null;
    finished_at: Date | null;
  }>(
    `SELECT d.id, d.code, d.procedure_code, d.procedure_name, d.applicant_name, d.applicant_id_number, d.status, d.channel, d.submitted_at, d.received_at, d.due_at, d.finished_at
       FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${submitted} DESC LIMIT ${p(pageSize + 1)} OFFSET ${p((page - 1) * pageSize)}`,
    params,
  );
  return {
    kind,
    page,
    pageSize,
    hasMore: rows.length > pageSize,
    items: rows.slice(0, pageSize).map((r) => ({
      id: r.id,
      code: r.code,
      procedureCode: r.procedure_code,
      procedureName: r.procedure_name,
      applicantName: r.applicant_name,
      applicantIdNumber: r.applicant_id_number,
      status: statusView(r.status),
      channel: r.channel,
      submittedAt: iso(r.submitted_at),
      receivedAt: iso(r.received_at),
      dueAt: iso(r.due_at),
      finishedAt: iso(r.finished_at),
    })),
  };
}

interface ActionLogRow {
  seq: number;
  at: Date;
  actor_kind: string;
  actor_name: string;
  actor_role: string;
  action: string;
  from_status: number | null;
  to_status: number | null;
  data: Record<string, unknown>;
  attachments: { name: string; uploadId?: string; kind?: string }[];
}

async function actionLog(db: Queryable, dossierId: string): Promise<ActionLogRow[]> {
  return (
    await db.query<ActionLogRow>(
      'SELECT seq, at, actor_kind, actor_name, actor_role, action, from_status, to_status, data, attachments FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq',
      [dossierId],
    )
  ).rows;
}

/** One dossier as the official sees it, with what they may do now. */
export async function staffDossier(ctx: AppContext, staff: Staff, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Không tìm thấy hồ sơ.');
  // The row, its task, components, log, pauses and result as of one moment (src/server/db/snapshot.ts): the actions
  // offered follow the same state as the log shown.
  return inOneSnapshot(ctx.db, (db) => staffDossierView(ctx, db, staff, id));
}

async function staffDossierView(ctx: AppContext, db: Queryable, staff: Staff, id: string) {
  const d = (
    await db.query<
      Omit<DossierLockRow, 'applicant' | 'form_values' | 'intake' | 'delivery' | 'fee_quote' | 'channel' | 'result_delivery'> & {
        procedure_name: string;
        applicant: Record<string, unknown>;
        applicant_name: string;
        applicant_id_number: string | null;
        applicant_phone: string | null;
        applicant_email: string | null;
        form_values: Record<string, unknown>;
        summary: string;
        channel: number;
        result_delivery: string;
        finished_at: Date | null;
        returned_at: Date | null;
        refused_at: Date | null;
        intake: Record<string, unknown> | null;
        delivery: Record<string, unknown> | null;
        register_book: number | null;
        register_no: number | null;
        sub_state: string | null;
        fee_quote: unknown;
        vneid_authenticated: boolean;
        population_db_used: boolean;
      }
    >('SELECT * FROM dossiers WHERE id = $1', [id])
  ).rows[0];
  if (!d) throw notFound('Không tìm thấy hồ sơ.');
  const version = await getVersion(ctx.db, d.procedure_code, d.procedure_version, db);
  const kase = version.definition.cases.find((c) => c.code === d.case_code);
  const steps = kase?.workflow ?? [];
  const task = await loadTask(db, d.current_task_id);
  const view = authView(d, task, steps, staff.tree);
  if (!canSee(staff.auth, view)) throw notFound('Không tìm thấy hồ sơ.');
  const actions = allowedActions(staff.auth, view);

  const at = now();
  const [documents, tasks, log, pauses] = await Promise.all([
    db.query<{
      id: string;
      requirement_code: string;
      name: string;
      mime: string;
      size: number;
      source: string;
      digitised: boolean;
      reused: boolean;
      from_store: boolean;
      created_at: Date;
    }>(
      'SELECT id, requirement_code, name, mime, size, source, digitised, reused, from_store, created_at FROM dossier_documents WHERE dossier_id = $1 ORDER BY created_at',
      [id],
    ),
    db.query<TaskRow & { assignee_name: string | null; completed_by_name: string | null }>(
      `SELECT t.*, a.full_name AS assignee_name, c.full_name AS completed_by_name FROM dossier_tasks t
         LEFT JOIN officials a ON a.id = t.assignee_id LEFT JOIN officials c ON c.id = t.completed_by
        WHERE t.dossier_id = $1 ORDER BY t.seq`,
      [id],
    ),
    actionLog(db, id),
    db.query<{ kind: string; started_at: Date; ended_at: Date | null; reason: string; due_before: Date | null; due_after: Date | null }>(
      'SELECT kind, started_at, ended_at, reason, due_before, due_after FROM dossier_pauses WHERE dossier_id = $1 ORDER BY id',
      [id],
    ),
  ]);
  const unitName = (u: string | null) => (u ? (staff.tree.units.get(u)?.name ?? u) : null);
  const reassignCandidates =
    actions.includes('reassign') && task
      ? (
          await db.query<{ id: string; full_name: string }>(
            `SELECT o.id, o.full_name FROM official_memberships m JOIN officials o ON o.id = m.official_id AND o.active
          WHERE m.unit_id = $1 AND m.role = $2 AND o.id IS DISTINCT FROM $3 ORDER BY o.full_name`,
            [task.unit_id, task.role, task.assignee_id],
          )
        ).rows.map((r) => ({ id: r.id, fullName: r.full_name }))
      : [];
  return {
    id: d.id,
    code: d.code,
    procedureCode: d.procedure_code,
    procedureVersion: d.procedure_version,
    procedureName: d.procedure_name,
    caseCode: d.case_code,
    caseName: kase?.name ?? d.case_code,
    status: statusView(d.status),
    subState: d.sub_state,
    channel: d.channel,
    applicant: {
      ...(d.applicant as Record<string, unknown>),
      fullName: d.applicant_name,
      idNumber: d.applicant_id_number,
      phone: d.applicant_phone,
      email: d.applicant_email,
    },
    values: d.form_values,
    form: kase?.form ?? null,
    requirements: (kase?.documents ?? []).map((r) => ({ code: r.code, name: r.name, required: r.required, providedByForm: r.providedByForm })),
    summary: d.summary,
    resultDelivery: d.result_delivery,
    receivingUnit: { id: d.receiving_unit_id, name: unitName(d.receiving_unit_id) },
    competentUnit: d.competent_unit_id ? { id: d.competent_unit_id, name: unitName(d.competent_unit_id) } : null,
    submittedAt: iso(d.submitted_at),
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    originalDueAt: iso(d.original_due_at),
    finishedAt: iso(d.finished_at),
    returnedAt: iso(d.returned_at),
    pausedSince: iso(d.paused_since),
    dossierUrgency:
      d.due_at && d.received_at && !d.paused_since && !d.finished_at
        ? urgency(at, new Date(d.received_at), new Date(d.due_at), await cachedCalendar(ctx.db, db))
        : null,
    supplementRequests: d.supplement_requests,
    reschedules: d.reschedules,
    feeTotal: d.fee_total,
    feeQuote: d.fee_quote,
    paymentState: d.payment_state,
    register: d.register_no ? { book: d.register_book, number: d.register_no } : null,
    intake: d.intake,
    delivery: d.delivery,
    flags: { vneidAuthenticated: d.vneid_authenticated, populationDbUsed: d.population_db_used },
    result: await dossierResult(db, d.id),
    documents: documents.rows.map((x) => ({
      id: x.id,
      requirementCode: x.requirement_code,
      name: x.name,
      mime: x.mime,
      size: Number(x.size),
      source: x.source,
      digitised: x.digitised,
      reused: x.reused,
      fromStore: x.from_store,
      addedAt: iso(x.created_at),
    })),
    workflow: steps.map((s, i) => ({ index: i, key: s.key, name: s.name, role: s.role, kind: stepKind(steps.length, i), quota: s.quota })),
    tasks: tasks.rows.map((t) => ({
      seq: t.seq,
      stepIndex: t.step_index,
      stepName: t.step_name,
      role: t.role,
      unitId: t.unit_id,
      unitName: unitName(t.unit_id),
      assigneeId: t.assignee_id,
      assigneeName: t.assignee_name,
      startedAt: iso(t.started_at),
      dueAt: iso(t.due_at),
      completedAt: iso(t.completed_at),
      completedByName: t.completed_by_name,
      outcome: t.outcome,
      timeliness: classifyStep({ dueAt: new Date(t.due_at), completedAt: t.completed_at ? new Date(t.completed_at) : null }, at) as StepTimeliness,
      current: t.id === d.current_task_id,
    })),
    pauses: pauses.rows.map((x) => ({
      kind: x.kind,
      startedAt: iso(x.started_at),
      endedAt: iso(x.ended_at),
      reason: x.reason,
      dueBefore: iso(x.due_before),
      dueAfter: iso(x.due_after),
    })),
    log: log.map((e) => ({
      seq: e.seq,
      at: iso(e.at),
      actorKind: e.actor_kind,
      actorName: e.actor_name,
      actorRole: e.actor_role,
      action: e.action,
      label: actionLabel[e.action]?.vi ?? e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      data: e.data,
      attachments: e.attachments,
    })),
    actions: actions.map((a) => ({ code: a, name: staffActionName[a] })),
    reassignCandidates,
  };
}

/** The dossier's latest signed result (published or not yet), for officials. */
async function dossierResult(db: Queryable, dossierId: string) {
  const r = (
    await db.query<{
      id: string;
      title: string;
      number: string;
      status: 'valid' | 'replaced' | 'cancelled';
      signer_name: string;
      signed_at: Date;
      published_at: Date | null;
      status_reason: string | null;
    }>(
      'SELECT id, title, number, status, signer_name, signed_at, published_at, status_reason FROM results WHERE dossier_id = $1 ORDER BY signed_at DESC, created_at DESC LIMIT 1',
      [dossierId],
    )
  ).rows[0];
  return r
    ? {
        id: r.id,
        title: r.title,
        number: r.number,
        status: r.status,
        signerName: r.signer_name,
        signedAt: iso(r.signed_at),
        publishedAt: iso(r.published_at),
        statusReason: r.status_reason,
        verifyPath: `/verify/${r.id}`,
      }
    : null;
}

export interface ControlSheetRow {
  /** The unit handing over and the unit receiving (null: the result handed to the applicant). */
  fromUnit: string;
  toUnit: string | null;
  handedAt: string;
  receivedAt: string;
  handedBy: string;
  receivedBy: string | null;
  /** How the handing step did against its due time. */
  result: StepTimeliness;
  stepName: string;
  stepDueAt: string;
  /** Why it was sent back, when it was. */
  reason?: string;
}

/**
 * The control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ, Mẫu 06) derived from the action log: one row per
 * handover (reception → department → leader → clerk → counter → applicant, sent back …), each judged against the
 * handing step's due time.
 */
export async function controlSheetRows(db: Queryable, unitName: (id: string) => string, dossierId: string): Promise<ControlSheetRow[]> {
  const rows: ControlSheetRow[] = [];
  for (const e of await actionLog(db, dossierId)) {
    const h = e.data.handover as
      | { from?: { unitId: string; stepName: string; dueAt: string } | null; to?: { unitId: string; unitName?: string; assigneeName?: string | null } | null }
      | undefined;
    if (!h?.from) continue;
    const at = new Date(e.at);
    rows.push({
      fromUnit: unitName(h.from.unitId),
      toUnit: h.to ? (h.to.unitName ?? unitName(h.to.unitId)) : null,
      handedAt: at.toISOString(),
      receivedAt: at.toISOString(),
      handedBy: e.actor_name,
      receivedBy: h.to ? (h.to.assigneeName ?? null) : ((e.data.delivery as { receiverName?: string } | undefined)?.receiverName ?? null),
      result: classifyStep({ dueAt: new Date(h.from.dueAt), completedAt: at }, at),
      stepName: h.from.stepName,
      stepDueAt: h.from.dueAt,
      ...(e.action === 'sent_back' && typeof e.data.reason === 'string' ? { reason: e.data.reason } : {}),
    });
  }
  return rows;
}
