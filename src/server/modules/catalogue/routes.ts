/** Catalogue API: search and read procedures (public). Administrators edit them through admin/procedure-routes.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ProcedureCodeParams, ProcedureDetail, ProcedureField, ProcedureSearchQuery, ProcedureSearchResult } from '../../../contract/catalogue.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/route.ts';
import { catalogueCache, summarise } from './service.ts';

export default async function catalogueRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cache = catalogueCache(ctx.db);

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/procedures',
      summary: 'Tìm kiếm thủ tục hành chính (không phân biệt dấu, hoa thường)',
      tags: ['catalogue'],
      query: ProcedureSearchQuery,
      response: ProcedureSearchResult,
    },
    async ({ query }) => {
      const found = (await cache.search(query.q)).filter(
        (v) =>
          (!query.field || v.definition.field.code === query.field) &&
          (!query.level || v.definition.level === query.level) &&
          (!query.unitKind || v.definition.competentUnitKind === query.unitKind),
      );
      const start = (query.page - 1) * query.pageSize;
      return { total: found.length, page: query.page, pageSize: query.pageSize, items: found.slice(start, start + query.pageSize).map(summarise) };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/procedure-fields',
      summary: 'Các lĩnh vực thủ tục và số thủ tục mỗi lĩnh vực',
      tags: ['catalogue'],
      response: z.array(ProcedureField),
    },
    async () => {
      const counts = new Map<string, { code: string; name: string; count: number }>();
      for (const v of await cache.all()) {
        const f = v.definition.field;
        const c = counts.get(f.code) ?? { ...f, count: 0 };
        c.count++;
        counts.set(f.code, c);
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/procedures/:code',
      summary: 'Chi tiết thủ tục (phiên bản đang áp dụng)',
      tags: ['catalogue'],
      params: ProcedureCodeParams,
      response: ProcedureDetail,
    },
    async ({ params }) => {
      const v = await cache.get(params.code);
      return { code: v.code, version: v.version, effectiveFrom: v.effectiveFrom, definition: v.definition };
    },
  );
}
