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
import crypto from 'node:crypto';
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
import { deferWrites, type Write } from '../../db/deferred.ts';
import { insertWrite } from '../../db/insert-shapes.ts';
import { kysely, sql, type DB, type Insertable } from '../../db/kysely.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { getVersion, type ProcedureVersion } from '../catalogue/index.ts';
import { cachedCalendar } from '../reference/index.ts';
import { prepareSigning } from '../results/index.ts';
import { orgTree, type OrgTree, type Staff } from '../officials/index.ts';
import { loadTask, officialName, type TaskRow } from './tasks.ts';
import { appendAction, GENESIS_HASH, hashEntry, type ActionEntry } from './action-log.ts';
import { assignDossierCode } from './codes.ts';
import { DOSSIER_EVENT_TOPIC } from './events.ts';
import { guardDigitisation } from './digitisation-guard.ts';
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
export type DossierSubscriber = (tx: Queryable, event: DossierEvent, before: DossierRow | null, created?: CreatedDossier) => Promise<void>;

/**
 * What the creation path knows of the dossier it has just inserted, given to the subscribers of its `submitted` event so
 * that they need not read the rows back inside the transaction (issue 17: each read was a round trip and a plan).
 * Online, the row is not in the database yet when they run (it is a deferred write, see createDossier): a subscriber
 * that must read it uses `query`, which sends the queued writes first, never a deferred write's SELECT or a read-ahead.
 */
export interface CreatedDossier {
  /** What the caller asked to create, as inserted. */
  dossier: NewDossier;
  /** The components' row ids, in the order of `dossier.documents`. */
  documentIds: string[];
}

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
  return { steps: kase.workflow, timeLimit: kase.timeLimit, onlineTimeLimits: kase.onlineTimeLimits };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads what the transaction will need (case rules, calendar, the organisation, the signer for a signing action). */
export async function prepareTransition(ctx: AppContext, dossierId: string, action: DossierAction): Promise<TransitionEnv> {
  if (!UUID.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const head = await kysely(ctx.db)
    .selectFrom('dossiers')
    .select(['procedure_code', 'procedure_version', 'case_code'])
    .where('id', '=', dossierId)
    .executeTakeFirst();
  if (!head) throw notFound('Không tìm thấy hồ sơ.');
  const tree = await orgTree(ctx.db);
  const env = { ctx, tree, calendar: await cachedCalendar(ctx.db), rules: await caseRules(ctx.db, head) };
  if (action === 'forward' || action === 'issue_result') await prepareSigning(ctx, tree, dossierId);
  return env;
}

/** Whether an error is the unique violation of a deferred dossier insert: the draft was claimed, or the key used (see createDossier). */
export function isDuplicateDossier(err: unknown): boolean {
  const e = err as { code?: string; table?: string } | null;
  return e?.code === '23505' && e.table === 'dossiers';
}

/** One action in its own transaction. */
export async function runTransition(
  ctx: AppContext,
  dossierId: string,
  input: TransitionInput,
  actor: TransitionActor,
  opts: TransitionOptions = {},
): Promise<TransitionResult> {
  const env = await prepareTransition(ctx, dossierId, input.action);
  return ctx.db.transaction((tx) => transition(tx, env, dossierId, input, actor, opts));
}

export interface TransitionOptions {
  /** What the caller did in the same transaction, recorded with the entry (e.g. the payment ledger's receipt). */
  record?: Record<string, unknown>;
}

/** The action on a dossier, inside the caller's transaction. */
export async function transition(
  tx: Queryable,
  env: TransitionEnv,
  dossierId: string,
  input: TransitionInput,
  actor: TransitionActor,
  opts: TransitionOptions = {},
): Promise<TransitionResult> {
  if (!UUID.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const d = (await kysely(tx).selectFrom('dossiers').selectAll().where('id', '=', dossierId).forUpdate().executeTakeFirst()) as DossierRow | undefined;
  if (!d) throw notFound('Không tìm thấy hồ sơ.');
  const task = await loadTask(tx, d.current_task_id);
  const action = input.action;
  const reason = 'reason' in input ? input.reason : undefined;
  const who = permit(actor, action, d, task, env, reason);
  // A step that would lose the dossier its 766 digitisation points is refused before anything is done.
  await guardDigitisation(tx, d, input, actor.kind);
  const at = now();
  const to = targetStatus(action, d.status);
  const effect = EFFECTS[action] as (e: Parameters<(typeof EFFECTS)['accept']>[0], i: TransitionInput) => Promise<Outcome>;
  const outcome = await effect({ tx, ctx: env.ctx, tree: env.tree, calendar: env.calendar, rules: env.rules, d, task, actor: who, at }, input);
  await updateDossier(tx, d.id, to, at, outcome.patch);
  const entry = await appendAction(tx, d.id, {
    actorKind: who.kind,
    actorId: who.id,
    actorName: who.name,
    actorRole: who.role,
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
  const { current_task_id } = await kysely(tx).selectFrom('dossiers').select('current_task_id').where('id', '=', d.id).executeTakeFirstOrThrow();
  const open = await loadTask(tx, current_task_id);
  return {
    status: to,
    dueAt: dueAt ? dueAt.toISOString() : null,
    task: open
      ? {
          stepName: open.step_name,
          unitId: open.unit_id,
          assigneeId: open.assignee_id,
          assigneeName: await officialName(tx, open.assignee_id),
          dueAt: new Date(open.due_at).toISOString(),
        }
      : null,
    event,
  };
}

/** The view of the dossier the permission function decides on. */
export function authView(
  d: Pick<DossierRow, 'status' | 'receiving_unit_id' | 'competent_unit_id' | 'unit_ids' | 'supplement_requests' | 'reschedules'>,
  task: TaskRow | null,
  steps: CaseRules['steps'],
  tree: OrgTree,
): DossierForAuth {
  return {
    status: d.status,
    receivingUnitId: d.receiving_unit_id,
    competentUnitId: d.competent_unit_id,
    unitIds: d.unit_ids,
    supplementRequests: d.supplement_requests,
    reschedules: d.reschedules,
    task: task
      ? {
          stepIndex: task.step_index,
          stepName: task.step_name,
          kind: stepKind(steps.length, task.step_index),
          role: task.role,
          unitId: task.unit_id,
          unitName: tree.units.get(task.unit_id)?.name,
          assigneeId: task.assignee_id,
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
function permit(
  actor: TransitionActor,
  action: DossierAction,
  d: DossierRow,
  task: TaskRow | null,
  env: TransitionEnv,
  reason?: string,
): EffectActor & { role: Role } {
  if (action === 'submit') throw new AppError('INVALID_TRANSITION', 'Hồ sơ đã được nộp.', 409);
  if (actor.kind === 'official') {
    if (action === 'record_linked_receipt' || action === 'record_linked_result')
      throw new AppError('ROLE_NOT_ALLOWED', 'Chỉ hệ thống liên thông ghi nhận được trả lời của cơ quan khác.', 403);
    // A member dossier handed to another agency (liên thông) is handled there; its answer is recorded by the system.
    if (d.sub_state === 'linked')
      throw new AppError(
        'ROLE_NOT_ALLOWED',
        'Hồ sơ đã được chuyển liên thông sang cơ quan khác giải quyết; trả lời của cơ quan đó được ghi nhận tự động.',
        403,
      );
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
      throw new AppError(
        refusal?.code ?? check.code,
        refusal?.message ?? check.message,
        check.code === 'ROLE_NOT_ALLOWED' ? 403 : check.code === 'REASON_REQUIRED' ? 400 : 409,
      );
    }
    return { kind: 'citizen', id: c.id, name: c.fullName, role: 'applicant' };
  }
  const check = checkTransition(state, action, 'system', reason);
  if (!check.ok) throw new AppError(check.code, check.message, check.code === 'ROLE_NOT_ALLOWED' ? 403 : 409);
  return { kind: 'system', id: actor.id, name: actor.name, role: 'system' };
}

/** The one statement that writes a dossier's status (UPDATE dossiers SET status = …), with the columns the effect changed. */
async function updateDossier(tx: Queryable, id: string, status: Status, at: Date, patch: DossierPatch): Promise<void> {
  await kysely(tx)
    .updateTable('dossiers')
    .set({ ...patch, status, updated_at: at, row_version: sql<number>`row_version + 1` })
    .where('id', '=', id)
    .execute();
}

type EventSource = Pick<
  DossierRow,
  'id' | 'code' | 'status' | 'procedure_code' | 'procedure_version' | 'case_code' | 'channel' | 'receiving_unit_id' | 'competent_unit_id'
>;

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
async function emit(
  tx: Queryable,
  ctx: AppContext,
  d: EventSource,
  entry: ActionEntry & { hash: string },
  before: DossierRow,
  dueAt: Date | null,
): Promise<DossierEvent> {
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
  subState: 'waiting_reception' | 'counter_intake' | 'linked';
  ownerCitizenId: string | null;
  /** `locale: 'en'`: the applicant's notifications in English (src/server/modules/notifications/queue.ts). */
  applicant: { fullName: string; idNumber: string; phone?: string; email?: string; address?: unknown; locale?: 'vi' | 'en' };
  resultDelivery: 'online' | 'counter' | 'post';
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
  /**
   * The code, when drawn before the transaction (reserveDossierCode: online submission, where many citizens submit to
   * one unit at once). Without it the code is issued inside the transaction, as its last step (assignDossierCode).
   */
  code?: string;
  /**
   * What the caller read before the transaction (the online submission has both): subscribers build what they send
   * from it instead of reading the new rows back. Without it they read.
   */
  known?: { version: ProcedureVersion; tree: OrgTree };
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
  /** Whether the upload is the citizen's photo copy (self-digitisation); absent when the caller did not check. */
  photoCopy?: boolean;
}

/**
 * Inserts a new dossier (status 1) with its components and first log entry, claiming the online draft when there is
 * one, then issues the code and writes the `submitted` event. The code comes last: it takes the unit's day counter (a
 * row that every submission of the unit updates), so its lock is held only from there to the commit. Returns null
 * when the draft was already claimed or the idempotency key (online: per citizen; intake: per official) was already
 * used — the caller answers with the existing dossier.
 *
 * Online with the code drawn before (the submission), the dossier row itself is a deferred write, like everything
 * after it: nothing of the creation is read back in the transaction, so on PostgreSQL the whole creation with its
 * subscribers' writes is one autocommit statement (issue 17). A duplicate then does not return null: the statement
 * fails with a unique violation on `dossiers` (isDuplicateDossier), and nothing of it is written.
 */
export async function createDossier(tx: Queryable, ctx: AppContext, n: NewDossier): Promise<{ code: string; event: DossierEvent } | null> {
  const online = n.online;
  const row: Insertable<DB['dossiers']> = {
    id: n.id,
    code: n.code ?? `pending:${n.id}`,
    procedure_code: n.procedureCode,
    procedure_version: n.procedureVersion,
    case_code: n.caseCode,
    procedure_name: n.procedureName,
    status: NationalStatus.NEW,
    sub_state: n.subState,
    channel: n.channel,
    applicant_kind: 'citizen',
    owner_citizen_id: n.ownerCitizenId,
    applicant: n.applicant,
    applicant_id_number: n.applicant.idNumber,
    applicant_name: n.applicant.fullName,
    applicant_phone: n.applicant.phone ?? null,
    applicant_email: n.applicant.email ?? null,
    result_delivery: n.resultDelivery,
    summary: n.summary,
    form_values: n.values,
    prefill_provenance: n.provenance,
    receiving_unit_id: n.receivingUnitId,
    competent_unit_id: n.competentUnitId,
    submitted_at: n.submittedAt,
    login_at: online?.loginAt ?? null,
    login_to_submit_ms: online?.loginAt ? n.submittedAt.getTime() - online.loginAt.getTime() : null,
    idempotency_key: online?.idempotencyKey ?? null,
    fee_quote: (n.feeQuote ?? null) as Insertable<DB['dossiers']>['fee_quote'],
    fee_total: n.feeTotal,
    vneid_authenticated: n.vneidAuthenticated,
    population_db_used: n.populationDbUsed,
    draft_id: online?.draftId ?? null,
    unit_ids: n.unitIds,
    applicant_search: foldVietnamese(n.applicant.fullName),
    intake: n.intake ?? null,
  };
  // From the dossier row (online) or the row after it, every write of the creation is deferred
  // (src/server/db/deferred.ts): none is read back in the transaction, and with the subscribers' writes they go to the
  // database as one statement before the commit.
  // Their statements are compiled once per shape (insert-shapes.ts), not on every submission.
  const writes: Write[] = [];
  // Any unique index decides a race: the id, (owner, idempotency key) and the draft online (a concurrent submission of
  // the same draft waits for this transaction, then conflicts), (official, key) at the counter.
  if (online && n.code) writes.push(insertWrite('dossiers', [row]));
  else {
    const inserted = await kysely(tx)
      .insertInto('dossiers')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
  }
  if (online)
    writes.push({
      sql: "UPDATE drafts SET status = 'submitted', dossier_id = $1, updated_at = now() WHERE id = $2 AND status = 'open'",
      params: [n.id, online.draftId],
    });

  const entry: ActionEntry = {
    dossierId: n.id,
    seq: 1,
    at: n.submittedAt.toISOString(),
    actorKind: n.submittedBy.kind,
    actorId: n.submittedBy.id,
    actorName: n.submittedBy.name,
    actorRole: n.submittedBy.role,
    action: ACTION_RULES.submit.event,
    fromStatus: null,
    toStatus: NationalStatus.NEW,
    data: n.log,
    attachments: n.documents.map((x) => ({
      name: x.name,
      sha256: x.sha256,
      ...(x.storeDocumentId ? { storeDocumentId: x.storeDocumentId } : { uploadId: x.uploadId }),
      kind: x.requirementCode,
    })),
  };
  const hash = hashEntry(GENESIS_HASH, entry);
  const logRow: Insertable<DB['dossier_actions']> = {
    dossier_id: n.id,
    seq: 1,
    at: n.submittedAt,
    actor_kind: n.submittedBy.kind,
    actor_id: entry.actorId,
    actor_name: entry.actorName,
    actor_role: entry.actorRole,
    action: entry.action,
    from_status: null,
    to_status: NationalStatus.NEW,
    data: entry.data,
    attachments: JSON.stringify(entry.attachments),
    prev_hash: GENESIS_HASH,
    hash,
  };
  const documents: Insertable<DB['dossier_documents']>[] = n.documents.map((x) => ({
    id: crypto.randomUUID(),
    dossier_id: n.id,
    requirement_code: x.requirementCode,
    upload_id: x.uploadId ?? null,
    store_document_id: x.storeDocumentId ?? null,
    sha256: x.sha256,
    name: x.name,
    mime: x.mime,
    size: x.size,
    digitised: true,
    reused: x.source === 'store',
    from_store: x.source === 'store',
    source: x.source,
    created_at: n.submittedAt,
  }));
  const source = {
    id: n.id,
    code: n.code ?? '',
    status: NationalStatus.NEW,
    procedure_code: n.procedureCode,
    procedure_version: n.procedureVersion,
    case_code: n.caseCode,
    channel: n.channel,
    receiving_unit_id: n.receivingUnitId,
    competent_unit_id: n.competentUnitId,
  } satisfies EventSource;
  const event = buildEvent(source, { ...entry, hash }, null);
  // The components, the first log entry and — when the code is known — the event.
  if (documents.length > 0) writes.push(insertWrite('dossier_documents', documents));
  writes.push(insertWrite('dossier_actions', [logRow]));
  if (n.code)
    writes.push(
      insertWrite('outbox', [{ topic: DOSSIER_EVENT_TOPIC, dedupe_key: eventKey(event), payload: JSON.stringify(event) }], {
        doNothing: true,
        column: 'dedupe_key',
      }),
    );
  await deferWrites(tx, writes);
  // Otherwise the code and the event in one statement, the last of the creation: the event carries the code the counter gave.
  const code =
    n.code ?? (await assignDossierCode(tx, n.id, n.agencyCode, n.submittedAt, { topic: DOSSIER_EVENT_TOPIC, dedupeKey: eventKey(event), payload: event }));
  const withCode = { ...event, code };
  const created: CreatedDossier = { dossier: n, documentIds: documents.map((x) => x.id as string) };
  for (const subscriber of ctx.dossierSubscribers ?? []) await subscriber(tx, withCode, null, created);
  return { code, event: withCode };
}
