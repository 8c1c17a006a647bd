/**
 * The API's answers as the web app uses them: the types of the contract's schemas (src/contract), under the names the
 * pages import. Nothing is declared here; change the contract instead.
 */
export type { ProcedureDetail, ProcedureSummary } from '../../contract/catalogue.ts';
export type { UploadInfo } from '../../contract/documents.ts';
export type {
  CitizenDossierResult,
  DraftDocument,
  DraftView as Draft,
  DraftView,
  MyDossier,
  MyDossierItem,
  PublicDossierStatus,
  SubmittedDossier,
  SupplementRequest,
  TimelineEntry,
} from '../../contract/dossiers.ts';
export type { ValidationDetails, ValidationIssue } from '../../contract/http.ts';
export type { IdentityCheckResult, IntakePrefill, IntakeResult, ReceptionQueueItem } from '../../contract/reception.ts';
export type { OrgUnitInfo } from '../../contract/reference.ts';
export type {
  PublicResult,
  PublicResultState,
  ResultStatus,
  ShareLink,
  SignatureCheck,
  StoreItem,
  StoreKind,
  StoreRequirement,
  VerifyFileResponse,
  VerifyVerdict,
} from '../../contract/results.ts';
export type { SessionInfo, StaffProfile } from '../../contract/session.ts';
export type {
  InboxItem,
  InboxResponse,
  StaffActionCode,
  StaffActionResult,
  StaffDocument,
  StaffDossier,
  StaffDossierResult,
  StaffLogEntry,
  StaffSearchItem,
  StaffSearchResponse,
  StaffTask,
  StepTimeliness,
  Urgency,
} from '../../contract/staff.ts';

import type { z } from 'zod';
import type { StatusView as StatusViewSchema } from '../../contract/http.ts';
export type StatusView = z.infer<typeof StatusViewSchema>;
