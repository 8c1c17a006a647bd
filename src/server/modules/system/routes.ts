import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { Health, OpenApiDocument, Ready } from '../../../contract/system.ts';
import { listMigrations } from '../../db/migrate.ts';
import { appError } from '../../http/errors.ts';
import { systemNow } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute, openApiDocument } from '../../http/route.ts';

const pkgVersion = '0.1.0';

export default async function systemRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(app, { method: 'GET', url: '/api/health', summary: 'Tình trạng hệ thống (health check)', tags: ['system'], response: Health }, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok' as const, database: ctx.db.kind, version: pkgVersion, time: systemNow().toISOString() };
  });

  const known = listMigrations().map((m) => m.version);
  defineRoute(
    app,
    { method: 'GET', url: '/api/ready', summary: 'Sẵn sàng nhận yêu cầu (readiness): cơ sở dữ liệu, migration, tác vụ nền', tags: ['system'], response: Ready },
    async () => {
      const t0 = performance.now();
      let database: Ready['database'] = { ok: true, kind: ctx.db.kind, ms: 0 };
      let applied: string[] = [];
      try {
        applied = (await ctx.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
        database.ms = Math.round((performance.now() - t0) * 10) / 10;
      } catch (err) {
        database = { ok: false, kind: ctx.db.kind, ms: Math.round(performance.now() - t0), error: String((err as Error).message ?? err).slice(0, 200) };
      }
      const missing = known.filter((v) => !applied.includes(v));
      const unknown = applied.filter((v) => !known.includes(v));
      const scheduler = ctx.lifecycle.schedulerStatus();
      const jobs = (scheduler?.jobs ?? []).map((j) => ({
        name: j.name,
        running: j.running,
        consecutiveFailures: j.consecutiveFailures,
        lastSuccessAt: j.lastSuccessAt,
        lastError: j.lastError?.message ?? null,
      }));
      const workers = { ok: !scheduler || (scheduler.started && !scheduler.stopping), enabled: jobs.length > 0, jobs };
      const shuttingDown = ctx.lifecycle.shuttingDown;
      const migrations = { ok: database.ok && missing.length === 0, applied: applied.length, expected: known.length, missing, unknown };
      const ready = database.ok && migrations.ok && workers.ok && !shuttingDown;
      const answer = {
        status: ready ? ('ready' as const) : ('not_ready' as const),
        shuttingDown,
        database,
        migrations,
        workers,
        time: systemNow().toISOString(),
      };
      if (!ready) throw appError('NOT_READY', undefined, answer);
      return answer;
    },
  );

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
