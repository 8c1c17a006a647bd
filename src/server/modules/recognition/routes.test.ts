import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { createRecogniser } from './recogniser.ts';
import { runRecognitionBatch } from './service.ts';
import { photographIdCardBack } from './specimens.ts';

const holder = {
  personalId: '075190000123',
  oldIdNumber: '',
  fullName: 'Nguyễn Thị An',
  dateOfBirth: '1990-03-12',
  sex: 'Nữ' as const,
  permanentResidence: 'Thôn 3, xã Phú Riềng, tỉnh Đồng Nai',
  issueDate: '2021-07-01',
};

describe(`recognition requests over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let alice: TestClient;
  let bob: TestClient;
  let clerk: TestClient;
  const recogniser = createRecogniser();
  let uploadId: string;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    alice = new TestClient(t.app);
    bob = new TestClient(t.app);
    clerk = new TestClient(t.app);
    await alice.loginAs(t.ctx.db, 'citizen', { citizenId: '11111111-1111-4111-8111-111111111111', idNumber: '075190000123', fullName: 'Nguyễn Thị An' });
    await bob.loginAs(t.ctx.db, 'citizen', { citizenId: '22222222-2222-4222-8222-222222222222', idNumber: '075190000002', fullName: 'Trần Văn Bình' });
    await clerk.loginAs(t.ctx.db, 'official', { userId: 'c1', username: 'vanthu', fullName: 'Văn thư', roles: ['clerk'], unitIds: [] });
    const up = await alice.upload('/api/uploads', 'cccd.jpg', 'image/jpeg', await photographIdCardBack(holder));
    expect(up.statusCode).toBe(201);
    uploadId = up.json().id;
  });
  afterAll(async () => {
    await recogniser.close();
    await t?.close();
  });

  it('answers at once with a pending request, the same one when repeated, and the worker fills it', async () => {
    const first = await alice.post('/api/recognitions', { uploadId, type: 'citizen-id-card' });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ uploadId, requestedType: 'citizen-id-card', status: 'pending', result: null, error: null, finishedAt: null });
    const again = await alice.post('/api/recognitions', { uploadId, type: 'citizen-id-card' });
    expect(again.json().id).toBe(first.json().id);

    expect(await runRecognitionBatch(t.ctx, recogniser)).toBe(1);
    expect(await runRecognitionBatch(t.ctx, recogniser)).toBe(0);
    const done = await alice.get(`/api/recognitions/${first.json().id}`);
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('done');
    expect(done.json().result.type).toBe('citizen-id-card');
    expect(Object.fromEntries(done.json().result.fields.map((f: { name: string; value: string }) => [f.name, f.value]))).toEqual(holder);
  });

  it('lets only the owner of the upload request or read a recognition', async () => {
    const mine = (await alice.post('/api/recognitions', { uploadId })).json();
    for (const other of [bob, clerk]) {
      expect((await other.get(`/api/recognitions/${mine.id}`)).statusCode).toBe(404);
      const res = await other.post('/api/recognitions', { uploadId });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('Không tìm thấy tệp đã gửi lên.');
    }
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/recognitions/${mine.id}`)).statusCode).toBe(401);
    expect((await anon.post('/api/recognitions', { uploadId })).statusCode).toBe(401);
  });

  it('refuses bad input with a clear 4xx in Vietnamese, never a 500', async () => {
    for (const body of [
      { uploadId: 'abc' },
      { uploadId: 42 },
      { uploadId: `${uploadId}\u0000` },
      { uploadId: 'x'.repeat(100_000) },
      { uploadId, type: 'passport' },
      { uploadId, extra: true },
      {},
    ]) {
      const res = await alice.post('/api/recognitions', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    expect((await alice.get('/api/recognitions/not-a-uuid')).statusCode).toBe(400);
  });

  it('stores a Vietnamese error for a file it cannot read', async () => {
    const up = await alice.upload('/api/uploads', 'hong.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
    const r = (await alice.post('/api/recognitions', { uploadId: up.json().id })).json();
    expect(await runRecognitionBatch(t.ctx, recogniser)).toBeGreaterThanOrEqual(1);
    const after = (await alice.get(`/api/recognitions/${r.id}`)).json();
    expect(after).toMatchObject({ status: 'failed', result: null, error: 'Không đọc được tệp PDF: tệp hỏng hoặc có mật khẩu.' });
  });
});
