/** Reference data API: administrative units (2025), agencies, the installation. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';

export default async function referenceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin-units',
      summary: 'Đơn vị hành chính 2025: tỉnh/thành phố, hoặc xã/phường của một tỉnh',
      tags: ['reference'],
      query: z.object({ level: z.enum(['province', 'commune']).optional(), parent: z.string().regex(/^\d{2}$/).optional() }),
    },
    async ({ query }) => {
      const level = query.parent ? 'commune' : (query.level ?? 'province');
      const { rows } = await ctx.db.query<{ code: string; name: string; type: string; parent_code: string | null }>(
        `SELECT code, name, type, parent_code FROM admin_units WHERE level = $1 AND ($2::text IS NULL OR parent_code = $2) ORDER BY code`,
        [level, query.parent ?? null],
      );
      return rows.map((r) => ({ code: r.code, name: r.name, type: r.type, parentCode: r.parent_code }));
    },
  );

  defineRoute(
    app,
    { method: 'GET', url: '/api/org-units', summary: 'Cơ quan, đơn vị (lọc theo đơn vị hành chính, loại)', tags: ['reference'], query: z.object({ adminUnit: z.string().optional(), kind: z.string().optional() }) },
    async ({ query }) => {
      const { rows } = await ctx.db.query<{ id: string; name: string; short_name: string | null; kind: string; admin_unit_code: string; parent_id: string | null; agency_code: string | null; address: string | null }>(
        `SELECT id, name, short_name, kind, admin_unit_code, parent_id, agency_code, address FROM org_units
          WHERE effective_to IS NULL AND ($1::text IS NULL OR admin_unit_code = $1) AND ($2::text IS NULL OR kind = $2) ORDER BY admin_unit_code, id`,
        [query.adminUnit ?? null, query.kind ?? null],
      );
      return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, kind: r.kind, adminUnitCode: r.admin_unit_code, parentId: r.parent_id, agencyCode: r.agency_code, address: r.address }));
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/calendar',
      summary: 'Lịch ngày nghỉ lễ, nghỉ bù và ngày làm bù của một năm',
      tags: ['reference'],
      query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    },
    async ({ query }) => {
      const { rows } = await ctx.db.query<{ day: string; kind: string; name: string; source: string }>(
        "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, source FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day",
        [query.year],
      );
      return rows;
    },
  );

  defineRoute(app, { method: 'GET', url: '/api/installation', summary: 'Thông tin hệ thống triển khai (tỉnh, nơi tiếp nhận mặc định)', tags: ['reference'] }, async () => {
    const r = (await ctx.db.query<{ province_code: string; name: string; default_unit: string; province_name: string }>(
      'SELECT i.province_code, i.name, i.default_unit, a.name AS province_name FROM installation i JOIN admin_units a ON a.code = i.province_code',
    )).rows[0];
    if (!r) throw notFound('Hệ thống chưa được cấu hình.');
    return { provinceCode: r.province_code, provinceName: r.province_name, name: r.name, defaultUnitId: r.default_unit };
  });
}
