/**
 * The applicant's own signature on a dossier's declaration, through a remote-signing service (issue 16 item 7).
 *
 * For a procedure whose applicant signs (a signature to certify, a contract), the citizen who owns the dossier:
 * 1. `POST /api/my/dossiers/:id/declaration/otp` — MotCua finds their credential at the remote-signing service by
 *    their identity number (CSC `credentials/list`, `credentials/info`) and asks the service to send them an OTP;
 * 2. `POST /api/my/dossiers/:id/declaration/signature` `{ otp }` — MotCua renders the declaration (the dossier's
 *    form values), builds the PAdES signature with a RemoteSigner (the OTP authorises exactly the hash of the CMS
 *    signed attributes: CSC `credentials/authorize`, then `signatures/signHash`), stores the signed PDF and records
 *    it (dossier_signed_declarations); officials and the citizen download it.
 * The private key never reaches MotCua; the signed PDF verifies with pdfsig like a unit's result.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DossierIdParams } from '../../../contract/dossiers.ts';
import { file, PDF } from '../../../contract/http.ts';
import { DeclarationOtpSent, DeclarationSignBody, DeclarationSigned, DeclarationStatus } from '../../../contract/results.ts';
import { canSee } from '../../../core/workflow/permissions.ts';
import { systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { requireCitizen } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { DocumentWriter, PAGE_A4 } from '../../pdf/document.ts';
import { requireStaff } from '../officials/index.ts';
import { gatewayFetch } from '../../http/gateway-fetch.ts';
import { addSignature, signPdf } from './signing/pades.ts';
import { CscClient, remoteSigningConfig, remoteSigningError, RemoteSigner } from './signing/remote.ts';

/**
 * Procedures whose declaration the applicant signs: certification of a signature (2.000884) and of a contract or
 * transaction (2.001035). The form content is the catalogue's; which procedures need the applicant's signature
 * follows NĐ 23/2015 (certification), so it is listed here beside the code that acts on it.
 */
export const APPLICANT_SIGNED_PROCEDURES: readonly string[] = ['2.000884', '2.001035'];

interface DossierRow {
  id: string;
  code: string;
  procedure_code: string;
  procedure_name: string;
  applicant_name: string;
  applicant_id_number: string | null;
  form_values: Record<string, unknown>;
  submitted_at: Date;
}

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

async function ownDossier(ctx: AppContext, id: string, citizen: { id: string; idNumber: string }): Promise<DossierRow> {
  const row = isUuid(id)
    ? (
        await ctx.db.query<DossierRow>(
          `SELECT id, code, procedure_code, procedure_name, applicant_name, applicant_id_number, form_values, submitted_at FROM dossiers
            WHERE id = $1 AND (owner_citizen_id = $2 OR applicant_id_number = $3)`,
          [id, citizen.id, citizen.idNumber],
        )
      ).rows[0]
    : undefined;
  if (!row) throw notFound('Không tìm thấy hồ sơ.');
  if (!APPLICANT_SIGNED_PROCEDURES.includes(row.procedure_code))
    throw new AppError('DECLARATION_NOT_SIGNABLE', 'Thủ tục của hồ sơ này không cần người yêu cầu ký số tờ khai.', 409);
  const signed = await ctx.db.query('SELECT 1 FROM dossier_signed_declarations WHERE dossier_id = $1', [row.id]);
  if (signed.rowCount) throw new AppError('DECLARATION_ALREADY_SIGNED', 'Tờ khai của hồ sơ này đã được ký số.', 409);
  return row;
}

function client(ctx: AppContext): CscClient {
  const cfg = remoteSigningConfig(ctx.config.publicUrl);
  if (!cfg.enabled)
    throw new AppError('REMOTE_SIGNING_NOT_CONFIGURED', 'Hệ thống chưa được cấu hình dịch vụ ký số từ xa. Vui lòng báo quản trị hệ thống.', 409);
  return new CscClient(cfg.url, cfg.token, gatewayFetch(ctx));
}

async function credentialOf(csc: CscClient, idNumber: string): Promise<string> {
  const ids = await csc.listCredentials(idNumber).catch((err) => {
    throw remoteSigningError(err);
  });
  if (!ids.length) throw new AppError('REMOTE_SIGNING_NO_CREDENTIAL', 'Bạn chưa có chứng thư số cá nhân ở dịch vụ ký số từ xa.', 409);
  return ids[0];
}

/** The declaration as a PDF: the dossier's identification and every form value, with the applicant's statement. */
export async function renderDeclaration(d: DossierRow): Promise<Uint8Array> {
  const w = await DocumentWriter.create(PAGE_A4, { title: `Tờ khai ${d.code}`, subject: d.procedure_name });
  w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, align: 'center' });
  w.text('Độc lập - Tự do - Hạnh phúc', { bold: true, align: 'center', gap: 12 });
  w.text(`TỜ KHAI / GIẤY ĐỀ NGHỊ: ${d.procedure_name.toUpperCase()}`, { bold: true, align: 'center', size: 13, gap: 10 });
  w.text(`Mã hồ sơ: ${d.code}`);
  w.text(`Người yêu cầu: ${d.applicant_name}${d.applicant_id_number ? ` — số định danh cá nhân ${d.applicant_id_number}` : ''}`, { gap: 8 });
  for (const [key, value] of Object.entries(d.form_values ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    w.text(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`, { size: 10 });
  }
  w.text('Tôi cam đoan những thông tin khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.', {
    italic: true,
    gap: 8,
  });
  w.text(`Người yêu cầu ký số: ${d.applicant_name}`, { bold: true, align: 'right' });
  return w.save();
}

export default async function declarationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const sendPdf = (reply: FastifyReply, bytes: Buffer, name: string) =>
    reply
      .header('content-type', 'application/pdf')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'private, no-store')
      .send(bytes);

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/dossiers/:id/declaration',
      summary: 'Tờ khai của hồ sơ của tôi: có cần ký số không, đã ký chưa',
      tags: ['store'],
      params: DossierIdParams,
      response: DeclarationStatus,
    },
    async ({ params, req }) => {
      const citizen = requireCitizen(req);
      const row = isUuid(params.id)
        ? (
            await ctx.db.query<{ procedure_code: string; signer_name: string | null; signed_at: Date | null }>(
              `SELECT d.procedure_code, s.signer_name, s.signed_at FROM dossiers d
                 LEFT JOIN dossier_signed_declarations s ON s.dossier_id = d.id
                WHERE d.id = $1 AND (d.owner_citizen_id = $2 OR d.applicant_id_number = $3)`,
              [params.id, citizen.id, citizen.idNumber],
            )
          ).rows[0]
        : undefined;
      if (!row) throw notFound('Không tìm thấy hồ sơ.');
      return {
        signable: APPLICANT_SIGNED_PROCEDURES.includes(row.procedure_code),
        signed: row.signer_name && row.signed_at ? { signerName: row.signer_name, signedAt: new Date(row.signed_at).toISOString() } : null,
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/dossiers/:id/declaration/otp',
      summary: 'Ký số tờ khai từ xa: tìm chứng thư số cá nhân và gửi mã OTP',
      tags: ['store'],
      params: DossierIdParams,
      response: DeclarationOtpSent,
      rateLimit: { max: 10, timeWindow: '10 minutes' },
    },
    async ({ params, req }) => {
      const citizen = requireCitizen(req);
      await ownDossier(ctx, params.id, citizen);
      return credentialDetails(ctx, citizen.idNumber, true);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/dossiers/:id/declaration/signature',
      summary: 'Ký số tờ khai từ xa bằng mã OTP (chữ ký PAdES của người yêu cầu)',
      tags: ['store'],
      params: DossierIdParams,
      body: DeclarationSignBody,
      response: DeclarationSigned,
      rateLimit: { max: 10, timeWindow: '10 minutes' },
    },
    async ({ params, body, req }) => {
      const citizen = requireCitizen(req);
      const dossier = await ownDossier(ctx, params.id, citizen);
      const csc = client(ctx);
      const credentialId = await credentialOf(csc, citizen.idNumber);
      const signer = new RemoteSigner(csc, credentialId, body.otp);
      const signedAt = systemNow();
      let signed: Buffer;
      try {
        signed = await signPdf(await renderDeclaration(dossier), signer, {
          reason: `Người yêu cầu ký tờ khai hồ sơ ${dossier.code}`,
          location: 'Việt Nam',
          name: citizen.fullName,
          signingTime: signedAt,
        });
      } catch (err) {
        throw remoteSigningError(err);
      }
      const { sha256, size } = await ctx.files.put(signed);
      await ctx.db.query('INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [
        sha256,
        size,
        'application/pdf',
      ]);
      const inserted = await ctx.db.query(
        `INSERT INTO dossier_signed_declarations (dossier_id, sha256, signer_name, credential_id, signed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dossier_id) DO NOTHING`,
        [dossier.id, sha256, citizen.fullName, credentialId, signedAt],
      );
      if (!inserted.rowCount) throw new AppError('DECLARATION_ALREADY_SIGNED', 'Tờ khai của hồ sơ này đã được ký số.', 409);
      // A signature with a personal certificate: the targets page counts the adults who have signed at least once.
      await ctx.db.query(
        `INSERT INTO personal_signatures (kind, id_number, signer_name, credential_id, dossier_id, signed_at) VALUES ('declaration', $1, $2, $3, $4, $5)`,
        [citizen.idNumber, citizen.fullName, credentialId, dossier.id, signedAt],
      );
      return { signerName: citizen.fullName, signedAt: signedAt.toISOString(), sha256 };
    },
  );

  const declarationOf = async (dossierId: string) =>
    (
      await ctx.db.query<{ sha256: string; code: string }>(
        'SELECT s.sha256, d.code FROM dossier_signed_declarations s JOIN dossiers d ON d.id = s.dossier_id WHERE s.dossier_id = $1',
        [dossierId],
      )
    ).rows[0];

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/my/dossiers/:id/declaration.pdf',
      summary: 'Tờ khai đã ký số của hồ sơ của tôi',
      tags: ['store'],
      params: DossierIdParams,
      response: file('The declaration signed by the applicant (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      const citizen = requireCitizen(req);
      const own = isUuid(params.id)
        ? (
            await ctx.db.query('SELECT 1 FROM dossiers WHERE id = $1 AND (owner_citizen_id = $2 OR applicant_id_number = $3)', [
              params.id,
              citizen.id,
              citizen.idNumber,
            ])
          ).rowCount
        : 0;
      const d = own ? await declarationOf(params.id) : undefined;
      if (!d) throw notFound('Hồ sơ chưa có tờ khai đã ký số.');
      return sendPdf(reply, await ctx.files.get(d.sha256), `to-khai-${d.code}.pdf`);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id/declaration.pdf',
      summary: 'Tờ khai do người yêu cầu ký số (cán bộ được xem hồ sơ)',
      tags: ['store'],
      params: DossierIdParams,
      response: file('The declaration signed by the applicant (PDF)', PDF),
    },
    async ({ params, req, reply }) => {
      const staff = await requireStaff(ctx, req);
      const scope = isUuid(params.id)
        ? (await ctx.db.query<{ unit_ids: string[] }>('SELECT unit_ids FROM dossiers WHERE id = $1', [params.id])).rows[0]
        : undefined;
      if (!scope || !canSee(staff.auth, { unitIds: scope.unit_ids })) throw notFound('Không tìm thấy hồ sơ.');
      const d = await declarationOf(params.id);
      if (!d) throw notFound('Hồ sơ chưa có tờ khai đã ký số.');
      return sendPdf(reply, await ctx.files.get(d.sha256), `to-khai-${d.code}.pdf`);
    },
  );
}

/**
 * The leader's personal signature beside the unit's on a result: the same remote-signing interface (CSC), added as
 * an incremental update so the unit's signature stays valid. `userId` is the leader's identity at the service
 * (the stand-in: `official:<username>`); `otp` authorises this one signature.
 */
export async function addPersonalSignature(
  ctx: AppContext,
  signedPdf: Uint8Array,
  person: { userId: string; name: string },
  otp: string,
  opts: { reason: string; location: string },
): Promise<Buffer> {
  const csc = client(ctx);
  const credentialId = await credentialOf(csc, person.userId);
  try {
    return await addSignature(signedPdf, new RemoteSigner(csc, credentialId, otp), { ...opts, name: person.name });
  } catch (err) {
    throw remoteSigningError(err);
  }
}

/**
 * The person's certificate at the remote-signing service (name, issuer, expiry), and with `sendOtp` the service sends
 * them a one-time code for their next signature.
 */
export async function credentialDetails(ctx: AppContext, userId: string, sendOtp: boolean): Promise<DeclarationOtpSent> {
  const csc = client(ctx);
  const credentialId = await credentialOf(csc, userId);
  try {
    const info = await csc.credentialInfo(credentialId);
    if (sendOtp) await csc.sendOtp(credentialId);
    const cn = /CN=([^,]+)/.exec(info.cert.subjectDN)?.[1] ?? info.cert.subjectDN;
    return { credentialId, signerName: cn, issuer: info.cert.issuerDN, validTo: new Date(info.cert.validTo).toISOString() };
  } catch (err) {
    throw remoteSigningError(err);
  }
}

/** Asks the remote-signing service to send the person an OTP (before addPersonalSignature). */
export async function sendPersonalOtp(ctx: AppContext, userId: string): Promise<string> {
  const csc = client(ctx);
  const credentialId = await credentialOf(csc, userId);
  await csc.sendOtp(credentialId).catch((err) => {
    throw remoteSigningError(err);
  });
  return credentialId;
}
