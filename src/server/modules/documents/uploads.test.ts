import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe(`uploads on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let alice: TestClient;
  let bob: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { MAX_UPLOAD_BYTES: String(64 * 1024) } });
    alice = new TestClient(t.app);
    bob = new TestClient(t.app);
    await alice.loginAs(t.ctx.db, 'citizen', { citizenId: '11111111-1111-4111-8111-111111111111', idNumber: '075190000001', fullName: 'Nguyễn Thị An' });
    await bob.loginAs(t.ctx.db, 'citizen', { citizenId: '22222222-2222-4222-8222-222222222222', idNumber: '075190000002', fullName: 'Trần Văn Bình' });
  });
  afterAll(async () => t?.close());

  const count = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM uploads')).rows[0].n;

  it('stores a PDF content-addressed and lets only its owner read it', async () => {
    const res = await alice.upload('/api/uploads', 'giấy chứng sinh.pdf', 'application/pdf', pdf);
    expect(res.statusCode).toBe(201);
    const info = res.json();
    expect(info).toMatchObject({ name: 'giấy chứng sinh.pdf', mime: 'application/pdf', size: pdf.length });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.ctx.files.has(info.sha256)).toBe(true);

    const own = await alice.get(`/api/uploads/${info.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(pdf)).toBe(true);
    expect((await bob.get(`/api/uploads/${info.id}`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(`/api/uploads/${info.id}`)).statusCode).toBe(401);
  });

  it('refuses an executable renamed to .pdf, with a Vietnamese message, and writes nothing', async () => {
    const before = await count();
    const res = await alice.upload('/api/uploads', 'to-khai.pdf', 'application/pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00this is not a pdf'));
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(res.json().error.message).toContain('không phải');
    expect(await count()).toBe(before);
  });

  it('refuses an oversized file with a Vietnamese message and writes nothing', async () => {
    const before = await count();
    const big = Buffer.concat([pdf, Buffer.alloc(70 * 1024, 0x20)]);
    const res = await alice.upload('/api/uploads', 'lon.pdf', 'application/pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(res.json().error.message).toContain('dung lượng');
    expect(await count()).toBe(before);
  });

  it('requires a login', async () => {
    const anon = new TestClient(t.app);
    const res = await anon.upload('/api/uploads', 'a.pdf', 'application/pdf', pdf);
    expect(res.statusCode).toBe(401);
  });
});
