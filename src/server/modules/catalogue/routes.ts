/** Catalogue API: search and read procedures (public); create and edit them as new versions (administrators). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ProcedureCodeParams, ProcedureDefinition, ProcedureDetail, ProcedureField, ProcedureSearchQuery, ProcedureSearchResult, ProcedureVersion,
} from '../../../contract/catalogue.ts';
import { created } from '../../../contract/http.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { PERMISSIONS } from '../admin/permissions.ts';
import { writeVersionLogged } from '../admin/procedures.ts';
import { catalogueCache, listVersions, summarise } from './service.ts';

const CATALOGUE_ADMIN_ROLES = new Set<string>(PERMISSIONS['procedures.write'].anywhere);

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

  defineRoute(app, { method: 'GET', url: '/api/procedure-fields', summary: 'Các lĩnh vực thủ tục và số thủ tục mỗi lĩnh vực', tags: ['catalogue'], response: z.array(ProcedureField) }, async () => {
    const counts = new Map<string, { code: string; name: string; count: number }>();
    for (const v of await cache.all()) {
      const f = v.definition.field;
      const c = counts.get(f.code) ?? { ...f, count: 0 };
      c.count++;
      counts.set(f.code, c);
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
  });

  defineRoute(
    app,
    { method: 'GET', url: '/api/procedures/:code', summary: 'Chi tiết thủ tục (phiên bản đang áp dụng)', tags: ['catalogue'], params: ProcedureCodeParams, response: ProcedureDetail },
    async ({ params }) => {
      const v = await cache.get(params.code);
      return { code: v.code, version: v.version, effectiveFrom: v.effectiveFrom, definition: v.definition };
    },
  );

  const requireCatalogueAdmin = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    if (actor.kind !== 'official' || !actor.roles.some((r) => CATALOGUE_ADMIN_ROLES.has(r))) {
      throw new AppError('FORBIDDEN', 'Chỉ quản trị danh mục thủ tục mới được thay đổi danh mục.', 403);
    }
    return actor;
  };

  defineRoute(
    app,
    { method: 'POST', url: '/api/admin/procedures', summary: 'Thêm thủ tục mới (phiên bản 1)', tags: ['catalogue-admin'], body: ProcedureDefinition, response: created(ProcedureVersion) },
    async ({ body, req, reply }) => {
      const actor = requireCatalogueAdmin(req);
      const v = await ctx.db.transaction((tx) => writeVersionLogged(tx, body, actor, { mustNotExist: true }));
      return reply.status(201).send(v);
    },
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/admin/procedures/:code',
      summary: 'Sửa thủ tục: tạo phiên bản mới, phiên bản cũ được giữ nguyên',
      tags: ['catalogue-admin'],
      params: ProcedureCodeParams,
      body: ProcedureDefinition,
      response: ProcedureVersion,
    },
    async ({ params, body, req }) => {
      const actor = requireCatalogueAdmin(req);
      if (body.code !== params.code) throw new AppError('CODE_MISMATCH', 'Mã thủ tục trong nội dung không khớp với địa chỉ.', 400);
      return ctx.db.transaction((tx) => writeVersionLogged(tx, body, actor, { mustExist: true }));
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/admin/procedures/:code/versions',
      summary: 'Các phiên bản của một thủ tục',
      tags: ['catalogue-admin'],
      params: ProcedureCodeParams,
      response: z.array(ProcedureVersion),
    },
    async ({ params, req }) => {
      requireCatalogueAdmin(req);
      return listVersions(ctx.db, params.code);
    },
  );
}
