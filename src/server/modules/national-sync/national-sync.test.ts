/**
 * National-portal sync against the portal stand-in over real HTTP: a dossier driven through the real workflow
 * produces the create and every progress message in order, each valid against the schema; "đã tồn tại", an expired
 * session, 5xx answers and slow answers are each handled; a newer dossier payload supersedes an unsent older one;
 * failures end parked with their error text, and a resend delivers them.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDossierPayload } from '../../../core/national-sync/payloads.ts';
import { payloadProblems } from '../../../core/national-sync/schema.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { TestClient } from '../../testing/harness.ts';
import { runIndex766 } from '../metrics/index.ts';
import { runImportDossiers } from './import.ts';
import { createNationalSyncWorker } from './job.ts';
import { portalMappings } from './mappings.ts';
import { loadSnapshot } from './snapshot.ts';
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
  }, 300_000);
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

  it("a new dossier's message, built from what the submission knew, equals the one built from the rows read back", async () => {
    b.at('08:05');
    const d = await b.submitBirthRegistration();
    const queued = (
      await db().query<{ payload: Record<string, unknown> }>("SELECT payload FROM national_sync_messages WHERE dossier_id = $1 AND kind = 'dossier'", [d.id])
    ).rows[0];
    const { config } = b.t.ctx;
    const readBack = buildDossierPayload(await loadSnapshot(db(), d.id, { publicUrl: config.publicUrl, secret: config.cookieSecret }), portalMappings());
    expect(readBack.TaiLieuNop.length).toBeGreaterThan(0);
    expect(queued.payload).toEqual(JSON.parse(JSON.stringify(readBack)));
    await worker.drain();
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
    // Two 503s, then the slow answer past the timeout: the last error is the timeout.
    expect(parked[0].last_error).toMatch(/quá thời gian chờ 8000 ms/);
    expect(await syncState(d.id)).toBe('failed');
    // The slow call was processed by the portal after the timeout: the same step is kept once when resent.
    await db().query("UPDATE national_sync_messages SET state = 'pending', attempts = 0 WHERE dossier_id = $1 AND state = 'parked'", [d.id]);
    await dueNow(d.id);
    await worker.drain();
    expect((await atPortal(d.code)).steps.map((s) => s.TrangThai)).toEqual(['2', '4', '4']);
    expect(await syncState(d.id)).toBe('synced');
  });

  it('the reconciliation page and index766 agree on indicator 1.4 for a month with deliberate failures; resend and the Excel export', async () => {
    // One dossier fails for good (three 503s), one waits (the worker has not run), the others are synced.
    b.at('15:00');
    const failing = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', failing.id, 'accept');
    await fault('server_error', 3);
    for (let i = 0; i < 3; i++) {
      await dueNow(failing.id);
      await worker.runOnce();
    }
    expect(await syncState(failing.id)).toBe('failed');
    b.at('15:10');
    const waiting = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', waiting.id, 'accept');
    expect(await syncState(waiting.id)).toBe('pending');

    const month = b.day.slice(0, 7);
    const leader = await b.staff('lanhdao.phurieng');
    const res = await leader.get(`/api/staff/national-sync/reconciliation?unit=25252&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const lines: string[] = [];
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const code = await runIndex766(
      ['--unit', '25252', '--from', `${month}-01`, '--to', `${month}-${last}`, '--json'],
      (fn) => fn(db()),
      (l) => lines.push(l),
    );
    expect(code).toBe(0);
    const cli = JSON.parse(lines.join('\n')).indicators.find((i: { code: string }) => i.code === '1.4');
    expect(r.received).toBe(cli.denominator);
    expect(r.acknowledged).toBe(cli.numerator);
    expect(r.indicator).toMatchObject({ ratio: cli.ratio, points: cli.points, maxPoints: 6 });
    expect(r.received).toBeGreaterThan(r.acknowledged);
    expect(r.failed).toBeGreaterThanOrEqual(1);
    const failed = r.problems.find((p: { dossierId: string }) => p.dossierId === failing.id);
    expect(failed).toMatchObject({ code: failing.code, syncState: 'failed', parked: 1, attempts: 3, error: expect.stringMatching(/HTTP 503/) });
    expect(r.problems.find((p: { dossierId: string }) => p.dossierId === waiting.id)).toMatchObject({ syncState: 'pending', error: null });

    const xlsx = await leader.get(`/api/staff/national-sync/reconciliation.xlsx?unit=25252&month=${month}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);

    // Resend: the parked message waits again and goes; the figures move together.
    const again = await leader.post(`/api/staff/national-sync/dossiers/${failing.id}/resend`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().requeued).toBe(1);
    await worker.drain();
    expect(await syncState(failing.id)).toBe('synced');
    expect(await syncState(waiting.id)).toBe('synced');
    const after = (await leader.get(`/api/staff/national-sync/reconciliation?unit=25252&month=${month}`)).json();
    expect(after.acknowledged).toBe(r.acknowledged + 2);
    expect(after.failed).toBe(r.failed - 1);
  });

  it('reconciliation access: only officials who oversee the unit; bad input is a clear 400', async () => {
    const month = b.day.slice(0, 7);
    const url = `/api/staff/national-sync/reconciliation?unit=25252&month=${month}`;
    expect((await new TestClient(b.t.app).get(url)).statusCode).toBe(401);
    expect((await b.citizen.get(url)).statusCode).toBe(403);
    expect((await (await b.staff('chuyenvien.vhxh')).get(url)).statusCode).toBe(403);
    expect((await (await b.staff('lanhdao.xuanthanh')).get(url)).statusCode).toBe(404);
    expect((await (await b.staff('giamsat.dongnai')).get(url)).statusCode).toBe(200);
    const leader = await b.staff('lanhdao.phurieng');
    for (const q of [`unit=25252&month=2026-13`, `unit=25252&month=x`, `unit=${'9'.repeat(500)}&month=${month}`, `unit=25252`]) {
      const res = await leader.get(`/api/staff/national-sync/reconciliation?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toMatch(/không hợp lệ|Dữ liệu/);
    }
    expect((await leader.get(`/api/staff/national-sync/reconciliation?unit=25%00252&month=${month}`)).statusCode).toBeGreaterThanOrEqual(400);
    const d = await b.submitBirthRegistration();
    expect((await (await b.staff('lanhdao.xuanthanh')).post(`/api/staff/national-sync/dossiers/${d.id}/resend`, {})).statusCode).toBe(404);
    expect((await (await b.staff('chuyenvien.vhxh')).post(`/api/staff/national-sync/dossiers/${d.id}/resend`, {})).statusCode).toBe(403);
    expect((await b.citizen.post(`/api/staff/national-sync/dossiers/${d.id}/resend`, {})).statusCode).toBe(403);
    expect((await leader.post('/api/staff/national-sync/dossiers/not-a-uuid/resend', {})).statusCode).toBe(400);
  });

  it('the portal downloads components through signed public links; a tampered link fails', async () => {
    b.at('16:00');
    const d = await b.submitBirthRegistration();
    await worker.drain();
    const docs = (await atPortal(d.code)).dossier.data.TaiLieuNop as { DuongDanTaiTepTin: string }[];
    expect(docs.length).toBeGreaterThan(0);
    const url = new URL(docs[0].DuongDanTaiTepTin);
    const anonymous = new TestClient(b.t.app);
    const ok = await anonymous.get(`${url.pathname}${url.search}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/pdf/);
    const tampered = await anonymous.get(`${url.pathname}?sig=${'A'.repeat(32)}`);
    expect(tampered.statusCode).toBe(404);
    // The stand-in's page shows what it holds.
    const page = await anonymous.get('/standins/dvcqg/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain(d.code);
  });

  it('imports history in the national shape: invalid rows reported and nothing written, then idempotent by MaHoSo, counted by index766', async () => {
    const example = path.join(import.meta.dirname, '../../../../docs/examples/dvcqg-import.json');
    const data = JSON.parse(fs.readFileSync(example, 'utf8')).data as Record<string, unknown>[];
    const codes = data.map((r) => r.MaHoSo as string);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvcqg-import-'));
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(
      broken,
      JSON.stringify([...data, { ...data[0], MaHoSo: 'X-1', NgayTiepNhan: '2025-11-03' }, { ...data[1], MaHoSo: 'X-2', MaTTHC: '9.999999' }]),
    );
    const index = async () => {
      const lines: string[] = [];
      expect(
        await runIndex766(
          ['--unit', '25252', '--from', '2025-11-01', '--to', '2025-11-30', '--json'],
          (fn) => fn(db()),
          (l) => lines.push(l),
        ),
      ).toBe(0);
      return JSON.parse(lines.join('\n')).indicators.find((i: { code: string }) => i.code === '1.4') as { numerator: number; denominator: number };
    };
    const before = await index();
    const run = async (file: string) => {
      const out: string[] = [];
      const code = await runImportDossiers(
        ['--format', 'dvcqg', '--file', file, '--unit', 'dni.phurieng.ttpvhcc'],
        (fn) => fn(db()),
        (l) => out.push(l),
      );
      return { code, out: out.join('\n') };
    };
    const bad = await run(broken);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/dòng 4 \(X-1\): NgayTiepNhan/);
    expect(bad.out).toMatch(/dòng 5 \(X-2\): MaTTHC: thủ tục 9.999999/);
    const held = async () =>
      Number((await db().query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE code = ANY($1::text[])', [codes])).rows[0].n);
    expect(await held()).toBe(0);

    const ok = await run(example);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/Đã nhập 3 hồ sơ, bỏ qua 0/);
    expect(await held()).toBe(3);
    const again = await run(example);
    expect(again.out).toMatch(/Đã nhập 0 hồ sơ, bỏ qua 3/);
    expect(await held()).toBe(3);
    const after = await index();
    expect(after.denominator - before.denominator).toBe(3);
    expect(after.numerator - before.numerator).toBe(3);
  });
});
