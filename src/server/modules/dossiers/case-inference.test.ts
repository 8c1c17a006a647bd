/**
 * Starting a draft without naming the case (issue 18, fewer steps): the server chooses the one online case, or the
 * case the prefilled data decides by the catalogue's rule (birth registration: the child's date of birth), else
 * CASE_REQUIRED so that the citizen chooses.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferCase } from '../../../core/catalogue/case-inference.ts';
import { DEMO_GROOM_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { catalogueCache } from '../catalogue/index.ts';
import { vnToday } from './submission-checks.ts';

describe(`case chosen by the server on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let mai: TestClient;
  let vinh: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    mai = new TestClient(t.app);
    await mai.loginAs(t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: DEMO_MOTHER_ID,
      fullName: 'Trần Thị Mai',
      loginAt: new Date().toISOString(),
    });
    vinh = new TestClient(t.app);
    await vinh.loginAs(t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: DEMO_GROOM_ID,
      fullName: 'Lê Quang Vinh',
      loginAt: new Date().toISOString(),
    });
  });
  afterAll(async () => t?.close());

  it("birth registration: the newborn's date of birth from the population database decides (on time)", async () => {
    const res = await mai.post('/api/drafts', { procedureCode: '1.001193' });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(draft.values.ngaySinhTre).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const def = (await catalogueCache(t.ctx.db).get('1.001193')).definition;
    // The demo newborn is 10 days old: on time, and the draft's case is the one the rule gives for its date.
    expect(inferCase(def, draft.values, vnToday())?.caseCode).toBe('dung-han');
    expect(draft.caseCode).toBe('dung-han');
    expect(draft.prefilledFields).toEqual(expect.arrayContaining(['ngaySinhTre', 'hoTenTre']));
  });

  it('the citizen may still name the case (late registration chosen by hand)', async () => {
    const res = await mai.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'qua-han' });
    expect(res.statusCode).toBe(201);
    expect(res.json().caseCode).toBe('qua-han');
  });

  it('nothing decides (no child born this year in the population database): CASE_REQUIRED, in Vietnamese', async () => {
    const res = await vinh.post('/api/drafts', { procedureCode: '1.001193' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'CASE_REQUIRED', message: 'Vui lòng chọn trường hợp của thủ tục.' });
  });

  it('a procedure with one online case needs no case (marital-status certificate)', async () => {
    const res = await vinh.post('/api/drafts', { procedureCode: '1.004873' });
    expect(res.statusCode).toBe(201);
    expect(res.json().caseCode).toBe('mac-dinh');
  });

  it('1.004884 re-registration (form 2) is prefilled from the population database: the person and the parents', async () => {
    const res = await mai.post('/api/drafts', { procedureCode: '1.004884' });
    expect(res.statusCode).toBe(201);
    const draft = res.json();
    expect(draft.values).toMatchObject({ hoTenTre: 'Trần Thị Mai', soDinhDanhTre: DEMO_MOTHER_ID, gioiTinhTre: 'Nữ', quocTichTre: 'Việt Nam' });
    expect(draft.values.ngaySinhTre).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(draft.prefilledFields).toEqual(expect.arrayContaining(['hoTenTre', 'ngaySinhTre', 'gioiTinhTre', 'danTocTre', 'quocTichTre', 'soDinhDanhTre']));
    // A record without a father's reference does not mean "father not known": the citizen answers that herself.
    expect(draft.values.coThongTinCha).toBeUndefined();
  });

  it('a procedure with several cases and no rule: CASE_REQUIRED (permanent residence)', async () => {
    const res = await vinh.post('/api/drafts', { procedureCode: '1.004194' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('CASE_REQUIRED');
  });

  it('access: anonymous and officials are refused; no draft is made', async () => {
    const anon = new TestClient(t.app);
    expect((await anon.post('/api/drafts', { procedureCode: '1.001193' })).statusCode).toBe(401);
    const official = new TestClient(t.app);
    await official.loginAs(t.ctx.db, 'official', { userId: 'x1', username: 'canbo.x1', fullName: 'Cán bộ', roles: ['clerk'], unitIds: ['U1'] });
    expect((await official.post('/api/drafts', { procedureCode: '1.001193' })).statusCode).toBe(403);
  });

  it('bad input: a clear 4xx in Vietnamese, never a 500', async () => {
    for (const body of [
      {},
      { procedureCode: 42 },
      { procedureCode: '1.001193', caseCode: 7 },
      { procedureCode: '1.001193', caseCode: '' },
      { procedureCode: '1.001193\u0000' },
      { procedureCode: '1.001193', caseCode: 'dung-han\u0000' },
      { procedureCode: 'x'.repeat(100_000) },
      { procedureCode: '1.001193', caseCode: 'x'.repeat(100_000) },
    ]) {
      const res = await mai.post('/api/drafts', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
    expect((await mai.post('/api/drafts', { procedureCode: 'khong-co' })).statusCode).toBe(404);
  });
});
