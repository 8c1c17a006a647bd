/**
 * The national portal's Q&A imported through the portal stand-in over real HTTP (LayDanhSachHoiDapGuiTuDVCQG,
 * LayDanhSachHoiDapBoCoQuan, LayNoiDungTraLoiTheoCauHoi): importing the same pages twice creates nothing new; items
 * not for publication are skipped; answered items wait for moderation, never published straight from the portal.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DvcqgHttpAdapter, databaseSessionStore, nationalSyncConfig } from '../national-sync/index.ts';
import { PORTAL_QA } from '../../standins/dvcqg/qa.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { importNationalQa } from './national-import.ts';

describe(`national portal Q&A import on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let portal: DvcqgHttpAdapter;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/standins/dvcqg`;
    portal = new DvcqgHttpAdapter({ ...nationalSyncConfig(t.ctx.config.publicUrl).portal, url, timeoutMs: 20_000 }, databaseSessionStore(t.ctx.db));
  }, 300_000);
  afterAll(async () => t?.close());

  const imported = async () =>
    (
      await t.ctx.db.query<{ external_id: string; status: string; answer: string | null; procedure_code: string | null; category: string | null }>(
        "SELECT external_id, status, answer, procedure_code, category FROM feedback WHERE channel = 'national' ORDER BY external_id",
      )
    ).rows;

  it('imports each published question once, with its answer; the same pages twice create nothing new', async () => {
    const publishable = PORTAL_QA.filter((q) => q.TRANGTHAI !== 0);
    const first = await importNationalQa(t.ctx.db, portal, 'H09.25.01', { pageSize: 2 });
    expect(first).toMatchObject({ listed: PORTAL_QA.length, created: publishable.length, unchanged: 0, skipped: 1 });
    const rows = await imported();
    expect(rows.map((r) => r.external_id)).toEqual(publishable.map((q) => `dvcqg:${q.HOIDAPID}`).sort());
    const withAnswer = rows.find((r) => r.external_id === 'dvcqg:HD-2026-000101');
    expect(withAnswer).toMatchObject({ status: 'answered', procedure_code: '1.001193', category: 'Hộ tịch' });
    expect(withAnswer?.answer).toContain('UBND cấp xã');
    expect(rows.find((r) => r.external_id === 'dvcqg:HD-2026-000102')).toMatchObject({ status: 'received', answer: null });
    expect(rows.every((r) => r.status !== 'published')).toBe(true);

    const second = await importNationalQa(t.ctx.db, portal, 'H09.25.01');
    expect(second).toMatchObject({ created: 0, unchanged: publishable.length, skipped: 1 });
    expect(await imported()).toEqual(rows);
  });

  it('the admin action: anonymous 401, citizen and clerk 403, bad input 400 in Vietnamese', async () => {
    const anon = new TestClient(t.app);
    expect((await anon.post('/api/staff/feedback/import-national', { madonvi: 'X' })).statusCode).toBe(401);
    const citizen = new TestClient(t.app);
    await citizen.loginAs(t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: '001092000001', fullName: 'Công Dân' });
    expect((await citizen.post('/api/staff/feedback/import-national', { madonvi: 'X' })).statusCode).toBe(403);
    const clerk = new TestClient(t.app);
    await clerk.loginAs(t.ctx.db, 'official', { userId: 'c9', username: 'vanthu9', fullName: 'Văn thư', roles: ['clerk'], unitIds: ['U1'] });
    expect((await clerk.post('/api/staff/feedback/import-national', { madonvi: 'X' })).statusCode).toBe(403);
    const admin = new TestClient(t.app);
    await admin.loginAs(t.ctx.db, 'official', { userId: 'a9', username: 'quantri9', fullName: 'Quản trị', roles: ['system_admin'], unitIds: [] });
    for (const body of [{ madonvi: 1 }, { madonvi: 'a\u0000b' }, { madonvi: 'x'.repeat(10_000) }, {}, { madonvi: 'X', extra: 1 }]) {
      const r = await admin.post('/api/staff/feedback/import-national', body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(r.json().error.message).toMatch(/[àáảãạăâđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ]/i);
    }
  });
});
