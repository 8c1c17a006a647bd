/**
 * Several servers starting together on an empty PostgreSQL database (a rolling deploy, a scale-out, a restart of
 * the whole fleet): migrations, the demo seed and the demo history run under one advisory lock, so every server comes
 * up and the data is there once. PostgreSQL only (PGlite is one process by construction: see data-dir-lock.test.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext, seedDemoHistoryOnce } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase } from './db/database.ts';

const url = process.env.TEST_DATABASE_URL;
const SERVERS = 3;

describe.skipIf(!url)('three servers starting together on an empty PostgreSQL database', () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const dirs: string[] = [];
  const contexts: AppContext[] = [];
  afterAll(async () => {
    for (const c of contexts) await c.close();
    const db = await openDatabase({ url: url! });
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('all come up; the seed and the history exist once', async () => {
    const admin = await openDatabase({ url: url!, schema });
    await admin.close();
    const t0 = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: SERVERS }, async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-start-'));
        dirs.push(dataDir);
        const db = await openDatabase({ url: url!, schema, poolSize: 4 });
        const ctx = await createContext(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: '1' }), db);
        contexts.push(ctx);
        return seedDemoHistoryOnce(ctx.db, { from: '2026-01-05', today: '2026-01-09', scale: 0.2 });
      }),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(failures).toEqual([]);
    const histories = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
    expect(histories.filter((h) => h && !h.skipped)).toHaveLength(1);
    expect(histories.filter((h) => h?.skipped)).toHaveLength(SERVERS - 1);
    const db = contexts[0].db;
    const one = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
    expect(await one('SELECT count(*)::int AS n FROM schema_migrations')).toBe(fs.readdirSync(path.join(import.meta.dirname, 'db/migrations')).length);
    expect(await one('SELECT count(*)::int AS n FROM (SELECT username FROM officials GROUP BY username HAVING count(*) > 1) d')).toBe(0);
    expect(await one("SELECT count(*)::int AS n FROM dossiers WHERE imported ->> 'source' = 'demo-history'")).toBe(
      histories.find((h) => h && !h.skipped)!.dossiers,
    );
    console.log(`${SERVERS} servers started together on an empty PostgreSQL database in ${Date.now() - t0} ms`);
  }, 300_000);
});
