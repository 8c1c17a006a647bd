import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { seedReferenceData } from './seed.ts';

describe(`reference data on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    await seedReferenceData(t.ctx.db);
    await seedReferenceData(t.ctx.db); // idempotent
  });
  afterAll(async () => t?.close());

  it('holds the 34 provinces and 3,321 communes of 2025', async () => {
    const { rows } = await t.ctx.db.query<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM admin_units GROUP BY level ORDER BY level');
    expect(rows).toEqual([{ level: 'commune', n: 3321 }, { level: 'province', n: 34 }]);
  });

  it('lists the communes of Đồng Nai, including Phú Riềng and Xuân Thành', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin-units?parent=75' });
    const communes = res.json() as { code: string; name: string }[];
    expect(communes.find((c) => c.code === '25252')?.name).toBe('Xã Phú Riềng');
    expect(communes.find((c) => c.code === '26434')?.name).toBe('Xã Xuân Thành');
  });

  it('describes the demo deployment: province scope and the Phú Riềng agencies', async () => {
    const inst = (await t.app.inject({ method: 'GET', url: '/api/installation' })).json();
    expect(inst).toMatchObject({ provinceCode: '75', provinceName: 'Tỉnh Đồng Nai', defaultUnitId: 'dni.phurieng.ttpvhcc' });
    const units = (await t.app.inject({ method: 'GET', url: '/api/org-units?adminUnit=25252' })).json() as { kind: string; name: string }[];
    expect(units.map((u) => u.kind).sort()).toEqual(['cong_an_xa', 'phong_kinh_te', 'phong_vhxh', 'ttpvhcc', 'ubnd_xa', 'van_phong']);
    expect(units.find((u) => u.kind === 'ttpvhcc')?.name).toBe('Trung tâm Phục vụ hành chính công xã Phú Riềng');
  });

  it('serves the 2026 calendar with Tết and the Giỗ Tổ compensatory day', async () => {
    const days = (await t.app.inject({ method: 'GET', url: '/api/calendar?year=2026' })).json() as { day: string; kind: string; name: string }[];
    expect(days.filter((d) => d.name.startsWith('Tết Nguyên đán')).map((d) => d.day)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(days.find((d) => d.day === '2026-04-27')).toMatchObject({ kind: 'compensatory_day_off' });
  });
});
