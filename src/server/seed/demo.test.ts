import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICIAL_PASSWORD, DEMO_OFFICIALS } from '../modules/officials/index.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../testing/harness.ts';
import { seedDemo } from './demo.ts';

describe(`demo dataset on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(async () => t?.close());

  const count = async (table: string) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  it('loads units, agencies, calendar, catalogue, officials and ≥ 10,000 residents, and a second run changes nothing', async () => {
    const before = {
      units: await count('admin_units'),
      procs: await count('procedure_versions'),
      officials: await count('officials'),
      residents: await count('standin_residents'),
      days: await count('calendar_days'),
    };
    expect(before.units).toBe(3355);
    expect(before.procs).toBeGreaterThanOrEqual(20);
    expect(before.officials).toBe(DEMO_OFFICIALS.length);
    expect(before.residents).toBeGreaterThanOrEqual(10_000);
    expect(before.days).toBeGreaterThan(20);
    await seedDemo(t.ctx.db);
    expect({
      units: await count('admin_units'),
      procs: await count('procedure_versions'),
      officials: await count('officials'),
      residents: await count('standin_residents'),
      days: await count('calendar_days'),
    }).toEqual(before);
  });

  it('lets every demo official log in with the documented password', async () => {
    for (const o of DEMO_OFFICIALS) {
      const res = await new TestClient(t.app).post('/api/staff/login', { username: o.username, password: DEMO_OFFICIAL_PASSWORD });
      expect(res.statusCode, o.username).toBe(200);
      expect(res.json().user.memberships).toEqual(expect.arrayContaining(o.memberships));
    }
  });
});
