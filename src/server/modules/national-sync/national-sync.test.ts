/**
 * National-portal sync against the portal stand-in over real HTTP: a dossier driven through the real workflow
 * produces the create and every progress message in order, each valid against the schema; "đã tồn tại", an expired
 * session, 5xx answers and slow answers are each handled; a newer dossier payload supersedes an unsent older one;
 * failures end parked with their error text, and a resend delivers them.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadProblems } from '../../../core/national-sync/schema.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { createNationalSyncWorker } from './job.ts';
import type { NationalSyncWorker } from './worker.ts';

describe(`national-portal sync through the stand-in, on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let base: string;
  let worker: NationalSyncWorker;
  beforeAll(async () => {
    b = await startBackOffice();
    await b.t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(b.t.app.server.address() as AddressInfo).port}/standins/dvcqg`;
    worker = createNationalSyncWorker(b.t.ctx, { url: base, timeoutMs: 8000 }, { maxAttempts: 3 });
  });
  afterAll(async () => b?.close());

  const db = () => b.t.ctx.db;
  const act = async (user: string, id: string, slug: string, body: Record<string, unknown> = {}) => {
    const res = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${slug}`, body);
    expect(res.statusCode, `${slug}: ${res.body}`).toBe(200);
  };
  const assignee = async (id: string) =>
    (
      await db().query<{ username: string }>(
        'SELECT o.username FROM dossier_tasks t JOIN officials o ON o.id = t.assignee_id WHERE t.dossier_id = $1 AND t.completed_at IS NULL',
        [id],
      )
    ).rows[0].username;
  const fault = async (kind: string, remaining: number, extra: Record<string, unknown> = {}) => {
    const res = await fetch(`${base}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind, remaining, ...extra }),
    });
    expect(res.status).toBe(200);
  };
  const atPortal = async (code: string) => {
    const dossier = (
      await db().query<{ data: Record<string, unknown>; versions: number }>('SELECT data, versions FROM standin_dvcqg_dossiers WHERE ma_ho_so = $1', [code])
    ).rows[0];
    const steps = (
      await db().query<{ data: Record<string, unknown> }>('SELECT data FROM standin_dvcqg_progress WHERE ma_ho_so = $1 ORDER BY id', [code])
    ).rows.map((r) => r.data);
    return { dossier, steps };
  };
  const calls = async (code: string) =>
    (
      await db().query<{ service: string; http_status: number; error_code: number | null; message: string | null }>(
        'SELECT service, http_status, error_code, message FROM standin_dvcqg_calls WHERE ma_ho_so = $1 ORDER BY id',
        [code],
      )
    ).rows;
  const messages = async (id: string) =>
    (
      await db().query<{ kind: string; state: string; attempts: number; last_error: string | null; sent_as: string | null }>(
        'SELECT kind, state, attempts, last_error, sent_as FROM national_sync_messages WHERE dossier_id = $1 ORDER BY id',
        [id],
      )
    ).rows;
  const syncState = async (id: string) => (await db().query<{ sync_state: string }>('SELECT sync_state FROM dossiers WHERE id = $1', [id])).rows[0].sync_state;
  /** Makes the dossier due again at once (skips the backoff wait). */
  const dueNow = (id: string) => db().query('UPDATE national_sync_dossiers SET next_attempt_at = now() WHERE dossier_id = $1', [id]);

  it('sends the create, then every progress step in order, for a dossier driven 1→2→4→5→4→9→10; every payload is schema-valid', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    await worker.drain();
    expect((await atPortal(d.code)).dossier.data).toMatchObject({ MaHoSo: d.code, MaTTHC: '1.001193', TrangThaiHoSo: '1', KenhThucHien: '2' });

    b.at('08:30');
    await act('tiepnhan.phurieng', d.id, 'accept');
    await worker.drain();
    b.at('09:00');
    await act(await assignee(d.id), d.id, 'forward');
    await worker.drain();
    b.at('09:30');
    await act(await assignee(d.id), d.id, 'request-supplement', { reason: 'Giấy chứng sinh bị mờ' });
    await worker.drain();
    b.at('10:00');
    const upload = (await b.citizen.upload('/api/uploads', 'giay-chung-sinh-ro.pdf', 'application/pdf', PDF_BYTES)).json();
    const supplied = await b.citizen.post(`/api/my/dossiers/${d.id}/supplement`, { documents: [{ requirementCode: 'GCS', uploadId: upload.id }] });
    expect(supplied.statusCode, supplied.body).toBe(200);
    await worker.drain();
    b.at('10:30');
    while (
      (await db().query<{ role: string }>('SELECT role FROM dossier_tasks WHERE dossier_id = $1 AND completed_at IS NULL', [d.id])).rows[0]?.role !== 'clerk'
    )
      await act(await assignee(d.id), d.id, 'forward');
    await act(await assignee(d.id), d.id, 'issue-result');
    await worker.drain();
    b.at('11:00');
    await act('tiepnhan.phurieng', d.id, 'return-result', { delivery: { method: 'electronic' } });
    await worker.drain();

    const { dossier, steps } = await atPortal(d.code);
    expect(payloadProblems('dossier', dossier.data)).toEqual([]);
    expect(dossier.data).toMatchObject({ TrangThaiHoSo: '10', NgayTiepNhan: expect.stringMatching(/^\d{14}$/), NgayTra: expect.stringMatching(/^\d{14}$/) });
    expect((dossier.data.DanhSachHoSoBoSung as unknown[]).length).toBe(1);
    expect((dossier.data.DanhSachGiayToKetQua as unknown[]).length).toBe(1);
    for (const s of steps) expect(payloadProblems('progress', s)).toEqual([]);
    // Every step, in the order of the workflow; the status path 2 → 4 → 5 → 4 → … → 9 → 10.
    const path = steps.map((s) => s.TrangThai);
    expect(path[0]).toBe('2');
    expect(path.at(-1)).toBe('10');
    expect(path.filter((s, i) => s !== path[i - 1])).toEqual(['2', '4', '5', '4', '9', '10']);
    const times = steps.map((s) => s.ThoiDiemXuLy as string);
    expect([...times].sort()).toEqual(times);
    // Vietnam time: accepted at 08:30 local.
    expect(steps[0].ThoiDiemXuLy).toMatch(/0830\d{2}$/);
    // The create came first, then the calls in the order of the events; nothing is left waiting.
    const seen = (await calls(d.code)).filter((c) => c.service !== 'auth');
    expect(seen[0]).toMatchObject({ service: 'DongBoHoSoMC', error_code: 0 });
    expect((await messages(d.id)).every((m) => m.state === 'acked')).toBe(true);
    expect(await syncState(d.id)).toBe('synced');
  });

  it('"đã tồn tại" on create → sent again as an update', async () => {
    b.at('13:00');
    const d = await b.submitBirthRegistration();
    await fault('exists', 1);
    await worker.drain();
    const c = await calls(d.code);
    expect(c.map((x) => [x.service, x.error_code])).toEqual([
      ['DongBoHoSoMC', 1],
      ['DongBoHoSoMC', 0],
    ]);
    expect(c[0].message).toMatch(/đã tồn tại/);
    expect((await atPortal(d.code)).dossier.versions).toBe(2);
    expect(await messages(d.id)).toMatchObject([{ kind: 'dossier', state: 'acked', sent_as: 'update' }]);
  });

  it('an expired session → one new login and the call repeated', async () => {
    b.at('13:10');
    const d = await b.submitBirthRegistration();
    await worker.drain();
    const logins = async () => Number((await db().query<{ n: number }>("SELECT count(*)::int AS n FROM standin_dvcqg_calls WHERE service = 'auth'")).rows[0].n);
    const before = await logins();
    await fault('expire_session', 1);
    b.at('13:20');
    await act('tiepnhan.phurieng', d.id, 'accept');
    await worker.drain();
    expect(await logins()).toBe(before + 1);
    const c = await calls(d.code);
    expect(c.some((x) => x.error_code === 401)).toBe(true);
    expect((await atPortal(d.code)).steps.map((s) => s.TrangThai)).toEqual(['2']);
    expect((await messages(d.id)).every((m) => m.state === 'acked')).toBe(true);
  });

  it('5xx and slow answers → backoff, order kept; a newer dossier payload supersedes the unsent one; parked after N failures with the error, resent later', async () => {
    b.at('14:00');
    const d = await b.submitBirthRegistration();
    await fault('server_error', 2);
    let r = await worker.runOnce();
    expect(r.failed).toBe(1);
    expect(await syncState(d.id)).toBe('pending');
    // While it waits: accepted, then forwarded. Nothing is sent before the backoff ends.
    b.at('14:10');
    await act('tiepnhan.phurieng', d.id, 'accept');
    b.at('14:20');
    await act(await assignee(d.id), d.id, 'forward');
    r = await worker.runOnce();
    expect(r.dossiers).toBe(0);
    await dueNow(d.id);
    r = await worker.runOnce(); // the second 503
    expect(r.failed).toBe(1);
    await dueNow(d.id);
    await worker.drain();
    const { dossier, steps } = await atPortal(d.code);
    // The create carried the newest payload (status 4); the older dossier payloads were superseded, never sent.
    expect(dossier.data.TrangThaiHoSo).toBe('4');
    expect(dossier.versions).toBe(1);
    expect(steps.map((s) => s.TrangThai)).toEqual(['2', '4']);
    const ms = await messages(d.id);
    expect(ms.filter((m) => m.state === 'superseded').length).toBeGreaterThanOrEqual(1);
    expect(ms.filter((m) => m.kind === 'progress').every((m) => m.state === 'acked')).toBe(true);

    // A slow portal (past the timeout) and then 5xx: after 3 failed attempts the step is parked with the error text.
    b.at('14:40');
    await act(await assignee(d.id), d.id, 'forward');
    await fault('slow', 1, { delayMs: 9000, service: 'CapNhatTienDoHoSoMC' });
    await fault('server_error', 2);
    for (let i = 0; i < 3; i++) {
      await dueNow(d.id);
      await worker.runOnce();
    }
    const parked = (await messages(d.id)).filter((m) => m.state === 'parked');
    expect(parked).toHaveLength(1);
    expect(parked[0].attempts).toBe(3);
    expect(parked[0].last_error).toMatch(/HTTP 503/);
    expect(await syncState(d.id)).toBe('failed');
    // The slow call was processed by the portal after the timeout: the same step is kept once when resent.
    await db().query("UPDATE national_sync_messages SET state = 'pending', attempts = 0 WHERE dossier_id = $1 AND state = 'parked'", [d.id]);
    await dueNow(d.id);
    await worker.drain();
    expect((await atPortal(d.code)).steps.map((s) => s.TrangThai)).toEqual(['2', '4', '4']);
    expect(await syncState(d.id)).toBe('synced');
  });
});
