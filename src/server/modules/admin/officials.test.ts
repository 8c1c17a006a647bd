import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_ATTEMPTS } from '../officials/service.ts';
import { base32Decode, hotp, totp } from '../officials/totp.ts';
import { testDatabaseKind, TestClient } from '../../testing/harness.ts';
import { expectRefused, lastChange, login, startAdminTest, type AdminTest } from './testing.ts';

describe(`administration of officials on ${testDatabaseKind}`, () => {
  let a: AdminTest;
  let seq = 0;
  beforeAll(async () => {
    a = await startAdminTest();
  });
  afterAll(async () => a?.close());

  /** A fresh specialist of Phòng Văn hóa - Xã hội, created by the system administrator. */
  async function freshOfficial(memberships = [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }]): Promise<{ id: string; username: string }> {
    const username = `canbo.thu${++seq}`;
    const r = await a.as.quantri.post('/api/admin/officials', { username, fullName: `Cán bộ thử ${seq}`, password: 'TamThoi@2025', memberships });
    expect(r.statusCode, r.body).toBe(201);
    return { id: r.json().id, username };
  }

  const noSecrets = (body: string) => {
    expect(body).not.toMatch(/argon2|password_?hash|totp_?secret|"secret"/i);
  };

  it('list and search: each reader sees the officials of their reach; no secrets returned', async () => {
    const usernames = async (c: TestClient, q = '') =>
      ((await c.get(`/api/admin/officials?pageSize=200${q}`)).json().items as { username: string }[]).map((o) => o.username);
    const phurieng = await usernames(a.as['quantri.phurieng']);
    expect(phurieng).toEqual(expect.arrayContaining(['tiepnhan.phurieng', 'chuyenvien.vhxh', 'lanhdao.phurieng', 'quantri.phurieng']));
    expect(phurieng).not.toContain('chuyenvien.congan'); // Công an xã is under Công an tỉnh
    expect(phurieng).not.toContain('tiepnhan.xuanthanh');
    expect(phurieng).not.toContain('quantri');
    const supervisor = await usernames(a.as['giamsat.dongnai']);
    expect(supervisor).toEqual(expect.arrayContaining(['tiepnhan.phurieng', 'tiepnhan.xuanthanh', 'quantri']));
    expect(supervisor).not.toContain('chuyenvien.congan');
    expect(await usernames(a.as.quantri)).toContain('chuyenvien.congan');
    // Search ignores case and diacritics; filters by unit and role.
    expect(await usernames(a.as.quantri, '&q=le thi hoa')).toEqual(['tiepnhan.phurieng']);
    expect(await usernames(a.as.quantri, '&role=reception&unitId=dni.xuanthanh.ttpvhcc')).toEqual(['tiepnhan.xuanthanh']);
    const page = (await a.as.quantri.get('/api/admin/officials?page=2&pageSize=3')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(6);
    noSecrets((await a.as.quantri.get('/api/admin/officials?pageSize=200')).body);
    await expectRefused(a, (c) => c.get('/api/admin/officials'), ['tiepnhan.phurieng']);
  });

  it('get one: in reach only', async () => {
    const id = await a.idOf('chuyenvien.vhxh');
    const r = await a.as['quantri.phurieng'].get(`/api/admin/officials/${id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      username: 'chuyenvien.vhxh',
      active: true,
      locked: false,
      totpEnabled: false,
      memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }],
    });
    noSecrets(r.body);
    expect((await a.as['giamsat.dongnai'].get(`/api/admin/officials/${id}`)).statusCode).toBe(200);
    expect((await a.as['quantri.phurieng'].get(`/api/admin/officials/${await a.idOf('chuyenvien.congan')}`)).statusCode).toBe(403);
    await expectRefused(a, (c) => c.get(`/api/admin/officials/${id}`), ['tiepnhan.phurieng', 'quantri.xuanthanh']);
  });

  it('create: a unit administrator in their units, with a strong password; the account logs in', async () => {
    const body = {
      username: 'chuyenvien.tuphap',
      fullName: 'Đặng Thị Tư Pháp',
      title: 'Công chức Tư pháp - Hộ tịch',
      password: 'KhoiTao@2025x',
      memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }],
    };
    await expectRefused(a, (c) => c.post('/api/admin/officials', body), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const r = await a.as['quantri.phurieng'].post('/api/admin/officials', { ...body, username: 'ChuyenVien.TuPhap' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ username: 'chuyenvien.tuphap', fullName: 'Đặng Thị Tư Pháp', active: true });
    noSecrets(r.body);
    const change = await lastChange(a, 'official', r.json().id);
    expect(change).toMatchObject({
      action: 'create',
      before: null,
      actorUsername: 'quantri.phurieng',
      after: { username: 'chuyenvien.tuphap', memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }] },
    });
    noSecrets(JSON.stringify(change));
    await login(a.t, 'chuyenvien.tuphap', 'KhoiTao@2025x');
    expect((await a.as['quantri.phurieng'].post('/api/admin/officials', body)).json().error.code).toBe('USERNAME_TAKEN');
  });

  it('create: weak passwords, reserved roles, units out of reach and closed units are refused', async () => {
    const base = {
      username: 'canbo.moi',
      fullName: 'Cán bộ mới',
      password: 'KhoiTao@2025x',
      memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }],
    };
    const weak = await a.as['quantri.phurieng'].post('/api/admin/officials', { ...base, password: 'ngan' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'WEAK_PASSWORD', message: 'Mật khẩu phải có ít nhất 10 ký tự, gồm cả chữ và số.' });
    const reserved = await a.as['quantri.phurieng'].post('/api/admin/officials', {
      ...base,
      memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'system_admin' }],
    });
    expect(reserved.statusCode).toBe(403);
    expect(reserved.json().error.code).toBe('RESERVED_ROLE');
    expect(
      (await a.as['quantri.phurieng'].post('/api/admin/officials', { ...base, memberships: [{ unitId: 'dni.phurieng.congan', role: 'specialist' }] })).json()
        .error.code,
    ).toBe('OUT_OF_SCOPE');
    expect((await a.as.quantri.post('/api/admin/officials', { ...base, memberships: [{ unitId: 'khong.co', role: 'specialist' }] })).json().error.code).toBe(
      'UNIT_NOT_FOUND',
    );
    const badRole = await a.as.quantri.post('/api/admin/officials', { ...base, memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'boss' }] });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.details.issues[0].message).toContain('Vai trò phải là một trong');
    expect((await a.as.quantri.post('/api/admin/officials', { ...base, memberships: [] })).statusCode).toBe(400);
    expect((await a.as.quantri.get(`/api/admin/officials?q=canbo.moi`)).json().total).toBe(0);
  });

  it('update profile: logged with before and after', async () => {
    const o = await freshOfficial();
    const patch = { title: 'Chuyên viên', email: 'canbo@phurieng.dongnai.gov.vn', phone: '0912 345 678' };
    await expectRefused(a, (c) => c.request('PATCH', `/api/admin/officials/${o.id}`, patch), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const r = await a.as['quantri.phurieng'].request('PATCH', `/api/admin/officials/${o.id}`, { ...patch, reason: 'Bổ sung thông tin liên hệ' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject(patch);
    const change = await lastChange(a, 'official', o.id);
    expect(change).toMatchObject({ action: 'update', before: { title: null, email: null }, after: patch });
    expect((await a.as['quantri.phurieng'].request('PATCH', `/api/admin/officials/${o.id}`, { email: 'khong-phai-email' })).statusCode).toBe(400);
  });

  it('set memberships: within the administrator units, never reserved roles; the official is logged out', async () => {
    const o = await freshOfficial();
    const session = await login(a.t, o.username, 'TamThoi@2025');
    const next = {
      memberships: [
        { unitId: 'dni.phurieng.vhxh', role: 'specialist' },
        { unitId: 'dni.phurieng.ttpvhcc', role: 'reception' },
      ],
      reason: 'Tăng cường bộ phận một cửa',
    };
    await expectRefused(a, (c) => c.put(`/api/admin/officials/${o.id}/memberships`, next), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const grantPolice = await a.as['quantri.phurieng'].put(`/api/admin/officials/${o.id}/memberships`, {
      memberships: [{ unitId: 'dni.phurieng.congan', role: 'specialist' }],
    });
    expect(grantPolice.json().error.code).toBe('OUT_OF_SCOPE');
    const grantCatalogue = await a.as['quantri.phurieng'].put(`/api/admin/officials/${o.id}/memberships`, {
      memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'catalogue_admin' }],
    });
    expect(grantCatalogue.json().error.code).toBe('RESERVED_ROLE');
    const r = await a.as['quantri.phurieng'].put(`/api/admin/officials/${o.id}/memberships`, next);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().memberships).toEqual([
      { unitId: 'dni.phurieng.ttpvhcc', role: 'reception' },
      { unitId: 'dni.phurieng.vhxh', role: 'specialist' },
    ]);
    const change = await lastChange(a, 'membership', o.id);
    expect(change).toMatchObject({
      action: 'set',
      before: { memberships: [{ unitId: 'dni.phurieng.vhxh', role: 'specialist' }] },
      after: {
        memberships: [
          { unitId: 'dni.phurieng.ttpvhcc', role: 'reception' },
          { unitId: 'dni.phurieng.vhxh', role: 'specialist' },
        ],
      },
    });
    expect((await session.get('/api/staff/me')).statusCode).toBe(401);
    // The unit administrator manages no account outside their units, nor one holding a reserved role.
    const police = await a.idOf('chuyenvien.congan');
    expect((await a.as['quantri.phurieng'].put(`/api/admin/officials/${police}/memberships`, next)).json().error.code).toBe('OUT_OF_SCOPE');
    const cat = await freshOfficial([{ unitId: 'dni.phurieng.vhxh', role: 'catalogue_admin' }]);
    expect((await a.as['quantri.phurieng'].put(`/api/admin/officials/${cat.id}/memberships`, next)).json().error.code).toBe('RESERVED_ROLE');
  });

  it('nobody changes their own roles or deactivates themselves', async () => {
    const me = await a.idOf('quantri.phurieng');
    const r = await a.as['quantri.phurieng'].put(`/api/admin/officials/${me}/memberships`, { memberships: [{ unitId: 'dni.phurieng.ubnd', role: 'leader' }] });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('SELF_CHANGE_FORBIDDEN');
    expect((await a.as.quantri.post(`/api/admin/officials/${await a.idOf('quantri')}/deactivate`, { reason: 'Thử tự khóa' })).json().error.code).toBe(
      'SELF_CHANGE_FORBIDDEN',
    );
  });

  it('deactivate: the account can no longer log in and its sessions end', async () => {
    const o = await freshOfficial();
    const session = await login(a.t, o.username, 'TamThoi@2025');
    const body = { reason: 'Cán bộ chuyển công tác' };
    await expectRefused(a, (c) => c.post(`/api/admin/officials/${o.id}/deactivate`, body), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    expect((await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/deactivate`, {})).statusCode).toBe(400); // a reason is required
    const r = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/deactivate`, body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().active).toBe(false);
    expect(await lastChange(a, 'official', o.id)).toMatchObject({
      action: 'deactivate',
      before: { active: true },
      after: { active: false },
      reason: 'Cán bộ chuyển công tác',
    });
    expect((await session.get('/api/staff/me')).statusCode).toBe(401);
    const denied = await new TestClient(a.t.app).post('/api/staff/login', { username: o.username, password: 'TamThoi@2025' });
    expect(denied.json().error.code).toBe('ACCOUNT_DISABLED');
    expect((await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/deactivate`, body)).json().error.code).toBe('ALREADY_INACTIVE');
  });

  it('reactivate: the account logs in again', async () => {
    const o = await freshOfficial();
    await a.as.quantri.post(`/api/admin/officials/${o.id}/deactivate`, { reason: 'Nghỉ phép dài hạn' });
    await expectRefused(a, (c) => c.post(`/api/admin/officials/${o.id}/reactivate`, {}), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const r = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/reactivate`, { reason: 'Trở lại công tác' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await lastChange(a, 'official', o.id)).toMatchObject({ action: 'reactivate', before: { active: false }, after: { active: true } });
    await login(a.t, o.username, 'TamThoi@2025');
  });

  it('reset password: the temporary password works, the old one no longer does; nothing secret is logged', async () => {
    const o = await freshOfficial();
    const session = await login(a.t, o.username, 'TamThoi@2025');
    const body = { password: 'MoiDatLai@2025', reason: 'Cán bộ quên mật khẩu' };
    await expectRefused(a, (c) => c.post(`/api/admin/officials/${o.id}/password`, body), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    expect((await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/password`, { password: 'yeu' })).json().error.code).toBe('WEAK_PASSWORD');
    const r = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/password`, body);
    expect(r.statusCode, r.body).toBe(200);
    noSecrets(r.body);
    const change = await lastChange(a, 'official', o.id);
    expect(change).toMatchObject({ action: 'reset_password', after: { passwordReset: true } });
    expect(JSON.stringify(change)).not.toContain('MoiDatLai');
    expect((await session.get('/api/staff/me')).statusCode).toBe(401);
    expect((await new TestClient(a.t.app).post('/api/staff/login', { username: o.username, password: 'TamThoi@2025' })).statusCode).toBe(401);
    await login(a.t, o.username, 'MoiDatLai@2025');
  });

  it('unlock: an account locked by wrong passwords logs in again at once', async () => {
    const o = await freshOfficial();
    const c = new TestClient(a.t.app);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await c.post('/api/staff/login', { username: o.username, password: 'sai-mat-khau-1' });
    expect((await c.post('/api/staff/login', { username: o.username, password: 'TamThoi@2025' })).statusCode).toBe(423);
    expect((await a.as.quantri.get(`/api/admin/officials/${o.id}`)).json().locked).toBe(true);
    await expectRefused(a, (x) => x.post(`/api/admin/officials/${o.id}/unlock`, {}), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const r = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/unlock`, { reason: 'Cán bộ đã xác minh danh tính' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ locked: false, lockedUntil: null });
    expect(await lastChange(a, 'official', o.id)).toMatchObject({ action: 'unlock', before: { locked: true }, after: { locked: false } });
    await login(a.t, o.username, 'TamThoi@2025');
    expect((await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/unlock`, {})).json().error.code).toBe('ACCOUNT_NOT_LOCKED');
  });

  it('TOTP enrolment: an otpauth URI once, enabled only after a valid first code; login then requires it', async () => {
    const o = await freshOfficial();
    await expectRefused(a, (c) => c.post(`/api/admin/officials/${o.id}/totp/enrol`), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const r = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/totp/enrol`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const url = new URL(r.json().otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(decodeURIComponent(url.pathname)).toContain(o.username);
    const secret = url.searchParams.get('secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Not enabled yet: the password alone still logs in, and the secret is in no other answer or log.
    await login(a.t, o.username, 'TamThoi@2025');
    const view = await a.as.quantri.get(`/api/admin/officials/${o.id}`);
    expect(view.json().totpEnabled).toBe(false);
    expect(view.body).not.toContain(secret);
    expect((await a.as.quantri.get('/api/admin/changes?pageSize=200')).body).not.toContain(secret);

    const code = totp(secret);
    const wrong = hotp(base32Decode(secret), Math.floor(Date.now() / 30_000) + 10);
    await expectRefused(a, (c) => c.post(`/api/admin/officials/${o.id}/totp/verify`, { code }), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const bad = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/totp/verify`, { code: wrong });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('TOTP_INVALID');
    const ok = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/totp/verify`, { code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().totpEnabled).toBe(true);
    noSecrets(ok.body);
    expect(await lastChange(a, 'official', o.id)).toMatchObject({ action: 'totp_enabled', before: { totpEnabled: false }, after: { totpEnabled: true } });
    const needs = await new TestClient(a.t.app).post('/api/staff/login', { username: o.username, password: 'TamThoi@2025' });
    expect(needs.json().error.code).toBe('TOTP_REQUIRED');
    expect((await new TestClient(a.t.app).post('/api/staff/login', { username: o.username, password: 'TamThoi@2025', totp: totp(secret) })).statusCode).toBe(
      200,
    );
    expect((await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/totp/enrol`)).json().error.code).toBe('TOTP_ALREADY_ENABLED');
  });

  it('TOTP disable: another administrator turns it off with a reason', async () => {
    const o = await freshOfficial();
    const secret = new URL((await a.as.quantri.post(`/api/admin/officials/${o.id}/totp/enrol`)).json().otpauthUrl).searchParams.get('secret')!;
    expect((await a.as.quantri.post(`/api/admin/officials/${o.id}/totp/verify`, { code: totp(secret) })).statusCode).toBe(200);
    const body = { reason: 'Cán bộ mất điện thoại' };
    await expectRefused(a, (c) => c.post(`/api/admin/officials/${o.id}/totp/disable`, body), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const r = await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/totp/disable`, body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().totpEnabled).toBe(false);
    expect(await lastChange(a, 'official', o.id)).toMatchObject({
      action: 'totp_disabled',
      before: { totpEnabled: true },
      after: { totpEnabled: false },
      reason: 'Cán bộ mất điện thoại',
    });
    await login(a.t, o.username, 'TamThoi@2025');
    expect((await a.as['quantri.phurieng'].post(`/api/admin/officials/${o.id}/totp/disable`, body)).json().error.code).toBe('TOTP_NOT_ENABLED');
  });

  it('every change above is in the log, and the chain verifies', async () => {
    const r = await a.as.quantri.get('/api/admin/changes/verify');
    expect(r.json()).toEqual({ entries: await a.changeCount(), problems: [] });
    expect(await a.changeCount()).toBeGreaterThan(3);
  });
});
