/**
 * What each back-office action asks for, its client-side checks (the server checks again), and the request body.
 * The paths of the problems are the ids of the inputs without "f-" (ErrorSummary links to `#f-<path>`).
 */
import type { TFunction } from 'i18next';
import { fromLocal } from '../../../core/time/local.ts';
import type { StaffActionBody, StaffActionInput } from '../../../contract/dossier-actions.ts';
import type { StaffAction } from '../../../core/workflow/permissions.ts';
import type { StaffDossier } from '../../api/types.ts';
import type { ShownError } from '../../journey/ErrorSummary.tsx';

export type ActionField =
  | 'reason'
  | 'reasonOptional'
  | 'note'
  | 'items'
  | 'itemsRequired'
  | 'newDueAt'
  | 'assignee'
  | 'paymentRequest'
  | 'payment'
  | 'delivery'
  | 'scans'
  | 'withdrawalScan'
  | 'resultNumber';

export const ACTION_FIELDS: Record<StaffAction, ActionField[]> = {
  accept: [],
  request_completion: ['reason', 'items'],
  refuse: ['reason'],
  forward: ['note'],
  send_back: ['reason'],
  request_supplement: ['reason', 'itemsRequired'],
  provide_supplement: ['scans', 'note'],
  request_payment: ['paymentRequest', 'reasonOptional'],
  record_payment: ['payment'],
  reschedule: ['reason', 'newDueAt'],
  stop: ['reason'],
  withdraw: ['reason', 'withdrawalScan'],
  issue_result: ['resultNumber'],
  return_result: ['delivery'],
  reassign: ['assignee'],
};

export interface Item {
  name: string;
  reason: string;
}

export interface ActionValues {
  reason: string;
  note: string;
  items: Item[];
  /** yyyy-mm-ddThh:mm in Vietnam time (datetime-local). */
  newDueAt: string;
  assigneeId: string;
  amount: string;
  method: 'cash' | 'card';
  receiptNumber: string;
  deliveryMethod: 'in_person' | 'post' | 'electronic';
  receiverName: string;
  receiverIdNumber: string;
  waybill: string;
  resultNumber: string;
  scans: { requirementCode: string; uploadId: string; name: string }[];
}

export const initialValues = (d: StaffDossier, action: StaffAction): ActionValues => ({
  reason: '',
  note: '',
  items: action === 'request_supplement' ? [{ name: '', reason: '' }] : [],
  newDueAt: '',
  assigneeId: '',
  amount: d.feeTotal > 0 ? String(d.feeTotal) : '',
  method: 'cash',
  receiptNumber: '',
  deliveryMethod: d.resultDelivery === 'post' ? 'post' : d.resultDelivery === 'online' ? 'electronic' : 'in_person',
  receiverName: '',
  receiverIdNumber: '',
  waybill: '',
  resultNumber: '',
  scans: [],
});

/** A datetime-local value read as Vietnam time, as ISO 8601 with its offset. */
export const vnLocalToIso = (v: string) => {
  const [day, time] = v.split('T');
  const [h, m] = time.split(':').map(Number);
  return fromLocal(day, h * 60 + m).toISOString();
};

export function checkAction(t: TFunction, d: StaffDossier, action: StaffAction, v: ActionValues): ShownError[] {
  const problems: ShownError[] = [];
  const fields = ACTION_FIELDS[action];
  if (fields.includes('reason') && v.reason.trim().length < 5) problems.push({ path: 'reason', message: t('staff.action.err.reason') });
  if (fields.includes('reasonOptional') && v.reason.trim() && v.reason.trim().length < 5)
    problems.push({ path: 'reason', message: t('staff.action.err.reason') });
  if (fields.includes('items') || fields.includes('itemsRequired')) {
    v.items.forEach((it, i) => {
      const blank = !it.name.trim() && !it.reason.trim();
      if (blank && !(fields.includes('itemsRequired') && i === 0)) return;
      if (!it.name.trim()) problems.push({ path: i === 0 ? 'items' : `items-${i}-name`, message: t('staff.action.err.itemName', { n: i + 1 }) });
      if (!it.reason.trim()) problems.push({ path: `items-${i}-reason`, message: t('staff.action.err.itemReason', { n: i + 1 }) });
    });
    if (fields.includes('itemsRequired') && v.items.length === 0) problems.push({ path: 'items-add', message: t('staff.action.err.itemsRequired') });
  }
  if (fields.includes('newDueAt')) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v.newDueAt)) problems.push({ path: 'newDueAt', message: t('staff.action.err.newDueAt') });
    else if (d.dueAt && new Date(vnLocalToIso(v.newDueAt)) <= new Date(d.dueAt))
      problems.push({ path: 'newDueAt', message: t('staff.action.err.newDueLater') });
  }
  if (fields.includes('assignee') && !v.assigneeId) problems.push({ path: 'assigneeId', message: t('staff.action.err.assignee') });
  if ((fields.includes('payment') || fields.includes('paymentRequest')) && !(/^\d+$/.test(v.amount.trim()) && Number(v.amount) > 0)) {
    problems.push({ path: 'payment', message: t('staff.action.err.amount') });
  }
  if (fields.includes('delivery')) {
    if (v.deliveryMethod === 'in_person') {
      if (v.receiverName.trim().length < 2) problems.push({ path: 'receiverName', message: t('staff.action.err.receiverName') });
      if (!/^\d{9}$|^\d{12}$/.test(v.receiverIdNumber.trim())) problems.push({ path: 'receiverIdNumber', message: t('staff.action.err.receiverIdNumber') });
    }
    if (v.deliveryMethod === 'post' && v.waybill.trim().length < 4) problems.push({ path: 'waybill', message: t('staff.action.err.waybill') });
  }
  if (fields.includes('scans') && v.scans.length === 0) problems.push({ path: 'scans', message: t('staff.action.err.scans') });
  // The digitisation guard: a withdrawal at the counter goes with the scan of the citizen's written request.
  if (fields.includes('withdrawalScan') && v.scans.length === 0) problems.push({ path: 'scans', message: t('staff.action.err.withdrawalScan') });
  return problems;
}

/** The typed input of the action (src/contract/dossier-actions.ts); its body is sent to POST /api/staff/dossiers/:id/<action>. */
export function actionInput(action: StaffAction, v: ActionValues): StaffActionInput {
  const reason = v.reason.trim();
  const note = v.note.trim() ? { note: v.note.trim() } : {};
  const items = v.items.filter((it) => it.name.trim() || it.reason.trim()).map((it) => ({ name: it.name.trim(), reason: it.reason.trim() }));
  switch (action) {
    case 'accept':
    case 'forward':
      return { action, ...note };
    case 'request_completion':
    case 'request_supplement':
      return { action, reason, ...(items.length ? { items } : {}) };
    case 'refuse':
    case 'send_back':
    case 'stop':
      return { action, reason };
    case 'withdraw':
      return { action, reason, documents: v.scans.map(({ requirementCode, uploadId }) => ({ requirementCode, uploadId })) };
    case 'provide_supplement':
      return { action, documents: v.scans.map(({ requirementCode, uploadId }) => ({ requirementCode, uploadId })), ...note };
    case 'request_payment':
      return { action, amount: Number(v.amount), ...(reason ? { reason } : {}) };
    case 'record_payment':
      return { action, payment: { amount: Number(v.amount), method: v.method, ...(v.receiptNumber.trim() ? { receiptNumber: v.receiptNumber.trim() } : {}) } };
    case 'reschedule':
      return { action, reason, newDueAt: vnLocalToIso(v.newDueAt) };
    case 'issue_result':
      return { action, ...(v.resultNumber.trim() ? { resultNumber: v.resultNumber.trim() } : {}) };
    case 'return_result':
      return { action, delivery: deliveryOf(v) };
    case 'reassign':
      return { action, assigneeId: v.assigneeId };
  }
}

function deliveryOf(v: ActionValues): StaffActionBody<'return_result'>['delivery'] {
  if (v.deliveryMethod === 'in_person') return { method: 'in_person', receiverName: v.receiverName.trim(), receiverIdNumber: v.receiverIdNumber.trim() };
  if (v.deliveryMethod === 'post') return { method: 'post', waybill: v.waybill.trim() };
  return { method: 'electronic' };
}

/** The request body: the input without its action (which is in the URL). */
export function actionBody(input: StaffActionInput): Omit<StaffActionInput, 'action'> {
  const { action: _action, ...body } = input;
  return body;
}

/** Where a server problem belongs: a validation issue path or an error code, as the id of an input. */
export function serverPath(pathOrCode: string): string | null {
  const p = pathOrCode;
  if (p === 'reason' || p === 'REASON_REQUIRED') return 'reason';
  if (p.startsWith('items.')) {
    const [, i, part] = p.split('.');
    return i === '0' && part === 'name' ? 'items' : `items-${i}-${part ?? 'name'}`;
  }
  if (p === 'items') return 'items';
  if (p === 'newDueAt' || p === 'NEW_DUE_REQUIRED' || p === 'NEW_DUE_NOT_LATER') return 'newDueAt';
  if (p === 'assigneeId' || p === 'ASSIGNEE_INVALID') return 'assigneeId';
  if (p === 'payment.method') return 'paymentMethod';
  if (p === 'payment.receiptNumber') return 'receiptNumber';
  if (p.startsWith('payment') || p === 'AMOUNT_REQUIRED' || p === 'PAYMENT_INVALID') return 'payment';
  if (p === 'delivery.receiverName' || p === 'RECEIVER_REQUIRED') return 'receiverName';
  if (p === 'delivery.receiverIdNumber') return 'receiverIdNumber';
  if (p === 'delivery.waybill' || p === 'WAYBILL_REQUIRED') return 'waybill';
  if (p.startsWith('documents') || p === 'DOCUMENT_INVALID') return 'scans';
  if (p === 'resultNumber') return 'resultNumber';
  if (p === 'note') return 'note';
  return null;
}
