/**
 * The service-quality API (src/contract/metrics.ts): dashboards for supervisors, leaders and administrators
 * scoped to the units they oversee; drill-down, breakdowns, Excel and PDF exports; plan targets and campaigns
 * (administrators); public monthly figures and the counter screen (no login, no personal data); ratings.
 * Every staff request first brings the counters up to date with the action log (cheap when nothing is new).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { created, createdOrFound, file, Ok, PDF, XLSX } from '../../../contract/http.ts';
import {
  Breakdown,
  BreakdownQuery,
  Campaign,
  CampaignInput,
  CampaignReport,
  CounterScreen,
  DrillPage,
  DrillQuery,
  IndexReport,
  MetricsIdParams,
  MetricsUnit,
  MonthlyQuery,
  PeriodQuery,
  PublicMonthly,
  Rating,
  RatingInput,
  ScreenQuery,
  Target,
  TargetInput,
  TargetProgress,
  TargetsQuery,
} from '../../../contract/metrics.ts';
import type { AppContext } from '../../context.ts';
import { requireCitizen } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { requireStaff, type Staff, visibleUnits } from '../officials/index.ts';
import { drill } from './drill.ts';
import { exportPdf, exportWorkbook } from './export.ts';
import { counterScreen, publicMonthly } from './public.ts';
import { getRating, rateDossier } from './ratings.ts';
import { breakdown, freshen, indexReport, metricsUnit, resolveUnit, scopeOf, type ResolvedUnit } from './report.ts';
import {
  campaignReport,
  createCampaign,
  createTarget,
  deleteCampaign,
  deleteTarget,
  getCampaign,
  listCampaigns,
  targetProgress,
  updateCampaign,
  updateTarget,
} from './targets.ts';

const VIEW_ROLES = ['supervisor', 'leader', 'unit_admin', 'system_admin'] as const;
const ADMIN_ROLES = ['unit_admin', 'system_admin'] as const;
const MAX_DAYS = 3 * 366 + 1;

const Id = MetricsIdParams;

function checkPeriod(from: string, to: string) {
  if (from > to) throw new AppError('PERIOD_INVALID', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', 400);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new AppError('PERIOD_TOO_LONG', 'Kỳ báo cáo tối đa 3 năm.', 400);
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new AppError('PERIOD_INVALID', 'Ngày không hợp lệ.', 400);
}

/** Units the official may view (the subtrees they oversee with a viewing role), or a 403. */
function viewable(staff: Staff, roles: readonly string[] = VIEW_ROLES): Set<string> {
  const set = new Set<string>();
  for (const role of roles) for (const u of staff.auth.oversight[role as keyof Staff['auth']['oversight']] ?? []) set.add(u);
  if (set.size === 0) {
    throw new AppError(
      'FORBIDDEN',
      roles === VIEW_ROLES ? 'Chức năng dành cho lãnh đạo, giám sát và quản trị.' : 'Chức năng dành cho quản trị đơn vị, quản trị hệ thống.',
      403,
    );
  }
  return set;
}

async function scoped(ctx: AppContext, staff: Staff, unit: string): Promise<ResolvedUnit> {
  const visible = viewable(staff);
  const resolved = await resolveUnit(ctx.db, unit);
  const unitIds = resolved.unitIds.filter((u) => visible.has(u));
  if (unitIds.length === 0) throw notFound(`Không tìm thấy đơn vị có mã ${unit}.`);
  return { unit: resolved.unit, unitIds };
}

async function withOfficialNames(ctx: AppContext, targets: TargetProgress[]): Promise<TargetProgress[]> {
  const ids = [...new Set(targets.map((t) => t.officialId).filter((x): x is string => !!x))];
  if (ids.length === 0) return targets;
  const names = new Map(
    (await ctx.db.query<{ id: string; full_name: string }>('SELECT id::text, full_name FROM officials WHERE id::text = ANY($1::text[])', [ids])).rows.map(
      (r) => [r.id, r.full_name],
    ),
  );
  return targets.map((t) => (t.officialId ? { ...t, officialName: names.get(t.officialId) ?? null } : t));
}

function sendFile(reply: FastifyReply, bytes: Buffer, mime: string, name: string) {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export default async function metricsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    { method: 'GET', url: '/api/metrics/units', summary: 'Đơn vị cán bộ được xem chỉ số', tags: ['metrics'], response: z.array(MetricsUnit) },
    async ({ req }) => {
      const staff = await requireStaff(ctx, req);
      const visible = viewable(staff);
      const out: MetricsUnit[] = [];
      for (const id of [...visible].sort()) {
        const u = staff.tree.units.get(id);
        if (u) out.push(metricsUnit(u));
      }
      // Administrative units first (province, then communes), then the other units.
      const rank = (u: MetricsUnit) => (u.kind === 'ubnd_tinh' ? 0 : u.kind === 'ubnd_xa' ? 1 : 2);
      return out.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'));
    },
  );

  const report = async (staff: Staff, q: z.infer<typeof PeriodQuery>) => {
    checkPeriod(q.from, q.to);
    const resolved = await scoped(ctx, staff, q.unit);
    await freshen(ctx.db);
    return { resolved, report: await indexReport(ctx.db, resolved, q.from, q.to, { procedure: q.procedure, official: q.official }) };
  };

  defineRoute(
    app,
    { method: 'GET', url: '/api/metrics/index766', summary: 'Bộ chỉ số 766 của đơn vị trong kỳ', tags: ['metrics'], query: PeriodQuery, response: IndexReport },
    async ({ req, query }) => {
      const { report: r } = await report(await requireStaff(ctx, req), query);
      const { counts: _c, extras: _e, ...out } = r;
      return out;
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/metrics/drill', summary: 'Danh sách hồ sơ sau một số liệu', tags: ['metrics'], query: DrillQuery, response: DrillPage },
    async ({ req, query }) => {
      const staff = await requireStaff(ctx, req);
      checkPeriod(query.from, query.to);
      const resolved = await scoped(ctx, staff, query.unit);
      await freshen(ctx.db);
      return drill(ctx.db, await scopeOf(resolved, query), query.from, query.to, query.indicator, query.part, query.offset, query.limit);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/metrics/breakdown',
      summary: 'Phân tích theo đơn vị, thủ tục, cán bộ, tuần, tháng',
      tags: ['metrics'],
      query: BreakdownQuery,
      response: Breakdown,
    },
    async ({ req, query }) => {
      const staff = await requireStaff(ctx, req);
      checkPeriod(query.from, query.to);
      const resolved = await scoped(ctx, staff, query.unit);
      await freshen(ctx.db);
      return breakdown(ctx.db, resolved, query.from, query.to, query.by, query);
    },
  );

  const everything = async (staff: Staff, q: z.infer<typeof PeriodQuery>) => {
    const { resolved, report: r } = await report(staff, q);
    const breakdowns: Breakdown[] = [];
    for (const by of ['unit', 'procedure', 'official', 'month'] as const) breakdowns.push(await breakdown(ctx.db, resolved, q.from, q.to, by, q));
    const targets = await withOfficialNames(ctx, await targetProgress(ctx.db, resolved, q.from, q.to));
    return { r, breakdowns, targets };
  };

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/metrics/export.xlsx',
      summary: 'Xuất Excel: chỉ số, phân tích, mục tiêu',
      tags: ['metrics'],
      query: PeriodQuery,
      response: file('Workbook: the index, breakdowns, targets', XLSX),
    },
    async ({ req, reply, query }) => {
      const { r, breakdowns, targets } = await everything(await requireStaff(ctx, req), query);
      const bytes = await exportWorkbook(r, breakdowns, targets);
      return sendFile(
        reply,
        bytes,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        `chi-so-766-${r.unit.code}-${query.from}-${query.to}.xlsx`,
      );
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/metrics/report.pdf',
      summary: 'Báo cáo PDF của kỳ',
      tags: ['metrics'],
      query: PeriodQuery,
      response: file('Printable report of the period', PDF),
    },
    async ({ req, reply, query }) => {
      const { r, breakdowns, targets } = await everything(await requireStaff(ctx, req), query);
      const bytes = await exportPdf(r, breakdowns, targets);
      return sendFile(reply, bytes, 'application/pdf', `bao-cao-chi-so-${r.unit.code}-${query.from}-${query.to}.pdf`);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/metrics/targets',
      summary: 'Mục tiêu kế hoạch và mức thực hiện',
      tags: ['metrics'],
      query: TargetsQuery,
      response: z.array(TargetProgress),
    },
    async ({ req, query }) => {
      const staff = await requireStaff(ctx, req);
      checkPeriod(query.from, query.to);
      const resolved = await scoped(ctx, staff, query.unit);
      await freshen(ctx.db);
      return withOfficialNames(ctx, await targetProgress(ctx.db, resolved, query.from, query.to));
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/metrics/campaigns', summary: 'Các đợt cao điểm', tags: ['metrics'], response: z.array(Campaign) },
    async ({ req }) => {
      const staff = await requireStaff(ctx, req);
      return listCampaigns(ctx.db, viewable(staff));
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/metrics/campaigns/:id', summary: 'Đợt cao điểm theo từng tuần', tags: ['metrics'], params: Id, response: CampaignReport },
    async ({ req, params }) => {
      const staff = await requireStaff(ctx, req);
      const campaign = await getCampaign(ctx.db, params.id, viewable(staff));
      await freshen(ctx.db);
      return campaignReport(ctx.db, campaign);
    },
  );

  // Administration of targets and campaigns (unit and system administrators, within their units).
  const admin = async (req: Parameters<typeof requireStaff>[1]) => {
    const staff = await requireStaff(ctx, req);
    return { staff, units: viewable(staff, ADMIN_ROLES) };
  };
  defineRoute(
    app,
    { method: 'POST', url: '/api/admin/targets', summary: 'Thêm mục tiêu kế hoạch', tags: ['metrics'], body: TargetInput, response: created(Target) },
    async ({ req, body, reply }) => {
      const { staff, units } = await admin(req);
      reply.status(201);
      return createTarget(ctx.db, body, units, staff.actor.id);
    },
  );
  defineRoute(
    app,
    { method: 'PUT', url: '/api/admin/targets/:id', summary: 'Sửa mục tiêu kế hoạch', tags: ['metrics'], params: Id, body: TargetInput, response: Target },
    async ({ req, params, body }) => {
      const { units } = await admin(req);
      return updateTarget(ctx.db, params.id, body, units);
    },
  );
  defineRoute(
    app,
    { method: 'DELETE', url: '/api/admin/targets/:id', summary: 'Xóa mục tiêu kế hoạch', tags: ['metrics'], params: Id, response: Ok },
    async ({ req, params }) => {
      const { units } = await admin(req);
      await deleteTarget(ctx.db, params.id, units);
      return { ok: true as const };
    },
  );
  defineRoute(
    app,
    { method: 'POST', url: '/api/admin/campaigns', summary: 'Thêm đợt cao điểm', tags: ['metrics'], body: CampaignInput, response: created(Campaign) },
    async ({ req, body, reply }) => {
      const { staff, units } = await admin(req);
      reply.status(201);
      return createCampaign(ctx.db, body, units, staff.actor.id);
    },
  );
  defineRoute(
    app,
    { method: 'PUT', url: '/api/admin/campaigns/:id', summary: 'Sửa đợt cao điểm', tags: ['metrics'], params: Id, body: CampaignInput, response: Campaign },
    async ({ req, params, body }) => {
      const { units } = await admin(req);
      return updateCampaign(ctx.db, params.id, body, units);
    },
  );
  defineRoute(
    app,
    { method: 'DELETE', url: '/api/admin/campaigns/:id', summary: 'Xóa đợt cao điểm', tags: ['metrics'], params: Id, response: Ok },
    async ({ req, params }) => {
      const { units } = await admin(req);
      await deleteCampaign(ctx.db, params.id, units);
      return { ok: true as const };
    },
  );

  // Public figures: no login, no personal data.
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/metrics/monthly',
      summary: 'Công khai số liệu hằng tháng',
      tags: ['public'],
      query: MonthlyQuery,
      rateLimit: { max: 120, timeWindow: '1 minute' },
      response: PublicMonthly,
    },
    async ({ query }) => {
      await freshen(ctx.db);
      return publicMonthly(ctx.db, query.month, query.unit);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/metrics/screen',
      summary: 'Màn hình tại quầy một cửa',
      tags: ['public'],
      query: ScreenQuery,
      rateLimit: { max: 240, timeWindow: '1 minute' },
      response: CounterScreen,
    },
    async ({ query }) => {
      await freshen(ctx.db);
      return counterScreen(ctx.db, query.unit);
    },
  );

  // Ratings: the owner online, after the result; the counter tablet with the citizen present.
  defineRoute(
    app,
    { method: 'GET', url: '/api/my/dossiers/:id/rating', summary: 'Đánh giá của tôi về hồ sơ', tags: ['ratings'], params: Id, response: Rating.nullable() },
    async ({ req, params }) => {
      const citizen = requireCitizen(req);
      if (!/^[0-9a-f-]{36}$/i.test(params.id)) throw notFound('Không tìm thấy hồ sơ.');
      const own = (
        await ctx.db.query('SELECT 1 FROM dossiers WHERE id = $1 AND (owner_citizen_id = $2 OR applicant_id_number = $3)', [
          params.id,
          citizen.id,
          citizen.idNumber,
        ])
      ).rows[0];
      if (!own) throw notFound('Không tìm thấy hồ sơ.');
      return getRating(ctx.db, params.id);
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/dossiers/:id/rating',
      summary: 'Đánh giá mức độ hài lòng',
      tags: ['ratings'],
      params: Id,
      body: RatingInput,
      response: createdOrFound(Rating),
    },
    async ({ req, reply, params, body }) => {
      const citizen = requireCitizen(req);
      const r = await rateDossier(ctx, params.id, body, { kind: 'citizen', citizen }, 'online', (d) => {
        if (d.owner_citizen_id !== citizen.id && d.applicant_id_number !== citizen.idNumber) throw notFound('Không tìm thấy hồ sơ.');
      });
      reply.status(r.created ? 201 : 200);
      return r.rating;
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/dossiers/:id/rating',
      summary: 'Đánh giá tại quầy (máy tính bảng)',
      tags: ['ratings'],
      params: Id,
      body: RatingInput,
      response: createdOrFound(Rating),
    },
    async ({ req, reply, params, body }) => {
      const staff = await requireStaff(ctx, req);
      const counters = new Set(staff.auth.memberships.filter((m) => m.role === 'reception').map((m) => m.unitId));
      const r = await rateDossier(ctx, params.id, body, { kind: 'official', staff }, 'counter', (d) => {
        const visible = new Set(visibleUnits(staff.auth));
        if (!d.unit_ids.some((u) => visible.has(u)) && !visible.has(d.receiving_unit_id)) throw notFound('Không tìm thấy hồ sơ.');
        if (!counters.has(d.receiving_unit_id))
          throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận tại quầy đã nhận hồ sơ mới ghi nhận đánh giá tại quầy.', 403);
      });
      reply.status(r.created ? 201 : 200);
      return r.rating;
    },
  );
}
