/**
 * bench/notifications — a burst of dossier events and what it does to the notification outbox and to submissions.
 *
 * On PostgreSQL it:
 *   1. prepares the demo data, citizens with sessions and 2×M complete birth-registration drafts;
 *   2. starts the real server in its own process (WORKERS=0; it serves the API and the Zalo and SMS stand-ins);
 *   3. measures M online submissions (`POST /api/dossiers`, C concurrent clients) with nothing else running;
 *   4. then, at the same time: queues E events (each a `received` event of one of the submitted dossiers, whose
 *      applicants have a phone and an e-mail) through the subscriber's batched form (queueNotificationsBatch: one
 *      read and one insert per transaction of B events) — the queueing time; delivers them with D dispatchers against the stand-ins (Zalo over HTTP with its signed
 *      receipts back to the webhook, e-mail over SMTP) — the delivery throughput; and runs M more submissions —
 *      their p95 during the burst.
 *
 * Usage: npm run bench:notifications [-- --events 10000 --submissions 300 --concurrency 16 --dispatchers 2 --batch 500]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DossierEvent } from '../../src/core/dossiers/events.ts';
import { createContext } from '../../src/server/bootstrap.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { AppContext } from '../../src/server/context.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { createNotificationDispatcher, notifyConfig, queueNotificationsBatch } from '../../src/server/modules/notifications/index.ts';
import { freePort } from '../../src/server/testing/net.ts';
import { cloneDrafts, completeBirthDraft, signedInCitizen } from '../load-citizens.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    submissions: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '16' },
    citizens: { type: 'string', default: '32' },
    dispatchers: { type: 'string', default: '2' },
    batch: { type: 'string', default: '500' },
  },
});
const E = Number(args.events);
const M = Number(args.submissions);
const C = Number(args.concurrency);
const CITIZENS = Number(args.citizens);
const D = Number(args.dispatchers);
const BATCH = Number(args.batch);
const SECRET = 'bench-cookie-secret';
const root = path.resolve(import.meta.dirname, '../..');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
// The bench measures the system, not the providers' contractual rate limits (200/s by default).
process.env.ZNS_RATE_PER_SECOND = '100000';
process.env.SMS_RATE_PER_SECOND = '100000';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

interface Client {
  cookie: string;
  csrf: string;
}

async function prepare(ctx: AppContext): Promise<{ clients: Client[]; drafts: [string, number][] }> {
  const db = ctx.db;
  const clients: Client[] = [];
  const owners: string[] = [];
  const templates: string[] = [];
  for (let i = 0; i < CITIZENS; i++) {
    const { citizen, client } = await signedInCitizen(db, SECRET);
    clients.push(client);
    owners.push(citizen.id);
    templates.push((await completeBirthDraft(ctx, citizen, pdf)).draftId);
  }
  const rows = await cloneDrafts(db, templates, Math.ceil((2 * M) / CITIZENS));
  const clientOf = new Map(owners.map((o, i) => [o, i]));
  return { clients, drafts: rows.slice(0, 2 * M).map((r) => [r.id, clientOf.get(r.owner_citizen_id)!]) };
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
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
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return proc;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

async function submissions(url: string, clients: Client[], drafts: [string, number][]): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (;;) {
        const i = next++;
        if (i >= drafts.length) return;
        const [draftId, ci] = drafts[i];
        const s = performance.now();
        const res = await fetch(`${url}/api/dossiers`, {
          method: 'POST',
          headers: { cookie: clients[ci].cookie, 'x-csrf-token': clients[ci].csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ draftId, idempotencyKey: crypto.randomUUID() }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        if (res.status !== 201) errors++;
      }
    }),
  );
  return { latencies, errors };
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-notify-'));
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
const db: Database = await openDatabase({ url: pgUrl, schema, poolSize: 12 });
const ctx = await createContext(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, COOKIE_SECRET: SECRET, PUBLIC_URL: publicUrl, PORT: String(port) }), db);
let server: ChildProcess | null = null;
try {
  console.error(`preparing ${2 * M} drafts…`);
  const prepared = await prepare(ctx);
  const sep = pgUrl.includes('?') ? '&' : '?';
  server = await startServer(
    { DATABASE_URL: `${pgUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema},public`)}`, DATA_DIR: dataDir, PUBLIC_URL: publicUrl },
    port,
  );

  console.error(`${M} submissions without a burst…`);
  const quiet = await submissions(publicUrl, prepared.clients, prepared.drafts.slice(0, M));
  // The submitted dossiers get phones and e-mails; the notifications of their submission are set aside.
  await db.query(
    `UPDATE dossiers SET applicant_phone = '09' || lpad((row_number)::text, 8, '0'), applicant_email = 'bench' || row_number || '@example.vn'
       FROM (SELECT id AS did, row_number() OVER (ORDER BY id) FROM dossiers) n WHERE n.did = dossiers.id`,
  );
  await db.query("UPDATE notifications SET status = 'suppressed', reason = 'bench' WHERE status = 'queued'");
  const dossiers = (await db.query<{ id: string; code: string; receiving_unit_id: string }>('SELECT id, code, receiving_unit_id FROM dossiers')).rows;

  const lookupUrl = notifyConfig(publicUrl).lookupUrl;
  const event = (i: number): DossierEvent => {
    const d = dossiers[i % dossiers.length];
    return {
      id: `${d.id}:bench-${i}`,
      type: 'received',
      action: 'accept',
      version: 1,
      dossierId: d.id,
      code: d.code,
      seq: 1000 + i,
      at: new Date().toISOString(),
      actor: { kind: 'system', id: 'bench', name: 'bench', role: 'system' },
      status: { before: 1, after: 2 },
      procedure: { code: '1.001193', version: 1, caseCode: 'dung-han' },
      channel: 2,
      receivingUnitId: d.receiving_unit_id,
      competentUnitId: null,
      dueAt: new Date(Date.now() + 5 * 86400_000).toISOString(),
      data: {},
      logHash: 'bench',
    };
  };

  console.error(`burst: ${E} events, ${D} dispatchers, and ${M} submissions at the same time…`);
  let queueingDone = false;
  const t0 = performance.now();
  const queueing = (async () => {
    for (let i = 0; i < E; i += BATCH) {
      const events = Array.from({ length: Math.min(E, i + BATCH) - i }, (_, k) => event(i + k));
      await db.transaction((tx) => queueNotificationsBatch(tx, events, lookupUrl));
    }
    queueingDone = true;
    return (performance.now() - t0) / 1000;
  })();
  let sent = 0;
  const delivery = Promise.all(
    Array.from({ length: D }, async () => {
      const dispatcher = createNotificationDispatcher(ctx, { batchSize: 100, concurrency: 16, onError: (err) => console.error(err) }, fetch);
      for (;;) {
        const n = await dispatcher.runOnce();
        sent += n;
        if (n === 0) {
          if (queueingDone) return;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }),
  ).then(() => (performance.now() - t0) / 1000);
  const during = await submissions(publicUrl, prepared.clients, prepared.drafts.slice(M, 2 * M));
  const queueSeconds = await queueing;
  const deliverySeconds = await delivery;
  await new Promise((r) => setTimeout(r, 2000)); // the last receipts
  const states = (
    await db.query<{ channel: string; status: string; n: number }>(
      "SELECT channel, status, count(*)::int AS n FROM notifications WHERE event_id LIKE '%:bench-%' GROUP BY 1, 2 ORDER BY 1, 2",
    )
  ).rows;
  const atZalo = (await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT tracking_id)::int AS d FROM standin_zns_messages'))
    .rows[0];

  console.log(`\nbench/notifications on ${os.cpus().length} cores, node ${process.version}, PostgreSQL; ${E} events, ${D} dispatchers`);
  console.log(
    `queueing: ${E} events → ${states.reduce((s, r) => s + r.n, 0)} notifications in ${queueSeconds.toFixed(1)} s (${(E / queueSeconds).toFixed(0)} events/s)`,
  );
  console.log(
    `delivery: ${sent} sends (Zalo + e-mail) in ${deliverySeconds.toFixed(1)} s from the start of the burst (${(sent / deliverySeconds).toFixed(0)}/s)`,
  );
  console.log(`stand-in Zalo: ${atZalo.n} messages, ${atZalo.d} distinct tracking ids`);
  for (const r of states) console.log(`  ${r.channel.padEnd(6)} ${r.status.padEnd(18)} ${r.n}`);
  console.log(`${'submissions'.padEnd(22)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'errors'.padStart(7)}`);
  console.log(
    `${'without the burst'.padEnd(22)} ${percentile(quiet.latencies, 50).toFixed(1).padStart(8)} ${percentile(quiet.latencies, 95).toFixed(1).padStart(8)} ${String(quiet.errors).padStart(7)}`,
  );
  console.log(
    `${'during the burst'.padEnd(22)} ${percentile(during.latencies, 50).toFixed(1).padStart(8)} ${percentile(during.latencies, 95).toFixed(1).padStart(8)} ${String(during.errors).padStart(7)}`,
  );
} finally {
  server?.kill('SIGTERM');
  if (server) await new Promise((r) => server?.once('exit', r));
  await ctx.mail.close();
  await db.query(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
