/**
 * The community digital teams' API (src/contract/community.ts; docs/community.md):
 *   helpers (community_helper, scoped to their villages / residential groups):
 *     GET  /api/community/areas                      their areas with coverage counts
 *     GET  /api/community/areas/:areaId/households   the visit list (?uncovered=1), ordered by address
 *     POST /api/community/visits                     a visit with its checklist (client idempotency key)
 *     POST /api/community/assisted-sessions          start an assisted session on this device
 *     POST /api/community/representations            consent to submit on a resident's behalf (OTP or document)
 *     POST /api/community/representations/:id/confirm|revoke
 *     POST /api/community/representations/:id/dossiers  submit on behalf (only under an active representation)
 *     GET  /api/community/representations, /api/community/dossiers[/:id]  their own, only
 *   citizens:    GET /api/me/representations, POST /api/me/representations/:id/revoke
 *   oversight:   GET /api/community/dashboard, POST /api/community/import
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { householdCovered } from '../../../core/community/coverage.ts';
import { maskPhone, OTP_TTL_MS, otpCheck, refusalToUse } from '../../../core/community/representation.ts';
import {
  AreaIdParams,
  AreaView,
  AssistedDossierView,
  AssistedSessionBody,
  AssistedSessionView,
  ConfirmBody,
  DashboardQuery,
  DashboardView,
  HouseholdView,
  IdParams,
  ImportBody,
  ImportView,
  OnBehalfBody,
  RepresentationBody,
  RepresentationView,
  VisitBody,
  VisitListQuery,
  VisitView,
} from '../../../contract/community.ts';
import { created, createdOrFound, Items } from '../../../contract/http.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { type CitizenActor, requireActor, requireCitizen } from '../../http/actor.ts';
import { AppError, appError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { checkSubmission, startDraft, submitDossier, updateDraft, vnToday } from '../dossiers/index.ts';
import { queueDirectSms } from '../notifications/index.ts';
import { ASSIST_COOKIE, ASSIST_TTL_MS, hashToken, residentCitizenId } from './assisted.ts';
import { dashboard } from './dashboard.ts';
import { householdsOf, householdView, importHouseholds, recordEvidence, requireArea, requireHelper, requireSupervisor, type Helper } from './register.ts';

interface RepresentationRow {
  id: string;
  official_id: string;
  helper_name: string;
  id_number: string;
  resident_name: string;
  basis: 'otp' | 'document';
  procedure_codes: string[];
  status: 'pending' | 'active' | 'revoked';
  otp_hash: string | null;
  otp_attempts: number;
  otp_expires_at: Date | null;
  phone_masked: string | null;
  created_at: Date;
  confirmed_at: Date | null;
  expires_at: Date;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const representationView = (r: RepresentationRow) => ({
  id: r.id,
  idNumber: r.id_number,
  residentName: r.resident_name,
  helperName: r.helper_name,
  basis: r.basis,
  procedureCodes: r.procedure_codes,
  status: r.status,
  phoneMasked: r.phone_masked,
  createdAt: new Date(r.created_at).toISOString(),
  confirmedAt: iso(r.confirmed_at),
  expiresAt: new Date(r.expires_at).toISOString(),
  revokedAt: iso(r.revoked_at),
});

const REFUSAL_VI = {
  not_confirmed: 'chưa được người dân xác nhận',
  revoked: 'đã bị thu hồi',
  expired: 'đã hết hạn',
  out_of_scope: 'không bao gồm thủ tục này',
} as const;

/** A name without diacritics: the SMS goes out as GSM text (a brandname SMS without Unicode is one segment of 160). */
const asciiName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '');

/** The resident's household in the helper's areas, or a refusal. */
async function residentInArea(db: Queryable, helper: Helper, idNumber: string) {
  const r = (
    await db.query<{ full_name: string; phone: string | null; area_id: string }>(
      `SELECT m.full_name, m.phone, h.area_id FROM community_household_members m JOIN community_households h ON h.household_no = m.household_no
        WHERE m.id_number = $1`,
      [idNumber],
    )
  ).rows[0];
  if (!r || !helper.areaIds.includes(r.area_id)) throw appError('COMMUNITY_RESIDENT_OUTSIDE_AREA');
  return r;
}

export default async function communityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  async function ownRepresentation(helper: Helper, id: string, tx: Queryable = db, lock = false): Promise<RepresentationRow> {
    const r = (await tx.query<RepresentationRow>(`SELECT * FROM community_representations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
    // Another helper's representation is "not found": its existence is not theirs to learn.
    if (!r || r.official_id !== helper.actor.id) throw notFound('Không tìm thấy ủy quyền.');
    return r;
  }

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/community/areas',
      summary: 'Thôn, tổ dân phố được phân công (Tổ công nghệ số cộng đồng)',
      tags: ['community'],
      response: Items(AreaView),
    },
    async ({ req }) => {
      const helper = await requireHelper(ctx, req);
      const areas = (
        await db.query<{ id: string; commune_code: string; kind: string; name: string }>(
          'SELECT id, commune_code, kind, name FROM community_areas WHERE id = ANY($1::text[]) ORDER BY name',
          [helper.areaIds],
        )
      ).rows;
      const households = await householdsOf(db, helper.areaIds);
      return {
        items: areas.map((a) => {
          const mine = households.filter((h) => h.areaId === a.id);
          return {
            id: a.id,
            communeCode: a.commune_code,
            kind: a.kind,
            name: a.name,
            households: mine.length,
            coveredHouseholds: mine.filter((h) => householdCovered(h.members)).length,
          };
        }),
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/community/areas/:areaId/households',
      summary: 'Danh sách hộ gia đình của thôn (chưa được phủ: ?uncovered=1), theo địa chỉ',
      tags: ['community'],
      params: AreaIdParams,
      query: VisitListQuery,
      response: Items(HouseholdView),
    },
    async ({ req, params, query }) => {
      const helper = await requireHelper(ctx, req);
      requireArea(helper, params.areaId);
      const today = vnToday();
      const items = (await householdsOf(db, [params.areaId])).map((h) => householdView(h, today));
      return { items: query.uncovered === '1' ? items.filter((h) => !h.covered) : items };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/community/visits',
      summary: 'Ghi nhận một lần thăm hộ (mã giao dịch do điện thoại tạo: gửi lại không tạo bản trùng)',
      tags: ['community'],
      body: VisitBody,
      response: createdOrFound(VisitView),
    },
    async ({ req, reply, body }) => {
      const helper = await requireHelper(ctx, req);
      const hh = (await db.query<{ area_id: string }>('SELECT area_id FROM community_households WHERE household_no = $1', [body.householdNo])).rows[0];
      if (!hh) throw notFound('Không tìm thấy hộ gia đình.');
      requireArea(helper, hh.area_id);
      const members = new Set(
        (await db.query<{ id_number: string }>('SELECT id_number FROM community_household_members WHERE household_no = $1', [body.householdNo])).rows.map(
          (r) => r.id_number,
        ),
      );
      if (body.checklist.some((c) => !members.has(c.idNumber))) throw appError('COMMUNITY_RESIDENT_OUTSIDE_AREA');
      const visitedAt = new Date(body.visitedAt);
      if (visitedAt.getTime() > now().getTime() + 5 * 60_000)
        throw new AppError('VALIDATION_FAILED', 'Thời điểm thăm hộ không được ở tương lai.', 400, {
          where: 'body',
          issues: [{ path: 'visitedAt', code: 'future', message: 'Thời điểm thăm hộ không được ở tương lai.' }],
        });
      const result = await db.transaction(async (tx) => {
        const id = crypto.randomUUID();
        const inserted = (
          await tx.query<{ id: string }>(
            `INSERT INTO community_visits (id, official_id, client_key, household_no, visited_at, outcome, checklist, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (official_id, client_key) DO NOTHING RETURNING id`,
            [id, helper.actor.id, body.clientKey, body.householdNo, visitedAt, body.outcome, JSON.stringify(body.checklist), body.note ?? null],
          )
        ).rows[0];
        if (!inserted) {
          const existing = (
            await tx.query<{ id: string; household_no: string; visited_at: Date; outcome: 'done' | 'needs_device' | 'not_home' | 'refused' }>(
              'SELECT id, household_no, visited_at, outcome FROM community_visits WHERE official_id = $1 AND client_key = $2',
              [helper.actor.id, body.clientKey],
            )
          ).rows[0];
          if (!existing || existing.household_no !== body.householdNo) throw appError('COMMUNITY_VISIT_KEY_REUSED');
          return { id: existing.id, visitedAt: new Date(existing.visited_at), outcome: existing.outcome, created: false };
        }
        for (const c of body.checklist)
          await recordEvidence(tx, { idNumber: c.idNumber, skills: c.skills, source: 'visit_checklist', visitId: id, by: helper.actor.id, at: visitedAt });
        return { id, visitedAt, outcome: body.outcome, created: true };
      });
      const [h] = await householdsOf(db, [hh.area_id]).then((all) => all.filter((x) => x.householdNo === body.householdNo));
      reply.status(result.created ? 201 : 200);
      return {
        id: result.id,
        clientKey: body.clientKey,
        householdNo: body.householdNo,
        visitedAt: result.visitedAt.toISOString(),
        outcome: result.outcome,
        covered: h ? householdCovered(h.members) : false,
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/community/assisted-sessions',
      summary: 'Bắt đầu phiên hỗ trợ: người dân đăng nhập bằng tài khoản định danh của chính mình trên thiết bị của tổ viên',
      tags: ['community'],
      body: AssistedSessionBody,
      response: created(AssistedSessionView),
    },
    async ({ req, reply, body }) => {
      const helper = await requireHelper(ctx, req);
      const id = crypto.randomUUID();
      const token = crypto.randomBytes(32).toString('base64url');
      const at = now();
      const expiresAt = new Date(at.getTime() + ASSIST_TTL_MS);
      await db.query(
        `INSERT INTO community_assisted_sessions (id, official_id, helper_name, token_hash, status, created_at, expires_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6)`,
        [id, helper.actor.id, helper.actor.fullName, hashToken(token), at, expiresAt],
      );
      // Bound to this browser: only the login completed on this device becomes an assisted session.
      reply.setCookie(ASSIST_COOKIE, token, {
        path: '/auth',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.env === 'production',
        maxAge: ASSIST_TTL_MS / 1000,
      });
      reply.status(201);
      return { id, loginUrl: `/auth/login?returnTo=${encodeURIComponent(body.returnTo ?? '/')}`, expiresAt: expiresAt.toISOString() };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/community/representations',
      summary: 'Lập ủy quyền nộp thay: mã xác nhận gửi đến điện thoại của người dân, hoặc bản chụp văn bản ủy quyền',
      tags: ['community'],
      body: RepresentationBody,
      response: created(RepresentationView),
    },
    async ({ req, reply, body }) => {
      const helper = await requireHelper(ctx, req);
      const resident = await residentInArea(db, helper, body.idNumber);
      const id = crypto.randomUUID();
      const at = now();
      const expiresAt = new Date(at.getTime() + body.days * 86_400_000);
      const codes = [...new Set(body.procedureCodes)];
      if (body.basis === 'document') {
        const upload = body.documentUploadId
          ? (
              await db.query<{ sha256: string }>("SELECT sha256 FROM uploads WHERE id = $1 AND owner_kind = 'official' AND owner_id = $2", [
                body.documentUploadId,
                helper.actor.id,
              ])
            ).rows[0]
          : undefined;
        if (!upload) throw appError('REPRESENTATION_DOCUMENT_REQUIRED');
        await db.query(
          `INSERT INTO community_representations (id, official_id, helper_name, id_number, resident_name, basis, procedure_codes, status,
             document_upload_id, document_sha256, created_at, confirmed_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, 'document', $6, 'active', $7, $8, $9, $9, $10)`,
          [id, helper.actor.id, helper.actor.fullName, body.idNumber, resident.full_name, codes, body.documentUploadId, upload.sha256, at, expiresAt],
        );
      } else {
        // The code goes to the phone the population database knows for the resident — never one the helper types.
        const person = await ctx.population.findByIdNumber(body.idNumber, {
          actorKind: 'official',
          actorId: helper.actor.id,
          purpose: 'community:representation-consent',
        });
        const phone = person?.soDienThoai ?? resident.phone;
        if (!phone) throw appError('REPRESENTATION_NO_PHONE');
        const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
        await db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO community_representations (id, official_id, helper_name, id_number, resident_name, basis, procedure_codes, status,
               otp_hash, otp_expires_at, phone_masked, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, 'otp', $6, 'pending', $7, $8, $9, $10, $11)`,
            [
              id,
              helper.actor.id,
              helper.actor.fullName,
              body.idNumber,
              resident.full_name,
              codes,
              hashToken(`${id}:${code}`),
              new Date(at.getTime() + OTP_TTL_MS),
              maskPhone(phone),
              at,
              expiresAt,
            ],
          );
          const sent = await queueDirectSms(tx, {
            key: `representation:${id}:otp`,
            phone,
            templateCode: 'representation_otp',
            body: `MotCua: Ma xac nhan ${code} de dong y cho ${asciiName(helper.actor.fullName)} (To cong nghe so cong dong) nop ho so thay ban trong ${body.days} ngay. Ma het han sau 10 phut. Khong dong y thi bo qua tin nay.`,
          });
          if (!sent) throw appError('REPRESENTATION_NO_PHONE');
        });
      }
      reply.status(201);
      return representationView(await ownRepresentation(helper, id));
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/community/representations/:id/confirm',
      summary: 'Xác nhận ủy quyền bằng mã người dân nhận qua tin nhắn',
      tags: ['community'],
      params: IdParams,
      body: ConfirmBody,
      response: RepresentationView,
    },
    async ({ req, params, body }) => {
      const helper = await requireHelper(ctx, req);
      const outcome = await db.transaction(async (tx) => {
        const r = await ownRepresentation(helper, params.id, tx, true);
        const matches = r.otp_hash !== null && crypto.timingSafeEqual(Buffer.from(r.otp_hash), Buffer.from(hashToken(`${r.id}:${body.code}`)));
        const refusal = otpCheck({ status: r.status, otpExpiresAt: iso(r.otp_expires_at), otpAttempts: r.otp_attempts }, matches, now().toISOString());
        if (refusal === 'wrong_code') {
          await tx.query('UPDATE community_representations SET otp_attempts = otp_attempts + 1 WHERE id = $1', [r.id]);
          return 'refused' as const;
        }
        if (refusal) return 'refused' as const;
        await tx.query("UPDATE community_representations SET status = 'active', confirmed_at = $2, otp_hash = NULL WHERE id = $1", [r.id, now()]);
        return 'ok' as const;
      });
      if (outcome === 'refused') throw appError('REPRESENTATION_OTP_INVALID');
      return representationView(await ownRepresentation(helper, params.id));
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/community/representations/:id/revoke',
      summary: 'Thu hồi ủy quyền (tổ viên)',
      tags: ['community'],
      params: IdParams,
      response: RepresentationView,
    },
    async ({ req, params }) => {
      const helper = await requireHelper(ctx, req);
      await ownRepresentation(helper, params.id);
      await db.query(
        "UPDATE community_representations SET status = 'revoked', revoked_at = COALESCE(revoked_at, $2), revoked_by = COALESCE(revoked_by, $3) WHERE id = $1",
        [params.id, now(), `official:${helper.actor.id}`],
      );
      return representationView(await ownRepresentation(helper, params.id));
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/community/representations', summary: 'Các ủy quyền tổ viên đã lập', tags: ['community'], response: Items(RepresentationView) },
    async ({ req }) => {
      const helper = await requireHelper(ctx, req);
      const rows = (
        await db.query<RepresentationRow>('SELECT * FROM community_representations WHERE official_id = $1 ORDER BY created_at DESC', [helper.actor.id])
      ).rows;
      return { items: rows.map(representationView) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/community/representations/:id/dossiers',
      summary: 'Nộp hồ sơ thay người dân theo ủy quyền còn hiệu lực (hồ sơ là của người dân; mọi thông báo gửi người dân)',
      tags: ['community'],
      params: IdParams,
      body: OnBehalfBody,
      response: createdOrFound(AssistedDossierView),
    },
    async ({ req, reply, params, body }) => {
      const helper = await requireHelper(ctx, req);
      const previous = await assistedDossier(db, helper.actor.id, { clientKey: body.idempotencyKey });
      if (previous) {
        reply.status(200);
        return previous;
      }
      const r = await ownRepresentation(helper, params.id);
      const refusal = refusalToUse(
        { status: r.status, procedureCodes: r.procedure_codes, expiresAt: new Date(r.expires_at).toISOString() },
        body.procedureCode,
        now().toISOString(),
      );
      if (refusal) throw new AppError('REPRESENTATION_NOT_USABLE', `Không thể nộp thay: ủy quyền ${REFUSAL_VI[refusal]}.`, 403, undefined, { reason: refusal });
      await residentInArea(db, helper, r.id_number);

      const citizenRow = (await db.query<{ id: string }>('SELECT id::text AS id FROM citizens WHERE id_number = $1', [r.id_number])).rows[0];
      const resident: CitizenActor = {
        kind: 'citizen',
        id: citizenRow?.id ?? residentCitizenId(r.id_number),
        idNumber: r.id_number,
        fullName: r.resident_name,
      };
      const draft = await startDraft(ctx, resident, body.procedureCode, body.caseCode);
      // The helper's scans become the resident's components (the dossier is theirs).
      const documents: { requirementCode: string; uploadId: string }[] = [];
      for (const d of body.documents) {
        const copy = (
          await db.query<{ id: string }>(
            `INSERT INTO uploads (id, owner_kind, owner_id, sha256, original_name, mime, size)
             SELECT $1, 'citizen', $2, sha256, original_name, mime, size FROM uploads WHERE id = $3 AND owner_kind = 'official' AND owner_id = $4
             RETURNING id`,
            [crypto.randomUUID(), resident.id, d.uploadId, helper.actor.id],
          )
        ).rows[0];
        documents.push({ requirementCode: d.requirementCode, uploadId: copy?.id ?? d.uploadId });
      }
      const filled = await updateDraft(
        db,
        resident,
        draft.id,
        { values: { ...draft.form_values, ...body.values }, documents, revision: draft.revision },
        ctx.config.draftTtlDays,
      );
      const { dossier } = await submitDossier(ctx, resident, { draftId: filled.id, idempotencyKey: `community-${body.idempotencyKey}` }, checkSubmission, {
        helperId: helper.actor.id,
        helperName: helper.actor.fullName,
        representationId: r.id,
        basis: r.basis,
        clientKey: body.idempotencyKey,
      });
      const view = await assistedDossier(db, helper.actor.id, { dossierId: dossier.id });
      if (!view) throw notFound('Không tìm thấy hồ sơ.');
      reply.status(201);
      return view;
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/community/dossiers',
      summary: 'Hồ sơ tổ viên đã hỗ trợ hoặc nộp thay (chỉ của mình)',
      tags: ['community'],
      response: Items(AssistedDossierView),
    },
    async ({ req }) => {
      const helper = await requireHelper(ctx, req);
      return { items: await assistedDossiers(db, helper.actor.id) };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/community/dossiers/:id',
      summary: 'Một hồ sơ tổ viên đã hỗ trợ',
      tags: ['community'],
      params: IdParams,
      response: AssistedDossierView,
    },
    async ({ req, params }) => {
      const helper = await requireHelper(ctx, req);
      const view = await assistedDossier(db, helper.actor.id, { dossierId: params.id });
      if (!view) throw notFound('Không tìm thấy hồ sơ.');
      return view;
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/me/representations', summary: 'Các ủy quyền nộp thay của tôi', tags: ['community'], response: Items(RepresentationView) },
    async ({ req }) => {
      const citizen = requireCitizen(req);
      const rows = (
        await db.query<RepresentationRow>('SELECT * FROM community_representations WHERE id_number = $1 ORDER BY created_at DESC', [citizen.idNumber])
      ).rows;
      return { items: rows.map(representationView) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/me/representations/:id/revoke',
      summary: 'Người dân thu hồi ủy quyền nộp thay',
      tags: ['community'],
      params: IdParams,
      response: RepresentationView,
    },
    async ({ req, params }) => {
      const citizen = requireCitizen(req);
      const r = (
        await db.query<RepresentationRow>(
          `UPDATE community_representations SET status = 'revoked', revoked_at = COALESCE(revoked_at, $3), revoked_by = COALESCE(revoked_by, 'resident')
            WHERE id = $1 AND id_number = $2 RETURNING *`,
          [params.id, citizen.idNumber, now()],
        )
      ).rows[0];
      if (!r) throw notFound('Không tìm thấy ủy quyền.');
      return representationView(r);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/community/dashboard',
      summary: 'Bảng theo dõi theo thôn: hộ được phủ, người trưởng thành dùng DVCTT, hoạt động của tổ viên, theo tuần',
      tags: ['community'],
      query: DashboardQuery,
      response: DashboardView,
    },
    async ({ req, query }) => {
      await requireSupervisor(ctx, req);
      return dashboard(db, query.from, query.to);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/community/import',
      summary: 'Nhập (cập nhật) sổ hộ gia đình của xã từ Cơ sở dữ liệu dân cư',
      tags: ['community'],
      body: ImportBody,
      response: ImportView,
    },
    async ({ req, body }) => {
      const a = requireActor(req);
      const actor = await requireSupervisor(ctx, req);
      if (!actor.roles.some((r) => r === 'unit_admin' || r === 'system_admin'))
        throw new AppError('FORBIDDEN', 'Chỉ quản trị đơn vị, quản trị hệ thống được nhập sổ hộ gia đình.', 403);
      return importHouseholds(ctx, body.communeCode, `official:${a.id}`);
    },
  );
}

/** The helper's assisted dossiers; on-behalf dossiers whose representation was revoked are no longer theirs to see. */
async function assistedDossiers(db: Queryable, officialId: string, where: { dossierId?: string; clientKey?: string } = {}) {
  const rows = (
    await db.query<{ id: string; code: string; procedure_name: string; applicant_name: string; status: number; mode: 'assisted' | 'on_behalf'; at: Date }>(
      `SELECT d.id, d.code, d.procedure_name, d.applicant_name, d.status, a.mode, a.at
         FROM community_assisted_dossiers a JOIN dossiers d ON d.id = a.dossier_id
         LEFT JOIN community_representations r ON r.id = a.representation_id
        WHERE a.official_id = $1 AND (r.id IS NULL OR r.status <> 'revoked')
          AND ($2::uuid IS NULL OR a.dossier_id = $2) AND ($3::text IS NULL OR a.client_key = $3)
        ORDER BY a.at DESC LIMIT 200`,
      [officialId, where.dossierId ?? null, where.clientKey ?? null],
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    procedureName: r.procedure_name,
    applicantName: r.applicant_name,
    status: r.status,
    mode: r.mode,
    at: new Date(r.at).toISOString(),
  }));
}

async function assistedDossier(db: Queryable, officialId: string, where: { dossierId?: string; clientKey?: string }) {
  return (await assistedDossiers(db, officialId, where))[0] ?? null;
}
