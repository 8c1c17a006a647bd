/**
 * Liên thông API: the citizen's bundles, the public lookup by either code, and for officials the search by either
 * code, the evidence of each hand-off, resending a rejected member, recording another agency's answer (manual
 * adapter), the "quá hạn liên thông" queue, and the switch of local bundle types.
 */
import type { FastifyInstance } from 'fastify';
import { Ok } from '../../../contract/http.ts';
import {
  BundleIdParams,
  BundleList,
  BundleLookupQuery,
  BundleTypeList,
  BundleTypeSwitchBody,
  BundleTypeSwitchParams,
  BundleView,
  EscalationList,
  HandoffAnswerBody,
  HandoffEvidence,
  HandoffParams,
  MemberParams,
  ResendResult,
  StaffBundleQuery,
} from '../../../contract/lienthong.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { requireCitizen } from '../../http/actor.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { requireStaff, type Staff } from '../officials/index.ts';
import { recordAnswer, resendMember } from './handoffs.ts';
import { bundleEnabled, bundleTypes, setBundleEnabled } from './types.ts';
import { bundleView, citizenBundle, citizenBundles, findByCode, loadBundle, publicBundleLookup } from './views.ts';
import { now } from '../../clock.ts';

/** The units that may act on a bundle: its receiving unit and every unit on its dossiers' routes. */
async function bundleUnits(db: Queryable, bundleId: string): Promise<Set<string>> {
  const { rows } = await db.query<{ unit_ids: string[] }>(
    `SELECT d.unit_ids FROM dossiers d WHERE d.id IN (SELECT parent_dossier_id FROM lienthong_bundles WHERE id = $1 UNION SELECT dossier_id FROM lienthong_members WHERE bundle_id = $1)`,
    [bundleId],
  );
  return new Set(rows.flatMap((r) => r.unit_ids ?? []));
}

const STEP_ROLES = new Set(['reception', 'specialist', 'leader', 'clerk']);

async function requireBundleOfficial(ctx: AppContext, staff: Staff, bundleId: string): Promise<void> {
  const units = await bundleUnits(ctx.db, bundleId);
  if (!staff.auth.memberships.some((m) => units.has(m.unitId) && (STEP_ROLES.has(m.role) || m.role === 'supervisor' || m.role === 'unit_admin')))
    throw notFound('Không tìm thấy hồ sơ liên thông.');
}

async function requireActingOfficial(ctx: AppContext, staff: Staff, bundleId: string): Promise<void> {
  const units = await bundleUnits(ctx.db, bundleId);
  if (!staff.auth.memberships.some((m) => units.has(m.unitId))) throw notFound('Không tìm thấy hồ sơ liên thông.');
  if (!staff.auth.memberships.some((m) => units.has(m.unitId) && STEP_ROLES.has(m.role)))
    throw forbidden('Chỉ cán bộ xử lý của đơn vị tiếp nhận được ghi nhận trả lời hoặc gửi lại hồ sơ liên thông.');
}

export default async function lienthongRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const tags = ['lienthong'];

  defineRoute(app, { method: 'GET', url: '/api/lienthong/bundles', summary: 'Hồ sơ liên thông của tôi', tags, response: BundleList }, async ({ req }) => ({
    items: await citizenBundles(ctx.db, requireCitizen(req)),
  }));

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/lienthong/bundles/:id',
      summary: 'Một hồ sơ liên thông: trạng thái và kết quả của từng hồ sơ thành phần',
      tags,
      params: BundleIdParams,
      response: BundleView,
    },
    async ({ params, req }) => citizenBundle(ctx.db, requireCitizen(req), params.id),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/lienthong/lookup',
      summary: 'Tra cứu hồ sơ liên thông bằng mã liên thông hoặc mã hồ sơ thành phần và 4 số cuối điện thoại hoặc số định danh',
      tags: ['public'],
      rateLimit: { max: 30, timeWindow: '1 minute' },
      query: BundleLookupQuery,
      response: BundleView,
    },
    async ({ query }) => publicBundleLookup(ctx.db, query.code, query.last4),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/lienthong/bundles',
      summary: 'Tìm hồ sơ liên thông bằng mã liên thông, mã hồ sơ cha hoặc mã hồ sơ thành phần',
      tags,
      query: StaffBundleQuery,
      response: BundleList,
    },
    async ({ query, req }) => {
      const staff = await requireStaff(ctx, req);
      const b = await findByCode(ctx.db, query.code);
      if (!b) return { items: [] };
      const units = await bundleUnits(ctx.db, b.id);
      const visible = staff.auth.memberships.some((m) => units.has(m.unitId) || m.role === 'system_admin');
      return { items: visible ? [await bundleView(ctx.db, b)] : [] };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/lienthong/handoffs/:id',
      summary: 'Bằng chứng của một lần chuyển hồ sơ liên thông: yêu cầu, trả lời, thời điểm, mã băm',
      tags,
      params: HandoffParams,
      response: HandoffEvidence,
    },
    async ({ params, req }) => {
      const staff = await requireStaff(ctx, req);
      const h = (
        await ctx.db.query<{
          id: string;
          bundle_id: string;
          bundle_code: string;
          member_key: string;
          attempt: number;
          adapter: string;
          state: 'requested' | 'accepted' | 'rejected';
          request: Record<string, unknown>;
          request_sha256: string;
          requested_at: Date;
          sent_at: Date | null;
          http_status: number | null;
          response: unknown;
          response_sha256: string | null;
          answered_at: Date | null;
          recorded_by: string | null;
        }>('SELECT h.*, b.bundle_code FROM lienthong_handoffs h JOIN lienthong_bundles b ON b.id = h.bundle_id WHERE h.id = $1', [params.id])
      ).rows[0];
      if (!h) throw notFound('Không tìm thấy lần chuyển hồ sơ liên thông.');
      await requireBundleOfficial(ctx, staff, h.bundle_id);
      return {
        id: h.id,
        bundleCode: h.bundle_code,
        memberKey: h.member_key,
        attempt: h.attempt,
        adapter: h.adapter,
        state: h.state,
        request: h.request,
        requestSha256: h.request_sha256,
        requestedAt: h.requested_at,
        sentAt: h.sent_at,
        httpStatus: h.http_status,
        response: h.response ?? null,
        responseSha256: h.response_sha256,
        answeredAt: h.answered_at,
        recordedBy: h.recorded_by,
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/lienthong/bundles/:id/members/:key/resend',
      summary: 'Gửi lại hồ sơ thành phần đã bị cơ quan tiếp nhận từ chối',
      tags,
      params: MemberParams,
      response: ResendResult,
    },
    async ({ params, req }) => {
      const staff = await requireStaff(ctx, req);
      await loadBundle(ctx.db, params.id);
      await requireActingOfficial(ctx, staff, params.id);
      return { handoffId: await resendMember(ctx, params.id, params.key) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/lienthong/handoffs/:id/answer',
      summary: 'Ghi nhận trả lời của cơ quan tiếp nhận (chuyển thủ công, hoặc trả lời nhận ngoài hệ thống)',
      tags,
      params: HandoffParams,
      body: HandoffAnswerBody,
      response: Ok,
    },
    async ({ params, body, req }) => {
      const staff = await requireStaff(ctx, req);
      const h = (await ctx.db.query<{ bundle_id: string }>('SELECT bundle_id FROM lienthong_handoffs WHERE id = $1', [params.id])).rows[0];
      if (!h) throw notFound('Không tìm thấy lần chuyển hồ sơ liên thông.');
      await requireActingOfficial(ctx, staff, h.bundle_id);
      const answer =
        body.decision === 'accepted'
          ? {
              trangThai: 'DA_TIEP_NHAN' as const,
              maTiepNhan: body.reference,
              ...(body.resultNumber ? { ketQua: { so: body.resultNumber, tenGiayTo: body.resultTitle ?? '', ngayCap: now().toISOString() } } : {}),
            }
          : { trangThai: 'TU_CHOI' as const, maTiepNhan: body.reference, lyDo: body.reason };
      await recordAnswer(ctx, params.id, answer, {
        raw: { recordedBy: staff.actor.username, answer },
        httpStatus: null,
        sentAt: null,
        recordedBy: `${staff.actor.fullName} (${staff.actor.username})`,
      });
      return { ok: true as const };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/lienthong/escalations',
      summary: 'Quá hạn liên thông: lần chuyển hồ sơ chưa được cơ quan tiếp nhận trả lời đúng hạn (đơn vị của tôi)',
      tags,
      response: EscalationList,
    },
    async ({ req }) => {
      const staff = await requireStaff(ctx, req);
      const units = staff.auth.memberships.map((m) => m.unitId);
      const { rows } = await ctx.db.query<{
        id: string;
        bundle_id: string;
        bundle_code: string;
        member_key: string;
        name: string;
        agency_name: string;
        dossier_code: string;
        handoff_id: string;
        requested_at: Date;
        answer_due_at: Date;
        raised_at: Date;
      }>(
        `SELECT e.id, e.bundle_id, b.bundle_code, e.member_key, m.name, m.agency_name, m.dossier_code, e.handoff_id, h.requested_at, h.answer_due_at, e.raised_at
           FROM lienthong_escalations e JOIN lienthong_bundles b ON b.id = e.bundle_id
           JOIN lienthong_members m ON m.bundle_id = e.bundle_id AND m.member_key = e.member_key JOIN lienthong_handoffs h ON h.id = e.handoff_id
          WHERE e.resolved_at IS NULL AND e.unit_id = ANY($1::text[]) ORDER BY e.raised_at`,
        [units],
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          bundleId: r.bundle_id,
          bundleCode: r.bundle_code,
          memberKey: r.member_key,
          memberName: r.name,
          agencyName: r.agency_name,
          dossierCode: r.dossier_code,
          handoffId: r.handoff_id,
          requestedAt: r.requested_at,
          answerDueAt: r.answer_due_at,
          raisedAt: r.raised_at,
        })),
      };
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/staff/lienthong/bundle-types', summary: 'Các nhóm thủ tục liên thông và trạng thái bật/tắt', tags, response: BundleTypeList },
    async ({ req }) => {
      await requireStaff(ctx, req);
      return {
        items: await Promise.all(
          bundleTypes().map(async (t) => ({
            code: t.code,
            version: t.version,
            name: t.name,
            scope: t.scope,
            enabled: await bundleEnabled(ctx.db, t),
            members: t.members.map((m) => m.key),
          })),
        ),
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/staff/lienthong/bundle-types/:code',
      summary: 'Bật hoặc tắt một nhóm thủ tục liên thông địa phương (quản trị hệ thống)',
      tags,
      params: BundleTypeSwitchParams,
      body: BundleTypeSwitchBody,
      response: Ok,
    },
    async ({ params, body, req }) => {
      const staff = await requireStaff(ctx, req);
      if (!staff.auth.memberships.some((m) => m.role === 'system_admin')) throw forbidden('Chỉ quản trị hệ thống được bật hoặc tắt nhóm thủ tục liên thông.');
      const type = bundleTypes().find((t) => t.code === params.code);
      if (!type) throw notFound('Không có nhóm thủ tục liên thông này.');
      if (type.scope === 'national') throw new AppError('BUNDLE_TYPE_NATIONAL', 'Nhóm thủ tục liên thông quốc gia luôn được áp dụng, không tắt được.', 409);
      await setBundleEnabled(ctx.db, type.code, body.enabled, staff.actor.username);
      return { ok: true as const };
    },
  );
}
