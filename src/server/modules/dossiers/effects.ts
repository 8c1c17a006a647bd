/**
 * What each dossier action does besides changing the status, on the dossier row locked by the transition path
 * (transition.ts): the workflow (tasks handed over, closed, reassigned), the clock (appointment, pauses, new
 * appointment), the result (signed at the leader's approval, published at issue, withdrawn when the dossier goes
 * back or ends), the components (scans, the owner's personal store). An effect never writes the dossier's status:
 * it returns the other columns to change (`patch`) and what the action log records (`log`), and the transition
 * path writes them together.
 */
import crypto from 'node:crypto';
import { addWorkingMinutes, dueDate, toLocal, workingMinutesBetween, type WorkCalendar } from '../../../core/deadlines/deadlines.ts';
import { applicableTimeLimit, type OnlineTimeLimitRule } from '../../../core/deadlines/online-time-limit.ts';
import type { WorkflowStep } from '../../../core/catalogue/schema.ts';
import type { DossierAction } from '../../../core/dossiers/transitions.ts';
import type { NationalStatus as Status } from '../../../core/dossiers/status.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { kysely, sql, type DB, type Selectable, type Updateable } from '../../db/kysely.ts';
import { AppError } from '../../http/errors.ts';
import { hasUnpublishedResult, publishDossierResult, signDossierResult, storeComponents, withdrawUnpublished } from '../results/index.ts';
import { routeUnits, type OrgTree } from '../officials/index.ts';
import { closeTask, officialName, openTask, type TaskRow } from './tasks.ts';
import type { LinkedAnswer, TransitionInput } from './transition-input.ts';

/** The dossier row as the transition path locks it (the generated schema's row, its status a national status). */
export type DossierRow = Omit<Selectable<DB['dossiers']>, 'status'> & { status: Status };

/** The columns an effect may change (never the status: the transition path sets it). */
export type DossierPatch = Pick<
  Updateable<DB['dossiers']>,
  | 'sub_state'
  | 'received_at'
  | 'due_at'
  | 'original_due_at'
  | 'unit_ids'
  | 'register_book'
  | 'register_no'
  | 'refused_at'
  | 'finished_at'
  | 'returned_at'
  | 'supplement_requests'
  | 'reschedules'
  | 'paused_since'
  | 'current_task_id'
  | 'payment_state'
  | 'payment_due'
  | 'delivery'
  | 'delivery_state'
>;

/** What the engine needs of the dossier's procedure case. */
export interface CaseRules {
  steps: readonly WorkflowStep[];
  timeLimit: { amount: number; unit: 'working_days' | 'working_hours' | 'calendar_days' | 'months'; sameDayRule: boolean };
  /** Shorter time limits for online dossiers, by period (src/core/deadlines/online-time-limit.ts). */
  onlineTimeLimits?: readonly OnlineTimeLimitRule[];
}

export interface Attachment {
  name: string;
  sha256?: string;
  uploadId?: string;
  storeDocumentId?: string;
  kind?: string;
}

export interface Outcome {
  patch: DossierPatch;
  /** The appointment after the action, when it moved. */
  dueAt?: Date | null;
  log: Record<string, unknown>;
  attachments?: Attachment[];
}

/** Who acts, as the effects need it: the official (handovers name them) or someone else. */
export interface EffectActor {
  kind: 'citizen' | 'official' | 'system' | 'public';
  id: string;
  name: string;
}

export interface EffectEnv {
  tx: Queryable;
  ctx: AppContext;
  tree: OrgTree;
  calendar: WorkCalendar;
  rules: CaseRules;
  d: DossierRow;
  task: TaskRow | null;
  actor: EffectActor;
  at: Date;
}

type EffectOf<A extends DossierAction> = (e: EffectEnv, input: Extract<TransitionInput, { action: A }>) => Promise<Outcome>;
type Effects = { [A in Exclude<DossierAction, 'submit'>]: EffectOf<A> };

const officialId = (e: EffectEnv) => (e.actor.kind === 'official' ? e.actor.id : null);
const counterName = (e: EffectEnv) => e.tree.units.get(e.d.receiving_unit_id)?.name ?? '';
const route = (e: EffectEnv) => ({
  id: e.d.id,
  receivingUnitId: e.d.receiving_unit_id,
  competentUnitId: e.d.competent_unit_id,
  dueAt: e.d.due_at ? new Date(e.d.due_at) : null,
});
const iso = (x: Date | string) => new Date(x).toISOString();

const linkedLog = (input: LinkedAnswer) => ({
  agency: input.agency,
  ...(input.reference ? { reference: input.reference } : {}),
  ...(input.handoffId ? { handoffId: input.handoffId } : {}),
  ...(input.bundleCode ? { bundleCode: input.bundleCode } : {}),
});

/** Hands the dossier from the open task to the step at `index`; returns the log data of the handover. */
async function handOver(e: EffectEnv, index: number, outcome: string, opts: { preferAssignee?: string | null; dueAt?: Date | null } = {}) {
  if (e.task) await closeTask(e.tx, e.task.id, e.at, officialId(e), outcome);
  const next = await openTask(
    e.tx,
    { ...route(e), dueAt: opts.dueAt ?? route(e).dueAt },
    {
      tree: e.tree,
      calendar: e.calendar,
      steps: e.rules.steps,
      stepIndex: index,
      at: e.at,
      preferAssignee: opts.preferAssignee,
    },
  );
  return {
    from: e.task ? { taskSeq: e.task.seq, stepKey: e.task.step_key, stepName: e.task.step_name, unitId: e.task.unit_id, dueAt: iso(e.task.due_at) } : null,
    to: {
      taskSeq: next.seq,
      stepKey: next.step_key,
      stepName: next.step_name,
      unitId: next.unit_id,
      unitName: next.unitName,
      assigneeId: next.assignee_id,
      assigneeName: await officialName(e.tx, next.assignee_id),
      dueAt: iso(next.due_at),
    },
  };
}

/** The dossier leaves the workflow (refused, stopped, withdrawn, returned): its open task and any pause end now. */
async function leaveWorkflow(e: EffectEnv, outcome: string): Promise<DossierPatch> {
  if (e.task) await closeTask(e.tx, e.task.id, e.at, officialId(e), outcome);
  await kysely(e.tx).updateTable('dossier_pauses').set({ ended_at: e.at }).where('dossier_id', '=', e.d.id).where('ended_at', 'is', null).execute();
  return { current_task_id: null, paused_since: null };
}

async function startPause(e: EffectEnv, kind: 'supplement' | 'financial_obligation', reason: string): Promise<DossierPatch> {
  await kysely(e.tx).insertInto('dossier_pauses').values({ dossier_id: e.d.id, kind, started_at: e.at, reason, due_before: e.d.due_at }).execute();
  return { paused_since: e.at };
}

/** Ends the open pause: the dossier's and the open step's due times move by exactly the working time paused. */
async function endPause(e: EffectEnv) {
  const db = kysely(e.tx);
  const pause = await db
    .selectFrom('dossier_pauses')
    .select(['id', 'started_at'])
    .where('dossier_id', '=', e.d.id)
    .where('ended_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const due = e.d.due_at ? new Date(e.d.due_at) : null;
  if (!pause) return { patch: {} as DossierPatch, log: { pausedWorkingMinutes: 0, dueBefore: due && iso(due), dueAfter: due && iso(due) }, dueAt: due };
  const minutes = workingMinutesBetween(new Date(pause.started_at), e.at, e.calendar);
  const dueAfter = due && minutes > 0 ? addWorkingMinutes(due, minutes, e.calendar) : due;
  await db.updateTable('dossier_pauses').set({ ended_at: e.at, due_after: dueAfter }).where('id', '=', pause.id).execute();
  if (e.task && minutes > 0)
    await db
      .updateTable('dossier_tasks')
      .set({ due_at: addWorkingMinutes(new Date(e.task.due_at), minutes, e.calendar) })
      .where('id', '=', e.task.id)
      .execute();
  return {
    patch: { paused_since: null, due_at: dueAfter } as DossierPatch,
    log: { pausedWorkingMinutes: minutes, dueBefore: due && iso(due), dueAfter: dueAfter && iso(dueAfter) },
    dueAt: dueAfter,
  };
}

/** The uploads of the given owner behind the components (each must be theirs), in the order given. */
export async function resolveUploads(
  tx: Queryable,
  documents: readonly { requirementCode: string; uploadId: string }[],
  owner: { kind: 'official' | 'citizen'; id: string },
): Promise<{ requirementCode: string; uploadId: string; sha256: string; name: string; mime: string; size: number }[]> {
  if (documents.length === 0) return [];
  const rows = await kysely(tx)
    .selectFrom('uploads')
    .select(['id', 'sha256', 'original_name', 'mime', 'size'])
    .where(
      'id',
      'in',
      documents.map((x) => x.uploadId),
    )
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return documents.map((doc) => {
    const u = byId.get(doc.uploadId);
    if (!u) throw new AppError('DOCUMENT_INVALID', 'Tệp đính kèm không hợp lệ hoặc không do bạn tải lên. Vui lòng tải lên lại.', 422);
    return { requirementCode: doc.requirementCode, uploadId: u.id, sha256: u.sha256, name: u.original_name, mime: u.mime, size: Number(u.size) };
  });
}

/** Attaches uploads of the given owner as components of an existing dossier (a supplement online or at the counter). */
async function attachUploads(
  e: EffectEnv,
  documents: readonly { requirementCode: string; uploadId: string }[],
  owner: { kind: 'official' | 'citizen'; id: string },
): Promise<Attachment[]> {
  const resolved = await resolveUploads(e.tx, documents, owner);
  if (resolved.length > 0) {
    await kysely(e.tx)
      .insertInto('dossier_documents')
      .values(
        resolved.map((u) => ({
          id: crypto.randomUUID(),
          dossier_id: e.d.id,
          requirement_code: u.requirementCode,
          upload_id: u.uploadId,
          sha256: u.sha256,
          name: u.name,
          mime: u.mime,
          size: u.size,
          digitised: true,
          reused: false,
          from_store: false,
          source: 'supplement',
          created_at: e.at,
        })),
      )
      .execute();
  }
  return resolved.map((u) => ({ name: u.name, sha256: u.sha256, uploadId: u.uploadId, kind: u.requirementCode }));
}

async function signResult(e: EffectEnv) {
  const r = await signDossierResult(e.tx, e.ctx, e.tree, { dossierId: e.d.id, at: e.at, signer: { id: e.actor.id, name: e.actor.name } });
  return { id: r.id, number: r.number, title: r.title, sha256: r.sha256 };
}

async function isMember(tx: Queryable, officialId: string, unitId: string, role: TaskRow['role']): Promise<boolean> {
  const row = await kysely(tx)
    .selectFrom('official_memberships as m')
    .innerJoin('officials as o', (j) => j.onRef('o.id', '=', 'm.official_id').on('o.active', '=', true))
    .select('m.official_id')
    .where('m.official_id', '=', officialId)
    .where('m.unit_id', '=', unitId)
    .where('m.role', '=', role)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Acceptance: the clock starts now (valid receipt), the appointment comes from the deadline engine, the dossier
 * gets its register number and its route (every step's unit), the reception step is recorded as done by this
 * officer, and the dossier is handed to the next step at once (electronic transfer).
 */
async function accept(e: EffectEnv): Promise<Outcome> {
  // An online dossier of a case with a shorter online time limit in force on its submission day is counted under it.
  const tl = applicableTimeLimit(e.rules, e.d.channel, toLocal(new Date(e.d.submitted_at)).day);
  const due = dueDate({ from: e.at, amount: tl.amount, unit: tl.unit, sameDayRule: tl.sameDayRule }, e.calendar);
  const units = routeUnits(e.tree, e.rules.steps, { receivingUnitId: e.d.receiving_unit_id, competentUnitId: e.d.competent_unit_id });
  const book = Number(toLocal(e.at).day.slice(0, 4));
  const { last_value: registerNo } = await kysely(e.tx)
    .insertInto('register_counters')
    .values({ unit_id: e.d.receiving_unit_id, book, last_value: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'book']).doUpdateSet({ last_value: sql<number>`register_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  const r = { ...route(e), dueAt: due };
  const reception = await openTask(e.tx, r, {
    tree: e.tree,
    calendar: e.calendar,
    steps: e.rules.steps,
    stepIndex: 0,
    at: e.at,
    startedAt: new Date(Math.min(new Date(e.d.submitted_at).getTime(), e.at.getTime())),
    preferAssignee: e.actor.id,
    completed: { at: e.at, by: e.actor.id, outcome: 'received' },
  });
  const next = await openTask(e.tx, r, { tree: e.tree, calendar: e.calendar, steps: e.rules.steps, stepIndex: 1, at: e.at });
  // The accepted components join the owner's personal document store (scans marked as converted from paper).
  await storeComponents(e.tx, e.ctx, e.d.id, e.at, counterName(e));
  return {
    patch: { sub_state: 'received', received_at: e.at, due_at: due, original_due_at: due, unit_ids: units, register_book: book, register_no: registerNo },
    dueAt: due,
    log: {
      dueAt: due.toISOString(),
      ...(tl.online ? { timeLimit: { amount: tl.amount, unit: tl.unit, online: tl.online } } : {}),
      form: 'mau-01',
      register: { book, number: registerNo },
      handover: {
        from: { taskSeq: reception.seq, stepKey: reception.step_key, stepName: reception.step_name, unitId: reception.unit_id, dueAt: iso(reception.due_at) },
        to: {
          taskSeq: next.seq,
          stepKey: next.step_key,
          stepName: next.step_name,
          unitId: next.unit_id,
          unitName: next.unitName,
          assigneeId: next.assignee_id,
          assigneeName: await officialName(e.tx, next.assignee_id),
          dueAt: iso(next.due_at),
        },
      },
    },
  };
}

export const EFFECTS: Effects = {
  accept,

  request_completion: async (_e, input) => ({
    patch: { sub_state: 'completion_requested' },
    log: { items: input.items ?? [], form: 'mau-02', stage: 'reception' },
  }),

  refuse: async (e) => ({ patch: { ...(await leaveWorkflow(e, 'refused')), sub_state: null, refused_at: e.at, finished_at: e.at }, log: { form: 'mau-03' } }),

  forward: async (e) => {
    // The leader's approval signs the result (the agency's certificate); the clerk then issues it.
    const result = e.task!.role === 'leader' ? await signResult(e) : null;
    const handover = await handOver(e, e.task!.step_index + 1, 'forwarded');
    return { patch: { sub_state: 'processing' }, log: { handover, ...(result ? { result } : {}) } };
  },

  send_back: async (e, input) => {
    const previous = await kysely(e.tx)
      .selectFrom('dossier_tasks')
      .select('completed_by')
      .where('dossier_id', '=', e.d.id)
      .where('step_index', '=', e.task!.step_index - 1)
      .where('completed_at', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    await withdrawUnpublished(e.tx, e.d.id, e.at, `Hồ sơ được trả lại để xử lý lại: ${input.reason}`.trim());
    const handover = await handOver(e, e.task!.step_index - 1, 'sent_back', { preferAssignee: previous?.completed_by });
    return { patch: {}, log: { handover } };
  },

  request_supplement: async (e, input) => ({
    patch: { ...(await startPause(e, 'supplement', input.reason)), sub_state: 'supplement_requested', supplement_requests: e.d.supplement_requests + 1 },
    log: { items: input.items ?? [], form: 'mau-02', stage: 'processing', taskSeq: e.task?.seq },
  }),

  provide_supplement: async (e, input) => {
    const online = e.actor.kind === 'citizen';
    const attachments = await attachUploads(e, input.documents, { kind: online ? 'citizen' : 'official', id: e.actor.id });
    const clock = await endPause(e);
    await storeComponents(e.tx, e.ctx, e.d.id, e.at, counterName(e));
    return {
      patch: { ...clock.patch, sub_state: 'processing' },
      dueAt: clock.dueAt,
      log: { channel: online ? 'online' : 'counter', ...clock.log },
      attachments,
    };
  },

  request_payment: async (e, input) => {
    const amount = input.amount ?? e.d.fee_total;
    if (!(amount > 0)) throw new AppError('AMOUNT_REQUIRED', 'Hồ sơ chưa có khoản phí, lệ phí nào phải nộp. Vui lòng nhập số tiền.', 400);
    const pause = await startPause(e, 'financial_obligation', input.reason ?? 'Yêu cầu thực hiện nghĩa vụ tài chính');
    return { patch: { ...pause, sub_state: 'awaiting_payment', payment_state: 'requested', payment_due: amount }, log: { amount } };
  },

  // The ledger (intent, receipt) is written by the caller in the same transaction and recorded through `record`.
  record_payment: async (e, input) => {
    const resumes = e.d.status === 6;
    const clock = resumes ? await endPause(e) : null;
    return {
      patch: resumes ? { ...clock!.patch, sub_state: 'processing', payment_state: 'paid' } : {},
      dueAt: clock?.dueAt,
      log: {
        amount: input.payment.amount,
        method: input.payment.method,
        ...('receiptNumber' in input.payment ? { receiptNumber: input.payment.receiptNumber ?? null } : {}),
        ...(clock?.log ?? {}),
      },
    };
  },

  reschedule: async (e, input) => {
    const current = e.d.due_at ? new Date(e.d.due_at) : null;
    const next = new Date(input.newDueAt);
    if (Number.isNaN(next.getTime())) throw new AppError('NEW_DUE_REQUIRED', 'Vui lòng chọn ngày hẹn trả mới.', 400);
    if (current && next <= current) throw new AppError('NEW_DUE_NOT_LATER', 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại.', 400);
    if (current && e.at > current)
      throw new AppError('ALREADY_OVERDUE', 'Văn bản xin lỗi và hẹn lại phải gửi trước thời hạn trả kết quả; hồ sơ đã quá hạn.', 409);
    return {
      patch: { reschedules: e.d.reschedules + 1, due_at: next },
      dueAt: next,
      log: { form: 'mau-04', dueBefore: current && iso(current), dueAfter: iso(next) },
    };
  },

  stop: async (e, input) => {
    await withdrawUnpublished(e.tx, e.d.id, e.at, `Dừng giải quyết hồ sơ: ${input.reason}`.trim());
    return { patch: { ...(await leaveWorkflow(e, 'stopped')), sub_state: null, finished_at: e.at }, log: { form: 'mau-05' } };
  },

  withdraw: async (e, input) => {
    // At the counter, the scan of the citizen's written request goes with the entry (not a component of the dossier).
    const request =
      e.actor.kind === 'official' && 'documents' in input && input.documents
        ? await resolveUploads(e.tx, input.documents, { kind: 'official', id: e.actor.id })
        : [];
    await withdrawUnpublished(e.tx, e.d.id, e.at, 'Công dân rút hồ sơ.');
    return {
      patch: { ...(await leaveWorkflow(e, 'withdrawn')), sub_state: null, finished_at: e.d.finished_at ?? e.at },
      log: { channel: e.actor.kind === 'citizen' ? 'online' : 'counter' },
      attachments: request.map((u) => ({ name: u.name, sha256: u.sha256, uploadId: u.uploadId, kind: 'withdrawal-request' })),
    };
  },

  issue_result: async (e) => {
    // A workflow without a leader's signing step is signed here, with the issuing agency's certificate.
    const signed = (await hasUnpublishedResult(e.tx, e.d.id)) ? null : await signResult(e);
    const published = await publishDossierResult(e.tx, e.d.id, e.at);
    const handover = await handOver(e, e.task!.step_index + 1, 'result_issued');
    return {
      patch: { sub_state: 'awaiting_return', finished_at: e.at },
      log: { handover, ...(published ? { result: { id: published.id, number: published.number, title: published.title, signedNow: signed !== null } } : {}) },
    };
  },

  return_result: async (e, input) => {
    const handover = e.task
      ? { from: { taskSeq: e.task.seq, stepKey: e.task.step_key, stepName: e.task.step_name, unitId: e.task.unit_id, dueAt: iso(e.task.due_at) }, to: null }
      : null;
    const leave = await leaveWorkflow(e, 'result_returned');
    const record = { ...input.delivery, at: e.at.toISOString(), officialId: e.actor.id, officialName: e.actor.name };
    return { patch: { ...leave, sub_state: null, returned_at: e.at, delivery: record, delivery_state: 'delivered' }, log: { delivery: record, handover } };
  },

  // Liên thông: the member dossier (or the bundle's parent) is received by the other agency, and its result recorded.
  record_linked_receipt: async (e, input) => {
    const due = dueDate({ from: e.at, amount: input.timeLimit.amount, unit: input.timeLimit.unit, sameDayRule: false }, e.calendar);
    return {
      patch: { sub_state: 'linked', received_at: e.at, due_at: due, original_due_at: due },
      dueAt: due,
      log: { dueAt: due.toISOString(), linked: linkedLog(input) },
    };
  },

  record_linked_result: async (e, input) => ({
    patch: { ...(await leaveWorkflow(e, 'linked_result')), sub_state: null, finished_at: e.at },
    log: { linked: { ...linkedLog(input), ...(input.resultNumber ? { resultNumber: input.resultNumber } : {}) } },
  }),

  reassign: async (e, input) => {
    const to = input.assigneeId;
    if (!(await isMember(e.tx, to, e.task!.unit_id, e.task!.role))) {
      throw new AppError('ASSIGNEE_INVALID', 'Cán bộ được chọn không thuộc đơn vị hoặc không có vai trò thực hiện bước này.', 400);
    }
    await kysely(e.tx).updateTable('dossier_tasks').set({ assignee_id: to, assigned_by: e.actor.id }).where('id', '=', e.task!.id).execute();
    return {
      patch: {},
      log: {
        taskSeq: e.task!.seq,
        stepName: e.task!.step_name,
        fromAssigneeId: e.task!.assignee_id,
        toAssigneeId: to,
        toAssigneeName: await officialName(e.tx, to),
      },
    };
  },

  rate: async (e, input) => {
    await kysely(e.tx)
      .insertInto('dossier_ratings')
      .values({
        dossier_id: e.d.id,
        rating: input.rating,
        comment: input.comment || null,
        channel: input.channel,
        rated_by: `${e.actor.kind}:${e.actor.id}`,
        rated_at: e.at,
      })
      .execute();
    // Every official who handled the dossier: task assignees and finishers, and the counter official of an intake.
    await e.tx.query(
      `INSERT INTO dossier_rating_officials (dossier_id, official_id)
       SELECT $1, o.id FROM officials o WHERE o.id IN (
         SELECT completed_by FROM dossier_tasks WHERE dossier_id = $1 AND completed_by IS NOT NULL
         UNION SELECT assignee_id FROM dossier_tasks WHERE dossier_id = $1 AND assignee_id IS NOT NULL
         UNION SELECT (intake ->> 'officialId')::uuid FROM dossiers WHERE id = $1 AND intake ->> 'officialId' ~ '^[0-9a-f-]{36}$')
       ON CONFLICT DO NOTHING`,
      [e.d.id],
    );
    return { patch: {}, log: { rating: input.rating, channel: input.channel } };
  },

  // The stamping, the signature and the store entry were done by the self-digitisation module in this transaction;
  // the entry records which component, the two files' hashes, the certificate and the unit.
  confirm_original: async (_e, input) => ({
    patch: {},
    log: {
      component: { documentId: input.documentId, requirementCode: input.requirementCode, name: input.name },
      photoSha256: input.photoSha256,
      markedSha256: input.markedSha256,
      certificate: input.certificate,
      unitId: input.unitId,
      storeDocumentId: input.storeDocumentId,
    },
    attachments: [{ name: input.name, sha256: input.markedSha256, kind: input.requirementCode }],
  }),
};
