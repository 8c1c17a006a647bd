/**
 * Dossier processing transitions and their guards (one-stop rules, domain-and-law.md §3.4), as pure functions:
 * who may act (role), from which national status, what the new status is, which document (Mẫu) is issued, and
 * the rules the law sets — a reason where one is required, one supplement request during processing, one new
 * appointment. The server applies them inside a transaction with the dossier row locked.
 */
import { NationalStatus, nationalStatusName, type NationalStatus as Status } from './status.ts';

export type Role = 'reception' | 'specialist' | 'leader' | 'clerk' | 'applicant' | 'system';

export type ActionCode =
  | 'accept' // tiếp nhận → 2, Mẫu 01
  | 'request_completion' // yêu cầu hoàn thiện hồ sơ khi tiếp nhận, Mẫu 02 (stays 1)
  | 'refuse' // từ chối tiếp nhận, Mẫu 03 → 3
  | 'start_processing' // → 4
  | 'forward' // chuyển bước tiếp theo (→ 4)
  | 'send_back' // trả lại bước trước để xử lý lại (→ 4)
  | 'request_supplement' // yêu cầu bổ sung trong quá trình xử lý, Mẫu 02 → 5
  | 'supplement_provided' // → 4
  | 'request_payment' // → 6
  | 'paid' // → 4
  | 'reschedule' // xin lỗi, hẹn lại, Mẫu 04 (status unchanged)
  | 'stop' // dừng xử lý, Mẫu 05 → 8
  | 'request_withdrawal' // công dân rút hồ sơ → 7
  | 'issue_result' // → 9
  | 'return_result'; // → 10

export type FormCode = 'mau-01' | 'mau-02' | 'mau-03' | 'mau-04' | 'mau-05';

export interface TransitionRule {
  from: Status[];
  to: Status | 'same';
  roles: Role[];
  reasonRequired: boolean;
  form?: FormCode;
}

const S = NationalStatus;
export const TRANSITIONS: Record<ActionCode, TransitionRule> = {
  accept: { from: [S.NEW], to: S.RECEIVED, roles: ['reception'], reasonRequired: false, form: 'mau-01' },
  request_completion: { from: [S.NEW], to: 'same', roles: ['reception'], reasonRequired: true, form: 'mau-02' },
  refuse: { from: [S.NEW], to: S.NOT_RECEIVED, roles: ['reception'], reasonRequired: true, form: 'mau-03' },
  start_processing: { from: [S.RECEIVED], to: S.PROCESSING, roles: ['reception', 'specialist', 'system'], reasonRequired: false },
  forward: { from: [S.RECEIVED, S.PROCESSING], to: S.PROCESSING, roles: ['reception', 'specialist', 'leader', 'clerk'], reasonRequired: false },
  send_back: { from: [S.PROCESSING], to: S.PROCESSING, roles: ['specialist', 'leader', 'clerk'], reasonRequired: true },
  request_supplement: { from: [S.RECEIVED, S.PROCESSING], to: S.SUPPLEMENT_REQUESTED, roles: ['specialist', 'leader'], reasonRequired: true, form: 'mau-02' },
  supplement_provided: { from: [S.SUPPLEMENT_REQUESTED], to: S.PROCESSING, roles: ['applicant', 'reception'], reasonRequired: false },
  request_payment: { from: [S.RECEIVED, S.PROCESSING], to: S.FINANCIAL_OBLIGATION, roles: ['reception', 'specialist'], reasonRequired: false },
  paid: { from: [S.FINANCIAL_OBLIGATION], to: S.PROCESSING, roles: ['system', 'reception'], reasonRequired: false },
  reschedule: { from: [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION], to: 'same', roles: ['specialist', 'leader'], reasonRequired: true, form: 'mau-04' },
  stop: { from: [S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION], to: S.STOPPED, roles: ['leader'], reasonRequired: true, form: 'mau-05' },
  // The citizen asks online, or in writing at the counter (recorded by the receiving officer).
  request_withdrawal: { from: [S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION], to: S.WITHDRAWAL_REQUESTED, roles: ['applicant', 'reception'], reasonRequired: true },
  issue_result: { from: [S.PROCESSING], to: S.RESULT_ISSUED, roles: ['clerk'], reasonRequired: false },
  return_result: { from: [S.RESULT_ISSUED], to: S.RESULT_RETURNED, roles: ['reception', 'system'], reasonRequired: false },
};

export interface DossierState {
  status: Status;
  /** Supplement requests made during processing so far. */
  supplementRequests: number;
  /** New appointments (Mẫu 04) made so far. */
  reschedules: number;
}

export type TransitionCheck = { ok: true; to: Status; form?: TransitionRule['form'] } | { ok: false; code: string; message: string };


export function checkTransition(state: DossierState, action: ActionCode, role: Role, reason?: string): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.roles.includes(role)) return { ok: false, code: 'ROLE_NOT_ALLOWED', message: 'Vai trò của bạn không được thực hiện thao tác này.' };
  if (!rule.from.includes(state.status)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: `Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái "${nationalStatusName[state.status].vi}".` };
  }
  if (rule.reasonRequired && !reason?.trim()) return { ok: false, code: 'REASON_REQUIRED', message: 'Vui lòng nêu rõ lý do.' };
  if (action === 'request_supplement' && state.supplementRequests >= 1) {
    return { ok: false, code: 'SUPPLEMENT_ONCE', message: 'Chỉ được yêu cầu bổ sung hồ sơ một lần trong quá trình giải quyết.' };
  }
  if (action === 'reschedule' && state.reschedules >= 1) {
    return { ok: false, code: 'RESCHEDULE_ONCE', message: 'Chỉ được hẹn lại ngày trả kết quả một lần.' };
  }
  return { ok: true, to: rule.to === 'same' ? state.status : rule.to, form: rule.form };
}
