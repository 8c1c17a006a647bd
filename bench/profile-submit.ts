/**
 * bench/profile-submit — what one online submission costs on PostgreSQL: every SQL statement the request sends
 * (inside and outside its transaction), the round trips, and where the time goes.
 *
 * It prepares a schema with the demo data and a few complete drafts (as bench/submit does), builds the real app
 * in-process with every statement the driver sends traced (BEGIN and COMMIT included), submits W warm-up drafts and then P profiled ones
 * through `POST /api/dossiers` (Fastify's inject: the full route, session, CSRF, validation, transaction), and
 * prints the statements of the last profiled submission with their times, and per-submission averages.
 *
 * Usage: npx tsx bench/profile-submit.ts [--profiled 20 --warmup 10]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.ts';
import { createContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
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

/**
 * Records every statement the driver's connections send while `trace` is set, BEGIN and COMMIT included (a
 * transaction sends BEGIN only when it needs one, src/server/db/database.ts): each `pg.Client#query` is a round trip.
 */
function traceDriver(): void {
  const original = pg.Client.prototype.query as (...args: unknown[]) => Promise<unknown>;
  const inTx = new WeakSet<object>();
  pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    const sql = (typeof q === 'string' ? q : q.text).replace(/\s+/g, ' ').trim();
    if (sql === 'BEGIN') inTx.add(this);
    const within = inTx.has(this);
    if (sql === 'COMMIT' || sql === 'ROLLBACK') inTx.delete(this);
    const into = trace;
    if (!into) return original.apply(this, args);
    const t = performance.now();
    const record = (r: unknown) => {
      const rows = (r as { rows?: unknown[] } | undefined)?.rows;
      into.push({ sql, ms: performance.now() - t, inTx: within, bytes: rows ? JSON.stringify(rows).length : 0 });
    };
    // pg.Pool#query passes a callback (and gets no promise back); a client's own callers get the promise.
    const callback = args.at(-1);
    if (typeof callback === 'function')
      return original.apply(this, [
        ...args.slice(0, -1),
        (err: unknown, r: unknown) => {
          record(r);
          callback(err, r);
        },
      ]);
    return original.apply(this, args).then((r) => {
      record(r);
      return r;
    });
  } as typeof pg.Client.prototype.query;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-profile-'));
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `profile_${crypto.randomBytes(4).toString('hex')}`;
traceDriver();
const db = await openDatabase({ url: pgUrl, schema, poolSize: 4 });
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
  const control = (x: Trace) => x.sql === 'BEGIN' || x.sql === 'COMMIT' || x.sql === 'ROLLBACK';
  const stmts = (xs: Trace[]) => xs.filter((x) => !control(x));
  const txs = last.filter((x) => x.sql === 'BEGIN').length;
  console.log(`\nOne submission (the last of ${P}, after ${W} warm-up), in order; ms per statement:`);
  console.log('     ms  bytes    statement');
  for (const x of last) console.log(`${x.ms.toFixed(2).padStart(7)} ${String(x.bytes).padStart(6)} ${x.inTx ? 'tx ' : '   '} ${x.sql.slice(0, 140)}`);
  const n = stmts(last).length;
  const received = stmts(last).reduce((s, x) => s + x.bytes, 0);
  console.log(
    `\nstatements: ${n} (${stmts(last).filter((x) => x.inTx).length} in a BEGIN … COMMIT, ${stmts(last).filter((x) => !x.inTx).length} autocommit), transactions opened with BEGIN: ${txs}; round trips: ${last.length}; rows received: ${received} bytes as JSON`,
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
  await db.query(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
