/**
 * bench/submit — online submission throughput and latency.
 *
 * For each engine (PostgreSQL when reachable, and embedded PGlite) it:
 *   1. prepares a database with the demo data and 2×N complete birth-registration drafts (uploads attached),
 *      spread over many citizens, each with a session;
 *   2. starts the real server in its own process and sends N `POST /api/dossiers` from C concurrent HTTP
 *      clients (each submission: session, CSRF, validation, idempotency check, the dossier code drawn, then in one
 *      transaction the dossier, document, hash-chained action-log entry, domain event in the outbox and what the
 *      in-transaction subscribers write: national-portal sync messages, notifications, duplicate-detection subjects);
 *   3. PostgreSQL only: starts TWO server processes on the same database and sends another N submissions, the
 *      clients spread over both (what a load balancer in front of two stateless servers does);
 *   4. runs, in the same run, a bare-driver baseline that performs the same creation (draw the code, createDossier)
 *      for another N drafts with the same concurrency, without HTTP, validation or subscribers;
 *   5. prints submissions/s, p50/p95/p99 and the ratio to the baseline.
 *
 * Each run (one server, two servers, baseline) first sends W warm-up submissions that are not measured: a server
 * process's first thousand or so requests compile its code (V8's optimising compiler, modules loaded on first use), and
 * a province's server runs for months. At W = 0 the first run's server spent 3.7 ms of CPU per submission against 2.3 ms
 * once warm (wave 2, sitting 8; docs/dossiers.md).
 *
 * Usage: npm run bench:submit [-- --n 2000 --warmup 1000 --concurrency 32 --engines postgresql,pglite]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { reserveDossierCode } from '../src/server/modules/dossiers/codes.ts';
import { DOSSIER_EVENT_TOPIC, eventRouter } from '../src/server/modules/dossiers/events.ts';
import { createDossier } from '../src/server/modules/dossiers/transition.ts';
import type { AppContext } from '../src/server/context.ts';
import { indexAllPending, searchIndexConsumer } from '../src/server/modules/workflow/search-index.ts';
import { OutboxWorker } from '../src/server/outbox/outbox.ts';
import { freePort } from '../src/server/testing/net.ts';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';
import { cloneDrafts, completeBirthDraft, signedInCitizen } from './load-citizens.ts';
import { RawHttpPool } from './raw-http.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '32' },
    citizens: { type: 'string', default: '64' },
    engines: { type: 'string', default: 'postgresql,pglite' },
  },
});
const N = Number(args.n);
const W = Number(args.warmup);
const C = Number(args.concurrency);
const CITIZENS = Number(args.citizens);
const SECRET = 'bench-cookie-secret';
const root = path.resolve(import.meta.dirname, '..');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Client {
  cookie: string;
  csrf: string;
}
interface Prepared {
  clients: Client[];
  /** [draftId, clientIndex, owner citizen id]: N per run (one server, two servers, baseline). */
  drafts: [string, number, string][][];
  /** The same, W per run: the warm-up submissions sent before each run's measured ones. */
  warmup: [string, number, string][][];
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function prepare(db: Database, dataDir: string, runs: number): Promise<Prepared> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, COOKIE_SECRET: SECRET });
  const ctx = await createContext(config, db);
  const clients: Client[] = [];
  const owners: string[] = [];
  const template: { draftId: string; uploadId: string }[] = [];
  for (let i = 0; i < CITIZENS; i++) {
    const { citizen, client } = await signedInCitizen(db, SECRET);
    clients.push(client);
    owners.push(citizen.id);
    template.push(await completeBirthDraft(ctx, citizen, pdf));
  }
  // Clone each citizen's complete draft so every submission has a draft of its own.
  const perCitizen = Math.ceil((runs * (N + W)) / CITIZENS);
  const rows = await cloneDrafts(
    db,
    template.map((t) => t.draftId),
    perCitizen,
  );
  const clientOf = new Map(owners.map((o, i) => [o, i]));
  const all = rows.map((r) => [r.id, clientOf.get(r.owner_citizen_id)!, r.owner_citizen_id] as [string, number, string]);
  await ctx.mail.close();
  const run = (r: number) => all.slice(r * (N + W), (r + 1) * (N + W));
  return { clients, drafts: Array.from({ length: runs }, (_, r) => run(r).slice(W)), warmup: Array.from({ length: runs }, (_, r) => run(r).slice(0, W)) };
}

async function startServer(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  // BENCH_CPU_PROF=<dir>: each server process writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      COOKIE_SECRET: SECRET,
      SEED_DEMO: '0',
      WORKERS: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, proc };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

/** User + system CPU time of a process in ms (Linux /proc; null elsewhere). */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}
const cpuNotes: string[] = [];

/**
 * The main thread's time on a CPU and time waiting for one (runnable but not running: preempted, or woken while every
 * CPU was busy), in ms, from the scheduler's own accounting (/proc/<pid>/task/<pid>/schedstat; null elsewhere). The
 * server's JavaScript runs on that one thread: running plus waiting, per submission, is the most a single server can
 * take (sitting 10, docs/dossiers.md).
 */
function mainThreadSchedMs(pid: number | undefined): { running: number; waiting: number } | null {
  try {
    const [running, waiting] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { running: running / 1e6, waiting: waiting / 1e6 };
  } catch {
    return null;
  }
}

/** CPU (user + system, ms) of each PostgreSQL process on this machine, by pid (none when the server is elsewhere). */
function postgresCpuMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of fs.readdirSync('/proc').filter((f) => /^\d+$/.test(f))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      byPid.set(Number(pid), processCpuMs(Number(pid)) ?? 0);
    } catch {
      /* gone */
    }
  }
  return byPid;
}

/**
 * PostgreSQL's CPU between two readings: of the processes alive at the second, what they used since the first (all of
 * it for one started in between). A process that exited in between is not counted: it cannot be read any more.
 */
function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs()) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The machine's CPU time so far, in clock ticks: all of it, and the idle part (idle and waiting for I/O), from /proc/stat. */
function machineTicks(): { total: number; idle: number } | null {
  try {
    const t = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: t.slice(0, 8).reduce((a, b) => a + b, 0), idle: t[3] + t[4] };
  } catch {
    return null;
  }
}

/**
 * Where the machine's CPU went during a run, per submission: the servers, PostgreSQL, this load generator; and how
 * much of the machine stayed idle (none left: the run was bound by the machine's CPU).
 */
function cpuMeter(servers: (number | undefined)[]): () => string {
  const serversCpu = () => servers.reduce<number>((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  const s0 = serversCpu();
  const p0 = postgresCpuMs();
  const b0 = process.cpuUsage();
  const m0 = machineTicks();
  return () => {
    const b = process.cpuUsage(b0);
    const m1 = machineTicks();
    const part = (ms: number) => (ms / N).toFixed(2);
    const serverPart = servers.length === 0 ? '' : `server${servers.length > 1 ? 's' : ''} ${part(serversCpu() - s0)}, `;
    const idle = m0 && m1 && m1.total > m0.total ? `; machine idle ${(((m1.idle - m0.idle) / (m1.total - m0.total)) * 100).toFixed(0)}%` : '';
    return `${serverPart}PostgreSQL ${part(postgresCpuSince(p0))}, load generator ${part((b.user + b.system) / 1000)} ms CPU per submission${idle}`;
  };
}

async function runLoad<T>(items: T[], concurrency: number, one: (item: T) => Promise<void>): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        const s = performance.now();
        await one(items[i]);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies };
}

/** The same writes as a submission (the very same statements), straight through the driver. */
async function baselineSubmit(db: Database, draftId: string, owner: string, agency: string): Promise<void> {
  const id = crypto.randomUUID();
  const at = new Date();
  const code = await reserveDossierCode(db, agency, at);
  await db.transaction(async (tx) => {
    const d = (
      await tx.query<{ form_values: Record<string, unknown>; documents: { requirementCode: string; uploadId: string }[] }>(
        'SELECT form_values, documents FROM drafts WHERE id = $1',
        [draftId],
      )
    ).rows[0];
    const up = (await tx.query<{ sha256: string; size: number }>('SELECT sha256, size FROM uploads WHERE id = $1', [d.documents[0].uploadId])).rows[0];
    const created = await createDossier(tx, { dossierSubscribers: [] } as unknown as AppContext, {
      id,
      code,
      procedureCode: '1.001193',
      procedureVersion: 1,
      caseCode: 'dung-han',
      procedureName: 'Đăng ký khai sinh',
      channel: 2,
      subState: 'waiting_reception',
      ownerCitizenId: owner,
      applicant: { fullName: 'Trần Thị Mai', idNumber: DEMO_MOTHER_ID },
      resultDelivery: 'online',
      summary: 'Đăng ký khai sinh – Trần Thị Mai',
      values: d.form_values,
      provenance: {},
      receivingUnitId: 'dni.phurieng.ttpvhcc',
      agencyCode: agency,
      competentUnitId: 'dni.phurieng.ubnd',
      unitIds: ['dni.phurieng.ttpvhcc', 'dni.phurieng.ubnd', 'dni.phurieng.vhxh', 'dni.phurieng.vanphong'],
      submittedAt: at,
      feeQuote: null,
      feeTotal: 0,
      vneidAuthenticated: true,
      populationDbUsed: true,
      online: { draftId, loginAt: null, idempotencyKey: crypto.randomUUID() },
      documents: [
        {
          requirementCode: 'GCS',
          uploadId: d.documents[0].uploadId,
          sha256: up.sha256,
          name: 'giay-chung-sinh.pdf',
          mime: 'application/pdf',
          size: Number(up.size),
          source: 'upload',
        },
      ],
      submittedBy: { kind: 'citizen', id: owner, name: 'Trần Thị Mai', role: 'applicant' },
      log: {},
    });
    if (!created) throw new Error('baseline submission not written');
  });
}

interface Result {
  engine: string;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function summarise(engine: string, r: { seconds: number; latencies: number[] }, errors: number): Result {
  return {
    engine,
    rate: r.latencies.length / r.seconds,
    p50: percentile(r.latencies, 50),
    p95: percentile(r.latencies, 95),
    p99: percentile(r.latencies, 99),
    errors,
  };
}

/** N submissions over HTTP from `concurrency` clients, client i sending to server i mod (number of servers). */
async function httpRun(servers: string[], prepared: Prepared, drafts: [string, number, string][], concurrency: number) {
  let errors = 0;
  const pool = new RawHttpPool();
  const urls = servers.map((s) => new URL('/api/dossiers', s));
  const r = await runLoad(drafts, concurrency, async ([draftId, ci]) => {
    const c = prepared.clients[ci];
    const status = await pool.postJson(
      urls[ci % urls.length],
      { cookie: c.cookie, 'x-csrf-token': c.csrf },
      JSON.stringify({ draftId, idempotencyKey: crypto.randomUUID() }),
    );
    if (status !== 201) errors++;
  });
  pool.destroy();
  return { ...r, errors };
}

async function stopServer(s: { proc: ChildProcess }): Promise<void> {
  s.proc.kill('SIGTERM');
  await new Promise((r) => s.proc.once('exit', r));
}

async function benchEngine(engine: 'postgresql' | 'pglite', concurrency: number): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `motcua-bench-${engine}-`));
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const open = () => (engine === 'postgresql' ? openDatabase({ url: pgUrl, schema, poolSize: 10 }) : openDatabase({ dataDir: path.join(dataDir, 'pglite') }));
  // PGlite is one process by construction: no two-server run.
  const runs = engine === 'postgresql' ? 3 : 2;
  let db = await open();
  console.error(`[${engine}] preparing ${runs * (N + W)} drafts…`);
  const prepared = await prepare(db, dataDir, runs);
  if (engine === 'pglite') await db.close();

  const sep = pgUrl.includes('?') ? '&' : '?';
  const env: Record<string, string> =
    engine === 'postgresql'
      ? { DATABASE_URL: `${pgUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema},public`)}`, DATA_DIR: dataDir }
      : { DATA_DIR: dataDir, DATABASE_URL: '' };
  const results: Result[] = [];
  let errors = 0;
  console.error(`[${engine}] ${W} warm-up, then ${N} measured submissions over HTTP to one server, ${concurrency} concurrent clients…`);
  // Both servers start before the first run (the second idles through it): start-up is never inside a measurement.
  const [one, two] = await Promise.all([startServer(env), engine === 'postgresql' ? startServer(env) : null]);
  errors += (await httpRun([one.url], prepared, prepared.warmup[0], concurrency)).errors;
  const cpu0 = processCpuMs(one.proc.pid);
  const sched0 = mainThreadSchedMs(one.proc.pid);
  const meter1 = cpuMeter([one.proc.pid]);
  const r1 = await httpRun([one.url], prepared, prepared.drafts[0], concurrency);
  const cpu1 = processCpuMs(one.proc.pid);
  const sched1 = mainThreadSchedMs(one.proc.pid);
  const split1 = meter1();
  errors += r1.errors;
  results.push(summarise(`${engine} HTTP, 1 server`, r1, r1.errors));
  console.error(fmt(results[0]));
  // The server process's own CPU (user + system) per submission: what the JS side costs, much less sensitive to other
  // load on the machine than the rates are.
  if (cpu0 !== null && cpu1 !== null) cpuNotes.push(`${engine} HTTP, 1 server: server process CPU ${((cpu1 - cpu0) / N).toFixed(2)} ms per submission`);
  if (engine === 'postgresql') cpuNotes.push(`${engine} HTTP, 1 server, CPU split: ${split1}`);
  if (sched0 && sched1) {
    const running = (sched1.running - sched0.running) / N;
    const waiting = (sched1.waiting - sched0.waiting) / N;
    const busy = ((sched1.running - sched0.running + sched1.waiting - sched0.waiting) / (r1.seconds * 1000)) * 100;
    cpuNotes.push(
      `${engine} HTTP, 1 server, main thread: running ${running.toFixed(2)} ms, waiting for a CPU ${waiting.toFixed(2)} ms per submission (running or waiting ${busy.toFixed(0)}% of the run)`,
    );
  }
  if (two) {
    console.error(`[${engine}] ${W} warm-up, then ${N} measured submissions over HTTP to two servers on one database, ${concurrency} concurrent clients…`);
    errors += (await httpRun([one.url, two.url], prepared, prepared.warmup[1], concurrency)).errors;
    const meter2 = cpuMeter([one.proc.pid, two.proc.pid]);
    const r2 = await httpRun([one.url, two.url], prepared, prepared.drafts[1], concurrency);
    if (engine === 'postgresql') cpuNotes.push(`${engine} HTTP, 2 servers, CPU split: ${meter2()}`);
    errors += r2.errors;
    results.push(summarise(`${engine} HTTP, 2 servers`, r2, r2.errors));
    console.error(fmt(results[1]));
    await stopServer(two);
  }
  await stopServer(one);

  if (engine === 'pglite') db = await open();
  console.error(`[${engine}] baseline: the same creation through the bare driver…`);
  const agency = '000.01.52.H19';
  await runLoad(prepared.warmup[runs - 1], concurrency, ([draftId, , owner]) => baselineSubmit(db, draftId, owner, agency));
  const meterBase = cpuMeter([]);
  const base = await runLoad(prepared.drafts[runs - 1], concurrency, ([draftId, , owner]) => baselineSubmit(db, draftId, owner, agency));
  if (engine === 'postgresql') cpuNotes.push(`${engine} baseline, CPU split: ${meterBase()}`);
  results.push(summarise(`${engine} baseline`, base, 0));
  const codes = (
    await db.query<{ n: number; d: number }>("SELECT count(*)::int AS n, count(DISTINCT code)::int AS d FROM dossiers WHERE code NOT LIKE 'pending:%'")
  ).rows[0];
  if (codes.n !== codes.d || codes.n !== runs * (N + W) - errors) console.error(`[${engine}] WARNING: ${codes.n} dossiers, ${codes.d} distinct codes`);
  // The worklist's search table is not written by the submission (issue 17): the servers ran with WORKERS=0, so every
  // `submitted` event waits in the outbox. One outbox worker with only the event router and the search indexer
  // now catches up, timed: the asynchronous cost the submissions no longer pay in their transaction.
  const router = new OutboxWorker(db, { [DOSSIER_EVENT_TOPIC]: eventRouter(db, [searchIndexConsumer]) }, { batchSize: 100 });
  const t0 = performance.now();
  const routed = await router.drain(1_000_000);
  const tRouted = performance.now();
  const { messages } = await indexAllPending(db);
  const indexSeconds = (performance.now() - tRouted) / 1000;
  const routeSeconds = (tRouted - t0) / 1000;
  const { indexed, missing } = (
    await db.query<{ indexed: number; missing: number }>(
      `SELECT (SELECT count(*) FROM dossier_search WHERE indexed_at >= now() - make_interval(secs => $1))::int AS indexed,
              (SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_search s WHERE s.dossier_id = d.id))::int AS missing`,
      [indexSeconds + routeSeconds + 5],
    )
  ).rows[0];
  cpuNotes.push(
    `${engine} search catch-up after the runs: router ${routed} events in ${routeSeconds.toFixed(1)} s (${(routed / routeSeconds).toFixed(0)}/s); search.index ${messages} messages, ${indexed} dossiers indexed in ${indexSeconds.toFixed(1)} s (${(indexed / indexSeconds).toFixed(0)} dossiers/s); ${missing} dossiers without a search row`,
  );
  if (engine === 'postgresql') await db.query(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return results;
}

const rows: string[] = [];
function fmt(r: Result): string {
  return `${r.engine.padEnd(28)} ${r.rate.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(7)}`;
}
for (const engine of args.engines.split(',') as ('postgresql' | 'pglite')[]) {
  const conc = engine === 'pglite' ? Math.min(C, 8) : C;
  const results = await benchEngine(engine, conc);
  const base = results[results.length - 1];
  rows.push(...results.map(fmt));
  for (const r of results.slice(0, -1)) rows.push(`${''.padEnd(28)} ${r.engine}: ${((100 * r.rate) / base.rate).toFixed(0)}% of the baseline`);
  rows.push(`${''.padEnd(28)} (n=${N} per run after ${W} warm-up submissions, concurrency=${conc}, load average ${os.loadavg()[0].toFixed(1)})`);
}
console.log(`\nbench/submit on ${os.cpus().length} cores, node ${process.version}`);
console.log(`${'run'.padEnd(28)} ${'subm/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)}`);
for (const r of rows) console.log(r);
for (const n of cpuNotes) console.log(n);
process.exit(0);
