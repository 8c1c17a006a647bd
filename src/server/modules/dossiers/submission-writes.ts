/**
 * The writes of one online submission, in as few round trips as possible: one statement claims the draft and
 * inserts the dossier, its documents, the first (hash-chained) action-log entry and the outbox message; a second
 * issues the dossier code. Used by the submission service and by bench/submit's baseline alike.
 */
import { foldVietnamese } from '../../../core/catalogue/search.ts';
import type { Queryable } from '../../db/database.ts';
import { GENESIS_HASH, hashEntry, type ActionEntry } from './action-log.ts';
import { assignDossierCode } from './codes.ts';

/** A component: an upload of the citizen's, or a document of their personal store (reused, DuocLayTuKhoDMQG). */
export interface SubmittedDocument {
  requirementCode: string;
  uploadId?: string;
  storeDocumentId?: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

export interface SubmissionRow {
  id: string;
  draftId: string;
  procedureCode: string;
  procedureVersion: number;
  caseCode: string;
  procedureName: string;
  ownerCitizenId: string;
  applicant: { fullName: string; idNumber: string; phone?: string; email?: string };
  resultDelivery: string;
  summary: string;
  values: Record<string, unknown>;
  provenance: Record<string, unknown>;
  receivingUnitId: string;
  agencyCode: string;
  competentUnitId: string | null;
  /** Every unit on the dossier's route (receiving, competent, each workflow step's unit): who may see it. */
  unitIds: string[];
  submittedAt: Date;
  loginAt: Date | null;
  idempotencyKey: string;
  feeQuote: unknown;
  feeTotal: number;
  populationDbUsed: boolean;
  documents: SubmittedDocument[];
  action: Omit<ActionEntry, 'dossierId' | 'seq' | 'at'>;
  outbox: { topic: string; dedupeKey: string; payload: Record<string, unknown> };
}

/** Returns the dossier code, or null when the draft was already claimed or the idempotency key already used. */
export async function writeSubmission(tx: Queryable, s: SubmissionRow): Promise<string | null> {
  const entry: ActionEntry = { dossierId: s.id, seq: 1, at: s.submittedAt.toISOString(), ...s.action };
  const hash = hashEntry(GENESIS_HASH, entry);
  const docs = s.documents;
  const { rows } = await tx.query<{ claimed: number; inserted: number }>(
    `WITH claim AS (
       UPDATE drafts SET status = 'submitted', dossier_id = $1, updated_at = now() WHERE id = $2 AND status = 'open' RETURNING id),
     ins AS (
       INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, sub_state, channel, applicant_kind,
         owner_citizen_id, applicant, applicant_id_number, applicant_name, applicant_phone, applicant_email, result_delivery, summary, form_values,
         prefill_provenance, receiving_unit_id, competent_unit_id, submitted_at, login_at, login_to_submit_ms, idempotency_key, fee_quote, fee_total,
         vneid_authenticated, population_db_used, draft_id, unit_ids, applicant_search)
       SELECT $1, 'pending:' || $1, $3, $4, $5, $6, 1, 'waiting_reception', 2, 'citizen', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
         $21, $22, $23, $24, true, $25, $2, $45, $46 FROM claim
       ON CONFLICT (owner_citizen_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id),
     docs AS (
       INSERT INTO dossier_documents (id, dossier_id, requirement_code, upload_id, store_document_id, sha256, name, mime, size, digitised, reused, from_store, source, created_at)
       SELECT gen_random_uuid(), ins.id, d.requirement_code, d.upload_id, d.store_id, d.sha256, d.name, d.mime, d.size, true, d.store_id IS NOT NULL, d.store_id IS NOT NULL,
              CASE WHEN d.store_id IS NULL THEN 'upload' ELSE 'store' END, $19
         FROM ins, unnest($26::text[], $27::uuid[], $28::text[], $29::text[], $30::text[], $31::bigint[], $47::uuid[]) AS d(requirement_code, upload_id, sha256, name, mime, size, store_id)),
     act AS (
       INSERT INTO dossier_actions (dossier_id, seq, at, actor_kind, actor_id, actor_name, actor_role, action, from_status, to_status, data, attachments, prev_hash, hash)
       SELECT ins.id, 1, $19, $32, $33, $34, $35, $36, NULL, $37, $38, $39, $40, $41 FROM ins),
     ob AS (
       INSERT INTO outbox (topic, dedupe_key, payload) SELECT $42, $43, $44 FROM ins ON CONFLICT (dedupe_key) DO NOTHING)
     SELECT (SELECT count(*) FROM claim)::int AS claimed, (SELECT count(*) FROM ins)::int AS inserted`,
    [
      s.id, s.draftId, s.procedureCode, s.procedureVersion, s.caseCode, s.procedureName, s.ownerCitizenId, s.applicant, s.applicant.idNumber,
      s.applicant.fullName, s.applicant.phone ?? null, s.applicant.email ?? null, s.resultDelivery, s.summary, s.values, s.provenance, s.receivingUnitId,
      s.competentUnitId, s.submittedAt, s.loginAt, s.loginAt ? s.submittedAt.getTime() - s.loginAt.getTime() : null, s.idempotencyKey,
      s.feeQuote ?? null, s.feeTotal, s.populationDbUsed,
      docs.map((d) => d.requirementCode), docs.map((d) => d.uploadId ?? null), docs.map((d) => d.sha256), docs.map((d) => d.name), docs.map((d) => d.mime), docs.map((d) => d.size),
      entry.actorKind, entry.actorId, entry.actorName, entry.actorRole, entry.action, entry.toStatus, entry.data, JSON.stringify(entry.attachments), GENESIS_HASH, hash,
      s.outbox.topic, s.outbox.dedupeKey, s.outbox.payload, s.unitIds, foldVietnamese(s.applicant.fullName), docs.map((d) => d.storeDocumentId ?? null),
    ],
  );
  if (rows[0].claimed === 0 || rows[0].inserted === 0) return null;
  return assignDossierCode(tx, s.id, s.agencyCode, s.submittedAt);
}

