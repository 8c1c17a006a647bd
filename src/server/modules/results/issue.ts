/**
 * Issuing a dossier's electronic result (kết quả điện tử), called by the workflow engine inside its transaction:
 *
 * - signDossierResult, at the leader's approval (or at issue when no leader step signed): the result's number is
 *   taken from the issuing unit's register of results for the year and result code, the PDF is rendered from the
 *   case's template with the QR code of TT 01/2023, signed (PAdES) with the issuing unit's certificate, stored, and
 *   recorded in `results`. A signed result cannot change afterwards, so the number is set when it is signed.
 * - publishDossierResult, at the clerk's issue step: the signed result is published — it lands in the owner's
 *   personal document store and /verify/<id> shows it as issued.
 * - withdrawUnpublished: a dossier sent back after signing, stopped or withdrawn cancels its unpublished result.
 * - storeComponents: every digitised component of an accepted dossier joins the owner's store; a component scanned
 *   from paper carries the NĐ 137/2024 conversion mark (converted from paper, when, by whom, which agency).
 */
import crypto from 'node:crypto';
import { localDay } from '../../../core/time/local.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import {
  countSourcePages,
  formLabels,
  markConvertedFromPaper,
  placeCodes,
  renderCertifiedCopy,
  renderResultPdf,
  ResultIncompleteError,
  resultSubject,
  resultValidity,
  type ResultData,
  type SourceMime,
} from './render/index.ts';
import { getVersion } from '../catalogue/index.ts';
import { signPdf } from './signing/pades.ts';
import type { OrgTree } from '../officials/index.ts';
import { putInStore } from './store.ts';

const vnDay = localDay;

/** "KQ.HT.KS" → "HT-KS": the suffix of the result number (số, ký hiệu). */
const numberSuffix = (code: string) => code.replace(/^KQ\./, '').replace(/\./g, '-');

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${first.toISOString().slice(0, 8)}${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The place a unit's documents are dated at: its commune or province name without "Xã", "Phường", "Tỉnh". */
export async function placeName(db: Queryable, adminUnitCode: string): Promise<{ place: string; province: string }> {
  const rows = (
    await db.query<{ name: string; type: string; parent_name: string | null }>(
      'SELECT a.name, a.type, p.name AS parent_name FROM admin_units a LEFT JOIN admin_units p ON p.code = a.parent_code WHERE a.code = $1',
      [adminUnitCode],
    )
  ).rows;
  const strip = (name: string, type: string) => (name.toLowerCase().startsWith(type.toLowerCase()) ? name.slice(type.length).trim() : name);
  const r = rows[0];
  if (!r) return { place: '', province: '' };
  return { place: strip(r.name, r.type), province: (r.parent_name ?? r.name).replace(/^(Tỉnh|Thành phố)\s+/, '') };
}

/** Names of provinces and communes by code ('25252' → 'Xã Phú Riềng'): what a result prints for coded addresses. */
export async function placeNames(db: Queryable, codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const { rows } = await db.query<{ code: string; name: string }>('SELECT code, name FROM admin_units WHERE code = ANY($1::text[])', [codes]);
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/**
 * Renders, or refuses with RESULT_INCOMPLETE naming the fields the dossier lacks (issue 18: a result is complete
 * or not issued): the official completes the dossier (or sends it back) instead of signing a document with gaps.
 */
async function complete(render: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await render();
  } catch (e) {
    if (!(e instanceof ResultIncompleteError)) throw e;
    const fields = e.blanks.join('; ');
    throw new AppError(
      'RESULT_INCOMPLETE',
      `Chưa thể ban hành kết quả: hồ sơ còn thiếu thông tin để điền vào văn bản (${fields}).`,
      409,
      { fields: e.blanks },
      { fields },
    );
  }
}

interface DossierForResult {
  id: string;
  code: string;
  procedure_code: string;
  procedure_version: number;
  case_code: string;
  procedure_name: string;
  applicant_name: string;
  applicant_id_number: string;
  receiving_unit_id: string;
  competent_unit_id: string | null;
  form_values: Record<string, unknown>;
}

/** The unit that issues (and signs) a dossier's result: the competent agency, else the receiving unit. */
function issuingUnit(tree: OrgTree, d: { competent_unit_id: string | null; receiving_unit_id: string }) {
  const unit = tree.units.get(d.competent_unit_id ?? d.receiving_unit_id);
  if (!unit) throw new AppError('UNIT_NOT_CONFIGURED', 'Không xác định được cơ quan ban hành kết quả.', 409);
  return unit;
}

/**
 * Loads the issuing unit's signing credentials before the caller's transaction: creating them (development CA) or
 * reading them uses the database, which the embedded PGlite cannot do while a transaction holds its connection.
 */
export async function prepareSigning(ctx: AppContext, tree: OrgTree, dossierId: string): Promise<void> {
  const d = (
    await ctx.db.query<{ competent_unit_id: string | null; receiving_unit_id: string }>(
      'SELECT competent_unit_id, receiving_unit_id FROM dossiers WHERE id = $1',
      [dossierId],
    )
  ).rows[0];
  if (!d) return;
  const unit = issuingUnit(tree, d);
  const { place, province } = await placeName(ctx.db, unit.adminUnitCode);
  await ctx.signers.forUnit({ id: unit.id, name: unit.name, locality: place, province });
}

export interface SignedResult {
  id: string;
  number: string;
  title: string;
  sha256: string;
}

export async function signDossierResult(
  tx: Queryable,
  ctx: AppContext,
  tree: OrgTree,
  input: { dossierId: string; at: Date; signer: { id: string; name: string } },
): Promise<SignedResult> {
  const d = (await tx.query<DossierForResult>('SELECT * FROM dossiers WHERE id = $1', [input.dossierId])).rows[0];
  const version = await getVersion(tx, d.procedure_code, d.procedure_version);
  const kase = version.definition.cases.find((c) => c.code === d.case_code);
  if (!kase) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp của thủ tục.', 409);
  await withdrawUnpublished(tx, d.id, input.at, 'Kết quả được ký lại.');

  const unit = issuingUnit(tree, d);
  const parent = unit.parentId ? tree.units.get(unit.parentId) : undefined;
  const { place, province } = await placeName(tx, unit.adminUnitCode);
  const year = Number(vnDay(input.at).slice(0, 4));
  const n = (
    await tx.query<{ last_value: number }>(
      `INSERT INTO result_counters (unit_id, year, result_code, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (unit_id, year, result_code) DO UPDATE SET last_value = result_counters.last_value + 1 RETURNING last_value`,
      [unit.id, year, kase.result.code],
    )
  ).rows[0].last_value;
  const number = `${n}/${year}/${numberSuffix(kase.result.code)}`;
  const signerTitle = (await tx.query<{ title: string | null }>('SELECT title FROM officials WHERE id = $1', [input.signer.id])).rows[0]?.title ?? 'Lãnh đạo';
  const id = crypto.randomUUID();
  const validFrom = vnDay(input.at);
  const validTo = kase.result.validityMonths ? addMonths(validFrom, kase.result.validityMonths) : undefined;
  const documentType = kase.result.documentTypeField ? String(d.form_values[kase.result.documentTypeField] ?? '') || null : (kase.result.documentType ?? null);
  const certifiedCopy = kase.result.template === 'ban-sao-dien-tu';
  const data: ResultData = {
    template: kase.result.template ?? 'generic',
    resultCode: kase.result.code,
    title: kase.result.name,
    number,
    issuedAt: input.at,
    place,
    agency: { name: unit.name, ...(parent ? { parentName: parent.name } : {}), ...(unit.agencyCode ? { code: unit.agencyCode } : {}) },
    signer: { name: input.signer.name, title: signerTitle },
    owner: { name: d.applicant_name, idNumber: d.applicant_id_number },
    dossier: { code: d.code, procedureCode: d.procedure_code, procedureName: d.procedure_name },
    values: d.form_values,
    places: await placeNames(tx, placeCodes(d.form_values)),
    ...formLabels(kase.form),
    register: { entry: String(n), book: `01/${year}`, registeredOn: validFrom },
    validFrom,
    ...(validTo ? { validTo } : {}),
    ...(kase.result.scope ? { scope: kase.result.scope } : {}),
    verifyUrl: `${ctx.config.publicUrl}/verify/${id}`,
  };
  let pdf: Uint8Array;
  if (certifiedCopy) {
    const original = (
      await tx.query<{ sha256: string; mime: string }>(
        "SELECT sha256, mime FROM dossier_documents WHERE dossier_id = $1 AND requirement_code = 'BC' AND sha256 IS NOT NULL ORDER BY created_at DESC LIMIT 1",
        [d.id],
      )
    ).rows[0];
    if (!original) throw new AppError('ORIGINAL_MISSING', 'Hồ sơ chưa có bản quét của bản chính để chứng thực.', 409);
    // The copy has the pages of the scanned original (what the citizen declared is only a count for the fee).
    const source = { bytes: await ctx.files.get(original.sha256), mime: original.mime as SourceMime };
    const pages = await countSourcePages(source);
    pdf = await complete(() => renderCertifiedCopy(source, { ...data, pages }));
  } else {
    pdf = await complete(() => renderResultPdf(data));
  }
  const subject = resultSubject(data);
  // The validity the document prints (and its QR states) is the one recorded, including limits set by law.
  const validity = resultValidity(data);
  const { signer, commonName } = await ctx.signers.forUnit({ id: unit.id, name: unit.name, locality: place, province });
  const signed = await signPdf(pdf, signer, {
    reason: `Ký số ${kase.result.name} số ${number}`,
    location: [place, province].filter(Boolean).join(', '),
    name: commonName,
    signingTime: input.at,
  });
  const { sha256, size } = await ctx.files.put(signed);
  await tx.query('INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, size, 'application/pdf']);
  await tx.query(
    `INSERT INTO results (id, dossier_id, kind, result_code, document_type, title, number, issuing_unit_id, signer_name, signer_title, certificate_cn, signed_at,
       owner_id_number, owner_name, sha256, size, valid_from, valid_to, scope, subject_label, subject_name, subject_id_number)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
    [
      id,
      d.id,
      certifiedCopy ? 'certified_copy' : 'result',
      kase.result.code,
      documentType,
      kase.result.name,
      number,
      unit.id,
      input.signer.name,
      signerTitle,
      commonName,
      input.at,
      d.applicant_id_number,
      d.applicant_name,
      sha256,
      size,
      validity.validFrom,
      validity.validTo ?? null,
      validity.scope ?? null,
      subject.label,
      subject.name,
      subject.idNumber ?? null,
    ],
  );
  await tx.query('UPDATE dossiers SET result_id = $2 WHERE id = $1', [d.id, id]);
  return { id, number, title: kase.result.name, sha256 };
}

/** The signed result is issued: it lands in the owner's store. Returns null when there is none to publish. */
export async function publishDossierResult(tx: Queryable, dossierId: string, at: Date): Promise<SignedResult | null> {
  const r = (
    await tx.query<{
      id: string;
      number: string;
      title: string;
      sha256: string;
      size: number;
      kind: string;
      document_type: string | null;
      result_code: string;
      owner_id_number: string;
      valid_to: string | null;
    }>(
      `SELECT id, number, title, sha256, size, kind, document_type, result_code, owner_id_number, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
       FROM results WHERE dossier_id = $1 AND status = 'valid' AND published_at IS NULL ORDER BY signed_at DESC LIMIT 1`,
      [dossierId],
    )
  ).rows[0];
  if (!r) return null;
  await tx.query('UPDATE results SET published_at = $2 WHERE id = $1', [r.id, at]);
  await putInStore(tx, {
    ownerIdNumber: r.owner_id_number,
    kind: r.kind === 'certified_copy' ? 'certified_copy' : 'result',
    title: `${r.title} số ${r.number}`,
    documentType: r.document_type,
    resultCode: r.result_code,
    sha256: r.sha256,
    mime: 'application/pdf',
    size: Number(r.size),
    resultId: r.id,
    sourceDossierId: dossierId,
    issuedAt: at,
    validTo: r.valid_to,
  });
  return { id: r.id, number: r.number, title: r.title, sha256: r.sha256 };
}

/** Whether the dossier has a signed result waiting to be published. */
export async function hasUnpublishedResult(tx: Queryable, dossierId: string): Promise<boolean> {
  return (await tx.query("SELECT 1 FROM results WHERE dossier_id = $1 AND status = 'valid' AND published_at IS NULL", [dossierId])).rows.length > 0;
}

export async function withdrawUnpublished(tx: Queryable, dossierId: string, at: Date, reason: string): Promise<void> {
  await tx.query(
    "UPDATE results SET status = 'cancelled', status_reason = $3, status_at = $2 WHERE dossier_id = $1 AND status = 'valid' AND published_at IS NULL",
    [dossierId, at, reason],
  );
}

/**
 * Every digitised component of the dossier not yet in the owner's store joins it. A paper component scanned at the
 * counter is first marked as converted from paper (NĐ 137/2024 Art. 4) and the dossier keeps the marked file.
 */
export async function storeComponents(tx: Queryable, ctx: AppContext, dossierId: string, at: Date, agencyName: string): Promise<void> {
  const d = (
    await tx.query<{ applicant_id_number: string; procedure_code: string; procedure_version: number; case_code: string }>(
      'SELECT applicant_id_number, procedure_code, procedure_version, case_code FROM dossiers WHERE id = $1',
      [dossierId],
    )
  ).rows[0];
  const kase = (await getVersion(tx, d.procedure_code, d.procedure_version)).definition.cases.find((c) => c.code === d.case_code);
  const docs = (
    await tx.query<{
      id: string;
      requirement_code: string;
      sha256: string;
      mime: string;
      size: number;
      source: string;
      created_at: Date;
      converted_by: string | null;
    }>(
      `SELECT x.id, x.requirement_code, x.sha256, x.mime, x.size, x.source, x.created_at, o.full_name AS converted_by
       FROM dossier_documents x
       LEFT JOIN uploads u ON u.id = x.upload_id AND u.owner_kind = 'official'
       LEFT JOIN officials o ON o.id::text = u.owner_id
      WHERE x.dossier_id = $1 AND x.sha256 IS NOT NULL AND x.store_document_id IS NULL AND x.digitised
        AND NOT EXISTS (SELECT 1 FROM store_documents s WHERE s.owner_id_number = $2 AND s.source_document_id = x.id)`,
      [dossierId, d.applicant_id_number],
    )
  ).rows;
  for (const doc of docs) {
    let { sha256, mime, size } = doc;
    if (doc.converted_by) {
      const marked = await markConvertedFromPaper(await ctx.files.get(doc.sha256), doc.mime as SourceMime, {
        convertedAt: new Date(doc.created_at),
        officialName: doc.converted_by,
        agencyName,
      });
      ({ sha256, size } = await ctx.files.put(marked));
      mime = 'application/pdf';
      await tx.query('INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, size, mime]);
      await tx.query('UPDATE dossier_documents SET sha256 = $2, mime = $3, size = $4, digitised = true WHERE id = $1', [doc.id, sha256, mime, size]);
    }
    const req = kase?.documents.find((r) => r.code === doc.requirement_code);
    await putInStore(tx, {
      ownerIdNumber: d.applicant_id_number,
      kind: 'digitised',
      title: req?.name ?? doc.requirement_code,
      documentType: req?.documentType ?? null,
      sha256,
      mime,
      size: Number(size),
      sourceDossierId: dossierId,
      sourceDocumentId: doc.id,
      issuedAt: at,
    });
  }
}

/**
 * What the leader is about to sign, before signing (issue 18: leaders see what they sign): the dossier's result
 * rendered from its template exactly as signing will render it — same values, agency, signer — but with the number
 * left to be taken at signing, the specimen watermark on every page, no signature and nothing recorded.
 */
export async function previewDossierResult(
  db: Queryable,
  ctx: Pick<AppContext, 'config' | 'files'>,
  tree: OrgTree,
  input: { dossierId: string; at: Date; signer: { id: string; name: string } },
): Promise<Uint8Array> {
  const d = (await db.query<DossierForResult>('SELECT * FROM dossiers WHERE id = $1', [input.dossierId])).rows[0];
  if (!d) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.', 404);
  const version = await getVersion(db, d.procedure_code, d.procedure_version);
  const kase = version.definition.cases.find((c) => c.code === d.case_code);
  if (!kase) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp của thủ tục.', 409);
  const unit = issuingUnit(tree, d);
  const parent = unit.parentId ? tree.units.get(unit.parentId) : undefined;
  const { place } = await placeName(db, unit.adminUnitCode);
  const year = Number(vnDay(input.at).slice(0, 4));
  const signerTitle = (await db.query<{ title: string | null }>('SELECT title FROM officials WHERE id = $1', [input.signer.id])).rows[0]?.title ?? 'Lãnh đạo';
  const validFrom = vnDay(input.at);
  const validTo = kase.result.validityMonths ? addMonths(validFrom, kase.result.validityMonths) : undefined;
  const data: ResultData = {
    template: kase.result.template ?? 'generic',
    resultCode: kase.result.code,
    title: kase.result.name,
    number: `…/${year}/${numberSuffix(kase.result.code)}`,
    issuedAt: input.at,
    place,
    agency: { name: unit.name, ...(parent ? { parentName: parent.name } : {}), ...(unit.agencyCode ? { code: unit.agencyCode } : {}) },
    signer: { name: input.signer.name, title: signerTitle },
    owner: { name: d.applicant_name, idNumber: d.applicant_id_number },
    dossier: { code: d.code, procedureCode: d.procedure_code, procedureName: d.procedure_name },
    values: d.form_values,
    places: await placeNames(db, placeCodes(d.form_values)),
    ...formLabels(kase.form),
    register: { entry: '…', book: `01/${year}`, registeredOn: validFrom },
    validFrom,
    ...(validTo ? { validTo } : {}),
    ...(kase.result.scope ? { scope: kase.result.scope } : {}),
    verifyUrl: `${ctx.config.publicUrl}/verify/${crypto.randomUUID()}`,
    specimen: true,
  };
  if (kase.result.template !== 'ban-sao-dien-tu') return complete(() => renderResultPdf(data));
  const original = (
    await db.query<{ sha256: string; mime: string }>(
      "SELECT sha256, mime FROM dossier_documents WHERE dossier_id = $1 AND requirement_code = 'BC' AND sha256 IS NOT NULL ORDER BY created_at DESC LIMIT 1",
      [d.id],
    )
  ).rows[0];
  if (!original) throw new AppError('ORIGINAL_MISSING', 'Hồ sơ chưa có bản quét của bản chính để chứng thực.', 409);
  const source = { bytes: await ctx.files.get(original.sha256), mime: original.mime as SourceMime };
  const pages = await countSourcePages(source);
  return complete(() => renderCertifiedCopy(source, { ...data, pages }));
}
