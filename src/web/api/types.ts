import type { ProcedureDefinition } from '../../core/catalogue/schema.ts';

export interface ProcedureSummary {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: 'toan_trinh' | 'mot_phan';
  competentLevel: 'tinh' | 'xa';
  competentUnitKind: string;
  onlineOnly: boolean;
  timeLimit: { amount: number; unit: string; sameDayRule?: boolean; note?: string };
  hasFee: boolean;
  caseCount: number;
  version: number;
}

export interface ProcedureDetail {
  code: string;
  version: number;
  effectiveFrom: string;
  definition: ProcedureDefinition;
}

export interface SessionInfo {
  authenticated: boolean;
  kind?: 'citizen' | 'official';
  user?: { fullName: string; idNumber?: string };
}

/* ---------- Back office (/api/staff/…) ---------- */

export type Urgency = 'overdue' | 'due_soon' | 'in_time';
export type StepTimeliness = 'before' | 'on_time' | 'overdue' | 'in_progress';
export interface StatusView {
  code: number;
  name: string;
}

export interface InboxItem {
  taskId: string;
  dossierId: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  status: StatusView;
  /** 1 at the counter, 2 online, 3 by post. */
  channel: number;
  stepName: string;
  role: string;
  unitId: string;
  assigned: boolean;
  stepStartedAt: string;
  stepDueAt: string;
  dueAt: string | null;
  paused: boolean;
  urgency: Urgency;
}

export interface InboxResponse {
  counts: { all: number; overdue: number; due_soon: number };
  total: number;
  page: number;
  pageSize: number;
  items: InboxItem[];
}

export interface ReceptionQueueItem {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  submittedAt: string;
  subState: string | null;
  receivingUnitId: string;
  channel: number;
}

export interface StaffSearchItem {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  applicantIdNumber: string | null;
  status: StatusView;
  channel: number;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
}

export interface StaffSearchResponse {
  kind: 'code' | 'id_number' | 'name' | 'none';
  page: number;
  pageSize: number;
  hasMore: boolean;
  items: StaffSearchItem[];
}

import type { StaffAction } from '../../core/workflow/permissions.ts';
export type StaffActionCode = StaffAction;

export interface StaffDocument {
  id: string;
  requirementCode: string;
  name: string;
  mime: string;
  size: number;
  source: 'upload' | 'scan' | 'supplement' | 'store' | string;
  digitised: boolean;
  reused: boolean;
  fromStore: boolean;
  addedAt: string | null;
}

export interface StaffTask {
  seq: number;
  stepIndex: number;
  stepName: string;
  role: string;
  unitId: string;
  unitName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  startedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  completedByName: string | null;
  outcome: string | null;
  timeliness: StepTimeliness;
  current: boolean;
}

export interface StaffLogEntry {
  seq: number;
  at: string | null;
  actorKind: string;
  actorName: string;
  actorRole: string;
  action: string;
  label: string;
  fromStatus: number | null;
  toStatus: number | null;
  data: Record<string, unknown>;
  attachments: { name: string; uploadId?: string; kind?: string }[];
}

export interface StaffDossier {
  id: string;
  code: string;
  procedureCode: string;
  procedureVersion: number;
  procedureName: string;
  caseCode: string;
  caseName: string;
  status: StatusView;
  subState: string | null;
  channel: number;
  applicant: { fullName: string; idNumber: string | null; phone: string | null; email: string | null; address?: unknown; [key: string]: unknown };
  values: Record<string, unknown>;
  form: ProcedureDefinition['cases'][number]['form'] | null;
  requirements: { code: string; name: string; required: boolean; providedByForm?: boolean }[];
  summary: string;
  resultDelivery: string;
  receivingUnit: { id: string; name: string | null };
  competentUnit: { id: string; name: string | null } | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  pausedSince: string | null;
  dossierUrgency: Urgency | null;
  supplementRequests: number;
  reschedules: number;
  feeTotal: number;
  feeQuote: unknown;
  paymentState: string | null;
  register: { book: number | null; number: number } | null;
  intake: { officialName?: string; channel?: number; identityCheck?: { idNumber: string; checkedAt: string; source: string; matched: boolean }; waybill?: string; note?: string } | null;
  delivery: { method?: string; receiverName?: string; receiverIdNumber?: string; waybill?: string; at?: string; officialName?: string } | null;
  flags: { vneidAuthenticated: boolean; populationDbUsed: boolean };
  documents: StaffDocument[];
  workflow: { index: number; key: string; name: string; role: string; kind: 'receive' | 'handle' | 'issue' | 'return'; quota: { amount: number; unit: string } }[];
  tasks: StaffTask[];
  pauses: { kind: string; startedAt: string | null; endedAt: string | null; reason: string; dueBefore: string | null; dueAfter: string | null }[];
  log: StaffLogEntry[];
  actions: { code: StaffActionCode; name: string }[];
  reassignCandidates: { id: string; fullName: string }[];
  /** The dossier's latest signed result (published or not yet). */
  result?: StaffDossierResult | null;
}

export interface StaffActionResult {
  status: number;
  dueAt: string | null;
  task: { stepName: string; unitId: string; assigneeId: string | null; assigneeName: string | null; dueAt: string } | null;
}

export interface IdentityCheckResult {
  person: {
    idNumber: string;
    fullName: string;
    birthDate: string;
    gender: string;
    nationality: string;
    permanentAddress: string;
    residenceCommuneCode: string;
    phone: string | null;
    email: string | null;
  };
  checkedAt: string;
  checkToken: string;
}

export interface IntakePrefill {
  procedureCode: string;
  procedureVersion: number;
  procedureName: string;
  caseCode: string;
  form: NonNullable<ProcedureDefinition['cases'][number]['form']>;
  documents: { code: string; name: string; required: boolean; providedByForm?: boolean; originals: number; copies: number; documentType?: string; satisfiedByResultCodes?: string[] }[];
  values: Record<string, unknown>;
  prefilledFields: string[];
  seal: string;
}

export interface IntakeResult {
  id: string;
  code: string;
  status: number;
  dueAt: string | null;
  task: StaffActionResult['task'];
  created: boolean;
}

export interface OrgUnitInfo {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  adminUnitCode: string;
  adminUnitName: string;
  parentId: string | null;
  agencyCode: string | null;
}

/** The citizen's view of a supplement request on their dossier (status 5). */
export interface SupplementRequest {
  requestedAt: string | null;
  reason: string;
  items: { name: string; reason: string }[];
}

/* ---------- Results and the personal document store ---------- */

export type StoreKind = 'result' | 'certified_copy' | 'digitised';
export type ResultStatus = 'valid' | 'replaced' | 'cancelled';

/** A document of a person's store (GET /api/my/store, POST /api/staff/intake/store). */
export interface StoreItem {
  id: string;
  kind: StoreKind;
  title: string;
  documentType: string | null;
  resultCode: string | null;
  sha256: string;
  mime: string;
  size: number;
  issuedAt: string;
  /** yyyy-mm-dd, the last day it may be used; null without a time limit. */
  validTo: string | null;
  resultId: string | null;
  resultStatus: ResultStatus | null;
  sourceDossierCode: string | null;
}

/** What a document requirement needs from a stored document (the catalogue's document requirement). */
export interface StoreRequirement {
  code: string;
  name: string;
  documentType?: string;
  satisfiedByResultCodes?: string[];
}

export interface ShareLink {
  url: string;
  expiresAt: string;
}

/** The issued result on the citizen's dossier (GET /api/my/dossiers/:id). */
export interface CitizenDossierResult {
  id: string;
  title: string;
  number: string;
  status: ResultStatus;
  issuedAt: string | null;
  validTo: string | null;
  verifyPath: string;
}

/** The signed result of a dossier as officials see it (GET /api/staff/dossiers/:id). */
export interface StaffDossierResult {
  id: string;
  title: string;
  number: string;
  status: ResultStatus;
  signerName: string;
  signedAt: string | null;
  publishedAt: string | null;
  statusReason: string | null;
  verifyPath: string;
}

export type PublicResultState = 'valid' | 'expired' | 'cancelled' | 'replaced' | 'not_issued';

/** GET /api/public/results/:id — what anyone may learn about a result. */
export interface PublicResult {
  id: string;
  state: PublicResultState;
  title: string;
  number: string;
  resultCode: string;
  kind: string;
  issuingUnit: string;
  signer: { name: string; title: string | null; certificate: string };
  signedAt: string;
  issuedAt: string | null;
  owner: { name: string; idNumber: string };
  validFrom: string;
  validTo: string | null;
  scope: string | null;
  sha256: string;
  dossierCode: string | null;
  procedureName: string | null;
  statusReason: string | null;
  statusAt: string | null;
  replacedBy: string | null;
}

export interface SignatureCheck {
  valid: boolean;
  signerName?: string;
  signingTime?: string;
  chainTrusted: boolean;
  coversWholeFile: boolean;
}

export type VerifyVerdict = PublicResultState | 'signature_invalid' | 'not_registered';

/** POST /api/public/verify — an uploaded file checked. */
export interface VerifyFileResponse {
  sha256: string;
  signatures: SignatureCheck[];
  signatureValid: boolean;
  registered: PublicResult | null;
  verdict: VerifyVerdict;
}
