/** Shapes of the citizen journey's API answers (drafts, the citizen's dossiers, the public lookup). */
import type { CitizenDossierResult, SupplementRequest } from '../api/types.ts';

export interface DraftDocument {
  requirementCode: string;
  uploadId?: string;
  storeDocumentId?: string;
}

export interface DraftMeta {
  contactPhone?: string;
  contactEmail?: string;
  resultDelivery?: 'online' | 'counter' | 'post';
  /** Fee exemptions claimed (codes of the case's fee lines); each needs its proof attached as MIEN-PHI:<code>. */
  feeExemptions?: string[];
}

export interface Draft {
  id: string;
  procedureCode: string;
  caseCode: string;
  values: Record<string, unknown>;
  prefilledFields: string[];
  /** Each component is a file the citizen uploaded or a document taken from their personal store. */
  documents: DraftDocument[];
  meta: DraftMeta;
  revision: number;
  status: string;
  dossierId: string | null;
  expiresAt: string;
  expiresSoon: boolean;
}

export interface DraftSummary {
  id: string;
  procedureCode: string;
  updatedAt: string;
  expiresAt: string;
  expiresSoon: boolean;
}

export interface TimelineEntry {
  at: string;
  label: string;
  statusName: string | null;
  note?: string;
}

export interface DossierDetail {
  id: string;
  code: string;
  procedureCode: string;
  caseCode: string;
  procedureName: string;
  /** The catalogue's English name of the procedure version, where it has one. */
  procedureNameEn: string | null;
  status: { code: number; name: string };
  submittedAt: string;
  dueAt: string | null;
  documents: { id: string; name: string; requirementCode: string }[];
  /** The e-form's answers as submitted. */
  values?: Record<string, unknown>;
  timeline: TimelineEntry[];
  canWithdraw: boolean;
  /** Present while the dossier waits for the documents an official asked for (status 5). */
  supplementRequest?: SupplementRequest | null;
  /** The components of the version and case the dossier was received under. */
  requirements: { code: string; name: string; required: boolean; providedByForm: boolean }[];
  /** The electronic result, once issued (signed and published into the citizen's store). */
  result?: CitizenDossierResult | null;
}

export interface DossierListItem {
  id: string;
  code: string;
  procedureName: string;
  /** The catalogue's English name of the procedure version, where it has one. */
  procedureNameEn: string | null;
  status: { code?: number; name: string };
  submittedAt: string;
}

export interface LookupResult {
  code: string;
  procedureName: string;
  /** The catalogue's English name of the procedure version, where it has one. */
  procedureNameEn: string | null;
  status: { code?: number; name: string };
  dueAt: string | null;
  timeline: TimelineEntry[];
}

/** A problem the server found at submission (SUBMISSION_INVALID details.errors), or one the browser found. */
export interface SubmissionProblem {
  path: string;
  code?: string;
  message: string;
  messageKey?: string;
  params?: Record<string, string | number>;
}
