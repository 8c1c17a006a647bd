/**
 * Online submission (nộp hồ sơ trực tuyến): idempotent and atomic.
 *
 * - Idempotent: the client sends a key with the submission. A double click, a retry or a refresh with the same
 *   key returns the same dossier; a unique index on (owner, key) decides races, and the losing transaction rolls
 *   back whole (including its dossier-code number).
 * - Atomic: the dossier, its documents, the first action-log entry, the outbox message (confirmation e-mail) and
 *   the draft's closing are one transaction. The dossier code is issued last in that transaction, so the
 *   per-unit-per-day counter row stays locked only for the final statements.
 */
import crypto from 'node:crypto';
import { NationalStatus, Channel } from '../../../core/dossiers/status.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { MAIL_TOPIC } from '../notifications/service.ts';
import { appendAction } from './action-log.ts';
import { issueDossierCode } from './codes.ts';
import { getOwnDraft, type DraftRow } from './drafts.ts';

export interface CheckedSubmission {
  procedureName: string;
  /** Values after the form engine normalised them (hidden fields removed). */
  values: Record<string, unknown>;
  provenance: Record<string, unknown>;
  summary: string;
  applicant: { fullName: string; idNumber: string; phone?: string; email?: string; address?: unknown };
  documents: { requirementCode: string; uploadId: string; sha256: string; name: string; mime: string; size: number }[];
  feeTotal: number;
  feeQuote: unknown;
  populationDbUsed: boolean;
  competentUnitId: string | null;
}

/** Validates a draft for submission; throws AppError (422) listing every problem. */
export type SubmissionChecker = (ctx: AppContext, citizen: CitizenActor, draft: DraftRow) => Promise<CheckedSubmission>;

export interface SubmittedDossier {
  id: string;
  code: string;
  status: number;
  submittedAt: string;
  procedureCode: string;
  procedureName: string;
}

class DuplicateSubmission extends Error {}

export async function findByIdempotencyKey(db: Queryable, ownerId: string, key: string): Promise<SubmittedDossier | null> {
  const r = (await db.query<{ id: string; code: string; status: number; submitted_at: Date; procedure_code: string; procedure_name: string }>(
    'SELECT id, code, status, submitted_at, procedure_code, procedure_name FROM dossiers WHERE owner_citizen_id = $1 AND idempotency_key = $2',
    [ownerId, key],
  )).rows[0];
  return r ? { id: r.id, code: r.code, status: r.status, submittedAt: new Date(r.submitted_at).toISOString(), procedureCode: r.procedure_code, procedureName: r.procedure_name } : null;
}

export async function submitDossier(
  ctx: AppContext,
  citizen: CitizenActor,
  input: { draftId: string; idempotencyKey: string },
  check: SubmissionChecker,
): Promise<{ dossier: SubmittedDossier; created: boolean }> {
  const existing = await findByIdempotencyKey(ctx.db, citizen.id, input.idempotencyKey);
  if (existing) return { dossier: existing, created: false };

  const draft = await getOwnDraft(ctx.db, citizen, input.draftId);
  if (draft.status === 'submitted' && draft.dossier_id) {
    const d = (await ctx.db.query<{ idempotency_key: string }>('SELECT idempotency_key FROM dossiers WHERE id = $1', [draft.dossier_id])).rows[0];
    const again = d ? await findByIdempotencyKey(ctx.db, citizen.id, d.idempotency_key) : null;
    if (again) return { dossier: again, created: false };
  }
  if (draft.status !== 'open') throw new AppError('DRAFT_CLOSED', 'Hồ sơ nháp đã hết hạn hoặc đã được nộp.', 409);

  const checked = await check(ctx, citizen, draft);
  const unit = await receivingUnit(ctx.db, draft.meta?.receivingUnitId);
  const submittedAt = new Date();
  const loginAt = citizen.loginAt ? new Date(citizen.loginAt) : null;
  const id = crypto.randomUUID();

  try {
    const code = await ctx.db.transaction(async (tx) => {
      // Claim the draft first: a concurrent submission of the same draft with another key waits here and then
      // finds it closed.
      const claimed = await tx.query("UPDATE drafts SET status = 'submitted', dossier_id = $2, updated_at = now() WHERE id = $1 AND status = 'open'", [draft.id, id]);
      if (claimed.rowCount === 0) throw new DuplicateSubmission();
      const inserted = await tx.query(
        `INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, sub_state, channel,
            applicant_kind, owner_citizen_id, applicant, applicant_id_number, applicant_name, applicant_phone, applicant_email, result_delivery,
            summary, form_values, prefill_provenance, receiving_unit_id, competent_unit_id, submitted_at, login_at, login_to_submit_ms,
            idempotency_key, fee_quote, fee_total, vneid_authenticated, population_db_used, draft_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting_reception', $8, 'citizen', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
                 $24, $25, $26, true, $27, $28)
         ON CONFLICT (owner_citizen_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
        [
          id, `pending:${id}`, draft.procedure_code, draft.procedure_version, draft.case_code, checked.procedureName, NationalStatus.NEW, Channel.ONLINE,
          citizen.id, checked.applicant, checked.applicant.idNumber, checked.applicant.fullName, checked.applicant.phone ?? null, checked.applicant.email ?? null,
          draft.meta?.resultDelivery ?? 'online', checked.summary, checked.values, checked.provenance, unit.id, checked.competentUnitId, submittedAt, loginAt,
          loginAt ? submittedAt.getTime() - loginAt.getTime() : null, input.idempotencyKey, checked.feeQuote ?? null, checked.feeTotal, checked.populationDbUsed, draft.id,
        ],
      );
      if (inserted.rowCount === 0) throw new DuplicateSubmission();
      for (const doc of checked.documents) {
        await tx.query(
          `INSERT INTO dossier_documents (id, dossier_id, requirement_code, upload_id, sha256, name, mime, size, digitised, reused, from_store, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, false, false, 'upload')`,
          [crypto.randomUUID(), id, doc.requirementCode, doc.uploadId, doc.sha256, doc.name, doc.mime, doc.size],
        );
      }
      await appendAction(tx, id, {
        actorKind: 'citizen',
        actorId: citizen.id,
        actorName: citizen.fullName,
        actorRole: 'applicant',
        action: 'submitted',
        fromStatus: null,
        toStatus: NationalStatus.NEW,
        at: submittedAt,
        data: { channel: Channel.ONLINE, procedureCode: draft.procedure_code, procedureVersion: draft.procedure_version, caseCode: draft.case_code, receivingUnitId: unit.id },
        attachments: checked.documents.map((d) => ({ name: d.name, sha256: d.sha256, uploadId: d.uploadId, kind: d.requirementCode })),
      }, { first: true });
      await enqueue(tx, MAIL_TOPIC, `mail:submitted:${id}`, { dossierId: id, template: 'submitted' });
      const dossierCode = await issueDossierCode(tx, unit.agencyCode, submittedAt);
      await tx.query('UPDATE dossiers SET code = $2 WHERE id = $1', [id, dossierCode]);
      return dossierCode;
    });
    return {
      dossier: { id, code, status: NationalStatus.NEW, submittedAt: submittedAt.toISOString(), procedureCode: draft.procedure_code, procedureName: checked.procedureName },
      created: true,
    };
  } catch (err) {
    if (!(err instanceof DuplicateSubmission)) throw err;
    const winner = await findByIdempotencyKey(ctx.db, citizen.id, input.idempotencyKey);
    if (winner) return { dossier: winner, created: false };
    throw new AppError('DRAFT_ALREADY_SUBMITTED', 'Hồ sơ nháp này đã được nộp. Vui lòng xem trong mục "Hồ sơ của tôi".', 409);
  }
}

export interface ReceivingUnit {
  id: string;
  agencyCode: string;
  name: string;
  /** Agencies of the same commune by kind (ubnd_xa, cong_an_xa …): the competent unit of a procedure. */
  unitsByKind: Record<string, string>;
}
const unitCaches = new WeakMap<Queryable, Map<string, { at: number; unit: Promise<ReceivingUnit> }>>();
const UNIT_CACHE_MS = 60_000;

/**
 * The one-stop unit that receives the dossier: the chosen one, or the installation's default. Agencies change
 * rarely; lookups are cached for a minute per process.
 */
export async function receivingUnit(db: Queryable, chosen?: string): Promise<ReceivingUnit> {
  let unitCache = unitCaches.get(db);
  if (!unitCache) unitCaches.set(db, (unitCache = new Map()));
  const key = chosen ?? '';
  const hit = unitCache.get(key);
  if (hit && Date.now() - hit.at < UNIT_CACHE_MS) return hit.unit;
  const unit = loadReceivingUnit(db, chosen);
  unitCache.set(key, { at: Date.now(), unit });
  unit.catch(() => unitCache!.delete(key));
  return unit;
}

async function loadReceivingUnit(db: Queryable, chosen?: string): Promise<ReceivingUnit> {
  const { rows } = await db.query<{ id: string; agency_code: string | null; name: string }>(
    `SELECT o.id, o.agency_code, o.name FROM org_units o
      WHERE o.id = COALESCE($1, (SELECT default_unit FROM installation)) AND o.effective_to IS NULL`,
    [chosen ?? null],
  );
  const u = rows[0];
  if (!u || !u.agency_code) throw new AppError('RECEIVING_UNIT_INVALID', 'Nơi tiếp nhận hồ sơ không hợp lệ.', 422);
  const siblings = (await db.query<{ id: string; kind: string }>(
    'SELECT c.id, c.kind FROM org_units c JOIN org_units r ON r.admin_unit_code = c.admin_unit_code WHERE r.id = $1 AND c.effective_to IS NULL ORDER BY c.id',
    [u.id],
  )).rows;
  const unitsByKind: Record<string, string> = {};
  for (const x of siblings) unitsByKind[x.kind] ??= x.id;
  return { id: u.id, agencyCode: u.agency_code, name: u.name, unitsByKind };
}
