/**
 * The personal document store (kho dữ liệu điện tử của tổ chức, cá nhân): every electronic result and every
 * digitised component of a person's dossiers belongs to that person (by identification number). They list, view,
 * download and share their documents with a time-limited link; a later dossier takes a document from the store
 * instead of an upload, which marks the component reused (DuocTaiSuDung) and taken from the store
 * (DuocLayTuKhoDMQG) for 766 indicators 4.3 and 4.4. Nobody reaches another person's documents.
 */
import crypto from 'node:crypto';
import type { DocumentRequirement } from '../../../core/catalogue/schema.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';

export interface StoreDocument {
  id: string;
  /** `photo_copy`: the citizen's own photo of a paper (self-digitisation), not yet compared with the original. */
  kind: 'result' | 'certified_copy' | 'digitised' | 'photo_copy';
  title: string;
  documentType: string | null;
  resultCode: string | null;
  /** SHA-256 of the file (content address; also what the register of results is checked against). */
  sha256: string;
  mime: string;
  size: number;
  issuedAt: string;
  validTo: string | null;
  resultId: string | null;
  /** Of a result: valid, replaced or cancelled. */
  resultStatus: 'valid' | 'replaced' | 'cancelled' | null;
  sourceDossierCode: string | null;
  /** Of a photo copy (or a digitised document that was one): its recognition and the citizen's confirmation. */
  photoCopy: { id: string; status: 'pending' | 'done' | 'failed'; confirmed: boolean } | null;
}

interface StoreRow {
  id: string;
  kind: StoreDocument['kind'];
  title: string;
  document_type: string | null;
  result_code: string | null;
  sha256: string;
  mime: string;
  size: number;
  issued_at: Date;
  valid_to: string | null;
  result_id: string | null;
  result_status: 'valid' | 'replaced' | 'cancelled' | null;
  dossier_code: string | null;
  photo_copy_id: string | null;
  photo_status: 'pending' | 'done' | 'failed' | null;
  photo_confirmed: boolean | null;
}

const SELECT = `SELECT s.id, s.kind, s.title, s.document_type, s.result_code, s.sha256, s.mime, s.size, s.issued_at,
                       to_char(s.valid_to, 'YYYY-MM-DD') AS valid_to, s.result_id, r.status AS result_status, d.code AS dossier_code,
                       s.photo_copy_id, pr.status AS photo_status, (p.confirmed_at IS NOT NULL) AS photo_confirmed
                  FROM store_documents s LEFT JOIN results r ON r.id = s.result_id LEFT JOIN dossiers d ON d.id = s.source_dossier_id
                  LEFT JOIN photo_copies p ON p.id = s.photo_copy_id LEFT JOIN recognitions pr ON pr.id = p.recognition_id`;

const toView = (r: StoreRow): StoreDocument => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  documentType: r.document_type,
  resultCode: r.result_code,
  sha256: r.sha256,
  mime: r.mime,
  size: Number(r.size),
  issuedAt: new Date(r.issued_at).toISOString(),
  validTo: r.valid_to,
  resultId: r.result_id,
  resultStatus: r.result_status,
  sourceDossierCode: r.dossier_code,
  photoCopy: r.photo_copy_id ? { id: r.photo_copy_id, status: r.photo_status ?? 'pending', confirmed: !!r.photo_confirmed } : null,
});

export async function listStore(db: Queryable, ownerIdNumber: string): Promise<StoreDocument[]> {
  const { rows } = await db.query<StoreRow>(`${SELECT} WHERE s.owner_id_number = $1 ORDER BY s.issued_at DESC LIMIT 500`, [ownerIdNumber]);
  return rows.map(toView);
}

/** One document of the owner (with its file hash), or "not found" for anyone else's. */
export async function ownStoreDocument(db: Queryable, ownerIdNumber: string, id: string): Promise<StoreDocument> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Không tìm thấy giấy tờ trong kho dữ liệu.');
  const r = (await db.query<StoreRow>(`${SELECT} WHERE s.id = $1 AND s.owner_id_number = $2`, [id, ownerIdNumber])).rows[0];
  if (!r) throw notFound('Không tìm thấy giấy tờ trong kho dữ liệu.');
  return toView(r);
}

/** Why a stored document cannot serve a requirement, or null when it can (by document type or result code). */
export function storeMismatch(
  doc: Pick<StoreDocument, 'documentType' | 'resultCode' | 'resultStatus' | 'validTo'> & Partial<Pick<StoreDocument, 'kind' | 'photoCopy'>>,
  req: DocumentRequirement,
  today: string,
): string | null {
  if (doc.kind === 'photo_copy' && !doc.photoCopy?.confirmed)
    return 'Bản chụp này chưa được xác nhận thông tin. Vui lòng xác nhận các thông tin đọc được trong Kho dữ liệu trước khi dùng.';
  if (doc.resultStatus && doc.resultStatus !== 'valid') return 'Giấy tờ này đã bị thu hồi hoặc thay thế, không dùng được nữa.';
  if (doc.validTo && doc.validTo < today) return 'Giấy tờ này đã hết thời hạn sử dụng.';
  const byType = !!req.documentType && doc.documentType === req.documentType;
  const byResult = !!doc.resultCode && req.satisfiedByResultCodes.includes(doc.resultCode);
  return byType || byResult ? null : `Giấy tờ đã chọn không phải "${req.name}".`;
}

/** Puts a document into the owner's store (idempotent per source component and per result). */
export async function putInStore(
  tx: Queryable,
  entry: {
    ownerIdNumber: string;
    kind: StoreDocument['kind'];
    title: string;
    documentType?: string | null;
    resultCode?: string | null;
    sha256: string;
    mime: string;
    size: number;
    resultId?: string | null;
    sourceDossierId?: string | null;
    sourceDocumentId?: string | null;
    issuedAt: Date;
    validTo?: string | null;
    photoCopyId?: string | null;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO store_documents (id, owner_id_number, kind, title, document_type, result_code, sha256, mime, size, result_id, source_dossier_id, source_document_id, issued_at, valid_to, photo_copy_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING`,
    [
      crypto.randomUUID(),
      entry.ownerIdNumber,
      entry.kind,
      entry.title,
      entry.documentType ?? null,
      entry.resultCode ?? null,
      entry.sha256,
      entry.mime,
      entry.size,
      entry.resultId ?? null,
      entry.sourceDossierId ?? null,
      entry.sourceDocumentId ?? null,
      entry.issuedAt,
      entry.validTo ?? null,
      entry.photoCopyId ?? null,
    ],
  );
}

const SHARE_MAX_HOURS = 24 * 30;
const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A link that lets anyone holding it download one document until it expires. */
export async function shareStoreDocument(db: Queryable, ownerIdNumber: string, id: string, hours: number, publicUrl: string, now: Date) {
  await ownStoreDocument(db, ownerIdNumber, id);
  if (!(hours >= 1 && hours <= SHARE_MAX_HOURS))
    throw new AppError('SHARE_DURATION_INVALID', `Thời hạn chia sẻ từ 1 giờ đến ${SHARE_MAX_HOURS / 24} ngày.`, 400, undefined, { days: SHARE_MAX_HOURS / 24 });
  const token = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.query('INSERT INTO store_shares (token_hash, store_document_id, owner_id_number, expires_at) VALUES ($1, $2, $3, $4)', [
    tokenHash(token),
    id,
    ownerIdNumber,
    expiresAt,
  ]);
  return { url: `${publicUrl}/api/shared/${token}`, expiresAt: expiresAt.toISOString() };
}

/** The document behind a share link; an unknown link is 404, an expired or revoked one 410. */
export async function openShare(db: Queryable, token: string, now: Date): Promise<{ sha256: string; mime: string; title: string }> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw notFound('Liên kết chia sẻ không tồn tại.');
  const r = (
    await db.query<{ sha256: string; mime: string; title: string; expires_at: Date; revoked_at: Date | null }>(
      `SELECT s.sha256, s.mime, s.title, x.expires_at, x.revoked_at FROM store_shares x JOIN store_documents s ON s.id = x.store_document_id WHERE x.token_hash = $1`,
      [tokenHash(token)],
    )
  ).rows[0];
  if (!r) throw notFound('Liên kết chia sẻ không tồn tại.');
  if (r.revoked_at || new Date(r.expires_at) <= now) throw new AppError('SHARE_EXPIRED', 'Liên kết chia sẻ đã hết hạn hoặc đã bị thu hồi.', 410);
  return { sha256: r.sha256, mime: r.mime, title: r.title };
}
