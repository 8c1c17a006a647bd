import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDate, formatVn, parseInstant } from '../../../core/deadlines/deadlines.ts';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { loadCalendar } from './calendar.ts';
import { CALENDAR_YEARS, readOrgUnits, seedCalendar, seedReferenceData } from './seed.ts';

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
    expect(rows).toEqual([
      { level: 'commune', n: 3321 },
      { level: 'province', n: 34 },
    ]);
    const orphans = await t.ctx.db.query("SELECT code FROM admin_units WHERE level = 'commune' AND parent_code IS NULL");
    expect(orphans.rows).toEqual([]);
  });

  it('lists provinces, and the communes of Đồng Nai including Phú Riềng and Xuân Thành', async () => {
    const provinces = (await t.app.inject({ method: 'GET', url: '/api/admin-units?level=province' })).json() as { code: string; name: string }[];
    expect(provinces).toHaveLength(34);
    expect(provinces.find((p) => p.code === '75')?.name).toBe('Tỉnh Đồng Nai');
    const res = await t.app.inject({ method: 'GET', url: '/api/admin-units?parent=75' });
    const communes = res.json() as { code: string; name: string; type: string; parentCode: string }[];
    expect(communes).toHaveLength(95);
    expect(communes.find((c) => c.code === '25252')).toMatchObject({ name: 'Xã Phú Riềng', type: 'xã', parentCode: '75' });
    expect(communes.find((c) => c.code === '26434')?.name).toBe('Xã Xuân Thành');
    const bad = await t.app.inject({ method: 'GET', url: '/api/admin-units?parent=7' });
    expect(bad.statusCode).toBe(400);
  });

  it('describes the demo deployment: province scope, default unit, the agencies of both communes', async () => {
    const inst = (await t.app.inject({ method: 'GET', url: '/api/installation' })).json();
    expect(inst).toMatchObject({
      provinceCode: '75',
      provinceName: 'Tỉnh Đồng Nai',
      defaultUnitId: 'dni.phurieng.ttpvhcc',
      defaultUnitName: 'Trung tâm Phục vụ hành chính công xã Phú Riềng',
      // Who runs the portal (its header and help box): the default unit, its commune and phone (the hotline when
      // settings.hotline is not set).
      portal: { unitName: 'TTPVHCC xã Phú Riềng', communeName: 'Xã Phú Riềng', phone: '0271 3000 252', hotline: '0271 3000 252' },
    });
    const units = (await t.app.inject({ method: 'GET', url: '/api/org-units?adminUnit=25252' })).json() as {
      kind: string;
      name: string;
      agencyCode: string;
      address: string;
    }[];
    expect(units.map((u) => u.kind).sort()).toEqual(['cong_an_xa', 'phong_kinh_te', 'phong_vhxh', 'ttpvhcc', 'ubnd_xa', 'van_phong']);
    expect(units.find((u) => u.kind === 'ttpvhcc')?.name).toBe('Trung tâm Phục vụ hành chính công xã Phú Riềng');
    for (const u of units) {
      expect(u.agencyCode, u.name).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H19$/);
      expect(u.address).toContain('Đồng Nai');
    }
    const xt = (await t.app.inject({ method: 'GET', url: '/api/org-units?adminUnit=26434' })).json() as { kind: string }[];
    expect(xt.map((u) => u.kind)).toEqual(expect.arrayContaining(['ubnd_xa', 'ttpvhcc', 'cong_an_xa', 'phong_vhxh']));
    const province = (await t.app.inject({ method: 'GET', url: '/api/org-units?province=75&kind=ttpvhcc' })).json() as { id: string }[];
    expect(province.map((u) => u.id)).toEqual(['dni.ttpvhcc', 'dni.phurieng.ttpvhcc', 'dni.xuanthanh.ttpvhcc']);
  });

  it("gives the installation's hotline when it is configured (settings.hotline)", async () => {
    await t.ctx.db.query(`UPDATE installation SET settings = settings || '{"hotline": "1800 1096"}'::jsonb`);
    try {
      const inst = (await t.app.inject({ method: 'GET', url: '/api/installation' })).json();
      expect(inst.portal).toMatchObject({ hotline: '1800 1096', phone: '0271 3000 252' });
    } finally {
      await t.ctx.db.query("UPDATE installation SET settings = settings - 'hotline'");
    }
  });

  it('has unique agency codes and parents that exist', async () => {
    const file = readOrgUnits();
    expect(new Set(file.units.map((u) => u.agencyCode)).size).toBe(file.units.length);
    const { rows } = await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM org_units');
    expect(rows[0].n).toBe(file.units.length);
  });

  it('serves the 2026 calendar with Tết, lunar dates and the Giỗ Tổ compensatory day', async () => {
    const days = (await t.app.inject({ method: 'GET', url: '/api/calendar?year=2026' })).json() as {
      day: string;
      kind: string;
      name: string;
      lunar: { day: number; month: number };
    }[];
    expect(days.filter((d) => d.name.startsWith('Tết Nguyên đán')).map((d) => d.day)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(days.find((d) => d.day === '2026-02-17')?.lunar).toEqual({ day: 1, month: 1, year: 2026, leap: false });
    expect(days.find((d) => d.day === '2026-04-27')).toMatchObject({ kind: 'compensatory_day_off' });
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar?year=abc' })).statusCode).toBe(400);
  });

  it('regenerates the calendar idempotently and keeps what an administrator entered', async () => {
    const count = async () => (await t.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM calendar_days')).rows[0].n;
    const before = await count();
    await t.ctx.db.query(
      "INSERT INTO calendar_days (day, kind, name, source) VALUES ('2026-03-09', 'compensatory_day_off', 'Nghỉ theo quyết định của UBND tỉnh', 'admin')",
    );
    await t.ctx.db.query("UPDATE calendar_days SET name = 'Nghỉ bù Giỗ Tổ (sửa tay)', source = 'admin' WHERE day = '2026-04-27'");
    await seedCalendar(t.ctx.db);
    await seedCalendar(t.ctx.db);
    expect(await count()).toBe(before + 1);
    const { rows } = await t.ctx.db.query<{ day: string; name: string; source: string }>(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, name, source FROM calendar_days WHERE day IN ('2026-03-09', '2026-04-27') ORDER BY day",
    );
    expect(rows).toEqual([
      { day: '2026-03-09', name: 'Nghỉ theo quyết định của UBND tỉnh', source: 'admin' },
      { day: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ (sửa tay)', source: 'admin' },
    ]);
    // The deadline engine sees the administrator's day off.
    const cal = await loadCalendar(t.ctx.db, parseInstant('2026-03-01T00:00:00+07:00'));
    expect(formatVn(dueDate({ from: parseInstant('2026-03-06T09:00:00+07:00'), amount: 1, unit: 'working_days' }, cal))).toBe('2026-03-10T17:30:00+07:00');
    await t.ctx.db.query("DELETE FROM calendar_days WHERE source = 'admin'");
    await seedCalendar(t.ctx.db);
    expect(await count()).toBe(before);
  });

  it('loads the working calendar with the configured hours and fills unseeded years from the rules', async () => {
    expect(CALENDAR_YEARS).toEqual([2025, 2026, 2027]);
    const now = parseInstant('2027-06-01T09:00:00+07:00');
    const cal = await loadCalendar(t.ctx.db, now);
    expect(cal.hours.intervals).toEqual([
      [450, 690],
      [810, 1050],
    ]);
    expect(cal.days.get('2026-02-17')).toBe('holiday');
    // 2028 is not in the table: its statutory holidays come from the rules (Tết Mậu Thân: 26/01/2028).
    expect(cal.days.get('2028-01-01')).toBe('holiday');
    expect(cal.days.get('2028-01-26')).toBe('holiday');
    await t.ctx.db.query(`UPDATE installation SET settings = settings || $1::jsonb`, [
      {
        workingTime: {
          intervals: [
            ['07:00', '11:30'],
            ['13:00', '16:30'],
          ],
          sameDayCutoff: '15:00',
        },
      },
    ]);
    try {
      const other = await loadCalendar(t.ctx.db, now);
      expect(formatVn(dueDate({ from: parseInstant('2026-03-09T09:00:00+07:00'), amount: 1, unit: 'working_days' }, other))).toBe('2026-03-10T16:30:00+07:00');
    } finally {
      await t.ctx.db.query("UPDATE installation SET settings = settings - 'workingTime'");
    }
  });
});
