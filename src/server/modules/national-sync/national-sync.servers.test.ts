/**
 * Whole server processes (src/server/main.ts, with their background jobs) on one PostgreSQL database deliver the
 * national-portal sync (needs TEST_DATABASE_URL; skipped on PGlite, one process by construction — like
 * src/server/multi-server.test.ts):
 *
 * 1. Changes are committed (the sync outbox is written in their transactions); server A starts, its first call to
 *    the portal hangs, and A is killed with SIGKILL — between the commit and the send of every message but the one
 *    in flight. Nothing is lost: after the restart the portal stand-in holds every dossier and every step once.
 * 2. Servers A (restarted) and B run together while more dossiers are submitted and received: every message is
 *    delivered exactly once (counted in the stand-in's call log, not only in what it keeps).
 *
 * The stand-in is served by the test's own app on the same database schema; both servers point DVCQG_URL at it.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { exited, killAll, schemaDatabaseUrl, type ServerProcess, startServerProcess, waitFor } from '../../testing/server-process.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('national-portal sync from whole server processes on one PostgreSQL database', () => {
  let b: BackOffice;
  let base: string;
  let schema: string;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    b = await startBackOffice();
    await b.t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(b.t.app.server.address() as AddressInfo).port}/standins/dvcqg`;
    schema = (await b.t.ctx.db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
  }, 300_000);
  afterAll(async () => {
    killAll(servers.map((s) => s.proc));
    await b?.close();
  });

  const db = () => b.t.ctx.db;
  const count = async (sql: string, params: unknown[] = []) => Number((await db().query<{ n: number }>(sql, params)).rows[0].n);
  const fault = (body: Record<string, unknown>) =>
    fetch(`${base}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function startServer(name: string): Promise<ServerProcess> {
    const s = await startServerProcess(name, {
      DATABASE_URL: schemaDatabaseUrl(url!, schema),
      DB_POOL_SIZE: '4',
      COOKIE_SECRET: b.t.ctx.config.cookieSecret,
      DVCQG_URL: base,
      DVCQG_LEASE_SECONDS: '30',
      DVCQG_TICK_MS: '300',
      DVCQG_MAX_ATTEMPTS: '100',
      DVCQG_TIMEOUT_MS: '12000',
    });
    servers.push(s);
    return s;
  }

  const submitAndReceive = async (n: number) => {
    const out: { id: string; code: string }[] = [];
    for (let i = 0; i < n; i++) {
      const d = await b.submitBirthRegistration();
      const res = await (await b.staff('tiepnhan.phurieng')).post(`/api/staff/dossiers/${d.id}/accept`, {});
      expect(res.statusCode, res.body).toBe(200);
      out.push(d);
    }
    return out;
  };

  it('SIGKILL between commit and send loses nothing; two servers then deliver every message exactly once', { timeout: 600_000 }, async () => {
    b.at('08:00');
    const first = await submitAndReceive(4);
    const all = [...first];
    const ids = () => all.map((d) => d.id);
    const messages = () => count('SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[])', [ids()]);
    // Committed: create, then the receipt's dossier update and its progress step — nothing sent yet.
    expect(await messages()).toBe(4 * 3);
    expect(await count("SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[]) AND state = 'acked'", [ids()])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM standin_dvcqg_calls')).toBe(0);

    // Server A's first call to the portal hangs; A is killed while it waits.
    expect((await fault({ kind: 'slow', remaining: 1, delayMs: 20_000 })).status).toBeLessThan(300);
    const a = await startServer('A');
    await waitFor(
      'the slow call',
      async () => (await count("SELECT count(*)::int AS n FROM standin_dvcqg_faults WHERE kind = 'slow' AND remaining = 0")) === 1,
      180_000,
    );
    a.proc.kill('SIGKILL');
    await exited(a.proc);
    const ackedAtKill = await count("SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[]) AND state = 'acked'", [ids()]);
    expect(ackedAtKill).toBe(0);

    // A restarted and B beside it; more dossiers arrive while both run.
    await Promise.all([startServer('A2'), startServer('B')]);
    all.push(...(await submitAndReceive(6)));
    const total = await messages();
    expect(total).toBe(10 * 3);
    await waitFor(
      'every message acknowledged',
      async () =>
        (await count("SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[]) AND state IN ('acked', 'superseded')", [
          ids(),
        ])) === total,
      180_000,
    );

    // The stand-in holds every dossier once, with its latest state, and every step once.
    for (const d of all) {
      const held = (await db().query<{ data: { TrangThaiHoSo: string } }>('SELECT data FROM standin_dvcqg_dossiers WHERE ma_ho_so = $1', [d.code])).rows;
      expect(held).toHaveLength(1);
      expect(held[0].data.TrangThaiHoSo).toBe('2');
      const steps = (await db().query<{ data: { TrangThai: string } }>('SELECT data FROM standin_dvcqg_progress WHERE ma_ho_so = $1', [d.code])).rows;
      expect(steps.map((s) => s.data.TrangThai)).toEqual(['2']);
    }
    // Sent exactly once: the only repeated call is the one in flight at the kill (its create, sent again, answered
    // "đã tồn tại" and then sent as an update). Progress calls carry batches, so count the steps the portal took.
    const calls = (
      await db().query<{ service: string; error_code: number; n: number }>(
        'SELECT service, error_code, count(*)::int AS n FROM standin_dvcqg_calls GROUP BY 1, 2 ORDER BY 1, 2',
      )
    ).rows;
    console.log(`sync across servers: ${all.length} dossiers, ${total} messages; portal calls ${JSON.stringify(calls)}`);
    expect(await count("SELECT count(*)::int AS n FROM standin_dvcqg_calls WHERE service = 'DongBoHoSoMC' AND error_code = 1")).toBeLessThanOrEqual(1);
    const acceptedCreates = await count(
      "SELECT count(*)::int AS n FROM standin_dvcqg_calls WHERE service = 'DongBoHoSoMC' AND error_code = 0 AND message = 'Thêm mới hồ sơ thành công'",
    );
    expect(acceptedCreates).toBe(all.length);
    // No progress step reached the portal twice (the stand-in's answer names the steps it already held).
    expect(await count("SELECT count(*)::int AS n FROM standin_dvcqg_calls WHERE service = 'CapNhatTienDoHoSoMC' AND message LIKE '%đã có%'")).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM national_sync_messages WHERE dossier_id = ANY($1::uuid[]) AND state = 'parked'", [ids()])).toBe(0);
  });
});
