/**
 * Who may do what to a dossier in the back office: ONE function decides every staff action, from the official's
 * memberships (unit × role), the dossier's units, its status and where it stands in its workflow (the open task).
 *
 * - A dossier an official cannot see (none of their units is among the dossier's units) is "not found" (404), so
 *   nothing leaks about dossiers of other units.
 * - Seen but not theirs to act on: 403, or 409 WRONG_STEP when the official would act at another step of this
 *   dossier (an attempt to skip a step), with the current step named.
 * - The law's rules (status, reason, one supplement, one new appointment) come from checkTransition.
 */
import { checkTransition, invalidTransitionMessage, type DossierAction, type Role } from '../dossiers/transitions.ts';
import { NationalStatus, terminalStatuses } from '../dossiers/status.ts';
import type { OfficialRole, OversightRole, StepRole } from './roles.ts';
import type { StepKind } from './steps.ts';

export type { OfficialRole } from './roles.ts';

export interface OfficialAuth {
  id: string;
  /** Direct memberships: the official works in this unit with this role. */
  memberships: readonly { unitId: string; role: OfficialRole }[];
  /** For oversight roles (leader, unit_admin, supervisor, system_admin): the units they oversee, descendants included. */
  oversight: Partial<Record<OversightRole, ReadonlySet<string>>>;
}

export interface OpenTask {
  stepIndex: number;
  stepName: string;
  kind: StepKind;
  role: StepRole;
  unitId: string;
  unitName?: string;
  assigneeId: string | null;
}

export interface DossierForAuth {
  status: NationalStatus;
  receivingUnitId: string;
  competentUnitId: string | null;
  /** Every unit the dossier belongs to or passes through. */
  unitIds: readonly string[];
  task: OpenTask | null;
  supplementRequests: number;
  reschedules: number;
}

/** The actions offered in the back office's action panel, in the order they are shown. */
export const STAFF_ACTIONS = [
  'accept',
  'request_completion',
  'refuse',
  'forward',
  'send_back',
  'request_supplement',
  'provide_supplement',
  'request_payment',
  'record_payment',
  'reschedule',
  'stop',
  'withdraw',
  'issue_result',
  'return_result',
  'reassign',
] as const satisfies readonly DossierAction[];
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/**
 * What an official may do to a dossier: the panel's actions, the rating taken on the counter tablet, and the
 * confirmation of a citizen's photo copy against the paper original (on the dossier's photo-copy panel).
 */
export type OfficialAction = StaffAction | 'rate' | 'confirm_original';

export const staffActionName: Record<StaffAction, string> = {
  accept: 'Tiếp nhận hồ sơ',
  request_completion: 'Yêu cầu bổ sung, hoàn thiện khi tiếp nhận',
  refuse: 'Từ chối tiếp nhận',
  forward: 'Chuyển bước tiếp theo',
  send_back: 'Trả lại bước trước',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  provide_supplement: 'Nhận hồ sơ bổ sung tại quầy',
  request_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  record_payment: 'Ghi nhận đã nộp phí, lệ phí tại quầy',
  reschedule: 'Xin lỗi và hẹn lại ngày trả',
  stop: 'Dừng xử lý hồ sơ',
  withdraw: 'Ghi nhận công dân rút hồ sơ',
  issue_result: 'Phát hành kết quả',
  return_result: 'Trả kết quả',
  reassign: 'Phân công lại',
};

export type Authorization = { ok: true; role: Role } | { ok: false; status: 400 | 403 | 404 | 409; code: string; message: string };

const has = (o: OfficialAuth, role: OfficialRole, unitId: string | null | undefined) =>
  !!unitId && o.memberships.some((m) => m.role === role && m.unitId === unitId);
const oversees = (o: OfficialAuth, role: keyof OfficialAuth['oversight'], unitId: string | null | undefined) => !!unitId && !!o.oversight[role]?.has(unitId);

/** Can the official see the dossier at all? */
export function canSee(o: OfficialAuth, d: Pick<DossierForAuth, 'unitIds'>): boolean {
  return d.unitIds.some((u) => o.memberships.some((m) => m.unitId === u) || Object.values(o.oversight).some((set) => set?.has(u)));
}

/** The official holds the open task: the task's role in the task's unit, and it is theirs or still unassigned. */
function holdsTask(o: OfficialAuth, t: OpenTask | null, kinds: StepKind[], roles?: OpenTask['role'][]): boolean {
  return !!t && kinds.includes(t.kind) && (!roles || roles.includes(t.role)) && has(o, t.role, t.unitId) && (t.assigneeId === null || t.assigneeId === o.id);
}

/** The role under which the official may do the action here, or null. */
function actingRole(o: OfficialAuth, action: OfficialAction, d: DossierForAuth): Role | null {
  const t = d.task;
  const atCounter = has(o, 'reception', d.receivingUnitId);
  switch (action) {
    case 'accept':
    case 'request_completion':
    case 'refuse':
    case 'provide_supplement':
    case 'withdraw':
    case 'rate':
      return atCounter ? 'reception' : null;
    case 'record_payment':
      // At the counter, a payment is recorded when the dossier waits for it (6); online payments come from the gateway.
      return atCounter && d.status === NationalStatus.FINANCIAL_OBLIGATION ? 'reception' : null;
    case 'forward':
      return holdsTask(o, t, ['handle']) ? t!.role : null;
    case 'send_back':
      return holdsTask(o, t, ['handle', 'issue']) && t!.stepIndex >= 2 ? t!.role : null;
    case 'issue_result':
      return holdsTask(o, t, ['issue']) ? t!.role : null;
    case 'return_result':
      return t?.kind === 'return' && has(o, 'reception', t.unitId) ? 'reception' : null;
    case 'request_supplement':
      return holdsTask(o, t, ['handle'], ['specialist', 'leader']) ? t!.role : null;
    case 'request_payment':
      if (holdsTask(o, t, ['handle'], ['specialist'])) return 'specialist';
      return atCounter ? 'reception' : null;
    case 'reschedule':
      if (holdsTask(o, t, ['handle'], ['specialist', 'leader'])) return t!.role;
      return oversees(o, 'leader', d.competentUnitId) ? 'leader' : null;
    case 'stop':
      if (t && has(o, 'leader', t.unitId)) return 'leader';
      return oversees(o, 'leader', d.competentUnitId) ? 'leader' : null;
    case 'reassign':
      return t && (oversees(o, 'leader', t.unitId) || oversees(o, 'unit_admin', t.unitId)) ? 'leader' : null;
    case 'confirm_original':
      // The counter of the receiving unit, or the specialist of the competent agency, whoever sees the original.
      if (atCounter) return 'reception';
      return has(o, 'specialist', d.competentUnitId) ? 'specialist' : null;
  }
}

/** The role an action is normally done by, to tell a skipped step (409) from a wrong role (403). */
const usualRoles: Record<OfficialAction, OfficialRole[]> = {
  accept: ['reception'],
  request_completion: ['reception'],
  refuse: ['reception'],
  provide_supplement: ['reception'],
  record_payment: ['reception'],
  withdraw: ['reception'],
  return_result: ['reception'],
  rate: ['reception'],
  forward: ['specialist', 'leader'],
  send_back: ['leader', 'clerk'],
  issue_result: ['clerk'],
  request_supplement: ['specialist', 'leader'],
  request_payment: ['specialist', 'reception'],
  reschedule: ['specialist', 'leader'],
  stop: ['leader'],
  reassign: ['leader', 'unit_admin'],
  confirm_original: ['reception', 'specialist'],
};

export function authorize(o: OfficialAuth, action: OfficialAction, d: DossierForAuth, reason?: string): Authorization {
  if (!canSee(o, d)) return { ok: false, status: 404, code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ.' };
  const role = actingRole(o, action, d);
  if (!role) {
    const t = d.task;
    const plausible = d.unitIds.some((u) => usualRoles[action].some((r) => has(o, r, u)));
    if (t && plausible && t.assigneeId && t.assigneeId !== o.id && has(o, t.role, t.unitId)) {
      return {
        ok: false,
        status: 403,
        code: 'ASSIGNED_TO_ANOTHER',
        message: 'Hồ sơ đang được giao cho cán bộ khác xử lý. Đề nghị lãnh đạo phân công lại nếu cần.',
      };
    }
    if (plausible && terminalStatuses.has(d.status)) {
      return { ok: false, status: 409, code: 'INVALID_TRANSITION', message: invalidTransitionMessage(d.status) };
    }
    if (plausible) {
      const where = t ? `bước "${t.stepName}"${t.unitName ? ` của ${t.unitName}` : ''}` : 'bước tiếp nhận tại Bộ phận một cửa';
      return { ok: false, status: 409, code: 'WRONG_STEP', message: `Hồ sơ đang ở ${where}. Không thể bỏ qua hoặc làm thay bước này.` };
    }
    return { ok: false, status: 403, code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này với hồ sơ này.' };
  }
  // Without a reason (listing the allowed actions) the reason rule is left to the moment the action is sent.
  const check = checkTransition({ status: d.status, supplementRequests: d.supplementRequests, reschedules: d.reschedules }, action, role, reason ?? 'x');
  if (!check.ok)
    return {
      ok: false,
      status: check.code === 'ROLE_NOT_ALLOWED' ? 403 : check.code === 'REASON_REQUIRED' ? 400 : 409,
      code: check.code,
      message: check.message,
    };
  return { ok: true, role };
}

/** The actions the official may take now (the reason is checked when the action is sent). */
export function allowedActions(o: OfficialAuth, d: DossierForAuth): StaffAction[] {
  return STAFF_ACTIONS.filter((a) => authorize(o, a, d).ok);
}
