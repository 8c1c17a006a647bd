/**
 * The back-office action engine: every staff action on a dossier goes through performAction, which locks the
 * dossier row, decides permission in one place (src/core/workflow/permissions.ts), applies the one-stop rules
 * (src/core/dossiers/transitions.ts), moves the workflow (tasks), keeps the clock (due dates, pauses, new
 * appointment), appends the hash-chained log entry and queues the citizen's notification — all in one transaction.
 */
import { addWorkingMinutes, dueDate, workingMinutesBetween, type WorkCalendar } from '../../../core/deadlines/deadlines.ts';
import type { WorkflowStep } from '../../../core/catalogue/schema.ts';
import { NationalStatus, type NationalStatus as Status } from '../../../core/dossiers/status.ts';
import { authorize, type DossierForAuth, type StaffAction } from '../../../core/workflow/permissions.ts';
import { stepKind } from '../../../core/workflow/steps.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { getVersion } from '../catalogue/index.ts';
import { appendAction } from '../dossiers/index.ts';
import { MAIL_TOPIC } from '../notifications/index.ts';
import { recordCounterPaymentInTx, refundDossierInTx } from '../payments/index.ts';
import { cachedCalendar } from '../reference/index.ts';
import { hasUnpublishedResult, prepareSigning, publishDossierResult, signDossierResult, storeComponents, withdrawUnpublished } from '../results/index.ts';
import { routeUnits, type OrgTree, type Staff } from '../officials/index.ts';
import { closeTask, loadTask, officialName, openTask, type TaskRow } from './tasks.ts';

export interface DossierLockRow {
  id: string;
  code: string;
  status: Status;
  procedure_code: string;
  procedure_version: number;
  case_code: string;
  receiving_unit_id: string;
  competent_unit_id: string | null;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  original_due_at: Date | null;
  supplement_requests: number;
  reschedules: number;
  paused_since: Date | null;
  unit_ids: string[];
  current_task_id: string | null;
  fee_total: number;
  payment_state: string;
}

export interface SupplementItem {
  name: string;
  reason: string;
}

export interface ActionInput {
  reason?: string;
  note?: string;
  /** Components to supplement or complete (Mẫu 02). */
  items?: SupplementItem[];
  /** New appointment (Mẫu 04), an instant. */
  newDueAt?: Date;
  /** Reassign to this official. */
  assigneeId?: string;
  /** Counter payment. */
  payment?: { amount: number; method: 'cash' | 'card'; receiptNumber?: string };
  /** Documents brought to the counter as the supplement (scans uploaded by the official). */
  documents?: { requirementCode: string; uploadId: string }[];
  /** Result number (số, ký hiệu) given by the clerk. */
  resultNumber?: string;
  /** How the result was returned. */
  delivery?: { method: 'in_person' | 'post' | 'electronic'; receiverName?: string; receiverIdNumber?: string; waybill?: string };
}

export interface ActionResult {
  status: Status;
  dueAt: string | null;
  task: { stepName: string; unitId: string; assigneeId: string | null; assigneeName: string | null; dueAt: string } | null;
}

/** What the engine needs of the dossier's procedure case. */
export interface CaseRules {
  steps: readonly WorkflowStep[];
  timeLimit: { amount: number; unit: 'working_days' | 'working_hours' | 'calendar_days' | 'months'; sameDayRule: boolean };
}

export async function caseRules(ctx: AppContext, d: { procedure_code: string; procedure_version: number; case_code: string }): Promise<CaseRules> {
  const version = await getVersion(ctx.db, d.procedure_code, d.procedure_version);
  const kase = version.definition.cases.find((c) => c.code === d.case_code);
  if (!kase) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp của thủ tục.', 409);
  return { steps: kase.workflow, timeLimit: kase.timeLimit };
}

export function authView(d: DossierLockRow, task: TaskRow | null, steps: readonly WorkflowStep[], tree: OrgTree): DossierForAuth {
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

const LOG_ACTION: Record<StaffAction, string> = {
  accept: 'received',
  request_completion: 'completion_requested',
  refuse: 'refused',
  forward: 'forwarded',
  send_back: 'sent_back',
  request_supplement: 'supplement_requested',
  record_supplement: 'supplement_provided',
  request_payment: 'payment_requested',
  record_payment: 'paid',
  reschedule: 'rescheduled',
  stop: 'stopped',
  record_withdrawal: 'withdrawal_requested',
  issue_result: 'result_issued',
  return_result: 'result_returned',
  reassign: 'reassigned',
};

/** Actions the citizen is told about by e-mail (the others are internal handovers). */
const NOTIFY: ReadonlySet<StaffAction> = new Set([
  'accept', 'request_completion', 'refuse', 'request_supplement', 'record_supplement', 'request_payment', 'record_payment', 'reschedule', 'stop',
  'record_withdrawal', 'issue_result', 'return_result',
]);

export async function performAction(ctx: AppContext, staff: Staff, dossierId: string, action: StaffAction, input: ActionInput = {}): Promise<ActionResult> {
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const head = (await ctx.db.query<{ procedure_code: string; procedure_version: number; case_code: string }>(
    'SELECT procedure_code, procedure_version, case_code FROM dossiers WHERE id = $1',
    [dossierId],
  )).rows[0];
  if (!head) throw notFound('Không tìm thấy hồ sơ.');
  const rules = await caseRules(ctx, head);
  const calendar = await cachedCalendar(ctx.db);
  if (action === 'forward' || action === 'issue_result') await prepareSigning(ctx, staff.tree, dossierId);
  return ctx.db.transaction((tx) => performActionInTx(tx, { ctx, staff, rules, calendar }, dossierId, action, input));
}

/** The same inside the caller's transaction (e.g. counter intake receives the dossier it has just created). */
export async function performActionInTx(
  tx: Queryable,
  env: { ctx: AppContext; staff: Staff; rules: CaseRules; calendar: WorkCalendar },
  dossierId: string,
  action: StaffAction,
  input: ActionInput = {},
): Promise<ActionResult> {
  const { ctx, staff, rules, calendar } = env;
  const d = (await tx.query<DossierLockRow>('SELECT * FROM dossiers WHERE id = $1 FOR UPDATE', [dossierId])).rows[0];
  if (!d) throw notFound('Không tìm thấy hồ sơ.');
  const task = await loadTask(tx, d.current_task_id);
  const auth = authorize(staff.auth, action, authView(d, task, rules.steps, staff.tree), input.reason ?? '');
  if (!auth.ok) throw new AppError(auth.code, auth.message, auth.status);
  const at = now();
  const apply = new Effects(tx, ctx, staff, d, task, rules, calendar, at);
  const outcome = await apply.run(action, input);
  await appendAction(tx, d.id, {
    actorKind: 'official',
    actorId: staff.actor.id,
    actorName: staff.actor.fullName,
    actorRole: auth.role,
    action: LOG_ACTION[action],
    fromStatus: d.status,
    toStatus: outcome.status,
    at,
    data: { ...(input.reason ? { reason: input.reason } : {}), ...(input.note ? { note: input.note } : {}), ...outcome.log },
    attachments: outcome.attachments,
  });
  if (NOTIFY.has(action)) {
    const note = input.reason ? `Lý do: ${input.reason}` : undefined;
    await enqueue(tx, MAIL_TOPIC, `mail:${LOG_ACTION[action]}:${d.id}:${at.getTime()}`, { dossierId: d.id, template: 'status', ...(note ? { note } : {}) });
  }
  const open = await loadTask(tx, (await tx.query<{ current_task_id: string | null }>('SELECT current_task_id FROM dossiers WHERE id = $1', [d.id])).rows[0].current_task_id);
  return {
    status: outcome.status,
    dueAt: outcome.dueAt ? outcome.dueAt.toISOString() : d.due_at ? new Date(d.due_at).toISOString() : null,
    task: open
      ? { stepName: open.step_name, unitId: open.unit_id, assigneeId: open.assignee_id, assigneeName: await officialName(tx, open.assignee_id), dueAt: new Date(open.due_at).toISOString() }
      : null,
  };
}

/** Ends the open pause: the dossier's and the open step's due times move by exactly the working time paused. */
export async function endPause(tx: Queryable, d: Pick<DossierLockRow, 'id' | 'due_at'>, task: TaskRow | null, at: Date, calendar: WorkCalendar) {
  const pause = (await tx.query<{ id: number; started_at: Date }>('SELECT id, started_at FROM dossier_pauses WHERE dossier_id = $1 AND ended_at IS NULL ORDER BY id DESC LIMIT 1', [d.id])).rows[0];
  const due = d.due_at ? new Date(d.due_at) : null;
  if (!pause) return { pausedMinutes: 0, dueBefore: due?.toISOString() ?? null, dueAfter: due?.toISOString() ?? null, dueAt: due };
  const minutes = workingMinutesBetween(new Date(pause.started_at), at, calendar);
  const dueAfter = due && minutes > 0 ? addWorkingMinutes(due, minutes, calendar) : due;
  await tx.query('UPDATE dossier_pauses SET ended_at = $2, due_after = $3 WHERE id = $1', [pause.id, at, dueAfter]);
  await tx.query('UPDATE dossiers SET paused_since = NULL, due_at = $2 WHERE id = $1', [d.id, dueAfter]);
  if (task && minutes > 0) await tx.query('UPDATE dossier_tasks SET due_at = $2 WHERE id = $1', [task.id, addWorkingMinutes(new Date(task.due_at), minutes, calendar)]);
  return { pausedMinutes: minutes, dueBefore: due?.toISOString() ?? null, dueAfter: dueAfter?.toISOString() ?? null, dueAt: dueAfter };
}

/**
 * A dossier waiting in status 6 has been paid (at the counter, or online through a verified gateway callback):
 * the financial-obligation pause ends and processing resumes. The one code path for both.
 */
export async function resumeAfterPayment(tx: Queryable, d: Pick<DossierLockRow, 'id' | 'due_at'>, task: TaskRow | null, at: Date, calendar: WorkCalendar) {
  const clock = await endPause(tx, d, task, at, calendar);
  await tx.query(
    "UPDATE dossiers SET status = $2, updated_at = $3, row_version = row_version + 1, sub_state = 'processing', payment_state = 'paid' WHERE id = $1",
    [d.id, NationalStatus.PROCESSING, at],
  );
  return clock;
}

/** Attaches uploads of the given owner as dossier components (scans at the counter, a citizen's supplement). */
export async function attachUploads(
  tx: Queryable,
  dossierId: string,
  documents: readonly { requirementCode: string; uploadId: string }[],
  owner: { kind: 'official' | 'citizen'; id: string },
  source: 'scan' | 'supplement' | 'upload',
  at: Date,
) {
  if (documents.length === 0) return [];
  const { rows } = await tx.query<{ id: string; sha256: string; original_name: string; mime: string; size: number }>(
    'SELECT id, sha256, original_name, mime, size FROM uploads WHERE id = ANY($1::uuid[]) AND owner_kind = $2 AND owner_id = $3',
    [documents.map((x) => x.uploadId), owner.kind, owner.id],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: { name: string; sha256: string; uploadId: string; kind: string }[] = [];
  for (const doc of documents) {
    const u = byId.get(doc.uploadId);
    if (!u) throw new AppError('DOCUMENT_INVALID', 'Tệp đính kèm không hợp lệ hoặc không do bạn tải lên. Vui lòng tải lên lại.', 422);
    await tx.query(
      `INSERT INTO dossier_documents (id, dossier_id, requirement_code, upload_id, sha256, name, mime, size, digitised, reused, from_store, source, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, true, false, false, $8, $9)`,
      [dossierId, doc.requirementCode, u.id, u.sha256, u.original_name, u.mime, u.size, source, at],
    );
    out.push({ name: u.original_name, sha256: u.sha256, uploadId: u.id, kind: doc.requirementCode });
  }
  return out;
}

interface Outcome {
  status: Status;
  dueAt?: Date | null;
  log: Record<string, unknown>;
  attachments?: { name: string; sha256?: string; uploadId?: string; kind?: string }[];
}

/** The effects of one action on a locked dossier. */
class Effects {
  constructor(
    private readonly tx: Queryable,
    private readonly ctx: AppContext,
    private readonly staff: Staff,
    private readonly d: DossierLockRow,
    private readonly task: TaskRow | null,
    private readonly rules: CaseRules,
    private readonly calendar: WorkCalendar,
    private readonly at: Date,
  ) {}

  private get route() {
    return { id: this.d.id, receivingUnitId: this.d.receiving_unit_id, competentUnitId: this.d.competent_unit_id, dueAt: this.d.due_at ? new Date(this.d.due_at) : null };
  }

  private async setStatus(status: Status, extra = '', params: unknown[] = []): Promise<void> {
    await this.tx.query(`UPDATE dossiers SET status = $2, updated_at = $3, row_version = row_version + 1${extra} WHERE id = $1`, [this.d.id, status, this.at, ...params]);
  }

  /** Hands the dossier from the open task to the step at `index`; returns the log data of the handover. */
  private async handOver(index: number, outcome: string, opts: { preferAssignee?: string | null; dueAt?: Date | null } = {}) {
    if (this.task) await closeTask(this.tx, this.task.id, this.at, this.staff.actor.id, outcome);
    const next = await openTask(this.tx, { ...this.route, dueAt: opts.dueAt ?? this.route.dueAt }, {
      tree: this.staff.tree, calendar: this.calendar, steps: this.rules.steps, stepIndex: index, at: this.at, preferAssignee: opts.preferAssignee,
    });
    return {
      from: this.task ? { taskSeq: this.task.seq, stepKey: this.task.step_key, stepName: this.task.step_name, unitId: this.task.unit_id, dueAt: new Date(this.task.due_at).toISOString() } : null,
      to: { taskSeq: next.seq, stepKey: next.step_key, stepName: next.step_name, unitId: next.unit_id, unitName: next.unitName, assigneeId: next.assignee_id, assigneeName: await officialName(this.tx, next.assignee_id), dueAt: new Date(next.due_at).toISOString() },
    };
  }

  /** Closes the open task and any open pause: the dossier leaves the workflow (refused, stopped, withdrawn, returned). */
  private async leaveWorkflow(outcome: string): Promise<void> {
    if (this.task) await closeTask(this.tx, this.task.id, this.at, this.staff.actor.id, outcome);
    await this.tx.query('UPDATE dossier_pauses SET ended_at = $2 WHERE dossier_id = $1 AND ended_at IS NULL', [this.d.id, this.at]);
    await this.tx.query('UPDATE dossiers SET current_task_id = NULL, paused_since = NULL WHERE id = $1', [this.d.id]);
  }

  private endPause() {
    return endPause(this.tx, this.d, this.task, this.at, this.calendar);
  }

  private async startPause(kind: 'supplement' | 'financial_obligation', reason: string): Promise<void> {
    await this.tx.query('INSERT INTO dossier_pauses (dossier_id, kind, started_at, reason, due_before) VALUES ($1, $2, $3, $4, $5)', [this.d.id, kind, this.at, reason, this.d.due_at]);
    await this.tx.query('UPDATE dossiers SET paused_since = $2 WHERE id = $1', [this.d.id, this.at]);
  }

  private attachScans(documents: NonNullable<ActionInput['documents']>, source: 'scan' | 'supplement') {
    return attachUploads(this.tx, this.d.id, documents, { kind: 'official', id: this.staff.actor.id }, source, this.at);
  }

  async run(action: StaffAction, input: ActionInput): Promise<Outcome> {
    const S = NationalStatus;
    switch (action) {
      case 'accept':
        return this.accept();
      case 'request_completion':
        await this.tx.query("UPDATE dossiers SET sub_state = 'completion_requested', updated_at = $2, row_version = row_version + 1 WHERE id = $1", [this.d.id, this.at]);
        return { status: this.d.status, log: { items: input.items ?? [], form: 'mau-02', stage: 'reception' } };
      case 'refuse':
        await this.leaveWorkflow('refused');
        await this.setStatus(S.NOT_RECEIVED, ", sub_state = NULL, refused_at = $3, finished_at = $3");
        return { status: S.NOT_RECEIVED, log: { form: 'mau-03', ...(await this.refundIfPaid(input.reason ?? 'Từ chối tiếp nhận hồ sơ')) } };
      case 'forward': {
        // The leader's approval signs the result (the agency's certificate); the clerk then issues it.
        const result = this.task!.role === 'leader' ? await this.signResult() : null;
        const handover = await this.handOver(this.task!.step_index + 1, 'forwarded');
        await this.setStatus(S.PROCESSING, ", sub_state = 'processing'");
        return { status: S.PROCESSING, log: { handover, ...(result ? { result } : {}) } };
      }
      case 'send_back': {
        const previous = (await this.tx.query<{ completed_by: string | null }>(
          'SELECT completed_by FROM dossier_tasks WHERE dossier_id = $1 AND step_index = $2 AND completed_at IS NOT NULL ORDER BY seq DESC LIMIT 1',
          [this.d.id, this.task!.step_index - 1],
        )).rows[0];
        await withdrawUnpublished(this.tx, this.d.id, this.at, `Hồ sơ được trả lại để xử lý lại: ${input.reason ?? ''}`.trim());
        const handover = await this.handOver(this.task!.step_index - 1, 'sent_back', { preferAssignee: previous?.completed_by });
        await this.setStatus(S.PROCESSING);
        return { status: S.PROCESSING, log: { handover } };
      }
      case 'request_supplement':
        await this.startPause('supplement', input.reason!);
        await this.setStatus(S.SUPPLEMENT_REQUESTED, ", sub_state = 'supplement_requested', supplement_requests = supplement_requests + 1");
        return { status: S.SUPPLEMENT_REQUESTED, log: { items: input.items ?? [], form: 'mau-02', stage: 'processing', taskSeq: this.task?.seq } };
      case 'record_supplement': {
        const attachments = await this.attachScans(input.documents ?? [], 'supplement');
        await storeComponents(this.tx, this.ctx, this.d.id, this.at, this.counterName());
        const clock = await this.endPause();
        await this.setStatus(S.PROCESSING, ", sub_state = 'processing'");
        return { status: S.PROCESSING, dueAt: clock.dueAt, log: { channel: 'counter', pausedWorkingMinutes: clock.pausedMinutes, dueBefore: clock.dueBefore, dueAfter: clock.dueAfter }, attachments };
      }
      case 'request_payment': {
        const amount = input.payment?.amount ?? this.d.fee_total;
        if (!(amount > 0)) throw new AppError('AMOUNT_REQUIRED', 'Hồ sơ chưa có khoản phí, lệ phí nào phải nộp. Vui lòng nhập số tiền.', 400);
        await this.startPause('financial_obligation', input.reason ?? 'Yêu cầu thực hiện nghĩa vụ tài chính');
        await this.setStatus(S.FINANCIAL_OBLIGATION, ", sub_state = 'awaiting_payment', payment_state = 'requested', payment_due = $4", [amount]);
        return { status: S.FINANCIAL_OBLIGATION, log: { amount } };
      }
      case 'record_payment': {
        const p = input.payment;
        if (!p || !(p.amount > 0)) throw new AppError('PAYMENT_INVALID', 'Vui lòng nhập số tiền đã thu và hình thức thu.', 400);
        // Counter payment (cash or card terminal): written to the payment ledger with its receipt, then the same
        // resumption as an online payment (resumeAfterPayment).
        const counter = await recordCounterPaymentInTx(this.tx, { dossierId: this.d.id, amount: p.amount, method: p.method, receiptNumber: p.receiptNumber, officialId: this.staff.actor.id, at: this.at });
        const clock = await resumeAfterPayment(this.tx, this.d, this.task, this.at, this.calendar);
        return { status: S.PROCESSING, dueAt: clock.dueAt, log: { amount: p.amount, method: p.method, receiptNumber: p.receiptNumber ?? null, paymentIntentId: counter.intentId, receipt: counter.receipt, pausedWorkingMinutes: clock.pausedMinutes, dueBefore: clock.dueBefore, dueAfter: clock.dueAfter } };
      }
      case 'reschedule': {
        const current = this.d.due_at ? new Date(this.d.due_at) : null;
        const next = input.newDueAt;
        if (!next || Number.isNaN(next.getTime())) throw new AppError('NEW_DUE_REQUIRED', 'Vui lòng chọn ngày hẹn trả mới.', 400);
        if (current && next <= current) throw new AppError('NEW_DUE_NOT_LATER', 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại.', 400);
        if (current && this.at > current) {
          throw new AppError('ALREADY_OVERDUE', 'Văn bản xin lỗi và hẹn lại phải gửi trước thời hạn trả kết quả; hồ sơ đã quá hạn.', 409);
        }
        await this.setStatus(this.d.status, ', reschedules = reschedules + 1, due_at = $4', [next]);
        return { status: this.d.status, dueAt: next, log: { form: 'mau-04', dueBefore: current?.toISOString() ?? null, dueAfter: next.toISOString() } };
      }
      case 'stop':
        await withdrawUnpublished(this.tx, this.d.id, this.at, `Dừng giải quyết hồ sơ: ${input.reason ?? ''}`.trim());
        await this.leaveWorkflow('stopped');
        await this.setStatus(S.STOPPED, ', sub_state = NULL, finished_at = $3');
        return { status: S.STOPPED, log: { form: 'mau-05', ...(await this.refundIfPaid(input.reason ?? 'Dừng giải quyết hồ sơ')) } };
      case 'record_withdrawal':
        await withdrawUnpublished(this.tx, this.d.id, this.at, 'Công dân rút hồ sơ.');
        await this.leaveWorkflow('withdrawn');
        await this.setStatus(S.WITHDRAWAL_REQUESTED, ', sub_state = NULL, finished_at = COALESCE(finished_at, $3)');
        return { status: S.WITHDRAWAL_REQUESTED, log: { channel: 'counter' } };
      case 'issue_result': {
        // A workflow without a leader's signing step is signed here, with the issuing agency's certificate.
        const signed = (await hasUnpublishedResult(this.tx, this.d.id)) ? null : await this.signResult();
        const published = await publishDossierResult(this.tx, this.d.id, this.at);
        const handover = await this.handOver(this.task!.step_index + 1, 'result_issued');
        await this.setStatus(S.RESULT_ISSUED, ", sub_state = 'awaiting_return', finished_at = $3");
        return {
          status: S.RESULT_ISSUED,
          log: { handover, ...(published ? { result: { id: published.id, number: published.number, title: published.title, signedNow: signed !== null } } : {}) },
        };
      }
      case 'return_result': {
        const delivery = input.delivery ?? { method: 'in_person' as const };
        if (delivery.method === 'in_person' && (!delivery.receiverName || !delivery.receiverIdNumber)) {
          throw new AppError('RECEIVER_REQUIRED', 'Trả kết quả trực tiếp: vui lòng ghi họ tên và số định danh của người nhận.', 400);
        }
        if (delivery.method === 'post' && !delivery.waybill) throw new AppError('WAYBILL_REQUIRED', 'Trả kết quả qua bưu chính: vui lòng nhập số vận đơn.', 400);
        const handover = this.task ? { from: { taskSeq: this.task.seq, stepKey: this.task.step_key, stepName: this.task.step_name, unitId: this.task.unit_id, dueAt: new Date(this.task.due_at).toISOString() }, to: null } : null;
        await this.leaveWorkflow('result_returned');
        const record = { ...delivery, at: this.at.toISOString(), officialId: this.staff.actor.id, officialName: this.staff.actor.fullName };
        await this.setStatus(S.RESULT_RETURNED, ", sub_state = NULL, returned_at = $3, delivery = $4, delivery_state = 'delivered'", [record]);
        return { status: S.RESULT_RETURNED, log: { delivery: record, handover } };
      }
      case 'reassign': {
        const to = input.assigneeId;
        if (!to || !(await this.isMember(to, this.task!.unit_id, this.task!.role))) {
          throw new AppError('ASSIGNEE_INVALID', 'Cán bộ được chọn không thuộc đơn vị hoặc không có vai trò thực hiện bước này.', 400);
        }
        await this.tx.query('UPDATE dossier_tasks SET assignee_id = $2, assigned_by = $3 WHERE id = $1', [this.task!.id, to, this.staff.actor.id]);
        return { status: this.d.status, log: { taskSeq: this.task!.seq, stepName: this.task!.step_name, fromAssigneeId: this.task!.assignee_id, toAssigneeId: to, toAssigneeName: await officialName(this.tx, to) } };
      }
    }
  }

  /** A refused or stopped dossier that was paid gets its money back (payment ledger, gateway refund). */
  private async refundIfPaid(reason: string): Promise<{ refunds?: { id: string; state: string; amount: number }[] }> {
    if (this.d.payment_state !== 'paid') return {};
    return { refunds: await refundDossierInTx(this.tx, this.d.id, reason, this.at) };
  }

  private async signResult() {
    const r = await signDossierResult(this.tx, this.ctx, this.staff.tree, { dossierId: this.d.id, at: this.at, signer: { id: this.staff.actor.id, name: this.staff.actor.fullName } });
    return { id: r.id, number: r.number, title: r.title, sha256: r.sha256 };
  }

  private counterName(): string {
    return this.staff.tree.units.get(this.d.receiving_unit_id)?.name ?? '';
  }

  private async isMember(officialId: string, unitId: string, role: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(officialId)) return false;
    const { rows } = await this.tx.query('SELECT 1 FROM official_memberships m JOIN officials o ON o.id = m.official_id AND o.active WHERE m.official_id = $1 AND m.unit_id = $2 AND m.role = $3', [
      officialId, unitId, role,
    ]);
    return rows.length > 0;
  }

  /**
   * Acceptance: the clock starts now (valid receipt), the appointment comes from the deadline engine, the dossier
   * gets its register number and its route (every step's unit), the reception step is recorded as done by this
   * officer, and the dossier is handed to the next step at once (electronic transfer).
   */
  private async accept(): Promise<Outcome> {
    const tl = this.rules.timeLimit;
    const due = dueDate({ from: this.at, amount: tl.amount, unit: tl.unit, sameDayRule: tl.sameDayRule }, this.calendar);
    const units = routeUnits(this.staff.tree, this.rules.steps, { receivingUnitId: this.d.receiving_unit_id, competentUnitId: this.d.competent_unit_id });
    const book = Number(new Date(this.at.getTime() + 7 * 3_600_000).toISOString().slice(0, 4));
    const registerNo = (await this.tx.query<{ last_value: number }>(
      `INSERT INTO register_counters (unit_id, book, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (unit_id, book) DO UPDATE SET last_value = register_counters.last_value + 1 RETURNING last_value`,
      [this.d.receiving_unit_id, book],
    )).rows[0].last_value;
    await this.setStatus(
      NationalStatus.RECEIVED,
      ", sub_state = 'received', received_at = $3, due_at = $4, original_due_at = $4, unit_ids = $5, register_book = $6, register_no = $7",
      [due, units, book, registerNo],
    );
    const route = { ...this.route, dueAt: due };
    const reception = await openTask(this.tx, route, {
      tree: this.staff.tree, calendar: this.calendar, steps: this.rules.steps, stepIndex: 0, at: this.at,
      startedAt: new Date(Math.min(new Date(this.d.submitted_at).getTime(), this.at.getTime())),
      preferAssignee: this.staff.actor.id, completed: { at: this.at, by: this.staff.actor.id, outcome: 'received' },
    });
    const next = await openTask(this.tx, route, { tree: this.staff.tree, calendar: this.calendar, steps: this.rules.steps, stepIndex: 1, at: this.at });
    // The accepted components join the owner's personal document store (scans marked as converted from paper).
    await storeComponents(this.tx, this.ctx, this.d.id, this.at, this.counterName());
    return {
      status: NationalStatus.RECEIVED,
      dueAt: due,
      log: {
        dueAt: due.toISOString(),
        form: 'mau-01',
        register: { book, number: registerNo },
        handover: {
          from: { taskSeq: reception.seq, stepKey: reception.step_key, stepName: reception.step_name, unitId: reception.unit_id, dueAt: new Date(reception.due_at).toISOString() },
          to: { taskSeq: next.seq, stepKey: next.step_key, stepName: next.step_name, unitId: next.unit_id, unitName: next.unitName, assigneeId: next.assignee_id, assigneeName: await officialName(this.tx, next.assignee_id), dueAt: new Date(next.due_at).toISOString() },
        },
      },
    };
  }
}
