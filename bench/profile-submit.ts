/**
 * bench/profile-submit — what one online submission costs on PostgreSQL: every SQL statement the request sends
 * (inside and outside its transaction), the round trips, and where the time goes.
 *
 * It prepares a schema with the demo data and a few complete drafts (as bench/submit does), builds the real app
 * in-process over a database whose every query is traced, submits W warm-up drafts and then P profiled ones
 * through `POST /api/dossiers` (Fastify's inject: the full route, session, CSRF, validation, transaction), and
 * prints the statements of the last profiled submission with their times, and per-submission averages.
 *
 * Usage: npx tsx bench/profile-submit.ts [-- --profiled 20 --warmup 10]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.ts';
import { createContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Database, type Queryable } from '../src/server/db/database.ts';
import { withDeferredWrites } from '../src/server/db/deferred.ts';
import { cloneDrafts, completeBirthDraft, signedInCitizen } from './load-citizens.ts';

const { values: args } = parseArgs({ options: { profiled: { type: 'string', default: '20' }, warmup: { type: 'string', default: '10' } } });
const P = Number(args.profiled);
const W = Number(args.warmup);
const SECRET = 'bench-cookie-secret';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Trace {
  sql: string;
  ms: number;
  inTx: boolean;
  /** Size of the rows returned, as JSON (what the driver had to parse). */
  bytes: number;
}
let trace: Trace[] | null = null;

/** The database with every statement recorded while `trace` is set. */
function traced(db: Database): Database {
  const record = async <T>(inTx: boolean, sql: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    let bytes = 0;
    try {
      const r = await run();
      const rows = (r as { rows?: unknown[] } | undefined)?.rows;
      if (trace && rows) bytes = JSON.stringify(rows).length;
      return r;
    } finally {
      trace?.push({ sql: sql.replace(/\s+/g, ' ').trim(), ms: performance.now() - t, inTx, bytes });
    }
  };
  return {
    ...db,
    kind: db.kind,
    query: (sql, params) => record(false, sql, () => db.query(sql, params)),
    transaction: (fn) =>
      record(false, 'BEGIN … COMMIT (whole transaction)', () =>
        db.transaction(async (tx: Queryable) => {
          // Deferred writes as in the real transaction (src/server/db/deferred.ts), their combined statement traced.
          const deferring = withDeferredWrites({ query: (sql, params) => record(true, sql, () => tx.query(sql, params)) });
          const result = await fn(deferring);
          await deferring.flush();
          return result;
        }),
      ),
    exec: (sql) => db.exec(sql),
    withAdvisoryLock: (k, fn) => db.withAdvisoryLock(k, fn),
    close: () => db.close(),
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-profile-'));
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `profile_${crypto.randomBytes(4).toString('hex')}`;
const raw = await openDatabase({ url: pgUrl, schema, poolSize: 4 });
const db = traced(raw);
try {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, COOKIE_SECRET: SECRET });
  const ctx = await createContext(config, db);
  const { citizen, client } = await signedInCitizen(db, SECRET);
  const t = await completeBirthDraft(ctx, citizen, pdf);
  const drafts = (await cloneDrafts(db, [t.draftId], W + P)).map((r) => r.id);
  const app = await buildApp(ctx);
  const submit = async (draftId: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ draftId, idempotencyKey: crypto.randomUUID() }),
    });
    if (res.statusCode !== 201) throw new Error(`submission answered ${res.statusCode}: ${res.body}`);
  };
  for (const d of drafts.slice(0, W)) await submit(d);
  let last: Trace[] = [];
  const totals: number[] = [];
  const all: Trace[] = [];
  for (const d of drafts.slice(W)) {
    trace = [];
    const t0 = performance.now();
    await submit(d);
    totals.push(performance.now() - t0);
    last = trace;
    all.push(...trace);
    trace = null;
  }
  const stmts = (xs: Trace[]) => xs.filter((x) => !x.sql.startsWith('BEGIN'));
  const txs = last.filter((x) => x.sql.startsWith('BEGIN')).length;
  console.log(`\nOne submission (the last of ${P}, after ${W} warm-up), in order; ms per statement:`);
  console.log('     ms  bytes    statement');
  for (const x of last) console.log(`${x.ms.toFixed(2).padStart(7)} ${String(x.bytes).padStart(6)} ${x.inTx ? 'tx ' : '   '} ${x.sql.slice(0, 140)}`);
  const n = stmts(last).length;
  const received = stmts(last).reduce((s, x) => s + x.bytes, 0);
  console.log(
    `\nstatements: ${n} (${stmts(last).filter((x) => x.inTx).length} in the transaction, ${stmts(last).filter((x) => !x.inTx).length} outside), transactions: ${txs}; round trips incl. BEGIN/COMMIT: ${n + 2 * txs}; rows received: ${received} bytes as JSON`,
  );
  // Per-statement averages over all profiled submissions, the slowest first.
  const by = new Map<string, { n: number; ms: number }>();
  for (const x of stmts(all)) {
    const k = x.sql.slice(0, 110);
    const e = by.get(k) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += x.ms;
    by.set(k, e);
  }
  console.log('\nms per submission by statement (averaged over the profiled submissions), the costliest first:');
  for (const [k, e] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(`${(e.ms / P).toFixed(2).padStart(7)} ×${(e.n / P).toFixed(1)} ${k}`);
  const sqlMs = stmts(all).reduce((s, x) => s + x.ms, 0) / P;
  const mean = totals.reduce((s, x) => s + x, 0) / P;
  console.log(
    `\nper submission: ${mean.toFixed(2)} ms in all, ${sqlMs.toFixed(2)} ms waiting on SQL, ${(mean - sqlMs).toFixed(2)} ms elsewhere (JS: route, validation, JSON)`,
  );
  await app.close();
  await ctx.mail.close();
} finally {
  await raw.query(`DROP SCHEMA ${schema} CASCADE`);
  await raw.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
