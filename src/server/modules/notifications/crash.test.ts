/**
 * Nothing acknowledged is lost, nothing is sent twice: a server process is SIGKILLed (1) after the event's
 * transaction committed and before any send, (2) after Zalo accepted a message and before the answer was recorded.
 * A restarted process then delivers; the stand-ins must have received each notification exactly once. Needs
 * PostgreSQL (two processes share the database): skipped on the embedded PGlite.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { freePort } from '../../testing/net.ts';

const root = path.resolve(import.meta.dirname, '../../../..');
const child = path.join(root, 'src/server/modules/notifications/crash-child.ts');

describe.skipIf(testDatabaseKind !== 'postgresql')('SIGKILL between commit and send', () => {
  let b: BackOffice;
  let port: number;
  let dossier: { id: string; code: string; unit: string };
  let schema: string;

  const run = (mode: string, event?: DossierEvent) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', child, mode], {
        cwd: root,
        env: {
          ...process.env,
          CRASH_DB_URL: process.env.TEST_DATABASE_URL,
          CRASH_DB_SCHEMA: schema,
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          CRASH_EVENT: JSON.stringify(event ?? {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d));
      p.stderr.on('data', (d: Buffer) => (out += d));
      p.on('exit', (code, signal) => resolve({ code, signal, out }));
    });

  const event = (seq: number, type: 'received' | 'result_issued'): DossierEvent => ({
    id: `${dossier.id}:${seq}`,
    type,
    action: type === 'received' ? 'accept' : 'issue_result',
    version: 1,
    dossierId: dossier.id,
    code: dossier.code,
    seq,
    at: new Date().toISOString(),
    actor: { kind: 'system', id: 'test', name: 'test', role: 'system' },
    status: { before: type === 'received' ? 1 : 4, after: type === 'received' ? 2 : 9 },
    procedure: { code: '1.001193', version: 1, caseCode: 'dung-han' },
    channel: 2,
    receivingUnitId: dossier.unit,
    competentUnitId: null,
    dueAt: new Date(Date.now() + 86400_000).toISOString(),
    data: {},
    logHash: 'x',
  });

  beforeAll(async () => {
    port = await freePort();
    b = await startBackOffice({ env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await b.t.app.listen({ port, host: '127.0.0.1' });
    const d = await b.submitBirthRegistration();
    await b.t.ctx.db.query('UPDATE dossiers SET applicant_phone = $2, applicant_email = $3 WHERE id = $1', [d.id, '0987 654 321', 'crash@example.vn']);
    const r = (
      await b.t.ctx.db.query<{ receiving_unit_id: string; s: string }>('SELECT receiving_unit_id, current_schema() AS s FROM dossiers WHERE id = $1', [d.id])
    ).rows[0];
    dossier = { ...d, unit: r.receiving_unit_id };
    schema = r.s;
  });
  afterAll(async () => {
    await b?.close();
  });

  const sentOnce = async () => {
    const zns = (
      await b.t.ctx.db.query<{ tracking_id: string; n: number }>('SELECT tracking_id, count(*)::int AS n FROM standin_zns_messages GROUP BY tracking_id')
    ).rows;
    const mails = (await b.t.ctx.db.query<{ message_id: string; n: number }>('SELECT message_id, count(*)::int AS n FROM standin_mailbox GROUP BY message_id'))
      .rows;
    const queued = (
      await b.t.ctx.db.query<{ id: number; channel: string; status: string }>(
        "SELECT id, channel, status FROM notifications WHERE channel IN ('zns', 'email') AND event_id LIKE $1 || ':9%'",
        [dossier.id],
      )
    ).rows;
    return { zns, mails, queued };
  };

  it('killed after commit, before send: after restart each notification is sent exactly once', async () => {
    const killed = await run('queue-then-kill', event(900, 'received'));
    expect(killed.signal, killed.out).toBe('SIGKILL');
    const waiting = (await b.t.ctx.db.query<{ status: string }>('SELECT status FROM notifications WHERE event_id = $1 ORDER BY id', [`${dossier.id}:900`]))
      .rows;
    expect(waiting.map((w) => w.status)).toEqual(['queued', 'queued', 'delivered']); // committed, not sent
    const restarted = await run('drain');
    expect(restarted.code, restarted.out).toBe(0);
    const { zns, mails } = await sentOnce();
    const ids = (
      await b.t.ctx.db.query<{ id: number; channel: string; status: string }>('SELECT id, channel, status FROM notifications WHERE event_id = $1 ORDER BY id', [
        `${dossier.id}:900`,
      ])
    ).rows;
    expect(ids.map((r) => `${r.channel}:${r.status}`)).toEqual(['zns:delivered', 'email:accepted', 'inapp:delivered']);
    expect(zns.filter((z) => z.tracking_id === String(ids[0].id))).toEqual([{ tracking_id: String(ids[0].id), n: 1 }]);
    expect(mails.filter((m) => m.message_id === `<notification-${ids[1].id}@motcua.local>`)).toEqual([
      { message_id: `<notification-${ids[1].id}@motcua.local>`, n: 1 },
    ]);
  }, 240_000);

  it('killed after Zalo accepted, before the answer was recorded: the resend is recognised, Zalo has it once', async () => {
    const killed = await run('send-then-kill', event(901, 'result_issued'));
    expect(killed.signal, killed.out).toBe('SIGKILL');
    const zId = (
      await b.t.ctx.db.query<{ id: number; status: string }>("SELECT id, status FROM notifications WHERE event_id = $1 AND channel = 'zns'", [
        `${dossier.id}:901`,
      ])
    ).rows[0];
    expect(zId.status).toBe('sending'); // the process died holding it
    const atStandin = (await b.t.ctx.db.query('SELECT 1 FROM standin_zns_messages WHERE tracking_id = $1', [String(zId.id)])).rowCount;
    expect(atStandin).toBe(1); // Zalo has the message (sent first: the claim is in id order, one at a time)
    await new Promise((r) => setTimeout(r, 1500)); // the 1 s lease runs out
    const restarted = await run('drain');
    expect(restarted.code, restarted.out).toBe(0);
    const rows = (
      await b.t.ctx.db.query<{ id: number; channel: string; status: string }>('SELECT id, channel, status FROM notifications WHERE event_id = $1 ORDER BY id', [
        `${dossier.id}:901`,
      ])
    ).rows;
    expect(rows.map((r) => `${r.channel}:${r.status}`)).toEqual(['zns:delivered', 'email:accepted', 'inapp:delivered']);
    const { zns, mails } = await sentOnce();
    expect(zns.filter((z) => z.tracking_id === String(rows[0].id)).map((z) => z.n)).toEqual([1]);
    expect(mails.filter((m) => m.message_id === `<notification-${rows[1].id}@motcua.local>`).map((m) => m.n)).toEqual([1]);
  }, 240_000);
});
