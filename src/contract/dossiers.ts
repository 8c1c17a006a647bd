/**
 * The citizen's side of a dossier: drafts (autosaved, resumable on another device), idempotent submission, their own
 * dossiers with the timeline, withdrawal, online supplements, and the public status lookup.
 */
import { z } from 'zod';
import { Day, Instant, StatusView, Uuid } from './http.ts';

const Id = z.string().uuid('Mã không hợp lệ');
export const DossierIdParams = z.object({ id: z.string() });

/** A component of a draft: a file the citizen uploaded, or a document taken from their personal store. */
export const DraftDocument = z
  .object({ requirementCode: z.string().min(1).max(100), uploadId: Id.optional(), storeDocumentId: Id.optional() })
  .refine((d) => (d.uploadId === undefined) !== (d.storeDocumentId === undefined), {
    message: 'Mỗi giấy tờ là một tệp tải lên hoặc một giấy tờ lấy từ kho dữ liệu',
  });
export type DraftDocument = z.infer<typeof DraftDocument>;

export const RESULT_DELIVERY = ['online', 'counter', 'post'] as const;

export const DraftMeta = z.object({
  receivingUnitId: z.string().max(100).optional(),
  contactPhone: z.string().max(20).optional(),
  contactEmail: z.string().max(200).optional(),
  resultDelivery: z.enum(RESULT_DELIVERY).optional(),
  /** Fee exemptions claimed; each needs its proof attached as MIEN-PHI:<code>. */
  feeExemptions: z.array(z.string().min(1).max(100)).max(10).optional(),
});
export type DraftMeta = z.infer<typeof DraftMeta>;

/** Without `caseCode` the server chooses: the procedure's one online case, or the case its data decides (case inference). */
export const StartDraftBody = z.object({ procedureCode: z.string().min(1).max(64), caseCode: z.string().min(1).max(64).optional() });

export const SaveDraftBody = z.object({
  revision: z.number().int().min(1),
  values: z.record(z.string(), z.unknown()).optional(),
  documents: z.array(DraftDocument).max(100).optional(),
  meta: DraftMeta.optional(),
  currentStep: z.string().max(100).nullable().optional(),
});
export type SaveDraftBody = z.infer<typeof SaveDraftBody>;

export const DraftView = z.strictObject({
  id: Uuid,
  procedureCode: z.string(),
  procedureVersion: z.number().int(),
  caseCode: z.string(),
  values: z.record(z.string(), z.unknown()),
  /** Form paths filled from the e-ID and the population database (sealed; locked ones may not be changed). */
  prefilledFields: z.array(z.string()),
  documents: z.array(z.strictObject({ requirementCode: z.string(), uploadId: Uuid.optional(), storeDocumentId: Uuid.optional() })),
  meta: z.strictObject(DraftMeta.shape),
  currentStep: z.string().nullable(),
  status: z.enum(['open', 'submitted', 'expired', 'deleted']),
  dossierId: Uuid.nullable(),
  revision: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
  expiresAt: Instant,
  /** Expires within the warning period: the page says so. */
  expiresSoon: z.boolean(),
});
export type DraftView = z.infer<typeof DraftView>;

export const DraftList = z.strictObject({ items: z.array(DraftView) });

export const SubmitBody = z.object({
  draftId: Id,
  idempotencyKey: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  /** The citizen was shown the earlier dossiers for the same subject (GET /api/drafts/:id/duplicates) and submits anyway. */
  duplicateWarningSeen: z.boolean().optional(),
  /** The interface language the citizen submitted in: the dossier's notifications are sent in it (Vietnamese when absent). */
  locale: z.enum(['vi', 'en']).optional(),
});

/** The dossier a submission created (201), or found again for the same idempotency key (200). */
export const SubmittedDossier = z.strictObject({
  id: Uuid,
  code: z.string(),
  status: z.number().int(),
  submittedAt: Instant,
  procedureCode: z.string(),
  procedureName: z.string(),
});
export type SubmittedDossier = z.infer<typeof SubmittedDossier>;

export const MyDossierItem = z.strictObject({
  id: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  /** The catalogue's English name of the dossier's procedure version, where it has one (`en.name`). */
  procedureNameEn: z.string().nullable(),
  status: StatusView,
  submittedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
});
export type MyDossierItem = z.infer<typeof MyDossierItem>;
export const MyDossierList = z.strictObject({ items: z.array(MyDossierItem) });

/** One event of a dossier's timeline as the applicant (or the public lookup) sees it. */
export const TimelineEntry = z.strictObject({
  at: Instant,
  action: z.string(),
  label: z.string(),
  status: z.number().int().nullable(),
  statusName: z.string().nullable(),
  note: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** The citizen's view of a supplement request on their dossier (status 5). */
export const SupplementRequest = z.strictObject({
  requestedAt: Instant.nullable(),
  reason: z.string(),
  items: z.array(z.strictObject({ name: z.string(), reason: z.string() })),
});
export type SupplementRequest = z.infer<typeof SupplementRequest>;

export const RESULT_STATUSES = ['valid', 'replaced', 'cancelled'] as const;

/** The issued result on the citizen's dossier. */
export const CitizenDossierResult = z.strictObject({
  id: Uuid,
  title: z.string(),
  number: z.string(),
  status: z.string(),
  issuedAt: Instant.nullable(),
  validTo: Day.nullable(),
  verifyPath: z.string(),
});
export type CitizenDossierResult = z.infer<typeof CitizenDossierResult>;

/** A document requirement of the dossier's case. */
export const RequirementView = z.strictObject({ code: z.string(), name: z.string(), required: z.boolean(), providedByForm: z.boolean() });

export const MyDossier = z.strictObject({
  id: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  /** The catalogue's English name of the dossier's procedure version, where it has one (`en.name`). */
  procedureNameEn: z.string().nullable(),
  caseCode: z.string(),
  status: StatusView,
  /** 1 at the counter, 2 online, 3 by post. */
  channel: z.number().int(),
  applicant: z.record(z.string(), z.unknown()),
  values: z.record(z.string(), z.unknown()),
  summary: z.string(),
  submittedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  returnedAt: Instant.nullable(),
  feeTotal: z.number(),
  paymentState: z.string(),
  resultDelivery: z.string(),
  documents: z.array(
    z.strictObject({
      id: Uuid,
      requirementCode: z.string(),
      name: z.string(),
      mime: z.string(),
      size: z.number(),
      uploadId: Uuid.nullable(),
      source: z.string(),
    }),
  ),
  timeline: z.array(TimelineEntry),
  canWithdraw: z.boolean(),
  supplementRequest: SupplementRequest.nullable(),
  result: CitizenDossierResult.nullable(),
  requirements: z.array(RequirementView),
});
export type MyDossier = z.infer<typeof MyDossier>;

export const WithdrawalBody = z.object({ reason: z.string().trim().min(5, 'Vui lòng nêu lý do rút hồ sơ (ít nhất 5 ký tự)').max(1000) });
export const WithdrawalResult = z.strictObject({ status: StatusView });

export const LookupQuery = z.object({ code: z.string().min(10).max(40), last4: z.string().regex(/^\d{4}$/, 'Nhập đúng 4 chữ số') });
/** What the public lookup tells (no personal data). */
export const PublicDossierStatus = z.strictObject({
  code: z.string(),
  procedureName: z.string(),
  /** The catalogue's English name of the dossier's procedure version, where it has one (`en.name`). */
  procedureNameEn: z.string().nullable(),
  status: StatusView,
  submittedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  returnedAt: Instant.nullable(),
  timeline: z.array(TimelineEntry),
});
export type PublicDossierStatus = z.infer<typeof PublicDossierStatus>;

/** Online supplement: the documents asked for, as uploads. */
export const SupplementBody = z.object({
  documents: z
    .array(z.object({ requirementCode: z.string().min(1).max(100), uploadId: z.string().uuid() }))
    .min(1, 'Vui lòng đính kèm ít nhất một giấy tờ')
    .max(30),
  note: z.string().trim().max(1000).optional(),
});
export const SupplementResult = z.strictObject({ status: z.number().int(), dueAt: Instant.nullable(), pausedWorkingMinutes: z.number() });
