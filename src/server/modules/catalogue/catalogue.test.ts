import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../../core/catalogue/schema.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { addDaysIso } from '../../../core/calendar/holidays.ts';
import { fromLocal, toLocal } from '../../../core/deadlines/deadlines.ts';
import { now, resetClock, setClockTo } from '../../clock.ts';
import { readCatalogueFiles, seedCatalogue } from './service.ts';

describe(`procedure catalogue on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let admin: TestClient;
  let clerk: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    await seedCatalogue(t.ctx.db);
    await seedCatalogue(t.ctx.db);
    admin = new TestClient(t.app);
    await admin.loginAs(t.ctx.db, 'official', { userId: 'a1', username: 'quantri', fullName: 'Quản trị', roles: ['catalogue_admin'], unitIds: [] });
    clerk = new TestClient(t.app);
    await clerk.loginAs(t.ctx.db, 'official', { userId: 'c1', username: 'vanthu', fullName: 'Văn thư', roles: ['clerk'], unitIds: [] });
  });
  afterAll(async () => t?.close());

  it('holds at least 20 procedures, each with cases, documents, fees and time limits', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/procedures?pageSize=100' });
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(20);
    for (const item of body.items) {
      const d = (await t.app.inject({ method: 'GET', url: `/api/procedures/${encodeURIComponent(item.code)}` })).json().definition as ProcedureDefinition;
      expect(d.cases.length, d.code).toBeGreaterThan(0);
      for (const c of d.cases) {
        expect(c.documents.length, `${d.code}/${c.code}`).toBeGreaterThan(0);
        expect(c.timeLimit.unit).toMatch(/working_days|working_hours|calendar_days|months/);
        expect(Array.isArray(c.fees)).toBe(true);
        expect(c.result.code).toBeTruthy();
      }
    }
  });

  it('finds "Đăng ký khai sinh" first for "dang ky khai sinh" and for "khai sinh"', async () => {
    for (const q of ['dang ky khai sinh', 'khai sinh', 'ĐĂNG KÝ KHAI SINH']) {
      const r = (await t.app.inject({ method: 'GET', url: `/api/procedures?q=${encodeURIComponent(q)}` })).json();
      expect(r.items[0].name, q).toBe('Đăng ký khai sinh');
      expect(r.items.length).toBeGreaterThan(1);
    }
  });

  it('says birth registration is free when on time, from its fee data (not "Có thu phí")', async () => {
    const birth = (await t.app.inject({ method: 'GET', url: '/api/procedures?q=1.001193' })).json().items[0];
    // On time: only the optional extra copies cost; late: the registration fee.
    expect(birth).toMatchObject({ code: '1.001193', hasFee: true, freeInSomeCases: true, freeWhen: 'đúng hạn' });
    const all = (await t.app.inject({ method: 'GET', url: '/api/procedures?pageSize=100' })).json().items as { hasFee: boolean; freeInSomeCases: boolean }[];
    // A procedure without fees is free in every case; some procedures cost in every case.
    expect(all.filter((p) => !p.hasFee).every((p) => p.freeInSomeCases)).toBe(true);
    expect(all.some((p) => p.hasFee && !p.freeInSomeCases)).toBe(true);
  });

  it('finds a procedure by its code or the beginning of it', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures?q=1.001193' })).json().items[0]).toMatchObject({
      code: '1.001193',
      name: 'Đăng ký khai sinh',
    });
    const prefix = (await t.app.inject({ method: 'GET', url: '/api/procedures?q=2.0009' })).json().items.map((x: { code: string }) => x.code);
    expect(prefix.slice(0, 3).sort()).toEqual(['2.000907', '2.000908', '2.000986']);
  });

  it('filters by field and by level', async () => {
    const r = (await t.app.inject({ method: 'GET', url: '/api/procedures?field=CT&pageSize=100' })).json();
    expect(r.items.length).toBeGreaterThan(2);
    expect(r.items.every((i: { field: { code: string } }) => i.field.code === 'CT')).toBe(true);
    const l = (await t.app.inject({ method: 'GET', url: '/api/procedures?level=mot_phan&pageSize=100' })).json();
    expect(l.items.every((i: { level: string }) => i.level === 'mot_phan')).toBe(true);
    const fields = (await t.app.inject({ method: 'GET', url: '/api/procedure-fields' })).json();
    expect(fields.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['HT', 'CT', 'CTRU', 'BTXH']));
  });

  it('answers an unknown procedure with a Vietnamese 404', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/procedures/9.999999' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.message).toContain('Không tìm thấy thủ tục');
  });

  it('editing creates version 2 and leaves version 1 untouched', async () => {
    const def = readCatalogueFiles().find((d) => d.code === '2.000884')!;
    const edited = { ...def, name: `${def.name} (sửa đổi)`, effectiveFrom: '2026-01-01' };
    const put = await admin.put('/api/admin/procedures/2.000884', edited);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, status: 'active' });
    const versions = (await admin.get('/api/admin/procedures/2.000884/versions')).json();
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatchObject({ version: 1, status: 'retired', effectiveTo: '2026-01-01' });
    expect(versions[0].definition.name).toBe(def.name);
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures/2.000884' })).json().definition.name).toContain('(sửa đổi)');
    // The database itself refuses to rewrite a version.
    await expect(t.ctx.db.query("UPDATE procedure_versions SET definition = '{}' WHERE procedure_code = '2.000884' AND version = 1")).rejects.toThrow(
      /immutable/,
    );
  });

  it('schedules a version that takes effect later, and puts it into force on its date', async () => {
    const def = readCatalogueFiles().find((d) => d.code === '2.000908')!;
    const today = toLocal(now()).day;
    const later = addDaysIso(today, 10);
    const put = await admin.put('/api/admin/procedures/2.000908', { ...def, name: `${def.name} (theo quyết định mới)`, effectiveFrom: later });
    expect(put.json()).toMatchObject({ version: 2, status: 'draft', effectiveFrom: later });
    // Until that day the version in force is unchanged, for the catalogue and for new dossiers.
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures/2.000908' })).json()).toMatchObject({ version: 1 });
    try {
      setClockTo(fromLocal(later, 1), { frozen: true });
      expect((await t.app.inject({ method: 'GET', url: '/api/procedures/2.000908' })).json()).toMatchObject({
        version: 2,
        definition: { name: expect.stringContaining('quyết định mới') },
      });
      const versions = (await admin.get('/api/admin/procedures/2.000908/versions')).json();
      expect(versions.map((v: { status: string; effectiveTo: string | null }) => [v.status, v.effectiveTo])).toEqual([
        ['retired', later],
        ['active', null],
      ]);
    } finally {
      resetClock();
    }
  });

  it('creates a new procedure; a duplicate code is refused', async () => {
    const def = { ...readCatalogueFiles()[0], code: 'DNI.TEST.001', name: 'Thủ tục thử nghiệm mới' };
    expect((await admin.post('/api/admin/procedures', def)).statusCode).toBe(201);
    expect((await admin.post('/api/admin/procedures', def)).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures?q=thu nghiem moi' })).json().items[0].code).toBe('DNI.TEST.001');
  });

  it('refuses a malformed definition with 400 and writes nothing', async () => {
    const before = (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure_versions')).rows[0].n;
    const bad = await admin.post('/api/admin/procedures', { code: 'X 1', name: 'a', cases: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const broken = await admin.request('POST', '/api/admin/procedures', '{"code": ', { 'content-type': 'application/json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('MALFORMED_JSON');
    expect((await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure_versions')).rows[0].n).toBe(before);
  });

  it('refuses an e-form binding a procedure role its form does not derive (prefillRoles), and writes nothing', async () => {
    const def = readCatalogueFiles().find((d) => d.code === '1.001193')!;
    const before = (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure_versions')).rows[0].n;
    const { prefillRoles: _dropped, ...form } = def.cases[0].form!;
    const r = await admin.put('/api/admin/procedures/1.001193', { ...def, cases: [{ ...def.cases[0], form }, ...def.cases.slice(1)] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_FAILED');
    expect(r.json().error.details.issues[0]).toMatchObject({ path: 'cases.0.form', code: 'custom' });
    expect(r.json().error.details.issues[0].message).toContain('prefillRoles');
    expect((await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedure_versions')).rows[0].n).toBe(before);
    const renamed = await admin.put('/api/admin/procedures/1.001193', {
      ...def,
      cases: [{ ...def.cases[0], form: { ...form, prefillRoles: 'khai-sinh' } }, ...def.cases.slice(1)],
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.details.issues[0].message).toContain('không có bộ suy vai trò "khai-sinh"');
  });

  it('lets only catalogue administrators change the catalogue', async () => {
    const def = readCatalogueFiles()[1];
    expect((await clerk.put(`/api/admin/procedures/${def.code}`, def)).statusCode).toBe(403);
    expect((await new TestClient(t.app).put(`/api/admin/procedures/${def.code}`, def)).statusCode).toBe(401);
    const citizen = new TestClient(t.app);
    await citizen.loginAs(t.ctx.db, 'citizen', { citizenId: '11111111-1111-4111-8111-111111111111', idNumber: '070195012346', fullName: 'Trần Thị Mai' });
    expect((await citizen.put(`/api/admin/procedures/${def.code}`, def)).statusCode).toBe(403);
  });
});
