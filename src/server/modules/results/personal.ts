/**
 * The leader's personal signature beside the unit's on a result (issue 16 item 7), in "Phê duyệt và ký số".
 *
 * A leader whose personal certificate at the remote-signing service is configured (official_personal_credentials:
 * their identity at the service) asks for a one-time code before confirming the approval
 * (`POST /api/staff/personal-signing/otp`); the approval signs the result with the unit's certificate in the dossier's
 * transaction; then `POST /api/staff/dossiers/:id/result/personal-signature {otp}` adds the leader's signature as an
 * incremental update (the unit's signature stays valid: pdfsig reports two valid signatures) while the result is not
 * yet issued. It is a separate step after the transaction because the remote-signing service is called over HTTP
 * (and the stand-in answers from the same database). A wrong code leaves the result with the unit's signature, and
 * the leader may try again until the clerk issues it. Without a configured credential the result carries the unit's
 * signature alone, and the approval says so.
 */
import type { FastifyInstance } from 'fastify';
import { DossierIdParams } from '../../../contract/dossiers.ts';
import { DeclarationOtpSent, DeclarationSignBody, PersonalSigning, PersonalSignatureAdded } from '../../../contract/results.ts';
import { canSee } from '../../../core/workflow/permissions.ts';
import { systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { requireStaff, type Staff } from '../officials/index.ts';
import { addPersonalSignature, credentialDetails } from './declaration.ts';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** The official's identity at the remote-signing service, if their personal certificate is configured. */
export async function personalCredentialOf(ctx: Pick<AppContext, 'db'>, officialId: string): Promise<string | null> {
  return (
    (await ctx.db.query<{ provider_user_id: string }>('SELECT provider_user_id FROM official_personal_credentials WHERE official_id = $1', [officialId]))
      .rows[0]?.provider_user_id ?? null
  );
}

const notConfigured = () =>
  new AppError(
    'PERSONAL_CREDENTIAL_NOT_CONFIGURED',
    'Bạn chưa được cấu hình chứng thư số cá nhân ở dịch vụ ký số từ xa: kết quả chỉ mang chữ ký số của cơ quan.',
    409,
  );

const requireLeader = (staff: Staff) => {
  if (!staff.auth.memberships.some((m) => m.role === 'leader')) throw new AppError('FORBIDDEN', 'Chức năng dành cho lãnh đạo phê duyệt và ký kết quả.', 403);
};

export default async function personalSigningRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/personal-signing',
      summary: 'Chứng thư số cá nhân của tôi (lãnh đạo) ở dịch vụ ký số từ xa đã được cấu hình chưa',
      tags: ['results'],
      response: PersonalSigning,
    },
    async ({ req }) => {
      const staff = await requireStaff(ctx, req);
      return { configured: (await personalCredentialOf(ctx, staff.actor.id)) !== null };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/personal-signing/otp',
      summary: 'Lãnh đạo nhận mã OTP để ký số cá nhân kết quả (dịch vụ ký số từ xa)',
      tags: ['results'],
      response: DeclarationOtpSent,
      rateLimit: { max: 10, timeWindow: '10 minutes' },
    },
    async ({ req }) => {
      const staff = await requireStaff(ctx, req);
      requireLeader(staff);
      const userId = await personalCredentialOf(ctx, staff.actor.id);
      if (!userId) throw notConfigured();
      return credentialDetails(ctx, userId, true);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/dossiers/:id/result/personal-signature',
      summary: 'Thêm chữ ký số cá nhân của lãnh đạo bên cạnh chữ ký số của cơ quan trên kết quả (trước khi phát hành)',
      tags: ['results'],
      params: DossierIdParams,
      body: DeclarationSignBody,
      response: PersonalSignatureAdded,
      // The remote-signing service burns a code after 5 wrong attempts; this bounds the calls to it.
      rateLimit: { max: 30, timeWindow: '10 minutes' },
    },
    async ({ params, body, req }) => {
      const staff = await requireStaff(ctx, req);
      const dossier = isUuid(params.id)
        ? (await ctx.db.query<{ unit_ids: string[] }>('SELECT unit_ids FROM dossiers WHERE id = $1', [params.id])).rows[0]
        : undefined;
      if (!dossier || !canSee(staff.auth, { unitIds: dossier.unit_ids })) throw notFound('Không tìm thấy hồ sơ.');
      requireLeader(staff);
      const result = (
        await ctx.db.query<{ id: string; sha256: string; issuing_unit_id: string; title: string; number: string }>(
          `SELECT id, sha256, issuing_unit_id, title, number FROM results
            WHERE dossier_id = $1 AND status = 'valid' AND published_at IS NULL ORDER BY signed_at DESC LIMIT 1`,
          [params.id],
        )
      ).rows[0];
      if (!result) throw new AppError('RESULT_NOT_SIGNABLE', 'Hồ sơ không có kết quả đã ký đang chờ phát hành để thêm chữ ký cá nhân.', 409);
      if (!staff.auth.memberships.some((m) => m.role === 'leader' && m.unitId === result.issuing_unit_id))
        throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo của cơ quan ban hành mới ký cá nhân trên kết quả này.', 403);
      const already = await ctx.db.query("SELECT 1 FROM personal_signatures WHERE kind = 'result' AND result_id = $1", [result.id]);
      if (already.rowCount) throw new AppError('PERSONAL_SIGNATURE_EXISTS', 'Kết quả này đã có chữ ký số cá nhân của lãnh đạo.', 409);
      const userId = await personalCredentialOf(ctx, staff.actor.id);
      if (!userId) throw notConfigured();
      const signedAt = systemNow();
      const both = await addPersonalSignature(ctx, await ctx.files.get(result.sha256), { userId, name: staff.actor.fullName }, body.otp, {
        reason: `Lãnh đạo ký số ${result.title} số ${result.number}`,
        location: 'Việt Nam',
      });
      const { sha256, size } = await ctx.files.put(both);
      await ctx.db.transaction(async (tx) => {
        await tx.query('INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, size, 'application/pdf']);
        const updated = await tx.query('UPDATE results SET sha256 = $2, size = $3 WHERE id = $1 AND sha256 = $4 AND published_at IS NULL', [
          result.id,
          sha256,
          size,
          result.sha256,
        ]);
        if (!updated.rowCount) throw new AppError('RESULT_NOT_SIGNABLE', 'Hồ sơ không có kết quả đã ký đang chờ phát hành để thêm chữ ký cá nhân.', 409);
        await tx.query(
          `INSERT INTO personal_signatures (kind, official_id, signer_name, credential_id, dossier_id, result_id, signed_at)
           VALUES ('result', $1, $2, $3, $4, $5, $6)`,
          [staff.actor.id, staff.actor.fullName, userId, params.id, result.id, signedAt],
        );
      });
      return { signerName: staff.actor.fullName, signedAt: signedAt.toISOString(), sha256 };
    },
  );
}

/** Demo: the Phú Riềng leader (lanhdao.phurieng) has a personal certificate at the remote-signing stand-in. Idempotent. */
export async function seedPersonalCredentialsDemo(db: Database): Promise<void> {
  await db.query(
    `INSERT INTO official_personal_credentials (official_id, provider_user_id)
     SELECT id, 'official:' || username FROM officials WHERE username = 'lanhdao.phurieng' ON CONFLICT DO NOTHING`,
  );
}
