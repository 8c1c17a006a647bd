/**
 * The back office: an official's inbox, the search, one dossier with its workflow, log and allowed actions, the
 * answer of an action, and the one-stop forms and register. (The body of an action is the lead's
 * src/contract/dossier-actions.ts.)
 */
import { z } from 'zod';
import { FormDefinition } from '../core/catalogue/schema.ts';
import { STAFF_ACTIONS } from '../core/workflow/permissions.ts';
import { STEP_ROLES } from '../core/workflow/roles.ts';
import { Instant, StatusView, Uuid } from './http.ts';
import { QuoteView } from './payments.ts';
import { RequirementView } from './dossiers.ts';
import { ResultStatus } from './results.ts';

export const Urgency = z.enum(['overdue', 'due_soon', 'in_time']);
export type Urgency = z.infer<typeof Urgency>;
export const StepTimeliness = z.enum(['before', 'on_time', 'overdue', 'in_progress']);
export type StepTimeliness = z.infer<typeof StepTimeliness>;
export const StepRoleCode = z.enum(STEP_ROLES);
export const StaffActionCode = z.enum(STAFF_ACTIONS);
export type StaffActionCode = z.infer<typeof StaffActionCode>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày có dạng YYYY-MM-DD');

export const InboxQuery = z.object({
  filter: z.enum(['all', 'overdue', 'due_soon']).default('all'),
  q: z.string().max(100).optional(),
  procedureCode: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const InboxItem = z.strictObject({
  taskId: Uuid,
  dossierId: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: StatusView,
  /** 1 at the counter, 2 online, 3 by post. */
  channel: z.number().int(),
  stepName: z.string(),
  role: z.string(),
  unitId: z.string(),
  assigned: z.boolean(),
  stepStartedAt: Instant,
  stepDueAt: Instant,
  dueAt: Instant.nullable(),
  paused: z.boolean(),
  urgency: Urgency,
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxResponse = z.strictObject({
  counts: z.strictObject({ all: z.number().int(), overdue: z.number().int(), due_soon: z.number().int() }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(InboxItem),
});
export type InboxResponse = z.infer<typeof InboxResponse>;

export const StaffSearchQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.coerce.number().int().min(1).max(10).optional(),
  procedureCode: z.string().max(64).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const StaffSearchItem = z.strictObject({
  id: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  applicantIdNumber: z.string().nullable(),
  status: StatusView,
  channel: z.number().int(),
  submittedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
});
export type StaffSearchItem = z.infer<typeof StaffSearchItem>;

export const StaffSearchResponse = z.strictObject({
  /** How the query was read: a dossier code, an identification number, a name, or nothing (latest dossiers). */
  kind: z.enum(['code', 'id_number', 'name', 'none']),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
  items: z.array(StaffSearchItem),
});
export type StaffSearchResponse = z.infer<typeof StaffSearchResponse>;

export const StaffDocument = z.strictObject({
  id: Uuid,
  requirementCode: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  /** upload, scan, supplement, store, … */
  source: z.string(),
  digitised: z.boolean(),
  reused: z.boolean(),
  fromStore: z.boolean(),
  addedAt: Instant.nullable(),
});
export type StaffDocument = z.infer<typeof StaffDocument>;

export const StaffTask = z.strictObject({
  seq: z.number().int(),
  stepIndex: z.number().int(),
  stepName: z.string(),
  role: StepRoleCode,
  unitId: z.string(),
  unitName: z.string().nullable(),
  assigneeId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  startedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  completedAt: Instant.nullable(),
  completedByName: z.string().nullable(),
  outcome: z.string().nullable(),
  timeliness: StepTimeliness,
  current: z.boolean(),
});
export type StaffTask = z.infer<typeof StaffTask>;

export const StaffLogEntry = z.strictObject({
  seq: z.number().int(),
  at: Instant.nullable(),
  actorKind: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  label: z.string(),
  fromStatus: z.number().int().nullable(),
  toStatus: z.number().int().nullable(),
  data: z.record(z.string(), z.unknown()),
  attachments: z.array(z.looseObject({ name: z.string(), uploadId: z.string().optional(), kind: z.string().optional() })),
});
export type StaffLogEntry = z.infer<typeof StaffLogEntry>;

/** The signed result of a dossier as officials see it (published or not yet). */
export const StaffDossierResult = z.strictObject({
  id: Uuid,
  title: z.string(),
  number: z.string(),
  status: ResultStatus,
  signerName: z.string(),
  signedAt: Instant.nullable(),
  publishedAt: Instant.nullable(),
  statusReason: z.string().nullable(),
  verifyPath: z.string(),
});
export type StaffDossierResult = z.infer<typeof StaffDossierResult>;

const UnitRef = z.strictObject({ id: z.string(), name: z.string().nullable() });

/** The applicant as recorded on the dossier (the stored record plus the searchable columns). */
export const StaffApplicant = z.looseObject({
  fullName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.unknown().optional(),
});

/** How the dossier came in at the counter or by post. */
export const IntakeRecord = z.looseObject({
  officialId: z.string().optional(),
  officialName: z.string().optional(),
  idempotencyKey: z.string().optional(),
  channel: z.number().int().optional(),
  identityCheck: z.strictObject({ idNumber: z.string(), checkedAt: Instant, source: z.string(), matched: z.boolean() }).optional(),
  waybill: z.string().optional(),
  note: z.string().optional(),
});

/** How the result was handed over. */
export const DeliveryRecord = z.looseObject({
  method: z.string().optional(),
  receiverName: z.string().optional(),
  receiverIdNumber: z.string().optional(),
  waybill: z.string().optional(),
  at: Instant.optional(),
  officialId: z.string().optional(),
  officialName: z.string().optional(),
});

export const WorkflowStepView = z.strictObject({
  index: z.number().int(),
  key: z.string(),
  name: z.string(),
  role: StepRoleCode,
  kind: z.enum(['receive', 'handle', 'issue', 'return']),
  quota: z.strictObject({ amount: z.number(), unit: z.enum(['working_hours', 'working_days']) }),
});

export const StaffDossier = z.strictObject({
  id: Uuid,
  code: z.string(),
  procedureCode: z.string(),
  procedureVersion: z.number().int(),
  procedureName: z.string(),
  caseCode: z.string(),
  caseName: z.string(),
  status: StatusView,
  subState: z.string().nullable(),
  channel: z.number().int(),
  applicant: StaffApplicant,
  values: z.record(z.string(), z.unknown()),
  form: FormDefinition.nullable(),
  requirements: z.array(RequirementView),
  summary: z.string(),
  resultDelivery: z.string(),
  receivingUnit: UnitRef,
  competentUnit: UnitRef.nullable(),
  submittedAt: Instant.nullable(),
  receivedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  originalDueAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  returnedAt: Instant.nullable(),
  pausedSince: Instant.nullable(),
  dossierUrgency: Urgency.nullable(),
  supplementRequests: z.number().int(),
  reschedules: z.number().int(),
  feeTotal: z.number(),
  feeQuote: QuoteView.nullable(),
  paymentState: z.string(),
  register: z.strictObject({ book: z.number().int().nullable(), number: z.number().int() }).nullable(),
  intake: IntakeRecord.nullable(),
  delivery: DeliveryRecord.nullable(),
  flags: z.strictObject({ vneidAuthenticated: z.boolean(), populationDbUsed: z.boolean() }),
  result: StaffDossierResult.nullable(),
  documents: z.array(StaffDocument),
  workflow: z.array(WorkflowStepView),
  tasks: z.array(StaffTask),
  pauses: z.array(
    z.strictObject({
      kind: z.string(),
      startedAt: Instant.nullable(),
      endedAt: Instant.nullable(),
      reason: z.string(),
      dueBefore: Instant.nullable(),
      dueAfter: Instant.nullable(),
    }),
  ),
  log: z.array(StaffLogEntry),
  /** The actions the official may take now. */
  actions: z.array(z.strictObject({ code: StaffActionCode, name: z.string() })),
  reassignCandidates: z.array(z.strictObject({ id: Uuid, fullName: z.string() })),
});
export type StaffDossier = z.infer<typeof StaffDossier>;

/** The open task after an action. */
export const TaskView = z.strictObject({
  stepName: z.string(),
  unitId: z.string(),
  assigneeId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  dueAt: Instant,
});

/** The answer of a staff action on a dossier. */
export const StaffActionResult = z.strictObject({ status: z.number().int().min(1).max(10), dueAt: Instant.nullable(), task: TaskView.nullable() });
export type StaffActionResult = z.infer<typeof StaffActionResult>;

export const DocumentParams = z.object({ id: z.string(), documentId: z.string() });
export const FormParams = z.object({ id: z.string(), form: z.string() });

export const RegisterQuery = z.object({ unitId: z.string().min(1).max(100), from: isoDay, to: isoDay });
