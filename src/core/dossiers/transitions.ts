/**
 * The one vocabulary of dossier actions and the rules the law sets on each (one-stop rules, domain-and-law.md §3.4),
 * as pure data and functions: who may act (role), from which national status, the status after, which document
 * (Mẫu) is issued, whether a reason is required, one supplement request during processing, one new appointment.
 *
 * Every action has exactly one name, used by the API, the permission function, the browser's action panel and the
 * transition path on the server; and exactly one event, the past-tense name under which the action is recorded in
 * the dossier's action log and published as a domain event (`received` is what `accept` records). Event names are
 * persisted and hash-chained in the log, so they never change; see docs/events.md.
 *
 * The server applies these rules in one place (src/server/modules/dossiers/transition.ts), inside a transaction
 * with the dossier row locked.
 */
import { NationalStatus, type NationalStatus as Status } from './status.ts';
import { nationalStatusName } from './status.ts';
import type { StepRole } from '../workflow/roles.ts';

/** Who acts, as the rules see it: the official's role at this step, the applicant (citizen), or the system. */
export type Role = StepRole | 'applicant' | 'system';

export const DOSSIER_ACTIONS = [
  'submit', // nộp hồ sơ (online, at the counter, by post) → 1
  'accept', // tiếp nhận → 2, Mẫu 01
  'request_completion', // yêu cầu hoàn thiện hồ sơ khi tiếp nhận, Mẫu 02 (stays 1)
  'refuse', // từ chối tiếp nhận, Mẫu 03 → 3
  'forward', // chuyển bước tiếp theo (the leader's approval signs the result) → 4
  'send_back', // trả lại bước trước để xử lý lại → 4
  'request_supplement', // yêu cầu bổ sung trong quá trình xử lý, Mẫu 02 → 5 (the clock pauses)
  'provide_supplement', // công dân bổ sung (online, or brought to the counter) → 4 (the clock resumes)
  'request_payment', // yêu cầu thực hiện nghĩa vụ tài chính → 6 (the clock pauses)
  'record_payment', // đã nộp phí, lệ phí (at the counter, or confirmed by the payment gateway): 6 → 4, else unchanged
  'reschedule', // xin lỗi, hẹn lại ngày trả, Mẫu 04 (status unchanged)
  'stop', // dừng xử lý, Mẫu 05 → 8
  'withdraw', // công dân rút hồ sơ (online, or in writing at the counter) → 7
  'issue_result', // phát hành kết quả → 9
  'return_result', // trả kết quả → 10
  'reassign', // phân công lại cán bộ xử lý (status unchanged)
  'rate', // đánh giá mức độ hài lòng (status unchanged)
  'record_linked_receipt', // liên thông: the other agency (or the bundle) received the member dossier → 2
  'record_linked_result', // liên thông: the other agency's result recorded (the bundle's results all in) → 9
  'confirm_original', // đã đối chiếu bản gốc: a citizen's photo copy certified against the paper (status unchanged)
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** The event each action records (persisted names: they are part of the hash-chained action log). */
export const DOSSIER_EVENTS = [
  'submitted',
  'received',
  'completion_requested',
  'refused',
  'forwarded',
  'sent_back',
  'supplement_requested',
  'supplement_provided',
  'payment_requested',
  'paid',
  'rescheduled',
  'stopped',
  'withdrawal_requested',
  'result_issued',
  'result_returned',
  'reassigned',
  'rated',
  'linked_received',
  'linked_result_recorded',
  'original_confirmed',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENTS)[number];

export type FormCode = 'mau-01' | 'mau-02' | 'mau-03' | 'mau-04' | 'mau-05';

export interface ActionRule {
  /** The statuses the action may be taken from (submit: none, the dossier does not exist yet). */
  from: readonly Status[];
  /** The status after; 'same' keeps it. */
  to: Status | 'same';
  /** Status changes that differ from `to` for some statuses (a payment resumes a dossier waiting in 6). */
  toFrom?: Partial<Record<Status, Status>>;
  roles: readonly Role[];
  reasonRequired: boolean;
  /** The one-stop document issued with it. */
  form?: FormCode;
  event: DossierEventType;
  /** The citizen is told (their notification); the others are internal handovers. */
  notifiesApplicant: boolean;
}

const S = NationalStatus;
const OPEN: readonly Status[] = [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION];

export const ACTION_RULES: Record<DossierAction, ActionRule> = {
  submit: { from: [], to: S.NEW, roles: ['applicant', 'reception'], reasonRequired: false, event: 'submitted', notifiesApplicant: true },
  accept: { from: [S.NEW], to: S.RECEIVED, roles: ['reception'], reasonRequired: false, form: 'mau-01', event: 'received', notifiesApplicant: true },
  request_completion: {
    from: [S.NEW],
    to: 'same',
    roles: ['reception'],
    reasonRequired: true,
    form: 'mau-02',
    event: 'completion_requested',
    notifiesApplicant: true,
  },
  refuse: { from: [S.NEW], to: S.NOT_RECEIVED, roles: ['reception'], reasonRequired: true, form: 'mau-03', event: 'refused', notifiesApplicant: true },
  forward: {
    from: [S.RECEIVED, S.PROCESSING],
    to: S.PROCESSING,
    roles: ['reception', 'specialist', 'leader', 'clerk'],
    reasonRequired: false,
    event: 'forwarded',
    notifiesApplicant: false,
  },
  send_back: {
    from: [S.PROCESSING],
    to: S.PROCESSING,
    roles: ['specialist', 'leader', 'clerk'],
    reasonRequired: true,
    event: 'sent_back',
    notifiesApplicant: false,
  },
  request_supplement: {
    from: [S.RECEIVED, S.PROCESSING],
    to: S.SUPPLEMENT_REQUESTED,
    roles: ['specialist', 'leader'],
    reasonRequired: true,
    form: 'mau-02',
    event: 'supplement_requested',
    notifiesApplicant: true,
  },
  provide_supplement: {
    from: [S.SUPPLEMENT_REQUESTED],
    to: S.PROCESSING,
    roles: ['applicant', 'reception'],
    reasonRequired: false,
    event: 'supplement_provided',
    notifiesApplicant: true,
  },
  request_payment: {
    from: [S.RECEIVED, S.PROCESSING],
    to: S.FINANCIAL_OBLIGATION,
    roles: ['reception', 'specialist'],
    reasonRequired: false,
    event: 'payment_requested',
    notifiesApplicant: true,
  },
  // A dossier waiting for its fee (6) resumes; a fee paid online in any other status is recorded without a status
  // change (paid ahead in 1, 2, 4; or confirmed by the gateway after the dossier ended, and then refunded).
  record_payment: {
    from: [
      S.NEW,
      S.RECEIVED,
      S.NOT_RECEIVED,
      S.PROCESSING,
      S.SUPPLEMENT_REQUESTED,
      S.FINANCIAL_OBLIGATION,
      S.WITHDRAWAL_REQUESTED,
      S.STOPPED,
      S.RESULT_ISSUED,
      S.RESULT_RETURNED,
    ],
    to: 'same',
    toFrom: { [S.FINANCIAL_OBLIGATION]: S.PROCESSING },
    roles: ['system', 'reception'],
    reasonRequired: false,
    event: 'paid',
    notifiesApplicant: true,
  },
  reschedule: { from: OPEN, to: 'same', roles: ['specialist', 'leader'], reasonRequired: true, form: 'mau-04', event: 'rescheduled', notifiesApplicant: true },
  stop: { from: OPEN, to: S.STOPPED, roles: ['leader'], reasonRequired: true, form: 'mau-05', event: 'stopped', notifiesApplicant: true },
  withdraw: {
    from: [S.NEW, ...OPEN],
    to: S.WITHDRAWAL_REQUESTED,
    roles: ['applicant', 'reception'],
    reasonRequired: true,
    event: 'withdrawal_requested',
    notifiesApplicant: true,
  },
  issue_result: { from: [S.PROCESSING], to: S.RESULT_ISSUED, roles: ['clerk'], reasonRequired: false, event: 'result_issued', notifiesApplicant: true },
  return_result: {
    from: [S.RESULT_ISSUED],
    to: S.RESULT_RETURNED,
    roles: ['reception', 'system'],
    reasonRequired: false,
    event: 'result_returned',
    notifiesApplicant: true,
  },
  reassign: { from: OPEN, to: 'same', roles: ['leader'], reasonRequired: false, event: 'reassigned', notifiesApplicant: false },
  rate: {
    from: [S.RESULT_ISSUED, S.RESULT_RETURNED],
    to: 'same',
    roles: ['applicant', 'reception'],
    reasonRequired: false,
    event: 'rated',
    notifiesApplicant: false,
  },
  // Liên thông (docs/integrations.md): a member dossier handed to another agency, and the parent of a bundle, move
  // when the agency answers; only the system records it (the hand-off's evidence is kept by the liên thông module).
  record_linked_receipt: {
    from: [S.NEW],
    to: S.RECEIVED,
    roles: ['system'],
    reasonRequired: false,
    event: 'linked_received',
    notifiesApplicant: true,
  },
  record_linked_result: {
    from: [S.RECEIVED, S.PROCESSING],
    to: S.RESULT_ISSUED,
    roles: ['system'],
    reasonRequired: false,
    event: 'linked_result_recorded',
    notifiesApplicant: true,
  },
  // Self-digitisation (docs/digitisation.md): the counter (or the competent agency's specialist) compared the citizen's
  // photo copy with the paper original; the component is marked, signed and digitised. Any status before the end.
  confirm_original: {
    from: [S.NEW, ...OPEN, S.RESULT_ISSUED],
    to: 'same',
    roles: ['reception', 'specialist'],
    reasonRequired: false,
    event: 'original_confirmed',
    notifiesApplicant: false,
  },
};

/** The action an event records (the inverse of ACTION_RULES[a].event). */
export const actionOfEvent = Object.fromEntries(DOSSIER_ACTIONS.map((a) => [ACTION_RULES[a].event, a])) as Record<DossierEventType, DossierAction>;

/** The status after the action, from this status (the rule's `to`, `toFrom` or unchanged). */
export function targetStatus(action: DossierAction, from: Status): Status {
  const rule = ACTION_RULES[action];
  const special = rule.toFrom?.[from];
  if (special !== undefined) return special;
  return rule.to === 'same' ? from : rule.to;
}

export interface DossierState {
  status: Status;
  /** Supplement requests made during processing so far. */
  supplementRequests: number;
  /** New appointments (Mẫu 04) made so far. */
  reschedules: number;
}

export type TransitionCheck = { ok: true; to: Status; form?: FormCode } | { ok: false; code: TransitionErrorCode; message: string };
export type TransitionErrorCode = 'ROLE_NOT_ALLOWED' | 'INVALID_TRANSITION' | 'REASON_REQUIRED' | 'SUPPLEMENT_ONCE' | 'RESCHEDULE_ONCE';

export const invalidTransitionMessage = (status: Status) => `Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "${nationalStatusName[status].vi}".`;

/** The law's rules on one action from one state (not who the official is: see core/workflow/permissions.ts). */
export function checkTransition(state: DossierState, action: DossierAction, role: Role, reason?: string): TransitionCheck {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, code: 'ROLE_NOT_ALLOWED', message: 'Vai trò của bạn không được thực hiện thao tác này.' };
  if (!rule.from.includes(state.status)) return { ok: false, code: 'INVALID_TRANSITION', message: invalidTransitionMessage(state.status) };
  if (rule.reasonRequired && !reason?.trim()) return { ok: false, code: 'REASON_REQUIRED', message: 'Vui lòng nêu rõ lý do.' };
  if (action === 'request_supplement' && state.supplementRequests >= 1) {
    return { ok: false, code: 'SUPPLEMENT_ONCE', message: 'Chỉ được yêu cầu bổ sung hồ sơ một lần trong quá trình giải quyết.' };
  }
  if (action === 'reschedule' && state.reschedules >= 1) {
    return { ok: false, code: 'RESCHEDULE_ONCE', message: 'Chỉ được hẹn lại ngày trả kết quả một lần.' };
  }
  return { ok: true, to: targetStatus(action, state.status), form: rule.form };
}
