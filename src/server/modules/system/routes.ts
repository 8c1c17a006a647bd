import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { Health, OpenApiDocument } from '../../../contract/system.ts';
import { systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute, openApiDocument } from '../../http/route.ts';

const pkgVersion = '0.1.0';

export default async function systemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(app, { method: 'GET', url: '/api/health', summary: 'Tình trạng hệ thống (health check)', tags: ['system'], response: Health }, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok' as const, database: ctx.db.kind, version: pkgVersion, time: systemNow().toISOString() };
  });

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'Đặc tả API (OpenAPI 3.1) sinh từ các lược đồ zod của src/contract',
      tags: ['system'],
      response: OpenApiDocument,
    },
    async () => openApiDocument({ title: 'MotCua API', version: pkgVersion }) as z.input<typeof OpenApiDocument>,
  );
}
