import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute, openApiDocument } from '../../http/route.ts';

const pkgVersion = '0.1.0';

export default async function systemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/health',
      summary: 'Tình trạng hệ thống (health check)',
      tags: ['system'],
      response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string(), time: z.string() }),
    },
    async () => {
      await ctx.db.query('SELECT 1');
      return { status: 'ok' as const, database: ctx.db.kind, version: pkgVersion, time: systemNow().toISOString() };
    },
  );

  app.get('/api/openapi.json', async () => openApiDocument({ title: 'MotCua API', version: pkgVersion }));
}
