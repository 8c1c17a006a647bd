/**
 * Self-digitisation (issue 16 item 2; docs/digitisation.md "Self-digitisation"):
 *
 * - the citizen photographs a paper in the journey: the upload becomes a *photo copy* (not a certified copy) and is
 *   recognised in the background (the recognition module's queue); the citizen confirms the recognised fields one
 *   by one, and a changed value keeps the recognised original (src/core/recognition/self-digitisation.ts);
 * - when the dossier is submitted (or supplemented) with it, the component is marked as a photo copy and is NOT
 *   digitised (766 indicator 4.2) yet;
 * - at the counter (or by the specialist of the competent agency) the official compares it with the original paper
 *   and confirms: the file gets the NĐ 137/2024 conversion mark and the unit's PAdES signature, replaces the photo on
 *   the dossier, the component becomes digitised and joins the citizen's store (reusable, 4.3). That confirmation is
 *   recorded in `original_confirmations` (who, which unit, when, the photo's and the marked file's hashes, the
 *   certificate) and, in the same transaction, as the action `confirm_original` (event `original_confirmed`) in the
 *   dossier's hash-chained action log through the one transition path: the status is kept, the entry names the
 *   component, both hashes, the certificate, the unit and the official.
 */
import crypto from 'node:crypto';
import type { PhotoCopyView, StaffPhotoCopies } from '../../../contract/self-digitisation.ts';
import { terminalStatuses, type NationalStatus } from '../../../core/dossiers/status.ts';
import { canSee } from '../../../core/workflow/permissions.ts';
import { LOW_CONFIDENCE, type RecognitionResult } from '../../../core/recognition/fields.ts';
import { changeNote, ConfirmationError, confirmFields, type ConfirmedField, STORE_DOCUMENT_TYPE_OF } from '../../../core/recognition/self-digitisation.ts';
import { type RecognisableType, templateFor } from '../../../core/recognition/templates.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { deferWrite } from '../../db/deferred.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError, appError, notFound } from '../../http/errors.ts';
import { getVersion } from '../catalogue/index.ts';
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import { prepareTransition, transition, type CreatedDossier } from '../dossiers/index.ts';
import type { Staff } from '../officials/index.ts';
import { findOwnUpload } from '../documents/index.ts';
import { requestRecognition } from '../recognition/index.ts';
import { markAndSignConverted, prepareConvertedSigning, putInStore } from '../results/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PhotoRow {
  id: string;
  upload_id: string;
  document_type: string;
  confirmed_fields: ConfirmedField[] | null;
  confirmed_at: Date | null;
  status: 'pending' | 'done' | 'failed';
  result: RecognitionResult | null;
  error: string | null;
}

function view(r: PhotoRow): PhotoCopyView {
  return {
    id: r.id,
    uploadId: r.upload_id,
    type: r.document_type as RecognisableType,
    status: r.status,
    error: r.error,
    fields: (r.result?.fields ?? []).map((f) => ({ ...f, low: f.confidence < LOW_CONFIDENCE })),
    warnings: r.result?.warnings ?? [],
    confirmed: r.confirmed_fields,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
  };
}

async function ownPhoto(db: Queryable, citizen: CitizenActor, id: string, forUpdate = false): Promise<PhotoRow> {
  if (!UUID.test(id)) throw notFound('Không tìm thấy bản chụp giấy tờ.');
  const row = (
    await db.query<PhotoRow>(
      `SELECT p.id, p.upload_id, p.document_type, p.confirmed_fields, p.confirmed_at, r.status, r.result, r.error
         FROM photo_copies p JOIN recognitions r ON r.id = p.recognition_id
        WHERE p.id = $1 AND p.owner_citizen_id = $2${forUpdate ? ' FOR UPDATE OF p' : ''}`,
      [id, citizen.id],
    )
  ).rows[0];
  if (!row) throw notFound('Không tìm thấy bản chụp giấy tờ.');
  return row;
}

/** The citizen's photo of a paper: kept as a photo copy and sent to recognition (answers at once). */
export async function createPhotoCopy(ctx: AppContext, citizen: CitizenActor, input: { uploadId: string; type: RecognisableType }): Promise<PhotoCopyView> {
  const recognition = await requestRecognition(ctx, citizen, { uploadId: input.uploadId, type: input.type });
  await ctx.db.query(
    `INSERT INTO photo_copies (id, owner_citizen_id, upload_id, document_type, recognition_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (upload_id) DO NOTHING`,
    [crypto.randomUUID(), citizen.id, recognition.uploadId, input.type, recognition.id, now()],
  );
  const id = (
    await ctx.db.query<{ id: string }>('SELECT id FROM photo_copies WHERE upload_id = $1 AND owner_citizen_id = $2', [recognition.uploadId, citizen.id])
  ).rows[0].id;
  return view(await ownPhoto(ctx.db, citizen, id));
}

/** Only photos can be recognised: a photo copy is a JPEG or PNG of the paper. */
const PHOTO_MIMES = new Set(['image/jpeg', 'image/png']);

/** The store entry's title: the paper's name and that it is the citizen's own, unchecked photo. */
export function storePhotoTitle(type: RecognisableType): string {
  const name = templateFor(type)?.title ?? 'Thẻ căn cước';
  return `${name} (bản chụp tự số hoá — chưa đối chiếu bản gốc)`;
}

/**
 * A photo taken from the personal store page (no dossier): kept as a photo copy, recognised in the background, and
 * listed in the citizen's store as a `photo_copy` entry (not certified, not digitised). Repeating the request returns
 * the same photo copy and entry.
 */
export async function createStorePhotoCopy(
  ctx: AppContext,
  citizen: CitizenActor,
  input: { uploadId: string; type: RecognisableType },
): Promise<PhotoCopyView & { storeDocumentId: string }> {
  const upload = await findOwnUpload(ctx, citizen, input.uploadId);
  if (!upload) throw notFound('Không tìm thấy tệp đã gửi lên.');
  if (!PHOTO_MIMES.has(upload.mime))
    throw new AppError('PHOTO_REQUIRED', 'Chỉ nhận ảnh chụp giấy tờ (JPEG hoặc PNG) để tự số hoá. Vui lòng chụp ảnh hoặc chọn tệp ảnh.', 422);
  const photo = await createPhotoCopy(ctx, citizen, input);
  const at = now();
  await putInStore(ctx.db, {
    ownerIdNumber: citizen.idNumber,
    kind: 'photo_copy',
    title: storePhotoTitle(photo.type),
    documentType: STORE_DOCUMENT_TYPE_OF[photo.type],
    sha256: upload.sha256,
    mime: upload.mime,
    size: Number(upload.size),
    issuedAt: at,
    photoCopyId: photo.id,
  });
  const entry = (
    await ctx.db.query<{ id: string }>('SELECT id FROM store_documents WHERE photo_copy_id = $1 AND owner_id_number = $2', [photo.id, citizen.idNumber])
  ).rows[0];
  if (!entry) throw notFound('Không tìm thấy bản chụp giấy tờ trong kho dữ liệu.');
  return { ...photo, storeDocumentId: entry.id };
}

/**
 * The citizen deletes a photo copy from her store (`DELETE /api/my/store/photo-copies/:id`, id = the store entry's
 * id, as listed by `GET /api/my/store` and returned as `storeDocumentId`). Only an entry of kind `photo_copy` that
 * is hers (anyone else's, or none: 404). A photo copy that a dossier uses (the component taken from the store, or its
 * upload attached in a journey) is never removed: refused with 409 `PHOTO_COPY_IN_USE`, so a submitted dossier always
 * keeps its file and the counter can still confirm it against the original (the store_documents foreign key of
 * dossier_documents holds it too). Otherwise, in one transaction: its share links, the store entry and the photo copy
 * (its recognition and upload are left to their own retention). A second DELETE finds nothing: 404.
 */
export async function deleteStorePhotoCopy(ctx: AppContext, citizen: CitizenActor, storeDocumentId: string): Promise<void> {
  const missing = () => notFound('Không tìm thấy bản chụp giấy tờ trong kho dữ liệu.');
  if (!UUID.test(storeDocumentId)) throw missing();
  await ctx.db.transaction(async (tx) => {
    const entry = (
      await tx.query<{ id: string; kind: string; photo_copy_id: string | null; upload_id: string | null }>(
        `SELECT s.id, s.kind, s.photo_copy_id, p.upload_id
           FROM store_documents s LEFT JOIN photo_copies p ON p.id = s.photo_copy_id
          WHERE s.id = $1 AND s.owner_id_number = $2 FOR UPDATE OF s`,
        [storeDocumentId, citizen.idNumber],
      )
    ).rows[0];
    if (!entry) throw missing();
    if (entry.kind !== 'photo_copy')
      throw new AppError('NOT_PHOTO_COPY', 'Chỉ xoá được bản chụp tự số hoá chưa đối chiếu bản gốc. Giấy tờ này đã được cơ quan xác nhận.', 409);
    // A component that uses the photo's upload is marked photo_copy (the photo-copy subscriber, and it stays so after
    // the counter's confirmation): both tests are served by migration 119's partial indexes.
    const used = await tx.query(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM dossier_documents WHERE store_document_id = $1)
                   OR EXISTS (SELECT 1 FROM dossier_documents WHERE $2::uuid IS NOT NULL AND upload_id = $2::uuid AND photo_copy)`,
      [entry.id, entry.upload_id],
    );
    if (used.rows.length > 0) throw appError('PHOTO_COPY_IN_USE');
    await tx.query('DELETE FROM store_shares WHERE store_document_id = $1', [entry.id]);
    await tx.query('DELETE FROM store_documents WHERE id = $1', [entry.id]);
    if (entry.photo_copy_id) await tx.query('DELETE FROM photo_copies WHERE id = $1 AND owner_citizen_id = $2', [entry.photo_copy_id, citizen.id]);
  });
}

export async function getPhotoCopy(ctx: AppContext, citizen: CitizenActor, id: string): Promise<PhotoCopyView> {
  return view(await ownPhoto(ctx.db, citizen, id));
}

/** The citizen's answers, field by field; refused before recognition finished and after an official confirmed the original. */
export async function confirmPhotoCopy(
  ctx: AppContext,
  citizen: CitizenActor,
  id: string,
  answers: readonly { name: string; value: string }[],
): Promise<PhotoCopyView> {
  return ctx.db.transaction(async (tx) => {
    const row = await ownPhoto(tx, citizen, id, true);
    if (row.status === 'pending') throw new AppError('RECOGNITION_NOT_FINISHED', 'Giấy tờ chưa được nhận dạng xong. Vui lòng chờ trong giây lát.', 409);
    const locked = await tx.query('SELECT 1 FROM original_confirmations c JOIN dossier_documents x ON x.id = c.dossier_document_id WHERE x.upload_id = $1', [
      row.upload_id,
    ]);
    if (locked.rows.length > 0) throw new AppError('PHOTO_COPY_LOCKED', 'Bản chụp đã được cán bộ đối chiếu với bản gốc, không thể sửa nữa.', 409);
    let confirmed: ConfirmedField[];
    try {
      confirmed = confirmFields(row.result?.fields ?? [], answers);
    } catch (e) {
      if (e instanceof ConfirmationError) throw new AppError('CONFIRMATION_INVALID', e.message, 422, { reason: e.code });
      throw e;
    }
    const at = now();
    await tx.query('UPDATE photo_copies SET confirmed_fields = $2, confirmed_at = $3 WHERE id = $1', [id, JSON.stringify(confirmed), at]);
    return view({ ...row, confirmed_fields: confirmed, confirmed_at: at });
  });
}

/**
 * Dossier subscriber: the components of a submission or a supplement that are the citizen's photo copies are marked
 * as such and are not digitised until an official confirmed them against the original.
 */
export async function photoCopySubscriber(tx: Queryable, event: DossierEvent, _before: unknown, created?: CreatedDossier): Promise<void> {
  if (event.type !== 'submitted' && event.type !== 'supplement_provided') return;
  // A new dossier whose components are all uploads known not to be photo copies has nothing to mark: its two
  // statements are skipped (issue 17: most submissions).
  if (created?.dossier.documents.every((d) => d.source !== 'store' && d.photoCopy === false)) return;
  // A photo copy taken from the citizen's store attaches like a store document; it is her upload, not a reuse.
  await tx.query(
    `UPDATE dossier_documents x SET upload_id = p.upload_id, reused = false, from_store = false
       FROM store_documents s JOIN photo_copies p ON p.id = s.photo_copy_id
      WHERE x.dossier_id = $1 AND x.store_document_id = s.id AND s.kind = 'photo_copy' AND x.upload_id IS NULL`,
    [event.dossierId],
  );
  // Deferred (after the statement above, which it depends on): sent with the transaction's other deferred writes
  // (src/server/db/deferred.ts; issue 17).
  await deferWrite(
    tx,
    `UPDATE dossier_documents x SET photo_copy = true, digitised = false
       FROM photo_copies p
      WHERE x.dossier_id = $1 AND x.upload_id = p.upload_id AND NOT x.photo_copy
        AND NOT EXISTS (SELECT 1 FROM original_confirmations c WHERE c.dossier_document_id = x.id)`,
    [event.dossierId],
  );
}

interface DossierFacts {
  id: string;
  status: NationalStatus;
  receiving_unit_id: string;
  competent_unit_id: string | null;
  unit_ids: string[];
  procedure_code: string;
  procedure_version: number;
  case_code: string;
  applicant_id_number: string;
}

async function visibleDossier(db: Queryable, staff: Staff, id: string, forUpdate = false): Promise<DossierFacts> {
  if (!UUID.test(id)) throw notFound('Không tìm thấy hồ sơ.');
  const d = (
    await db.query<DossierFacts>(
      `SELECT id, status, receiving_unit_id, competent_unit_id, unit_ids, procedure_code, procedure_version, case_code, applicant_id_number
         FROM dossiers WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    )
  ).rows[0];
  if (!d || !canSee(staff.auth, { unitIds: d.unit_ids })) throw notFound('Không tìm thấy hồ sơ.');
  return d;
}

/**
 * The unit in whose name the official confirms against the original: the counter (reception at the receiving
 * unit) or the competent agency (its specialist); null for anyone else.
 */
export function confirmingUnit(staff: Pick<Staff, 'auth'>, d: Pick<DossierFacts, 'receiving_unit_id' | 'competent_unit_id'>): string | null {
  const has = (role: string, unitId: string | null) => !!unitId && staff.auth.memberships.some((m) => m.role === role && m.unitId === unitId);
  if (has('reception', d.receiving_unit_id)) return d.receiving_unit_id;
  if (has('specialist', d.competent_unit_id)) return d.competent_unit_id;
  return null;
}

export async function staffPhotoCopies(ctx: AppContext, staff: Staff, dossierId: string): Promise<StaffPhotoCopies> {
  const d = await visibleDossier(ctx.db, staff, dossierId);
  const rows = (
    await ctx.db.query<{
      id: string;
      requirement_code: string;
      name: string;
      digitised: boolean;
      confirmed_fields: ConfirmedField[] | null;
      confirmed_at: Date | null;
      official_name: string | null;
      unit_id: string | null;
      certificate_cn: string | null;
      store_document_id: string | null;
    }>(
      `SELECT x.id, x.requirement_code, x.name, x.digitised, p.confirmed_fields, c.confirmed_at, c.official_name, c.unit_id, c.certificate_cn, c.store_document_id
         FROM dossier_documents x
         LEFT JOIN photo_copies p ON p.upload_id = x.upload_id
         LEFT JOIN original_confirmations c ON c.dossier_document_id = x.id
        WHERE x.dossier_id = $1 AND x.photo_copy ORDER BY x.created_at, x.id`,
      [d.id],
    )
  ).rows;
  return {
    canConfirm: confirmingUnit(staff, d) !== null && !terminalStatuses.has(d.status),
    items: rows.map((r) => ({
      documentId: r.id,
      requirementCode: r.requirement_code,
      name: r.name,
      fields: (r.confirmed_fields ?? []).map((f) => ({ ...f, note: changeNote(f) })),
      digitised: r.digitised,
      originalConfirmation: r.confirmed_at
        ? {
            at: new Date(r.confirmed_at).toISOString(),
            officialName: r.official_name!,
            unitId: r.unit_id!,
            certificate: r.certificate_cn!,
            storeDocumentId: r.store_document_id,
          }
        : null,
    })),
  };
}

/**
 * "Đã đối chiếu bản gốc": the official saw the original paper and confirms the photo copy matches it. Stamps the
 * NĐ 137/2024 conversion mark, signs with the unit's certificate, replaces the dossier's file, marks the component
 * digitised and puts it in the citizen's store; recorded in original_confirmations and in the dossier's action log
 * (transition `confirm_original`, status unchanged), all in one transaction.
 */
export async function confirmOriginal(ctx: AppContext, staff: Staff, dossierId: string, documentId: string): Promise<StaffPhotoCopies> {
  if (!UUID.test(documentId)) throw notFound('Không tìm thấy giấy tờ.');
  // Checked again inside the transaction, with the rows locked; the signer is loaded before it.
  const early = await visibleDossier(ctx.db, staff, dossierId);
  const earlyUnit = confirmingUnit(staff, early);
  const signingUnit = earlyUnit ? staff.tree.units.get(earlyUnit) : undefined;
  if (signingUnit) await prepareConvertedSigning(ctx, signingUnit);
  const env = await prepareTransition(ctx, dossierId, 'confirm_original');
  await ctx.db.transaction(async (tx) => {
    const d = await visibleDossier(tx, staff, dossierId, true);
    const unitId = confirmingUnit(staff, d);
    if (!unitId)
      throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận của Bộ phận một cửa hoặc cán bộ thụ lý của cơ quan giải quyết được đối chiếu bản gốc.', 403);
    if (terminalStatuses.has(d.status)) throw new AppError('DOSSIER_ENDED', 'Hồ sơ đã kết thúc, không thể đối chiếu bản gốc.', 409);
    const doc = (
      await tx.query<{
        id: string;
        requirement_code: string;
        name: string;
        sha256: string | null;
        mime: string | null;
        photo_copy: boolean;
        confirmed: boolean;
      }>(
        `SELECT x.id, x.requirement_code, x.name, x.sha256, x.mime, x.photo_copy,
                EXISTS (SELECT 1 FROM original_confirmations c WHERE c.dossier_document_id = x.id) AS confirmed
           FROM dossier_documents x WHERE x.id = $1 AND x.dossier_id = $2 FOR UPDATE`,
        [documentId, d.id],
      )
    ).rows[0];
    if (!doc?.sha256 || !doc.mime) throw notFound('Không tìm thấy giấy tờ.');
    if (!doc.photo_copy) throw new AppError('NOT_PHOTO_COPY', 'Thành phần này không phải bản chụp do công dân tự số hóa.', 409);
    if (doc.confirmed) throw new AppError('ORIGINAL_ALREADY_CONFIRMED', 'Bản chụp này đã được đối chiếu với bản gốc.', 409);
    const unit = staff.tree.units.get(unitId);
    if (!unit) throw notFound('Không tìm thấy đơn vị.');
    const kase = (await getVersion(tx, d.procedure_code, d.procedure_version)).definition.cases.find((c) => c.code === d.case_code);
    const req = kase?.documents.find((r) => r.code === doc.requirement_code);
    const title = req?.name ?? doc.name;
    const at = now();
    const { pdf, certificate } = await markAndSignConverted(
      { db: tx, signers: ctx.signers },
      {
        bytes: await ctx.files.get(doc.sha256),
        mime: doc.mime,
        unit,
        officialName: staff.actor.fullName,
        at,
        title,
      },
    );
    const { sha256, size } = await ctx.files.put(pdf);
    await tx.query('INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, size, 'application/pdf']);
    await tx.query("UPDATE dossier_documents SET sha256 = $2, mime = 'application/pdf', size = $3, digitised = true WHERE id = $1", [doc.id, sha256, size]);
    // A photo copy the citizen took from her store: that entry itself becomes the certified digitised document.
    const fromStore = (
      await tx.query<{ id: string }>(
        `UPDATE store_documents s SET kind = 'digitised', title = $1, sha256 = $2, mime = 'application/pdf', size = $3,
                source_dossier_id = $4, source_document_id = $5, issued_at = $6
           FROM dossier_documents x
          WHERE x.id = $5 AND s.id = x.store_document_id AND s.kind = 'photo_copy' RETURNING s.id`,
        [title, sha256, size, d.id, doc.id, at],
      )
    ).rows[0];
    if (!fromStore)
      await putInStore(tx, {
        ownerIdNumber: d.applicant_id_number,
        kind: 'digitised',
        title,
        documentType: req?.documentType ?? null,
        sha256,
        mime: 'application/pdf',
        size,
        sourceDossierId: d.id,
        sourceDocumentId: doc.id,
        issuedAt: at,
      });
    const stored =
      fromStore ??
      (await tx.query<{ id: string }>('SELECT id FROM store_documents WHERE owner_id_number = $1 AND source_document_id = $2', [d.applicant_id_number, doc.id]))
        .rows[0];
    await tx.query(
      `INSERT INTO original_confirmations (dossier_document_id, dossier_id, official_id, official_name, unit_id, photo_sha256, marked_sha256, certificate_cn, store_document_id, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [doc.id, d.id, staff.actor.id, staff.actor.fullName, unitId, doc.sha256, sha256, certificate, stored?.id ?? null, at],
    );
    // The legal history of the dossier: the official's certification, in its hash-chained log (status unchanged).
    await transition(
      tx,
      env,
      d.id,
      {
        action: 'confirm_original',
        documentId: doc.id,
        requirementCode: doc.requirement_code,
        name: title,
        photoSha256: doc.sha256,
        markedSha256: sha256,
        certificate,
        unitId,
        storeDocumentId: stored?.id ?? null,
      },
      { kind: 'official', staff },
    );
  });
  return staffPhotoCopies(ctx, staff, dossierId);
}
