/**
 * Drafts (hồ sơ nháp): saved on the server as the citizen types, so nothing is lost on a closed tab and the
 * citizen can resume on another device. A draft keeps the procedure version it was started under, the
 * prefilled values with their provenance (sealed server-side, so a changed prefilled value is detected at
 * submission), the attached uploads and submission details. Drafts expire after DRAFT_TTL_DAYS without changes.
 */
import crypto from 'node:crypto';
import { systemNow } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';

export const EXPIRY_WARNING_DAYS = 3;

/** A component of a draft: a file the citizen uploaded, or a document taken from their personal store. */
export interface DraftDocument {
  requirementCode: string;
  uploadId?: string;
  storeDocumentId?: string;
}

export interface DraftMeta {
  receivingUnitId?: string;
  contactPhone?: string;
  contactEmail?: string;
  resultDelivery?: 'online' | 'counter' | 'post';
  /** Fee exemptions claimed (codes of the case's fee lines); each needs its proof attached as MIEN-PHI:<code>. */
  feeExemptions?: string[];
}

export interface DraftRow {
  id: string;
  owner_citizen_id: string;
  procedure_code: string;
  procedure_version: number;
  case_code: string;
  form_values: Record<string, unknown>;
  prefill: { provenance?: Record<string, unknown>; seal?: string };
  documents: DraftDocument[];
  meta: DraftMeta;
  current_step: string | null;
  status: 'open' | 'submitted' | 'expired' | 'deleted';
  dossier_id: string | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
  expires_at: Date;
  /**
   * The owner's uploads that the draft's components name, when they were read with the draft (the submission reads
   * them in the same statement: one round trip fewer, issue 17); absent otherwise, and then the checks read them.
   */
  attached_uploads?: AttachedUpload[];
}

/** An upload of the draft's owner, as the submission checks need it. */
export interface AttachedUpload {
  id: string;
  sha256: string;
  original_name: string;
  mime: string;
  size: number;
  /** Whether the upload is the citizen's photo copy (self-digitisation). */
  photo_copy: boolean;
}

export interface DraftView {
  id: string;
  procedureCode: string;
  procedureVersion: number;
  caseCode: string;
  values: Record<string, unknown>;
  prefilledFields: string[];
  documents: DraftDocument[];
  meta: DraftMeta;
  currentStep: string | null;
  status: DraftRow['status'];
  dossierId: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  expiresSoon: boolean;
}

export function toDraftView(r: DraftRow, now = systemNow()): DraftView {
  const expiresAt = new Date(r.expires_at);
  return {
    id: r.id,
    procedureCode: r.procedure_code,
    procedureVersion: r.procedure_version,
    caseCode: r.case_code,
    values: r.form_values,
    prefilledFields: Object.keys(r.prefill?.provenance ?? {}),
    documents: r.documents ?? [],
    meta: r.meta ?? {},
    currentStep: r.current_step,
    status: r.status,
    dossierId: r.dossier_id,
    revision: r.revision,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    expiresAt: expiresAt.toISOString(),
    expiresSoon: r.status === 'open' && expiresAt.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * 86_400_000,
  };
}

export async function insertDraft(
  db: Queryable,
  citizen: CitizenActor,
  input: { procedureCode: string; procedureVersion: number; caseCode: string; values: Record<string, unknown>; prefill: DraftRow['prefill']; meta: DraftMeta },
  ttlDays: number,
): Promise<DraftRow> {
  const id = crypto.randomUUID();
  const { rows } = await db.query<DraftRow>(
    `INSERT INTO drafts (id, owner_citizen_id, procedure_code, procedure_version, case_code, form_values, prefill, meta, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(days => $9)) RETURNING *`,
    [id, citizen.id, input.procedureCode, input.procedureVersion, input.caseCode, input.values, input.prefill, input.meta, ttlDays],
  );
  return rows[0];
}

/** The citizen's own draft; anyone else's (or a malformed id) is "not found", never "forbidden". */
export async function getOwnDraft(db: Queryable, citizen: CitizenActor, id: string, forUpdate = false): Promise<DraftRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Không tìm thấy hồ sơ nháp.');
  const { rows } = await db.query<DraftRow>(
    `SELECT * FROM drafts WHERE id = $1 AND owner_citizen_id = $2 AND status <> 'deleted'${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, citizen.id],
  );
  if (!rows[0]) throw notFound('Không tìm thấy hồ sơ nháp.');
  return rows[0];
}

export async function updateDraft(
  db: Queryable,
  citizen: CitizenActor,
  id: string,
  patch: { values?: Record<string, unknown>; documents?: DraftDocument[]; meta?: DraftMeta; currentStep?: string | null; revision: number },
  ttlDays: number,
): Promise<DraftRow> {
  const current = await getOwnDraft(db, citizen, id);
  if (current.status !== 'open') {
    throw new AppError('DRAFT_CLOSED', current.status === 'submitted' ? 'Hồ sơ này đã được nộp.' : 'Hồ sơ nháp đã hết hạn.', 409, {
      status: current.status,
      dossierId: current.dossier_id,
    });
  }
  const { rows } = await db.query<DraftRow>(
    `UPDATE drafts SET form_values = COALESCE($3, form_values), documents = COALESCE($4, documents), meta = COALESCE($5, meta),
            current_step = CASE WHEN $6::boolean THEN $7 ELSE current_step END,
            revision = revision + 1, updated_at = now(), expires_at = now() + make_interval(days => $9)
      WHERE id = $1 AND owner_citizen_id = $2 AND revision = $8 AND status = 'open' RETURNING *`,
    [
      id,
      citizen.id,
      patch.values ?? null,
      patch.documents ? JSON.stringify(patch.documents) : null,
      patch.meta ?? null,
      patch.currentStep !== undefined,
      patch.currentStep ?? null,
      patch.revision,
      ttlDays,
    ],
  );
  if (!rows[0]) {
    const latest = await getOwnDraft(db, citizen, id);
    throw new AppError('DRAFT_CONFLICT', 'Hồ sơ nháp vừa được thay đổi ở nơi khác (thiết bị hoặc thẻ khác). Đã tải lại bản mới nhất.', 409, {
      draft: toDraftView(latest),
    });
  }
  return rows[0];
}

export async function listOwnDrafts(db: Queryable, citizen: CitizenActor): Promise<DraftRow[]> {
  return (
    await db.query<DraftRow>("SELECT * FROM drafts WHERE owner_citizen_id = $1 AND status = 'open' AND expires_at > now() ORDER BY updated_at DESC LIMIT 100", [
      citizen.id,
    ])
  ).rows;
}

/** Marks drafts past their expiry as expired (run by the background sweep). */
export async function expireDrafts(db: Queryable): Promise<number> {
  return (await db.query("UPDATE drafts SET status = 'expired' WHERE status = 'open' AND expires_at <= now()")).rowCount;
}

/**
 * The expiry sweep as a background job: hourly, and once at start (a server restarted more often than hourly still
 * sweeps). One idempotent UPDATE, safe with several servers. Expiry is on the database's real clock, like every
 * draft time (created, updated, expires), not on the business clock: the draft TTL is retention, not a legal time.
 */
export const draftExpiryJob = (db: Queryable): JobDefinition => ({
  name: 'drafts.expiry',
  everyMs: 60 * 60 * 1000,
  jitterMs: 60_000,
  runImmediately: true,
  run: async () => ({ expired: await expireDrafts(db) }),
});
