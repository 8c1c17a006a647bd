/**
 * Catalogue administration (/api/admin/procedures…): create a procedure, edit it as a new version (the old one is
 * kept), list its versions. Only the roles of PERMISSIONS['procedures.write'] may; every write goes through
 * writeVersionLogged, so it is logged in admin_changes in the same transaction.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ProcedureCodeParams, ProcedureDefinition, ProcedureVersion } from '../../../contract/catalogue.ts';
import { created } from '../../../contract/http.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { listVersions } from '../catalogue/index.ts';
import { PERMISSIONS } from './permissions.ts';
import { writeVersionLogged } from './procedures.ts';

const CATALOGUE_ADMIN_ROLES = new Set<string>(PERMISSIONS['procedures.write'].anywhere);

export default async function procedureAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const requireCatalogueAdmin = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    if (actor.kind !== 'official' || !actor.roles.some((r) => CATALOGUE_ADMIN_ROLES.has(r))) {
      throw new AppError('FORBIDDEN', 'Chỉ quản trị danh mục thủ tục mới được thay đổi danh mục.', 403);
    }
    return actor;
  };

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/admin/procedures',
      summary: 'Thêm thủ tục mới (phiên bản 1)',
      tags: ['catalogue-admin'],
      body: ProcedureDefinition,
      response: created(ProcedureVersion),
    },
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
