/**
 * Digitisation API (issue 16): the daily report of dossiers at risk of losing 766 digitisation points; paperless
 * days and online-only procedures — rules (administrators of the unit), today's rule (public: portal, procedure
 * pages, counter screen) and the day's report (officials of the unit).
 */
import type { FastifyInstance } from 'fastify';
import { created } from '../../../contract/http.ts';
import {
  DayQuery,
  PaperlessDayReport,
  PaperlessRuleBody,
  PaperlessRuleList,
  PaperlessRuleView,
  RiskReport,
  RuleIdParams,
  TodayRule,
  UnitQuery,
} from '../../../contract/digitisation.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { assertUnitInScope, authorizeAdmin, unitScope } from '../admin/index.ts';
import { digitisationRiskReport, vnToday } from '../dossiers/index.ts';
import { requireStaff, visibleUnits, type Staff } from '../officials/index.ts';
import { createRule, listRules, paperlessDayReport, revokeRule, ruleUnit, todayRule } from './paperless.ts';

/** The unit asked for, which the official must see; else their first counter (or unit). */
function staffUnit(staff: Staff, unitId?: string): string {
  const visible = visibleUnits(staff.auth);
  if (unitId) {
    if (!visible.includes(unitId)) throw new AppError('FORBIDDEN', 'Đơn vị này nằm ngoài phạm vi của bạn.', 403);
    return unitId;
  }
  const counter = staff.auth.memberships.find((m) => m.role === 'reception')?.unitId ?? visible[0];
  if (!counter) throw new AppError('FORBIDDEN', 'Bạn chưa được phân công vào đơn vị nào.', 403);
  return counter;
}

export default async function digitisationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/reports/digitisation-risk',
      summary: 'Hồ sơ có nguy cơ bị trừ điểm số hóa (Quyết định 766) theo đơn vị tiếp nhận: đang xử lý và kết thúc trong ngày',
      tags: ['digitisation'],
      query: DayQuery,
      response: RiskReport,
    },
    async ({ query, req }) => {
      const staff = await requireStaff(ctx, req);
      const day = query.day ?? vnToday();
      const units = query.unitId ? [staffUnit(staff, query.unitId)] : visibleUnits(staff.auth);
      const rows = await digitisationRiskReport(db, units, day);
      return {
        day,
        units: units
          .map((unitId) => ({
            unitId,
            unitName: staff.tree.units.get(unitId)?.name ?? unitId,
            dossiers: rows
              .filter((r) => r.receivingUnitId === unitId)
              .map(({ id, code, status, procedureName, applicantName, risks }) => ({ id, code, status, procedureName, applicantName, risks })),
          }))
          .filter((u) => u.dossiers.length > 0),
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/paperless-rules',
      summary: 'Ngày không tiếp nhận hồ sơ giấy và thủ tục chỉ tiếp nhận trực tuyến của các đơn vị trong phạm vi quản trị',
      tags: ['admin', 'digitisation'],
      query: UnitQuery,
      response: PaperlessRuleList,
    },
    async ({ query, req }) => {
      const access = await authorizeAdmin(db, req, 'paperless.read');
      if (query.unitId) assertUnitInScope(access, 'paperless.read', query.unitId);
      return { items: await listRules(db, unitScope(access, 'paperless.read'), query.unitId) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/paperless-rules',
      summary: 'Quy định ngày không tiếp nhận hồ sơ giấy hoặc thủ tục chỉ tiếp nhận trực tuyến (có căn cứ pháp lý và thời gian hiệu lực)',
      tags: ['admin', 'digitisation'],
      body: PaperlessRuleBody,
      response: created(PaperlessRuleView),
    },
    async ({ body, req, reply }) => {
      const access = await authorizeAdmin(db, req, 'paperless.write');
      assertUnitInScope(access, 'paperless.write', body.unitId);
      return reply.status(201).send(await createRule(db, access.official.id, body));
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/paperless-rules/:id/revoke',
      summary: 'Bãi bỏ một quy định (giữ lại để báo cáo các ngày đã qua)',
      tags: ['admin', 'digitisation'],
      params: RuleIdParams,
      response: PaperlessRuleView,
    },
    async ({ params, req }) => {
      const access = await authorizeAdmin(db, req, 'paperless.write');
      assertUnitInScope(access, 'paperless.write', await ruleUnit(db, params.id));
      return revokeRule(db, params.id);
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/public/paperless-today',
      summary: 'Quy định hôm nay của Bộ phận một cửa: có tiếp nhận hồ sơ giấy không, danh mục thủ tục chỉ tiếp nhận trực tuyến',
      tags: ['public', 'digitisation'],
      query: DayQuery.pick({ unitId: true }).required(),
      response: TodayRule,
    },
    async ({ query }) => todayRule(db, query.unitId, vnToday()),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/paperless/report',
      summary: 'Báo cáo trong ngày: quy định, hồ sơ theo kênh (có hỗ trợ nộp trực tuyến), các trường hợp ngoại lệ và lý do',
      tags: ['digitisation'],
      query: DayQuery,
      response: PaperlessDayReport,
    },
    async ({ query, req }) => {
      const staff = await requireStaff(ctx, req);
      return paperlessDayReport(db, staffUnit(staff, query.unitId), query.day ?? vnToday());
    },
  );
}
