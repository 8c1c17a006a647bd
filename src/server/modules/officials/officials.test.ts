import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { createOfficial, MAX_FAILED_ATTEMPTS } from './service.ts';
import { generateTotpSecret, totp } from './totp.ts';

describe(`official accounts on ${testDatabaseKind}`, () => {
  let t: TestApp;
  const totpSecret = generateTotpSecret();
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    const db = t.ctx.db;
    await db.query(
      "INSERT INTO admin_units (code, name, type, level) VALUES ('75', 'Tỉnh Đồng Nai', 'Tỉnh', 'province'), ('25252', 'Xã Phú Riềng', 'Xã', 'commune')",
    );
    await db.query(
      "INSERT INTO org_units (id, name, kind, admin_unit_code) VALUES ('u-ttpvhcc', 'Trung tâm Phục vụ hành chính công xã Phú Riềng', 'ttpvhcc', '25252')",
    );
    await createOfficial(db, {
      username: 'tiepnhan',
      fullName: 'Lê Thị Hoa',
      password: 'MatKhau@2025',
      memberships: [{ unitId: 'u-ttpvhcc', role: 'reception' }],
    });
    await createOfficial(db, {
      username: 'khoa',
      fullName: 'Phạm Văn Khoa',
      password: 'MatKhau@2025',
      memberships: [{ unitId: 'u-ttpvhcc', role: 'reception' }],
    });
    await createOfficial(db, {
      username: 'lanhdao',
      fullName: 'Võ Minh Tâm',
      password: 'MatKhau@2025',
      totpSecret,
      memberships: [{ unitId: 'u-ttpvhcc', role: 'leader' }],
    });
  });
  afterAll(async () => t?.close());

  it('logs in with the right password, opens an official session with units and roles', async () => {
    const c = new TestClient(t.app);
    const res = await c.post('/api/staff/login', { username: 'tiepnhan', password: 'MatKhau@2025' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'tiepnhan', fullName: 'Lê Thị Hoa', memberships: [{ unitId: 'u-ttpvhcc', role: 'reception' }] });
    const me = await c.get('/api/staff/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.roles[0].code).toBe('reception');
    await c.post('/api/staff/logout');
    expect((await c.get('/api/staff/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password with a Vietnamese message and locks after repeated failures', async () => {
    const c = new TestClient(t.app);
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      const r = await c.post('/api/staff/login', { username: 'khoa', password: 'sai-mat-khau-1' });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    const locking = await c.post('/api/staff/login', { username: 'khoa', password: 'sai-mat-khau-1' });
    expect(locking.statusCode).toBe(423);
    // even the right password is refused while locked
    const locked = await c.post('/api/staff/login', { username: 'khoa', password: 'MatKhau@2025' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('requires and checks the TOTP code when enrolled', async () => {
    const c = new TestClient(t.app);
    expect((await c.post('/api/staff/login', { username: 'lanhdao', password: 'MatKhau@2025' })).json().error.code).toBe('TOTP_REQUIRED');
    const wrong = String((Number(totp(totpSecret)) + 1) % 1_000_000).padStart(6, '0');
    expect((await c.post('/api/staff/login', { username: 'lanhdao', password: 'MatKhau@2025', totp: wrong })).json().error.code).toBe('TOTP_INVALID');
    const ok = await c.post('/api/staff/login', { username: 'lanhdao', password: 'MatKhau@2025', totp: totp(totpSecret) });
    expect(ok.statusCode).toBe(200);
  });

  it('answers an unknown user like a wrong password', async () => {
    const r = await new TestClient(t.app).post('/api/staff/login', { username: 'khongco', password: 'x' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses malformed input with 400 and a Vietnamese message', async () => {
    const r = await new TestClient(t.app).post('/api/staff/login', { username: '', password: 'x' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
  });
});
