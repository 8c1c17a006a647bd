/**
 * Reception at the counter: the online queue of the officer's counters, and counter or postal intake (identity check
 * against the population database, the prefilled e-form, scans or stored documents, receipt).
 */
import { z } from 'zod';
import { PaperlessException } from './digitisation.ts';
import { DocumentRequirement, FormDefinition } from '../core/catalogue/schema.ts';
import { Instant, Uuid } from './http.ts';
import { PossibleDuplicate } from './duplicates.ts';
import { TaskView } from './staff.ts';

const IdNumber = z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số');

export const ReceptionQueueItem = z.strictObject({
  id: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  submittedAt: Instant,
  subState: z.string().nullable(),
  receivingUnitId: z.string(),
  channel: z.number().int(),
  /** Earlier dossiers for the same subject that still stand in the way ("Có thể trùng"); src/core/dossiers/duplicates.ts. */
  possibleDuplicates: z.array(PossibleDuplicate),
  /** The citizen was warned of those before submitting and submitted anyway. */
  duplicateAcknowledged: z.boolean(),
});
export type ReceptionQueueItem = z.infer<typeof ReceptionQueueItem>;
export const ReceptionQueue = z.strictObject({ items: z.array(ReceptionQueueItem) });

export const IdentityCheckBody = z.object({ idNumber: IdNumber });
/** The person found in the population database, and a token binding the check to this official for the intake. */
export const IdentityCheckResult = z.strictObject({
  person: z.strictObject({
    idNumber: z.string(),
    fullName: z.string(),
    birthDate: z.string(),
    gender: z.string(),
    nationality: z.string(),
    permanentAddress: z.string(),
    residenceCommuneCode: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  checkedAt: Instant,
  checkToken: z.string(),
});
export type IdentityCheckResult = z.infer<typeof IdentityCheckResult>;

export const PrefillBody = z.object({
  procedureCode: z.string().min(1).max(64),
  caseCode: z.string().min(1).max(64),
  idNumber: IdNumber,
  checkToken: z.string().min(10).max(200),
});
export const IntakePrefill = z.strictObject({
  procedureCode: z.string(),
  procedureVersion: z.number().int(),
  procedureName: z.string(),
  caseCode: z.string(),
  form: FormDefinition,
  documents: z.array(DocumentRequirement),
  values: z.record(z.string(), z.unknown()),
  prefilledFields: z.array(z.string()),
  /** The seal of the prefilled values (the intake checks that locked ones were not changed). */
  seal: z.string(),
});
export type IntakePrefill = z.infer<typeof IntakePrefill>;

export const IntakeBody = z.object({
  idempotencyKey: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  channel: z.union([z.literal(1), z.literal(3)]),
  receivingUnitId: z.string().max(100).optional(),
  procedureCode: z.string().min(1).max(64),
  procedureVersion: z.number().int().min(1),
  caseCode: z.string().min(1).max(64),
  identity: z.object({ idNumber: IdNumber, checkToken: z.string().min(10).max(200) }),
  contact: z.object({ phone: z.string().max(20).optional(), email: z.string().max(200).optional() }).default({}),
  values: z.record(z.string(), z.unknown()),
  seal: z.string().max(4000),
  documents: z
    .array(
      z
        .object({ requirementCode: z.string().min(1).max(100), uploadId: z.string().uuid().optional(), storeDocumentId: z.string().uuid().optional() })
        .refine((d) => (d.uploadId === undefined) !== (d.storeDocumentId === undefined), {
          message: 'Mỗi giấy tờ là một bản quét hoặc một giấy tờ lấy từ kho dữ liệu',
        }),
    )
    .max(50),
  resultDelivery: z.enum(['counter', 'post', 'online']),
  competentUnitId: z.string().max(100).optional(),
  waybill: z.string().trim().min(4, 'Số vận đơn không hợp lệ').max(50).optional(),
  note: z.string().trim().max(1000).optional(),
  /** Assisted online submission at the counter (paperless day, online-only procedure): the dossier is the citizen's, channel 2. */
  assistedOnline: z.boolean().optional(),
  /** Paper taken anyway on a paperless day or for an online-only procedure: the reason (reported in the day's report). */
  paperlessException: PaperlessException.optional(),
});
export type IntakeBody = z.infer<typeof IntakeBody>;

/** The dossier received (201), or found again for the same idempotency key (200). */
export const IntakeResult = z.strictObject({
  id: Uuid,
  code: z.string(),
  status: z.number().int(),
  dueAt: Instant.nullable(),
  task: TaskView.nullable(),
  created: z.boolean(),
});
export type IntakeResult = z.infer<typeof IntakeResult>;
