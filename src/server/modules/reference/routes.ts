/** Reference data API: administrative units (2025), agencies, the installation, the working-day calendar. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AdminUnit, AdminUnitsQuery, CalendarQuery, Installation, OrgUnitInfo, OrgUnitsQuery, PublicCalendarDay } from '../../../contract/reference.ts';
import { lunarOfIso } from '../../../core/calendar/lunar.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';

export default async function referenceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin-units',
      summary: 'Đơn vị hành chính 2025: danh sách tỉnh/thành phố, hoặc xã/phường/đặc khu của một tỉnh',
      tags: ['reference'],
      query: AdminUnitsQuery,
      response: z.array(AdminUnit),
    },
    async ({ query }) => {
      const level = query.parent ? 'commune' : (query.level ?? 'province');
      const { rows } = await ctx.db.query<{ code: string; name: string; type: string; level: 'province' | 'commune'; parent_code: string | null }>(
        'SELECT code, name, type, level, parent_code FROM admin_units WHERE level = $1 AND ($2::text IS NULL OR parent_code = $2) AND effective_to IS NULL ORDER BY code',
        [level, query.parent ?? null],
      );
      return rows.map((r) => ({ code: r.code, name: r.name, type: r.type, level: r.level, parentCode: r.parent_code }));
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/org-units',
      summary: 'Cơ quan, đơn vị đang hoạt động (lọc theo đơn vị hành chính, hoặc cả tỉnh, và theo loại)',
      tags: ['reference'],
      query: OrgUnitsQuery,
      response: z.array(OrgUnitInfo),
    },
    async ({ query }) => {
      const { rows } = await ctx.db.query<{
        id: string;
        name: string;
        short_name: string | null;
        kind: string;
        admin_unit_code: string;
        admin_unit_name: string;
        parent_id: string | null;
        agency_code: string | null;
        address: string | null;
        phone: string | null;
        email: string | null;
      }>(
        `SELECT o.id, o.name, o.short_name, o.kind, o.admin_unit_code, a.name AS admin_unit_name, o.parent_id, o.agency_code, o.address, o.phone, o.email
           FROM org_units o JOIN admin_units a ON a.code = o.admin_unit_code
          WHERE o.effective_to IS NULL
            AND ($1::text IS NULL OR o.admin_unit_code = $1)
            AND ($2::text IS NULL OR o.admin_unit_code = $2 OR a.parent_code = $2)
            AND ($3::text IS NULL OR o.kind = $3)
          ORDER BY a.level DESC, o.admin_unit_code, o.id`,
        [query.adminUnit ?? null, query.province ?? null, query.kind ?? null],
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        shortName: r.short_name,
        kind: r.kind,
        adminUnitCode: r.admin_unit_code,
        adminUnitName: r.admin_unit_name,
        parentId: r.parent_id,
        agencyCode: r.agency_code,
        address: r.address,
        phone: r.phone,
        email: r.email,
      }));
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/installation',
      summary: 'Thông tin hệ thống triển khai: tỉnh phạm vi tiếp nhận và nơi tiếp nhận mặc định',
      tags: ['reference'],
      response: Installation,
    },
    async () => {
      const r = (
        await ctx.db.query<{
          province_code: string;
          name: string;
          default_unit: string | null;
          province_name: string;
          default_unit_name: string | null;
          unit_short_name: string | null;
          commune_name: string | null;
          address: string | null;
          phone: string | null;
          email: string | null;
          hotline: string | null;
        }>(
          `SELECT i.province_code, i.name, i.default_unit, a.name AS province_name, o.name AS default_unit_name,
                  o.short_name AS unit_short_name, c.name AS commune_name, o.address, o.phone, o.email,
                  NULLIF(i.settings ->> 'hotline', '') AS hotline
           FROM installation i JOIN admin_units a ON a.code = i.province_code LEFT JOIN org_units o ON o.id = i.default_unit
           LEFT JOIN admin_units c ON c.code = o.admin_unit_code AND c.level = 'commune'`,
        )
      ).rows[0];
      if (!r) throw notFound('Hệ thống chưa được cấu hình.');
      return {
        provinceCode: r.province_code,
        provinceName: r.province_name,
        name: r.name,
        defaultUnitId: r.default_unit,
        defaultUnitName: r.default_unit_name,
        portal: r.default_unit_name
          ? {
              unitName: r.unit_short_name ?? r.default_unit_name,
              communeName: r.commune_name,
              address: r.address,
              phone: r.phone,
              email: r.email,
              hotline: r.hotline ?? r.phone,
            }
          : null,
      };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/calendar',
      summary: 'Lịch ngày nghỉ lễ, nghỉ bù, nghỉ hoán đổi và ngày làm bù của một năm (kèm ngày âm lịch)',
      tags: ['reference'],
      query: CalendarQuery,
      response: z.array(PublicCalendarDay),
    },
    async ({ query }) => {
      const { rows } = await ctx.db.query<{ day: string; kind: 'holiday' | 'compensatory_day_off' | 'makeup_working_day'; name: string; source: string }>(
        "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, source FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day",
        [query.year],
      );
      return rows.map((r) => ({ ...r, lunar: lunarOfIso(r.day) }));
    },
  );
}
