/**
 * Integration-test harness: a fresh, migrated database per test file and an app built on it.
 * PGlite (in memory) by default; when TEST_DATABASE_URL is set (as .ci/run does where PostgreSQL is
 * reachable), a fresh schema on that server, dropped afterwards.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { createContext } from '../bootstrap.ts';
import { loadConfig, type AppConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { openDatabase, type Database } from '../db/database.ts';

export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';

export async function openTestDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await openDatabase({});
    return { db, drop: () => db.close() };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ url, schema, poolSize: 20 });
  return {
    db,
    drop: async () => {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: AppConfig;
  close: () => Promise<void>;
}

/** A migrated (and, unless seed=false, demo-seeded) database with the app built on it. */
export async function startTestApp(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const { db, drop } = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: opts.seed === false ? '0' : '1', MOTCUA_CONTRACT_CHECKS: '1', ...opts.env });
  const ctx = await createContext(config, db);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    config,
    close: async () => {
      // Every answer was checked against the API contract (src/contract): the file fails on any mismatch.
      const violations = [...app.contract.violations];
      // MOTCUA_CONTRACT_COVERAGE=<file>: which routes and statuses the tests exercised, one per line (appended).
      if (process.env.MOTCUA_CONTRACT_COVERAGE)
        fs.appendFileSync(process.env.MOTCUA_CONTRACT_COVERAGE, [...app.contract.answered].map((a) => `${a}\n`).join(''));
      await app.close();
      await ctx.mail.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (violations.length > 0) throw new Error(`API contract violations (${violations.length}):\n${violations.join('\n')}`);
    },
  };
}

/**
 * A cookie-keeping client over app.inject that sends the CSRF header like the web app does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const raw = Buffer.isBuffer(body);
    if (method !== 'GET' && !this.cookies.has('motcua_csrf')) await this.request('GET', '/api/health');
    const csrf = this.cookies.get('motcua_csrf');
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(method !== 'GET' && csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body !== undefined && typeof body !== 'string' && !raw ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' || raw ? (body as string | Buffer) : JSON.stringify(body),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /**
   * Test-only shortcut: opens a session for the given subject directly in the database (as a login
   * would), then refreshes the CSRF cookie bound to it.
   */
  async loginAs(db: Database, kind: 'citizen' | 'official', subject: Record<string, unknown>): Promise<void> {
    const id = crypto.randomBytes(32).toString('base64url');
    const hash = crypto.createHash('sha256').update(id).digest('hex');
    await db.query("INSERT INTO sessions (id_hash, kind, subject, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')", [hash, kind, subject]);
    this.cookies.set('motcua_sid', id);
    this.cookies.delete('motcua_csrf');
    await this.get('/api/health');
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
  upload(url: string, filename: string, contentType: string, bytes: Uint8Array) {
    const m = multipartFile('file', filename, contentType, bytes);
    return this.request('POST', url, m.body, { 'content-type': m.contentType });
  }
}

/** A multipart/form-data body with one file field, for upload tests. */
export function multipartFile(field: string, filename: string, contentType: string, bytes: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = `----motcua${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { body: Buffer.concat([head, Buffer.from(bytes), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
