import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../testing/harness.ts';
import { expectRefused, lastChange, startAdminTest, type AdminTest } from './testing.ts';

describe(`administration of org units on ${testDatabaseKind}`, () => {
  let a: AdminTest;
  beforeAll(async () => {
    a = await startAdminTest();
  });
  afterAll(async () => a?.close());

  const newUnit = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: `Tổ thử nghiệm ${id}`,
    kind: 'to_cong_tac',
    adminUnitCode: '25252',
    parentId: 'dni.phurieng.ubnd',
    address: 'Xã Phú Riềng, tỉnh Đồng Nai',
    reason: 'Thành lập tổ công tác',
    ...extra,
  });

  it('list: each reader sees the units of their reach, closed ones included; others are refused', async () => {
    const ids = async (who: 'quantri' | 'quantri.phurieng' | 'giamsat.dongnai') =>
      ((await a.as[who].get('/api/admin/units')).json().items as { id: string }[]).map((u) => u.id);
    expect(await ids('quantri')).toEqual(expect.arrayContaining(['dni.ubnd', 'dni.congan', 'dni.phurieng.congan', 'dni.xuanthanh.ubnd']));
    const phurieng = await ids('quantri.phurieng');
    expect(phurieng).toEqual(expect.arrayContaining(['dni.phurieng.ubnd', 'dni.phurieng.ttpvhcc', 'dni.phurieng.vhxh']));
    // Công an xã hangs under Công an tỉnh, not under UBND xã.
    expect(phurieng).not.toContain('dni.phurieng.congan');
    expect(phurieng).not.toContain('dni.xuanthanh.ubnd');
    const supervisor = await ids('giamsat.dongnai');
    expect(supervisor).toEqual(expect.arrayContaining(['dni.ubnd', 'dni.phurieng.vhxh', 'dni.xuanthanh.ttpvhcc']));
    expect(supervisor).not.toContain('dni.congan');
    const search = (await a.as.quantri.get('/api/admin/units?q=van hoa xa hoi phu rieng&status=open')).json().items;
    expect(search.map((u: { id: string }) => u.id)).toEqual(['dni.phurieng.vhxh']);
    await expectRefused(a, (c) => c.get('/api/admin/units'), ['tiepnhan.phurieng']);
  });

  it('get one with its history: in reach only', async () => {
    const r = await a.as['quantri.phurieng'].get('/api/admin/units/dni.phurieng.vhxh');
    expect(r.statusCode).toBe(200);
    expect(r.json().unit).toMatchObject({ id: 'dni.phurieng.vhxh', parentId: 'dni.phurieng.ubnd', status: 'open', effectiveTo: null });
    expect(Array.isArray(r.json().history)).toBe(true);
    expect((await a.as['giamsat.dongnai'].get('/api/admin/units/dni.phurieng.vhxh')).statusCode).toBe(200);
    expect((await a.as.quantri.get('/api/admin/units/khong.co')).statusCode).toBe(404);
    await expectRefused(a, (c) => c.get('/api/admin/units/dni.phurieng.vhxh'), ['tiepnhan.phurieng', 'quantri.xuanthanh']);
  });

  it('create: a unit administrator below their unit, logged with its state after', async () => {
    await expectRefused(a, (c) => c.post('/api/admin/units', newUnit('dni.phurieng.totest')), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    const r = await a.as['quantri.phurieng'].post('/api/admin/units', newUnit('dni.phurieng.totest', { agencyCode: '000.09.52.H19' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ id: 'dni.phurieng.totest', parentId: 'dni.phurieng.ubnd', agencyCode: '000.09.52.H19', status: 'open' });
    const change = await lastChange(a, 'org_unit', 'dni.phurieng.totest');
    expect(change).toMatchObject({ action: 'create', before: null, actorUsername: 'quantri.phurieng', reason: 'Thành lập tổ công tác' });
    expect(change.after).toMatchObject({ id: 'dni.phurieng.totest', name: 'Tổ thử nghiệm dni.phurieng.totest' });
    // It is now in the administrator's reach.
    expect((await a.as['quantri.phurieng'].get('/api/admin/units/dni.phurieng.totest')).statusCode).toBe(200);
  });

  it('create: validation and conflicts, in Vietnamese', async () => {
    const badCode = await a.as.quantri.post('/api/admin/units', newUnit('dni.phurieng.tobad', { agencyCode: '000.9.52.H19' }));
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.details.issues[0].message).toContain('Mã định danh cơ quan');
    expect((await a.as.quantri.post('/api/admin/units', newUnit('dni.phurieng.tobad', { agencyCode: '000.00.52.H19' }))).json().error.code).toBe(
      'AGENCY_CODE_TAKEN',
    );
    expect((await a.as.quantri.post('/api/admin/units', newUnit('dni.phurieng.vhxh'))).json().error.code).toBe('UNIT_EXISTS');
    expect((await a.as.quantri.post('/api/admin/units', newUnit('dni.phurieng.tobad', { adminUnitCode: '01001' }))).json().error.code).toMatch(
      /ADMIN_UNIT_(NOT_FOUND|OUTSIDE_PROVINCE)/,
    );
    expect((await a.as.quantri.post('/api/admin/units', { ...newUnit('dni.phurieng.tobad'), extra: 1 })).statusCode).toBe(400);
    // A unit administrator does not create top-level units.
    expect((await a.as['quantri.phurieng'].post('/api/admin/units', newUnit('dni.toplevel', { parentId: undefined }))).statusCode).toBe(403);
  });

  it('update: details of a unit in reach, previous state kept in the log', async () => {
    await expectRefused(a, (c) => c.request('PATCH', '/api/admin/units/dni.phurieng.vhxh', { phone: '0271 3000 111' }), [
      'tiepnhan.phurieng',
      'giamsat.dongnai',
      'quantri.xuanthanh',
    ]);
    const r = await a.as['quantri.phurieng'].request('PATCH', '/api/admin/units/dni.phurieng.vhxh', {
      phone: '0271 3000 111',
      email: 'vhxh@phurieng.dongnai.gov.vn',
      reason: 'Cập nhật số điện thoại',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ phone: '0271 3000 111', email: 'vhxh@phurieng.dongnai.gov.vn' });
    const change = await lastChange(a, 'org_unit', 'dni.phurieng.vhxh');
    expect(change.action).toBe('update');
    expect(change.before).toMatchObject({ phone: null, email: null });
    expect(change.after).toMatchObject({ phone: '0271 3000 111' });
    // Công an xã is not under UBND xã: out of the unit administrator's reach.
    const police = await a.as['quantri.phurieng'].request('PATCH', '/api/admin/units/dni.phurieng.congan', { phone: '0271 3000 113' });
    expect(police.statusCode).toBe(403);
    expect(police.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await a.as['quantri.phurieng'].request('PATCH', '/api/admin/units/dni.phurieng.vhxh', {})).statusCode).toBe(400);
  });

  it('update: moving a unit — below the administrator only, never into its own subtree', async () => {
    // The unit administrator may not move the unit they administer.
    const own = await a.as['quantri.phurieng'].request('PATCH', '/api/admin/units/dni.phurieng.ubnd', { parentId: 'dni.congan' });
    expect(own.statusCode).toBe(403);
    const cycle = await a.as.quantri.request('PATCH', '/api/admin/units/dni.phurieng.ubnd', { parentId: 'dni.phurieng.vhxh' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.code).toBe('UNIT_CYCLE');
    const moved = await a.as['quantri.phurieng'].request('PATCH', '/api/admin/units/dni.phurieng.totest', {
      parentId: 'dni.phurieng.vhxh',
      reason: 'Chuyển về phòng VH-XH',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().parentId).toBe('dni.phurieng.vhxh');
  });

  it('close: a unit below the administrator, with a successor; refused while it has open children or members', async () => {
    await a.as['quantri.phurieng'].post('/api/admin/units', newUnit('dni.phurieng.toclose'));
    const body = { succeededBy: 'dni.phurieng.vhxh', reason: 'Sáp nhập vào Phòng Văn hóa - Xã hội' };
    await expectRefused(a, (c) => c.post('/api/admin/units/dni.phurieng.toclose/close', body), ['tiepnhan.phurieng', 'giamsat.dongnai', 'quantri.xuanthanh']);
    expect((await a.as['quantri.phurieng'].post('/api/admin/units/dni.phurieng.ubnd/close', body)).statusCode).toBe(403);
    expect((await a.as.quantri.post('/api/admin/units/dni.phurieng.vhxh/close', { reason: 'Thử giải thể' })).json().error.code).toBe('UNIT_HAS_OPEN_CHILDREN');
    expect((await a.as.quantri.post('/api/admin/units/dni.phurieng.kinhte/close', { reason: 'Thử giải thể' })).json().error.code).toBe('UNIT_HAS_MEMBERS');
    const r = await a.as['quantri.phurieng'].post('/api/admin/units/dni.phurieng.toclose/close', body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'closed', succeededBy: 'dni.phurieng.vhxh' });
    expect(r.json().effectiveTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const change = await lastChange(a, 'org_unit', 'dni.phurieng.toclose');
    expect(change).toMatchObject({
      action: 'close',
      before: { status: 'open', effectiveTo: null },
      after: { status: 'closed', succeededBy: 'dni.phurieng.vhxh' },
    });
    expect((await a.as['quantri.phurieng'].post('/api/admin/units/dni.phurieng.toclose/close', body)).json().error.code).toBe('UNIT_CLOSED');
    expect((await a.as['quantri.phurieng'].request('PATCH', '/api/admin/units/dni.phurieng.toclose', { phone: '0271 3000 999' })).json().error.code).toBe(
      'UNIT_CLOSED',
    );
    // Closed units stay in the list (history) and leave the public list of agencies.
    const closed = (await a.as['quantri.phurieng'].get('/api/admin/units?status=closed')).json().items;
    expect(closed.map((u: { id: string }) => u.id)).toEqual(['dni.phurieng.toclose']);
    const publicList = (await a.anonymous.get('/api/org-units?adminUnit=25252')).json();
    expect(publicList.map((u: { id: string }) => u.id)).not.toContain('dni.phurieng.toclose');
  });

  it('every change above is in the log, and the chain verifies', async () => {
    const r = await a.as.quantri.get('/api/admin/changes/verify');
    expect(r.json()).toEqual({ entries: await a.changeCount(), problems: [] });
    expect(await a.changeCount()).toBeGreaterThan(3);
  });
});
