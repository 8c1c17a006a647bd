import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogueFiles } from '../catalogue/index.ts';
import { testDatabaseKind, type TestClient } from '../../testing/harness.ts';
import { verifyChanges } from './changes.ts';
import { expectRefused, lastChange, login, startAdminTest, type AdminTest } from './testing.ts';

interface Entry {
  id: number;
  at: string;
  actorUsername: string;
  entityKind: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

describe(`the administration change log on ${testDatabaseKind}`, () => {
  let a: AdminTest;
  let catalogueAdmin: TestClient;
  beforeAll(async () => {
    a = await startAdminTest();
    // Changes by several administrators in several units.
    const unit = (id: string, parentId: string, adminUnitCode: string) => ({
      id,
      name: `Tổ ${id}`,
      kind: 'to_cong_tac',
      adminUnitCode,
      parentId,
      reason: 'Thành lập tổ',
    });
    expect((await a.as['quantri.phurieng'].post('/api/admin/units', unit('dni.phurieng.tolog', 'dni.phurieng.ubnd', '25252'))).statusCode).toBe(201);
    expect((await a.as['quantri.xuanthanh'].post('/api/admin/units', unit('dni.xuanthanh.tolog', 'dni.xuanthanh.ubnd', '26434'))).statusCode).toBe(201);
    expect((await a.as['quantri.phurieng'].request('PATCH', '/api/admin/units/dni.phurieng.tolog', { phone: '0271 3000 001' })).statusCode).toBe(200);
    expect(
      (await a.as.quantri.post('/api/admin/calendar/days', { day: '2026-06-15', kind: 'compensatory_day_off', name: 'Nghỉ', reason: 'Quyết định của tỉnh' }))
        .statusCode,
    ).toBe(201);
    const cat = await a.as.quantri.post('/api/admin/officials', {
      username: 'quantri.danhmuc',
      fullName: 'Quản trị danh mục',
      password: 'DanhMuc@2025x',
      memberships: [{ unitId: 'dni.ubnd', role: 'catalogue_admin' }],
    });
    expect(cat.statusCode).toBe(201);
    catalogueAdmin = await login(a.t, 'quantri.danhmuc', 'DanhMuc@2025x');
  });
  afterAll(async () => a?.close());

  const list = async (c: TestClient, query = '') => {
    const r = await c.get(`/api/admin/changes?pageSize=200${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { total: number; page: number; pageSize: number; items: Entry[] };
  };

  it('the procedure create and new-version routes write a change entry in the same transaction', async () => {
    const def = { ...readCatalogueFiles()[0], code: 'DNI.TEST.LOG', name: 'Thủ tục thử nhật ký', effectiveFrom: '2026-01-01' };
    expect((await catalogueAdmin.post('/api/admin/procedures', def)).statusCode).toBe(201);
    const created = await lastChange(a, 'procedure', 'DNI.TEST.LOG');
    expect(created).toMatchObject({
      action: 'create',
      actorUsername: 'quantri.danhmuc',
      before: { active: null },
      after: { active: { version: 1, status: 'active', name: 'Thủ tục thử nhật ký' }, previous: null },
    });
    const put = await catalogueAdmin.put('/api/admin/procedures/DNI.TEST.LOG', { ...def, name: 'Thủ tục thử nhật ký (sửa)', effectiveFrom: '2026-02-01' });
    expect(put.statusCode).toBe(200);
    const edited = await lastChange(a, 'procedure', 'DNI.TEST.LOG');
    expect(edited).toMatchObject({
      action: 'new_version',
      before: { active: { version: 1, status: 'active', effectiveTo: null } },
      after: { active: { version: 2, name: 'Thủ tục thử nhật ký (sửa)' }, previous: { version: 1, status: 'retired', effectiveTo: '2026-02-01' } },
    });
    expect((edited.after as { active: { definitionSha256: string } }).active.definitionSha256).toMatch(/^[0-9a-f]{64}$/);
    // A refused write logs nothing.
    const n = await a.changeCount();
    expect((await a.as['quantri.phurieng'].put('/api/admin/procedures/DNI.TEST.LOG', def)).statusCode).toBe(403);
    expect((await catalogueAdmin.post('/api/admin/procedures', def)).statusCode).toBe(409);
    expect(await a.changeCount()).toBe(n);
  });

  it('filters by entity kind, entity, actor and date range, newest first, with paging', async () => {
    const all = await list(a.as.quantri);
    expect(all.items.map((e) => e.id)).toEqual([...all.items.map((e) => e.id)].sort((x, y) => y - x));
    const units = await list(a.as.quantri, '&entityKind=org_unit');
    expect(units.items.every((e) => e.entityKind === 'org_unit')).toBe(true);
    const one = await list(a.as.quantri, '&entityKind=org_unit&entityId=dni.phurieng.tolog');
    expect(one.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(one.items[0]).toMatchObject({ before: { phone: null }, after: { phone: '0271 3000 001' } });
    const byActor = await list(a.as.quantri, '&actor=quantri.xuanthanh');
    expect(byActor.items.map((e) => e.entityId)).toEqual(['dni.xuanthanh.tolog']);
    const vnDay = (at: string) => new Date(Date.parse(at) + 7 * 3_600_000).toISOString().slice(0, 10);
    const [first, last] = [vnDay(all.items[all.items.length - 1].at), vnDay(all.items[0].at)];
    expect((await list(a.as.quantri, `&from=${first}&to=${last}`)).total).toBe(all.total);
    expect((await list(a.as.quantri, '&to=2020-01-01')).total).toBe(0);
    expect((await list(a.as.quantri, `&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).total).toBe(0);
    const page = (await a.as.quantri.get('/api/admin/changes?page=2&pageSize=2')).json();
    expect(page.items.map((e: Entry) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
    expect((await a.as.quantri.get('/api/admin/changes?entityKind=dossier')).statusCode).toBe(400);
    expect((await a.as.quantri.get('/api/admin/changes?from=hom-qua')).statusCode).toBe(400);
  });

  it('each reader sees the changes of their reach; others are refused', async () => {
    const ids = async (c: TestClient) => (await list(c)).items.map((e) => `${e.entityKind}:${e.entityId}`);
    const phurieng = await ids(a.as['quantri.phurieng']);
    expect(phurieng).toContain('org_unit:dni.phurieng.tolog');
    expect(phurieng).not.toContain('org_unit:dni.xuanthanh.tolog');
    expect(phurieng).toContain('calendar_day:2026-06-15'); // installation-wide settings are visible to every administrator
    expect(phurieng.some((x) => x.startsWith('official:'))).toBe(false); // the catalogue administrator was created at dni.ubnd
    const supervisor = await ids(a.as['giamsat.dongnai']);
    expect(supervisor).toEqual(expect.arrayContaining(['org_unit:dni.phurieng.tolog', 'org_unit:dni.xuanthanh.tolog']));
    const catalogue = await list(catalogueAdmin);
    expect(catalogue.items.length).toBeGreaterThan(0);
    expect(catalogue.items.every((e) => e.entityKind === 'procedure')).toBe(true);
    await expectRefused(a, (c) => c.get('/api/admin/changes'), ['tiepnhan.phurieng']);
  });

  it('the chain verifies, and the system administrator alone runs the check over the API', async () => {
    const r = await a.as.quantri.get('/api/admin/changes/verify');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ entries: await a.changeCount(), problems: [] });
    await expectRefused(a, (c) => c.get('/api/admin/changes/verify'), ['quantri.phurieng', 'giamsat.dongnai', 'tiepnhan.phurieng']);
  });

  it('concurrent changes are chained one after another', async () => {
    const units = ['dni.phurieng.vhxh', 'dni.phurieng.kinhte', 'dni.phurieng.vanphong', 'dni.xuanthanh.vhxh', 'dni.xuanthanh.kinhte', 'dni.xuanthanh.vanphong'];
    const results = await Promise.all(units.map((u, i) => a.as.quantri.request('PATCH', `/api/admin/units/${u}`, { phone: `0271 3000 ${200 + i}` })));
    expect(results.map((r) => r.statusCode)).toEqual(units.map(() => 200));
    expect((await verifyChanges(a.t.ctx.db)).problems).toEqual([]);
  });

  it('the log is append-only, and an edited or removed entry breaks the chain', async () => {
    const db = a.t.ctx.db;
    await expect(db.query("UPDATE admin_changes SET reason = 'sửa lén' WHERE id = 2")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM admin_changes WHERE id = 2')).rejects.toThrow(/append-only/);
    // Someone with the rights to drop the trigger edits an entry, then removes the last one.
    await db.exec('ALTER TABLE admin_changes DISABLE TRIGGER admin_changes_append_only');
    await db.query(`UPDATE admin_changes SET after = jsonb_set(after, '{phone}', '"0000"') WHERE entity_id = 'dni.phurieng.tolog' AND action = 'update'`);
    const edited = await verifyChanges(db);
    expect(edited.problems).toEqual([{ seq: expect.any(Number), problem: 'hash_mismatch' }]);
    await db.query('DELETE FROM admin_changes WHERE id = (SELECT max(id) FROM admin_changes)');
    expect((await verifyChanges(db)).problems.map((p) => p.problem)).toEqual(['hash_mismatch', 'head_mismatch']);
    await db.exec('ALTER TABLE admin_changes ENABLE TRIGGER admin_changes_append_only');
  });
});
