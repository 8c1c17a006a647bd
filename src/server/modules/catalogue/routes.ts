/** Catalogue API: search and read procedures (public). Administrators edit them through admin/procedure-routes.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chooseLanguage, localiseProcedure } from '../../../core/catalogue/english.ts';
import {
  ContentLanguageQuery,
  ProcedureCodeParams,
  ProcedureDetail,
  ProcedureField,
  ProcedureSearchQuery,
  ProcedureSearchResult,
} from '../../../contract/catalogue.ts';
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
    async ({ query, req, reply }) => {
      const lang = chooseLanguage(query.lang, req.headers['accept-language']);
      reply.header('Vary', 'Accept-Language');
      const found = (await cache.search(query.q)).filter(
        (v) =>
          (!query.field || v.definition.field.code === query.field) &&
          (!query.level || v.definition.level === query.level) &&
          (!query.unitKind || v.definition.competentUnitKind === query.unitKind),
      );
      const start = (query.page - 1) * query.pageSize;
      return {
        total: found.length,
        page: query.page,
        pageSize: query.pageSize,
        items: found.slice(start, start + query.pageSize).map((v) => summarise(v, lang)),
      };
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
      summary: 'Chi tiết thủ tục (phiên bản đang áp dụng); nội dung bằng ngôn ngữ yêu cầu (?lang=vi|en, Accept-Language) nếu có',
      tags: ['catalogue'],
      params: ProcedureCodeParams,
      query: ContentLanguageQuery,
      response: ProcedureDetail,
    },
    async ({ params, query, req, reply }) => {
      const v = await cache.get(params.code);
      const lang = chooseLanguage(query.lang, req.headers['accept-language']);
      reply.header('Vary', 'Accept-Language');
      return { code: v.code, version: v.version, effectiveFrom: v.effectiveFrom, definition: v.definition, content: localiseProcedure(v.definition, lang) };
    },
  );
}
