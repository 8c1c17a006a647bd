/**
 * Results and the personal document store: the citizen's store (list, download, share with a time-limited link),
 * a dossier's result PDF for its owner and for officials who may see the dossier, the public verification of a
 * result by its id (the QR target) and of an uploaded file (signature checked cryptographically, hash checked
 * against the register of issued results). The counter officer's view of a present citizen's store is a reception
 * route (it needs the counter's identity check).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DossierIdParams } from '../../../contract/dossiers.ts';
import { file, PDF } from '../../../contract/http.ts';
import {
  PublicResult,
  ShareBody,
  ShareLink,
  ShareParams,
  StoreList,
  VerifyFileResponse,
  type PublicResultState,
  type VerifyVerdict,
} from '../../../contract/results.ts';
import { canSee } from '../../../core/workflow/permissions.ts';
import { localDay } from '../../../core/time/local.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { requireCitizen } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { orgTree, requireStaff } from '../officials/index.ts';
import { previewDossierResult } from './issue.ts';
import { listStore, openShare, ownStoreDocument, shareStoreDocument } from './store.ts';
import { checkPdfSignatures } from './verify-pdf.ts';
import declarationRoutes from './declaration.ts';
import personalSigningRoutes from './personal.ts';

const Id = DossierIdParams;
const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);
const maskId = (id: string) => (id.length > 4 ? `${'*'.repeat(id.length - 4)}${id.slice(-4)}` : id);
const maskName = (name: string) =>
  name
    .split(/\s+/)
    .map((w, i, a) => (i === a.length - 1 ? w : `${w[0]}.`))
    .join(' ');

function sendFile(reply: FastifyReply, bytes: Buffer, mime: string, name: string, disposition: 'inline' | 'attachment' = 'inline') {
  return reply
    .header('content-type', mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

interface ResultRow {
  id: string;
  kind: string;
  result_code: string;
  title: string;
  number: string;
  issuing_unit_id: string;
  unit_name: string;
  signer_name: string;
  signer_title: string | null;
  certificate_cn: string;
  signed_at: Date;
  owner_id_number: string;
  owner_name: string;
  subject_label: string | null;
  subject_name: string | null;
  subject_id_number: string | null;
  sha256: string;
  size: number;
  valid_from: string;
  valid_to: string | null;
  scope: string | null;
  published_at: Date | null;
  status: 'valid' | 'replaced' | 'cancelled';
  status_reason: string | null;
  status_at: Date | null;
  replaced_by: string | null;
  dossier_code: string | null;
  procedure_name: string | null;
}

const RESULT_SELECT = `SELECT r.*, to_char(r.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(r.valid_to, 'YYYY-MM-DD') AS valid_to,
                              o.name AS unit_name, d.code AS dossier_code, d.procedure_name
                         FROM results r JOIN org_units o ON o.id = r.issuing_unit_id LEFT JOIN dossiers d ON d.id = r.dossier_id`;

/** What anyone may learn about a result: enough to trust it, no personal data beyond a masked name and number. */
function publicView(r: ResultRow, today: string) {
  const expired = r.valid_to !== null && r.valid_to < today;
  const state: PublicResultState = r.status !== 'valid' ? r.status : !r.published_at ? 'not_issued' : expired ? 'expired' : 'valid';
  return {
    id: r.id,
    state,
    title: r.title,
    number: r.number,
    resultCode: r.result_code,
    kind: r.kind,
    issuingUnit: r.unit_name,
    signer: { name: r.signer_name, title: r.signer_title, certificate: r.certificate_cn },
    signedAt: new Date(r.signed_at).toISOString(),
    issuedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    owner: { name: maskName(r.owner_name), idNumber: maskId(r.owner_id_number) },
    subject: r.subject_name
      ? { label: r.subject_label ?? 'Người được cấp', name: maskName(r.subject_name), idNumber: r.subject_id_number ? maskId(r.subject_id_number) : null }
      : { label: 'Người được cấp', name: maskName(r.owner_name), idNumber: maskId(r.owner_id_number) },
    validFrom: r.valid_from,
    validTo: r.valid_to,
    scope: r.scope,
    sha256: r.sha256,
    dossierCode: r.dossier_code,
    procedureName: r.procedure_name,
    statusReason: r.status === 'valid' ? null : r.status_reason,
    statusAt: r.status_at ? new Date(r.status_at).toISOString() : null,
    replacedBy: r.replaced_by,
  };
}

const vnToday = () => localDay(now());

export default async function resultRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    { method: 'GET', url: '/api/my/store', summary: 'Kho dữ liệu cá nhân: kết quả và giấy tờ đã số hóa của tôi', tags: ['store'], response: StoreList },
    async ({ req }) => {
      const citizen = requireCitizen(req);
      return { items: await listStore(ctx.db, citizen.idNumber) };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/store/:id/file',
      summary: 'Tải một giấy tờ trong kho dữ liệu của tôi',
      tags: ['store'],
      params: Id,
      response: file('The stored document', PDF, 'image/jpeg', 'image/png'),
    },
    async ({ params, req, reply }) => {
      const citizen = requireCitizen(req);
      const doc = await ownStoreDocument(ctx.db, citizen.idNumber, params.id);
      return sendFile(reply, await ctx.files.get(doc.sha256), doc.mime, `${doc.title}.${doc.mime === 'application/pdf' ? 'pdf' : doc.mime.split('/')[1]}`);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/store/:id/shares',
      summary: 'Tạo liên kết chia sẻ có thời hạn cho một giấy tờ trong kho dữ liệu của tôi',
      tags: ['store'],
      params: Id,
      body: ShareBody,
      response: ShareLink,
    },
    async ({ params, body, req }) => shareStoreDocument(ctx.db, requireCitizen(req).idNumber, params.id, body.hours, ctx.config.publicUrl, now()),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/shared/:token',
      summary: 'Mở giấy tờ được chia sẻ bằng liên kết có thời hạn',
      tags: ['store'],
      params: ShareParams,
      rateLimit: { max: 60, timeWindow: '1 minute' },
      response: file('The shared document', PDF, 'image/jpeg', 'image/png'),
    },
    async ({ params, reply }) => {
      const doc = await openShare(ctx.db, params.token, now());
      return sendFile(reply, await ctx.files.get(doc.sha256), doc.mime, doc.title);
    },
  );

  const resultOf = async (where: string, param: string) => (await ctx.db.query<ResultRow>(`${RESULT_SELECT} WHERE ${where}`, [param])).rows[0];

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/dossiers/:id/result.pdf',
      summary: 'Kết quả điện tử (đã ký số) của hồ sơ của tôi',
      tags: ['store'],
      params: Id,
      response: file('The signed result (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      const citizen = requireCitizen(req);
      const r = isUuid(params.id)
        ? (
            await ctx.db.query<{ sha256: string; number: string }>(
              `SELECT r.sha256, r.number FROM dossiers d JOIN results r ON r.id = d.result_id
              WHERE d.id = $1 AND (d.owner_citizen_id = $2 OR d.applicant_id_number = $3) AND r.published_at IS NOT NULL`,
              [params.id, citizen.id, citizen.idNumber],
            )
          ).rows[0]
        : undefined;
      if (!r) throw notFound('Hồ sơ chưa có kết quả điện tử.');
      return sendFile(reply, await ctx.files.get(r.sha256), 'application/pdf', `ket-qua-${r.number.replace(/\//g, '-')}.pdf`);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id/result-preview.pdf',
      summary: 'Xem trước văn bản kết quả sẽ được ký số (chưa có số, chưa ký, có dấu "bản mẫu")',
      tags: ['store'],
      params: Id,
      response: file('The result as it will be signed (PDF, unsigned specimen)', PDF),
    },
    async ({ params, req, reply }) => {
      const staff = await requireStaff(ctx, req);
      const d = isUuid(params.id)
        ? (await ctx.db.query<{ code: string; unit_ids: string[] }>('SELECT code, unit_ids FROM dossiers WHERE id = $1', [params.id])).rows[0]
        : undefined;
      if (!d || !canSee(staff.auth, { unitIds: d.unit_ids })) throw notFound('Không tìm thấy hồ sơ.');
      const pdf = await previewDossierResult(ctx.db, ctx, await orgTree(ctx.db), {
        dossierId: params.id,
        at: now(),
        signer: { id: staff.actor.id, name: staff.actor.fullName },
      });
      return sendFile(reply, Buffer.from(pdf), 'application/pdf', `xem-truoc-${d.code}.pdf`);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id/result.pdf',
      summary: 'Kết quả điện tử (đã ký số) của hồ sơ',
      tags: ['store'],
      params: Id,
      response: file('The signed result (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      const staff = await requireStaff(ctx, req);
      const r = isUuid(params.id)
        ? (
            await ctx.db.query<{ sha256: string; number: string; unit_ids: string[] }>(
              'SELECT r.sha256, r.number, d.unit_ids FROM dossiers d JOIN results r ON r.id = d.result_id WHERE d.id = $1',
              [params.id],
            )
          ).rows[0]
        : undefined;
      if (!r || !canSee(staff.auth, { unitIds: r.unit_ids })) throw notFound('Hồ sơ chưa có kết quả điện tử.');
      return sendFile(reply, await ctx.files.get(r.sha256), 'application/pdf', `ket-qua-${r.number.replace(/\//g, '-')}.pdf`);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/results/:id',
      summary: 'Xác minh kết quả điện tử theo mã trên mã QR: còn hiệu lực, đã thay thế hay đã hủy',
      tags: ['public'],
      params: Id,
      rateLimit: { max: 60, timeWindow: '1 minute' },
      response: PublicResult,
    },
    async ({ params }) => {
      const r = isUuid(params.id) ? await resultOf('r.id = $1', params.id) : undefined;
      if (!r) throw notFound('Không tìm thấy kết quả với mã này trong hệ thống.');
      return publicView(r, vnToday());
    },
  );

  // Multipart parsing is registered once for the app by the documents module (uploads). Verifying changes nothing,
  // so anyone (a bank, another agency's system) may post a file without a session.
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/public/verify',
      summary: 'Xác minh một tệp kết quả điện tử: chữ ký số (kiểm tra mật mã) và mã băm so với sổ kết quả đã ban hành (multipart, trường "file")',
      tags: ['public'],
      csrfExempt: true,
      rateLimit: { max: 20, timeWindow: '1 minute' },
      upload: { field: 'file', description: 'The PDF to verify' },
      response: VerifyFileResponse,
    },
    async ({ req }) => {
      if (!req.isMultipart()) throw new AppError('UPLOAD_NOT_MULTIPART', 'Vui lòng gửi tệp PDF dưới dạng multipart/form-data với trường "file".', 400);
      const part = await req.file();
      if (!part) throw new AppError('UPLOAD_MISSING_FILE', 'Chưa có tệp nào được gửi lên.', 400);
      const bytes = await part.toBuffer().catch(() => null);
      if (!bytes || part.file.truncated) {
        const maxSize = `${Math.round((ctx.config.maxUploadBytes / 1024 / 1024) * 10) / 10} MB`;
        throw new AppError('FILE_TOO_LARGE', `Tệp vượt quá dung lượng cho phép (tối đa ${maxSize}).`, 413, undefined, { maxSize });
      }
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new AppError('NOT_A_PDF', 'Tệp không phải PDF. Kết quả điện tử là tệp PDF có chữ ký số.', 415);
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      const signatures = await checkPdfSignatures(bytes, await ctx.signers.trustedRoots());
      const registered = await resultOf('r.sha256 = $1', sha256);
      const signatureValid = signatures.length > 0 && signatures.every((s) => s.valid) && signatures[signatures.length - 1].coversWholeFile;
      const verdict: VerifyVerdict = !signatureValid ? 'signature_invalid' : !registered ? 'not_registered' : publicView(registered, vnToday()).state;
      return { sha256, signatures, signatureValid, registered: registered ? publicView(registered, vnToday()) : null, verdict };
    },
  );

  await declarationRoutes(app, ctx);
  await personalSigningRoutes(app, ctx);
}
