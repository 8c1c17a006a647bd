/**
 * Two server processes on one PostgreSQL database and one S3 store (s3rver), both running the background jobs:
 * citizens submit through both (each submission retried with the same idempotency key on the other server when its
 * server fails), one server is killed with SIGKILL mid-load, and at the end: every acknowledged submission is one
 * dossier (0 lost, 0 duplicated), every outbox message is delivered (status done, e-mails received once by
 * Message-ID), every uploaded file is in S3. PostgreSQL only (skipped on PGlite: one process by construction).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { S3FileStore } from './files/s3-store.ts';
import { startS3Server } from './testing/s3.ts';
import { killAll, schemaDatabaseUrl, type ServerProcess, startServerProcess } from './testing/server-process.ts';
import { completeBirthDraft, signedInCitizen } from '../../bench/load-citizens.ts';

const url = process.env.TEST_DATABASE_URL;
const SUBMISSIONS = 120;
const CITIZENS = 12;
const SECRET = 'multi-server-cookie-secret';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.skipIf(!url)('two servers on one PostgreSQL and S3, one killed with SIGKILL', () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-multi-'));
  const servers: ServerProcess[] = [];
  let db: Database;
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  afterAll(async () => {
    killAll(servers.map((s) => s.proc));
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    await s3?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing, duplicates nothing, delivers every outbox message once', async () => {
    s3 = await startS3Server();
    const s3Env = {
      S3_BUCKET: s3.config.bucket,
      S3_ENDPOINT: s3.config.endpoint,
      S3_ACCESS_KEY_ID: s3.config.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
      S3_PREFIX: s3.config.prefix,
    };
    db = await openDatabase({ url: url!, schema, poolSize: 6 });
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, COOKIE_SECRET: SECRET, SEED_DEMO: '1', ...s3Env });
    const ctx = await createContext(config, db);
    // Citizens with a session each and complete drafts (an upload each, stored in S3).
    const clients: { cookie: string; csrf: string }[] = [];
    const drafts: { draftId: string; client: number; key: string }[] = [];
    for (let i = 0; i < CITIZENS; i++) {
      const { citizen, client } = await signedInCitizen(db, SECRET, 2);
      clients.push(client);
      for (let k = 0; k < SUBMISSIONS / CITIZENS; k++) {
        const { draftId } = await completeBirthDraft(ctx, citizen, Buffer.concat([pdf, Buffer.from(`%${i}-${k}\n`)]));
        drafts.push({ draftId, client: i, key: crypto.randomUUID() });
      }
    }
    await ctx.mail.close();

    const env = {
      ...s3Env,
      COOKIE_SECRET: SECRET,
      DATABASE_URL: schemaDatabaseUrl(url!, schema),
      DATA_DIR: dataDir,
      DB_POOL_SIZE: '5',
    };
    const t0 = Date.now();
    servers.push(...(await Promise.all([startServerProcess('A', env), startServerProcess('B', env)])));
    console.log(`two servers ready in ${Date.now() - t0} ms`);
    const [a, b] = servers;

    let retries = 0;
    const acknowledged = new Map<string, string>(); // draftId → dossier id
    async function submit(d: (typeof drafts)[number], first: ServerProcess): Promise<void> {
      const order = first === a ? [a, b] : [b, a];
      for (let attempt = 0; attempt < 12; attempt++) {
        const s = order[attempt % 2];
        try {
          const c = clients[d.client];
          const res = await fetch(`${s.url}/api/dossiers`, {
            method: 'POST',
            headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ draftId: d.draftId, idempotencyKey: d.key }),
          });
          const body = (await res.json()) as { id?: string };
          if (res.status === 201 || res.status === 200) {
            acknowledged.set(d.draftId, body.id ?? '');
            return;
          }
          if (res.status < 500 && res.status !== 409) throw new Error(`submission refused: ${res.status} ${JSON.stringify(body)}`);
        } catch (err) {
          if (String(err).includes('submission refused')) throw err;
        }
        retries++;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`draft ${d.draftId} never acknowledged`);
    }

    const tLoad = Date.now();
    let next = 0;
    let killedAt = -1;
    let killedTime = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        while (next < drafts.length) {
          const i = next++;
          if (i === Math.floor(drafts.length / 2) && killedAt < 0) {
            killedAt = i;
            killedTime = Date.now();
            a.proc.kill('SIGKILL');
          }
          await submit(drafts[i], w % 2 === 0 ? a : b);
        }
      }),
    );
    const loadMs = Date.now() - tLoad;
    expect(a.proc.signalCode === 'SIGKILL' || a.proc.killed).toBe(true);

    // Every outbox message delivered by the surviving server (its worker takes over the dead one's leases).
    // The messages server A had claimed come back when their lease lapses: the outbox's default lease (120 s) after
    // the kill at the latest, plus time to deliver them. (Counted from the end of the load, the margin was the load's
    // length after the kill, and a faster submission path made it too short.)
    const deadline = Math.max(Date.now() + 30_000, killedTime + 120_000 + 30_000);
    let outbox: { status: string; n: number }[] = [];
    while (Date.now() < deadline) {
      outbox = (await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM outbox GROUP BY status ORDER BY status')).rows;
      // …and every e-mail notification of the notification outbox (written with the event) handed to the mail server.
      const pendingMail = (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM notifications WHERE channel = 'email' AND status IN ('queued', 'sending', 'failed_temporary')",
        )
      ).rows[0].n;
      if (outbox.every((r) => r.status === 'done') && pendingMail === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const one = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0].n;
    const dossiers = await one("SELECT count(*)::int AS n FROM dossiers WHERE imported IS NULL OR imported ->> 'source' IS NULL");
    const distinctDrafts = await one('SELECT count(DISTINCT draft_id)::int AS n FROM dossiers WHERE draft_id IS NOT NULL');
    const distinctCodes = await one('SELECT count(DISTINCT code)::int AS n FROM dossiers');
    const messages = await one('SELECT count(*)::int AS n FROM outbox');
    const mails = await one('SELECT count(*)::int AS n FROM standin_mailbox');
    const distinctMails = await one('SELECT count(DISTINCT message_id)::int AS n FROM standin_mailbox');
    const files = new S3FileStore(s3.config);
    let inS3 = 0;
    for await (const _ of files.list()) inS3++;
    files.close();
    console.log(
      `multi-server: ${drafts.length} submissions through 2 servers, server A SIGKILLed at #${killedAt}; ${acknowledged.size} acknowledged, ` +
        `${dossiers} dossiers (${distinctCodes} distinct codes), ${retries} client retries, load ${loadMs} ms; outbox ${JSON.stringify(outbox)}, ` +
        `${mails} e-mails (${distinctMails} distinct), ${inS3} files in S3`,
    );
    expect(acknowledged.size).toBe(drafts.length);
    expect(dossiers).toBe(drafts.length);
    expect(distinctDrafts).toBe(drafts.length);
    expect(distinctCodes).toBe(dossiers);
    expect(new Set(acknowledged.values()).size).toBe(drafts.length);
    expect(outbox.filter((r) => r.status !== 'done')).toEqual([]);
    // The worklist's search table is kept from the events by the same workers (search.index): every dossier has its
    // row, those the killed server had claimed included (its leases lapsed, the survivor indexed them).
    expect(await one('SELECT count(*)::int AS n FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_search s WHERE s.dossier_id = d.id)')).toBe(0);
    expect(await one("SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index'")).toBeGreaterThanOrEqual(dossiers);
    expect(messages).toBeGreaterThanOrEqual(drafts.length);
    expect(mails).toBe(distinctMails);
    // One e-mail per e-mail notification, none lost or sent twice although a server died mid-way.
    expect(mails).toBe(await one("SELECT count(*)::int AS n FROM notifications WHERE channel = 'email' AND status IN ('accepted', 'delivered')"));
    expect(await one("SELECT count(*)::int AS n FROM notifications WHERE channel = 'email' AND status NOT IN ('accepted', 'delivered', 'suppressed')")).toBe(0);
    expect(inS3).toBeGreaterThanOrEqual(drafts.length);
  }, 600_000);
});
