/**
 * Shared set-up of the administration tests: a migrated database with the reference data and the demo officials
 * (no population, no catalogue), one logged-in client per account used, a citizen and an anonymous client, and the
 * refusal check every action is paired with.
 */
import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { systemNow } from '../../clock.ts';
import { createOfficial, DEMO_OFFICIAL_PASSWORD, seedDemoOfficials } from '../officials/index.ts';
import { seedReferenceData } from '../reference/index.ts';
import { startTestApp, TestClient, type TestApp } from '../../testing/harness.ts';

/** The demo accounts logged in by the tests, plus quantri.xuanthanh: the unit administrator of another commune. */
export const ACCOUNTS = ['quantri', 'quantri.phurieng', 'quantri.xuanthanh', 'giamsat.dongnai', 'tiepnhan.phurieng', 'tiepnhan.xuanthanh'] as const;
export type Account = (typeof ACCOUNTS)[number];

export interface AdminTest {
  t: TestApp;
  as: Record<Account, TestClient>;
  citizen: TestClient;
  anonymous: TestClient;
  idOf(username: string): Promise<string>;
  changeCount(): Promise<number>;
  close(): Promise<void>;
}

export async function login(t: TestApp, username: string, password = DEMO_OFFICIAL_PASSWORD): Promise<TestClient> {
  const c = new TestClient(t.app);
  const r = await c.post('/api/staff/login', { username, password });
  expect(r.statusCode, `${username}: ${r.body}`).toBe(200);
  return c;
}

export async function startAdminTest(): Promise<AdminTest> {
  const t = await startTestApp({ seed: false });
  const db = t.ctx.db;
  await seedReferenceData(db);
  await seedDemoOfficials(db);
  if (!(await db.query("SELECT 1 FROM officials WHERE username = 'quantri.xuanthanh'")).rows.length) {
    await db.transaction((tx) =>
      createOfficial(tx, {
        username: 'quantri.xuanthanh',
        fullName: 'Trịnh Văn Phúc',
        password: DEMO_OFFICIAL_PASSWORD,
        memberships: [{ unitId: 'dni.xuanthanh.ubnd', role: 'unit_admin' }],
      }),
    );
  }
  const as = {} as Record<Account, TestClient>;
  for (const u of ACCOUNTS) as[u] = await login(t, u);
  const citizen = new TestClient(t.app);
  await citizen.loginAs(db, 'citizen', {
    citizenId: crypto.randomUUID(),
    idNumber: '070195012346',
    fullName: 'Trần Thị Mai',
    loginAt: systemNow().toISOString(),
  });
  return {
    t,
    as,
    citizen,
    anonymous: new TestClient(t.app),
    idOf: async (username) => (await db.query<{ id: string }>('SELECT id FROM officials WHERE username = $1', [username])).rows[0].id,
    changeCount: async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_changes')).rows[0].n,
    close: () => t.close(),
  };
}

type Call = (c: TestClient) => Promise<LightMyRequestResponse>;

/**
 * The refusal half of each action's test: 403 for each named account and for a citizen, 401 without a session,
 * and nothing written to the change log.
 */
export async function expectRefused(a: AdminTest, call: Call, accounts: Account[]): Promise<void> {
  const before = await a.changeCount();
  for (const u of accounts) {
    const r = await call(a.as[u]);
    expect(r.statusCode, `${u}: ${r.body}`).toBe(403);
    expect(r.json().error.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
  }
  const c = await call(a.citizen);
  expect(c.statusCode, `citizen: ${c.body}`).toBe(403);
  const n = await call(a.anonymous);
  expect(n.statusCode, `no session: ${n.body}`).toBe(401);
  expect(await a.changeCount()).toBe(before);
}

/** The latest change-log entry of an entity, read through the API as the system administrator. */
export async function lastChange(
  a: AdminTest,
  entityKind: string,
  entityId: string,
): Promise<{ action: string; before: unknown; after: unknown; reason: string | null; actorUsername: string }> {
  const r = await a.as.quantri.get(`/api/admin/changes?entityKind=${entityKind}&entityId=${encodeURIComponent(entityId)}&pageSize=1`);
  expect(r.statusCode).toBe(200);
  return r.json().items[0];
}
