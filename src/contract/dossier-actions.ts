/**
 * The typed input of every dossier action (the vocabulary of src/core/dossiers/transitions.ts), one zod schema per
 * action joined in a discriminated union on `action`. The server's transition path, the staff action API
 * (`POST /api/staff/dossiers/:id/<action-slug>`, whose body is the input without `action`) and the browser's action
 * panel all use these types, so a field added here is checked on both sides.
 */
import { z } from 'zod';
import { STAFF_ACTIONS, type StaffAction } from '../core/workflow/permissions.ts';

const Reason = z.string().trim().min(5, 'Vui lòng nêu rõ lý do (ít nhất 5 ký tự)').max(2000);
const Note = z.string().trim().max(2000);
const Items = z
  .array(z.object({ name: z.string().trim().min(1, 'Vui lòng nêu tên giấy tờ').max(300), reason: z.string().trim().min(1, 'Vui lòng nêu lý do').max(1000) }))
  .max(30);
const Documents = z.array(z.object({ requirementCode: z.string().min(1).max(100), uploadId: z.uuid() })).max(30);
const Instant = z.iso.datetime({ offset: true, message: 'Ngày hẹn mới phải có dạng ngày giờ ISO 8601 kèm múi giờ' });

export const Delivery = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('in_person'),
    receiverName: z.string().trim().min(2, 'Vui lòng ghi họ tên người nhận').max(200),
    receiverIdNumber: z.string().regex(/^\d{9}$|^\d{12}$/, 'Số định danh của người nhận gồm 12 chữ số (hoặc CMND 9 số)'),
  }),
  z.object({ method: z.literal('post'), waybill: z.string().trim().min(4, 'Vui lòng nhập số vận đơn').max(50) }),
  z.object({ method: z.literal('electronic') }),
]);
export type Delivery = z.infer<typeof Delivery>;

/** The body of each staff action (what the action panel sends). */
export const StaffActionBodies = {
  accept: z.strictObject({ note: Note.optional() }),
  request_completion: z.strictObject({ reason: Reason, items: Items.optional() }),
  refuse: z.strictObject({ reason: Reason }),
  forward: z.strictObject({ note: Note.optional() }),
  send_back: z.strictObject({ reason: Reason }),
  request_supplement: z.strictObject({ reason: Reason, items: Items.optional() }),
  /** At the counter: the papers brought, scanned by the official. */
  provide_supplement: z.strictObject({ documents: Documents.min(1, 'Vui lòng quét ít nhất một giấy tờ bổ sung'), note: Note.optional() }),
  /** The amount to pay; the dossier's frozen fee when left out. */
  request_payment: z.strictObject({ amount: z.number().int().positive('Số tiền phải lớn hơn 0').max(1_000_000_000).optional(), reason: Reason.optional() }),
  /** Paid at the counter, in cash or by card (an online payment is recorded by the gateway's confirmation). */
  record_payment: z.strictObject({
    payment: z.strictObject({
      amount: z.number().int().positive('Số tiền phải lớn hơn 0').max(1_000_000_000),
      method: z.enum(['cash', 'card']),
      receiptNumber: z.string().trim().max(50).optional(),
    }),
  }),
  reschedule: z.strictObject({ reason: Reason, newDueAt: Instant }),
  stop: z.strictObject({ reason: Reason }),
  /** The citizen's written request, recorded at the counter. */
  withdraw: z.strictObject({
    reason: Reason,
    /** The scan of the citizen's written request (required at the counter by the digitisation guard). */
    documents: z
      .array(z.object({ requirementCode: z.string().min(1).max(100), uploadId: z.uuid() }))
      .max(5)
      .optional(),
  }),
  issue_result: z.strictObject({ resultNumber: z.string().trim().max(100).optional() }),
  return_result: z.strictObject({ delivery: Delivery }),
  reassign: z.strictObject({ assigneeId: z.uuid('Cán bộ được chọn không hợp lệ') }),
} satisfies Record<StaffAction, z.ZodType>;

export type StaffActionBody<A extends StaffAction> = z.infer<(typeof StaffActionBodies)[A]>;

/** One staff action with its input: `{ action: 'refuse', reason: '…' }`. */
export type StaffActionInput = { [A in StaffAction]: { action: A } & StaffActionBody<A> }[StaffAction];

/** The URL form of an action (`request-supplement`) and back. */
export const actionSlug = (a: StaffAction) => a.replace(/_/g, '-');
export const actionOfSlug = (slug: string): StaffAction | undefined => STAFF_ACTIONS.find((a) => actionSlug(a) === slug);
