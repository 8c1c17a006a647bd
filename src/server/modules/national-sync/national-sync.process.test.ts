/**
 * Sync workers as separate processes on one PostgreSQL database (needs TEST_DATABASE_URL): a worker killed with
 * SIGKILL in the middle of a send loses nothing, and two workers running together deliver every message once —
 * afterwards the portal stand-in holds every dossier once with its latest state and every step once, and every
 * message is acknowledged.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { killAll, waitFor } from '../../testing/server-process.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('sync worker processes on one PostgreSQL database', () => {
  let b: BackOffice;
  let base: string;
  let schema: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    b = await startBackOffice();
    await b.t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(b.t.app.server.address() as AddressInfo).port}/standins/dvcqg`;
    schema = (await b.t.ctx.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
  }, 300_000);
  afterAll(async () => {
    killAll(children);
    await b?.close();
  });

  const db = () => b.t.ctx.db;
  const startWorker = async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sync-process.fixture.ts')], {
      env: { ...process.env, SYNC_DB_URL: url, SYNC_DB_SCHEMA: schema, DVCQG_URL: base, SYNC_LEASE_SECONDS: '10' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    return child;
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await db().query<{ n: number }>(sql, params)).rows[0].n);

  it('SIGKILL during a send loses nothing; two workers then deliver everything exactly once', { timeout: 240_000 }, async () => {
    b.at('08:00');
    const dossiers = [];
    for (let i = 0; i < 4; i++) {
      const d = await b.submitBirthRegistration();
      await (await b.staff('tiepnhan.phurieng')).post(`/api/staff/dossiers/${d.id}/accept`, {});
      dossiers.push(d);
    }
    const ids = dossiers.map((d) => d.id);
    const messages = await count('SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[])', [ids]);
    expect(messages).toBe(4 * 3); // create, then the receipt's dossier update and its progress step

    // The first send is slow; the worker is killed while it waits for the answer (committed, claimed, not acknowledged).
    await fetch(`${base}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'slow', remaining: 1, delayMs: 4000 }),
    });
    const first = await startWorker();
    await waitFor(
      'the slow call',
      async () => (await count("SELECT count(*)::int AS n FROM standin_dvcqg_faults WHERE kind = 'slow' AND remaining = 0")) === 1,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const ackedAtKill = await count("SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[]) AND state = 'acked'", [ids]);
    expect(ackedAtKill).toBeLessThan(messages);

    // Two workers together finish the work.
    await Promise.all([startWorker(), startWorker()]);
    await waitFor(
      'every message acknowledged',
      async () =>
        (await count("SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[]) AND state IN ('acked', 'superseded')", [
          ids,
        ])) === messages,
    );

    for (const d of dossiers) {
      const held = (await db().query<{ data: { TrangThaiHoSo: string } }>('SELECT data FROM standin_dvcqg_dossiers WHERE ma_ho_so = $1', [d.code])).rows;
      expect(held).toHaveLength(1);
      expect(held[0].data.TrangThaiHoSo).toBe('2');
      const steps = (await db().query<{ data: { TrangThai: string } }>('SELECT data FROM standin_dvcqg_progress WHERE ma_ho_so = $1', [d.code])).rows;
      expect(steps.map((s) => s.data.TrangThai)).toEqual(['2']);
    }
    // Apart from the call in flight at the kill (its create answered "đã tồn tại" when sent again), nothing was sent twice.
    const exists = await count("SELECT count(*)::int AS n FROM standin_dvcqg_calls WHERE service = 'DongBoHoSoMC' AND error_code = 1");
    expect(exists).toBeLessThanOrEqual(1);
    const progressCalls = await count("SELECT count(*)::int AS n FROM standin_dvcqg_calls WHERE service = 'CapNhatTienDoHoSoMC' AND error_code = 0");
    expect(progressCalls).toBeLessThanOrEqual(4 + 1);
  });
});
