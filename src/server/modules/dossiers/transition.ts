/**
 * THE way a dossier changes. `transition` is the only code that writes a dossier's processing state, and
 * `createDossier` the only code that inserts one. In one transaction, with the dossier row locked, each:
 *   1. checks the rule: who may act (src/core/workflow/permissions.ts for officials, ownership for citizens) and
 *      what the law allows (src/core/dossiers/transitions.ts);
 *   2. applies the action's effects (effects.ts: tasks, clock, result, components) and updates the row;
 *   3. appends the hash-chained action-log entry (action-log.ts), under the action's event name;
 *   4. writes ONE domain event into the outbox (topic `dossier.event`, see docs/events.md), and lets the
 *      in-transaction subscribers (e.g. payments' refunds) act on it.
 * Any failure rolls back all of it. Callers: submission (online), counter and postal intake, every back-office
 * action, the citizen's withdrawal and supplement, the payment gateway's confirmation, ratings.
 */
import { foldVietnamese } from '../../../core/catalogue/search.ts';
import { DOSSIER_EVENT_VERSION, type DossierEvent } from '../../../core/dossiers/events.ts';
import { NationalStatus, nationalStatusName, type NationalStatus as Status } from '../../../core/dossiers/status.ts';
import { ACTION_RULES, checkTransition, targetStatus, type DossierAction, type Role } from '../../../core/dossiers/transitions.ts';
import type { WorkCalendar } from '../../../core/deadlines/deadlines.ts';
import { authorize, type DossierForAuth } from '../../../core/workflow/permissions.ts';
import { stepKind } from '../../../core/workflow/steps.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { getVersion } from '../catalogue/service.ts';
import { cachedCalendar } from '../reference/calendar.ts';
import { prepareSigning } from '../results/issue.ts';
import { orgTree, type OrgTree } from '../workflow/org.ts';
import type { Staff } from '../workflow/staff.ts';
import { loadTask, officialName, type TaskRow } from '../workflow/tasks.ts';
import { appendAction, GENESIS_HASH, hashEntry, type ActionEntry } from './action-log.ts';
import { assignDossierCode } from './codes.ts';
import { DOSSIER_EVENT_TOPIC } from './events.ts';
import { EFFECTS, type CaseRules, type DossierPatch, type DossierRow, type EffectActor, type Outcome } from './effects.ts';
import type { TransitionInput } from './transition-input.ts';

/** Who acts. Officials act under their memberships; citizens on their own dossiers; the system for a gateway or a job. */
export type TransitionActor =
  | { kind: 'official'; staff: Staff }
  | { kind: 'citizen'; citizen: CitizenActor }
  | { kind: 'system'; id: string; name: string; role: string };

/** What the path reads before its transaction (the embedded database has one connection). */
export interface TransitionEnv {
  ctx: AppContext;
  tree: OrgTree;
  calendar: WorkCalendar;
  rules: CaseRules;
}

/**
 * A subscriber runs inside the transaction of every event, after the event is written: it may write its own rows
 * and outbox messages (which then commit or roll back with the change). Subscribers are assembled in
 * src/server/bootstrap.ts (AppContext.dossierSubscribers).
 */
export type DossierSubscriber = (tx: Queryable, event: DossierEvent, before: DossierRow | null) => Promise<void>;

export interface TransitionResult {
  status: Status;
  dueAt: string | null;
  task: { stepName: string; unitId: string; assigneeId: string | null; assigneeName: string | null; dueAt: string } | null;
  event: DossierEvent;
}

/** The case's workflow and time limit. */
export async function caseRules(db: Queryable, d: { procedure_code: string; procedure_version: number; case_code: string }): Promise<CaseRules> {
  const version = await getVersion(db, d.procedure_code, d.procedure_version);
  const kase = version.definition.cases.find((c) => c.code === d.case_code);
  if (!kase) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp của thủ tục.', 409);
  return { steps: kase.workflow, timeLimit: kase.timeLimit };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads what the transaction will need (case rules, calendar, the organisation, the signer for a signing action). */
export async function prepareTransition(ctx: AppContext, dossierId: string, action: DossierAction): Promise<TransitionEnv> {
  if (!UUID.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const head = (await ctx.db.query<{ procedure_code: string; procedure_version: number; case_code: string }>(
    'SELECT procedure_code, procedure_version, case_code FROM dossiers WHERE id = $1',
    [dossierId],
  )).rows[0];
  if (!head) throw notFound('Không tìm thấy hồ sơ.');
  const tree = await orgTree(ctx.db);
  const env = { ctx, tree, calendar: await cachedCalendar(ctx.db), rules: await caseRules(ctx.db, head) };
  if (action === 'forward' || action === 'issue_result') await prepareSigning(ctx, tree, dossierId);
  return env;
}

/** One action in its own transaction. */
export async function runTransition(ctx: AppContext, dossierId: string, input: TransitionInput, actor: TransitionActor, opts: TransitionOptions = {}): Promise<TransitionResult> {
  const env = await prepareTransition(ctx, dossierId, input.action);
  return ctx.db.transaction((tx) => transition(tx, env, dossierId, input, actor, opts));
}

export interface TransitionOptions {
  /** What the caller did in the same transaction, recorded with the entry (e.g. the payment ledger's receipt). */
  record?: Record<string, unknown>;
}

/** The action on a dossier, inside the caller's transaction. */
export async function transition(tx: Queryable, env: TransitionEnv, dossierId: string, input: TransitionInput, actor: TransitionActor, opts: TransitionOptions = {}): Promise<TransitionResult> {
  if (!UUID.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const d = (await tx.query<DossierRow>('SELECT * FROM dossiers WHERE id = $1 FOR UPDATE', [dossierId])).rows[0];
  if (!d) throw notFound('Không tìm thấy hồ sơ.');
  const task = await loadTask(tx, d.current_task_id);
  const action = input.action;
  const reason = 'reason' in input ? input.reason : undefined;
  const who = permit(actor, action, d, task, env, reason);
  const at = now();
  const to = targetStatus(action, d.status);
  const effect = EFFECTS[action] as (e: Parameters<(typeof EFFECTS)['accept']>[0], i: TransitionInput) => Promise<Outcome>;
  const outcome = await effect({ tx, ctx: env.ctx, tree: env.tree, calendar: env.calendar, rules: env.rules, d, task, actor: who, at }, input);
  await updateDossier(tx, d.id, to, at, outcome.patch);
  const entry = await appendAction(tx, d.id, {
    actorKind: who.kind, actorId: who.id, actorName: who.name, actorRole: who.role,
    action: ACTION_RULES[action].event,
    fromStatus: d.status,
    toStatus: to,
    at,
    data: {
      ...(reason ? { reason } : {}),
      ...('note' in input && input.note ? { note: input.note } : {}),
      ...outcome.log,
      ...(opts.record ?? {}),
    },
    attachments: outcome.attachments,
  });
  const dueAt = outcome.dueAt !== undefined ? outcome.dueAt : d.due_at ? new Date(d.due_at) : null;
  const event = await emit(tx, env.ctx, { ...d, status: to }, entry, d, dueAt);
  const open = await loadTask(tx, (await tx.query<{ current_task_id: string | null }>('SELECT current_task_id FROM dossiers WHERE id = $1', [d.id])).rows[0].current_task_id);
  return {
    status: to,
    dueAt: dueAt ? dueAt.toISOString() : null,
    task: open ? { stepName: open.step_name, unitId: open.unit_id, assigneeId: open.assignee_id, assigneeName: await officialName(tx, open.assignee_id), dueAt: new Date(open.due_at).toISOString() } : null,
    event,
  };
}

/** The view of the dossier the permission function decides on. */
export function authView(d: DossierRow, task: TaskRow | null, steps: CaseRules['steps'], tree: OrgTree): DossierForAuth {
  return {
    status: d.status,
    receivingUnitId: d.receiving_unit_id,
    competentUnitId: d.competent_unit_id,
    unitIds: d.unit_ids,
    supplementRequests: d.supplement_requests,
    reschedules: d.reschedules,
    task: task
      ? {
          stepIndex: task.step_index, stepName: task.step_name, kind: stepKind(steps.length, task.step_index), role: task.role,
          unitId: task.unit_id, unitName: tree.units.get(task.unit_id)?.name, assigneeId: task.assignee_id,
        }
      : null,
  };
}

/** What a citizen is told when the law does not allow their action now. */
const CITIZEN_REFUSALS: Partial<Record<DossierAction, (status: Status) => { code: string; message: string }>> = {
  withdraw: (s) => ({ code: 'WITHDRAWAL_NOT_ALLOWED', message: `Không thể rút hồ sơ đang ở trạng thái "${nationalStatusName[s].vi}".` }),
  provide_supplement: () => ({ code: 'SUPPLEMENT_NOT_REQUESTED', message: 'Hồ sơ không ở trạng thái chờ bổ sung giấy tờ.' }),
  rate: () => ({ code: 'NOT_YET_RATABLE', message: 'Chỉ đánh giá được sau khi hồ sơ đã có kết quả giải quyết.' }),
};

/** Decides whether the actor may take the action now; returns who acted, as the log records them. */
function permit(actor: TransitionActor, action: DossierAction, d: DossierRow, task: TaskRow | null, env: TransitionEnv, reason?: string): EffectActor & { role: Role } {
  if (action === 'submit') throw new AppError('INVALID_TRANSITION', 'Hồ sơ đã được nộp.', 409);
  if (actor.kind === 'official') {
    const a = authorize(actor.staff.auth, action, authView(d, task, env.rules.steps, env.tree), reason ?? '');
    if (!a.ok) throw new AppError(a.code, a.message, a.status);
    return { kind: 'official', id: actor.staff.actor.id, name: actor.staff.actor.fullName, role: a.role };
  }
  const state = { status: d.status, supplementRequests: d.supplement_requests, reschedules: d.reschedules };
  if (actor.kind === 'citizen') {
    const c = actor.citizen;
    if (d.owner_citizen_id !== c.id && d.applicant_id_number !== c.idNumber) throw notFound('Không tìm thấy hồ sơ.');
    const check = checkTransition(state, action, 'applicant', reason);
    if (!check.ok) {
      const refusal = check.code === 'INVALID_TRANSITION' ? CITIZEN_REFUSALS[action]?.(d.status) : undefined;
      throw new AppError(refusal?.code ?? check.code, refusal?.message ?? check.message, check.code === 'ROLE_NOT_ALLOWED' ? 403 : check.code === 'REASON_REQUIRED' ? 400 : 409);
    }
    return { kind: 'citizen', id: c.id, name: c.fullName, role: 'applicant' };
  }
  const check = checkTransition(state, action, 'system', reason);
  if (!check.ok) throw new AppError(check.code, check.message, check.code === 'ROLE_NOT_ALLOWED' ? 403 : 409);
  return { kind: 'system', id: actor.id, name: actor.name, role: 'system' };
}

/** The one statement that writes a dossier's status (and the columns the effect changed with it). */
async function updateDossier(tx: Queryable, id: string, status: Status, at: Date, patch: DossierPatch): Promise<void> {
  const columns = Object.keys(patch) as (keyof DossierPatch)[];
  const values = columns.map((c) => (c === 'delivery' ? JSON.stringify(patch[c]) : patch[c]));
  const sets = columns.map((c, i) => `${c} = $${i + 4}`).join(', ');
  await tx.query(`UPDATE dossiers SET status = $2, updated_at = $3, row_version = row_version + 1${sets ? `, ${sets}` : ''} WHERE id = $1`, [id, status, at, ...values]);
}

type EventSource = Pick<DossierRow, 'id' | 'code' | 'status' | 'procedure_code' | 'procedure_version' | 'case_code' | 'channel' | 'receiving_unit_id' | 'competent_unit_id'>;

/** The event of a log entry. */
function buildEvent(d: EventSource, entry: ActionEntry & { hash: string }, dueAt: Date | null): DossierEvent {
  return {
    id: `${d.id}:${entry.seq}`,
    type: entry.action as DossierEvent['type'],
    action: actionOf(entry.action),
    version: DOSSIER_EVENT_VERSION,
    dossierId: d.id,
    code: d.code,
    seq: entry.seq,
    at: entry.at,
    actor: { kind: entry.actorKind as DossierEvent['actor']['kind'], id: entry.actorId, name: entry.actorName, role: entry.actorRole },
    status: { before: (entry.fromStatus ?? null) as Status | null, after: entry.toStatus as Status },
    procedure: { code: d.procedure_code, version: d.procedure_version, caseCode: d.case_code },
    channel: (d.channel === 1 || d.channel === 3 ? d.channel : 2) as 1 | 2 | 3,
    receivingUnitId: d.receiving_unit_id,
    competentUnitId: d.competent_unit_id,
    dueAt: dueAt ? dueAt.toISOString() : null,
    data: entry.data,
    logHash: entry.hash,
  };
}

const eventKey = (e: DossierEvent) => `${DOSSIER_EVENT_TOPIC}:${e.id}`;

/** Writes the event of a log entry into the outbox and runs the in-transaction subscribers. */
async function emit(tx: Queryable, ctx: AppContext, d: EventSource, entry: ActionEntry & { hash: string }, before: DossierRow, dueAt: Date | null): Promise<DossierEvent> {
  const event = buildEvent(d, entry, dueAt);
  await enqueue(tx, DOSSIER_EVENT_TOPIC, eventKey(event), event as unknown as Record<string, unknown>);
  for (const subscriber of ctx.dossierSubscribers ?? []) await subscriber(tx, event, before);
  return event;
}

const actionOf = (event: string): DossierAction => (Object.keys(ACTION_RULES) as DossierAction[]).find((a) => ACTION_RULES[a].event === event)!;

/* ---------- creation ---------- */

/** A new dossier: its row, its components, and who submitted it (the citizen online, the official at the counter). */
export interface NewDossier {
  id: string;
  procedureCode: string;
  procedureVersion: number;
  caseCode: string;
  procedureName: string;
  channel: 1 | 2 | 3;
  subState: 'waiting_reception' | 'counter_intake';
  ownerCitizenId: string | null;
  applicant: { fullName: string; idNumber: string; phone?: string; email?: string; address?: unknown };
  resultDelivery: string;
  summary: string;
  values: Record<string, unknown>;
  provenance: Record<string, unknown>;
  receivingUnitId: string;
  /** The receiving unit's identifier in dossier codes (mã đơn vị). */
  agencyCode: string;
  competentUnitId: string | null;
  /** Every unit on the dossier's route (receiving, competent, each workflow step's unit): who may see it. */
  unitIds: string[];
  submittedAt: Date;
  feeQuote: unknown;
  feeTotal: number;
  vneidAuthenticated: boolean;
  populationDbUsed: boolean;
  /** Online: the draft claimed by this submission, the login time, the citizen's idempotency key. */
  online?: { draftId: string; loginAt: Date | null; idempotencyKey: string };
  /** Counter and postal intake: who received it, the identity check, the waybill (unique per official and key). */
  intake?: Record<string, unknown> & { officialId: string; idempotencyKey: string };
  documents: NewDocument[];
  /** The first log entry's actor and data. */
  submittedBy: { kind: 'citizen' | 'official'; id: string; name: string; role: Role };
  log: Record<string, unknown>;
}

/** A component: an upload (the citizen's, or an official's scan), or a document of the owner's personal store. */
export interface NewDocument {
  requirementCode: string;
  uploadId?: string;
  storeDocumentId?: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  source: 'upload' | 'scan' | 'store';
}

/**
 * Inserts a new dossier (status 1) with its components and first log entry, claiming the online draft when there is
 * one, then issues the code and writes the `submitted` event. Two statements: the first does every insert (one round
 * trip); the second takes the unit's day counter (a row that every submission of the unit updates), so the lock on
 * it is held only from there to the commit. Returns null when the draft was already claimed or the idempotency key
 * (online: per citizen; intake: per official) was already used — the caller answers with the existing dossier.
 */
export async function createDossier(tx: Queryable, ctx: AppContext, n: NewDossier): Promise<{ code: string; event: DossierEvent } | null> {
  const entry: ActionEntry = {
    dossierId: n.id, seq: 1, at: n.submittedAt.toISOString(), actorKind: n.submittedBy.kind, actorId: n.submittedBy.id, actorName: n.submittedBy.name,
    actorRole: n.submittedBy.role, action: ACTION_RULES.submit.event, fromStatus: null, toStatus: NationalStatus.NEW, data: n.log,
    attachments: n.documents.map((x) => ({ name: x.name, sha256: x.sha256, ...(x.storeDocumentId ? { storeDocumentId: x.storeDocumentId } : { uploadId: x.uploadId }), kind: x.requirementCode })),
  };
  const hash = hashEntry(GENESIS_HASH, entry);
  const docs = n.documents;
  const online = n.online;
  const { rows } = await tx.query<{ claimed: number; inserted: number }>(
    `WITH claim AS (
       UPDATE drafts SET status = 'submitted', dossier_id = $1, updated_at = now() WHERE id = $2 AND status = 'open' RETURNING id),
     ins AS (
       INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, sub_state, channel, applicant_kind,
         owner_citizen_id, applicant, applicant_id_number, applicant_name, applicant_phone, applicant_email, result_delivery, summary, form_values,
         prefill_provenance, receiving_unit_id, competent_unit_id, submitted_at, login_at, login_to_submit_ms, idempotency_key, fee_quote, fee_total,
         vneid_authenticated, population_db_used, draft_id, unit_ids, applicant_search, intake)
       SELECT $1, 'pending:' || $1::text, $3, $4, $5, $6, 1, $7, $8, 'citizen', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         $23, $24, $25, $26, $27, $28, $2, $29, $30, $31
        WHERE $2::uuid IS NULL OR EXISTS (SELECT 1 FROM claim)
       ON CONFLICT DO NOTHING
       RETURNING id),
     docs AS (
       INSERT INTO dossier_documents (id, dossier_id, requirement_code, upload_id, store_document_id, sha256, name, mime, size, digitised, reused, from_store, source, created_at)
       SELECT gen_random_uuid(), ins.id, x.requirement_code, x.upload_id, x.store_id, x.sha256, x.name, x.mime, x.size, true, x.store_id IS NOT NULL, x.store_id IS NOT NULL, x.source, $21
         FROM ins, unnest($32::text[], $33::uuid[], $34::uuid[], $35::text[], $36::text[], $37::text[], $38::bigint[], $39::text[])
              AS x(requirement_code, upload_id, store_id, sha256, name, mime, size, source)),
     act AS (
       INSERT INTO dossier_actions (dossier_id, seq, at, actor_kind, actor_id, actor_name, actor_role, action, from_status, to_status, data, attachments, prev_hash, hash)
       SELECT ins.id, 1, $21, $40, $41, $42, $43, $44, NULL, 1, $45, $46, $47, $48 FROM ins)
     SELECT (SELECT count(*) FROM claim)::int AS claimed, (SELECT count(*) FROM ins)::int AS inserted`,
    [
      n.id, online?.draftId ?? null, n.procedureCode, n.procedureVersion, n.caseCode, n.procedureName, n.subState, n.channel, n.ownerCitizenId,
      n.applicant, n.applicant.idNumber, n.applicant.fullName, n.applicant.phone ?? null, n.applicant.email ?? null, n.resultDelivery, n.summary,
      n.values, n.provenance, n.receivingUnitId, n.competentUnitId, n.submittedAt, online?.loginAt ?? null,
      online?.loginAt ? n.submittedAt.getTime() - online.loginAt.getTime() : null, online?.idempotencyKey ?? null, n.feeQuote ?? null, n.feeTotal,
      n.vneidAuthenticated, n.populationDbUsed, n.unitIds, foldVietnamese(n.applicant.fullName), n.intake ?? null,
      docs.map((x) => x.requirementCode), docs.map((x) => x.uploadId ?? null), docs.map((x) => x.storeDocumentId ?? null), docs.map((x) => x.sha256),
      docs.map((x) => x.name), docs.map((x) => x.mime), docs.map((x) => x.size), docs.map((x) => x.source),
      entry.actorKind, entry.actorId, entry.actorName, entry.actorRole, entry.action, entry.data, JSON.stringify(entry.attachments), GENESIS_HASH, hash,
    ],
  );
  if ((online && rows[0].claimed === 0) || rows[0].inserted === 0) return null;
  const source = {
    id: n.id, code: '', status: NationalStatus.NEW, procedure_code: n.procedureCode, procedure_version: n.procedureVersion, case_code: n.caseCode,
    channel: n.channel, receiving_unit_id: n.receivingUnitId, competent_unit_id: n.competentUnitId,
  } satisfies EventSource;
  const event = buildEvent(source, { ...entry, hash }, null);
  // The code and the event in one statement: the event carries the code the counter gave.
  const code = await assignDossierCode(tx, n.id, n.agencyCode, n.submittedAt, { topic: DOSSIER_EVENT_TOPIC, dedupeKey: eventKey(event), payload: event });
  const withCode = { ...event, code };
  for (const subscriber of ctx.dossierSubscribers ?? []) await subscriber(tx, withCode, null);
  return { code, event: withCode };
}
