/**
 * Regression tests of the staff-login findings of issue 17 (each failed before the fix):
 * - 24 simultaneous logins (23 wrong passwords, then the right one) got in and never locked the account;
 * - an unknown username was answered differently from a locked one (username enumeration);
 * - no per-client limit on staff logins, and X-Forwarded-For chose the client address (trustProxy: true);
 * - a TOTP code could be used again within its window.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { CLIENT_MAX_FAILURES, MAX_FAILED_ATTEMPTS } from './login-throttle.ts';
import { createOfficial } from './service.ts';
import { generateTotpSecret, totp } from './totp.ts';

const PASSWORD = 'MatKhau@2025';

describe(`staff login security on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let csrf: { cookie: string; token: string };
  const totpSecret = generateTotpSecret();

  /** A login from a chosen client address (as the TCP connection would give it), with optional extra headers. */
  const loginFrom = (app: FastifyInstance, remoteAddress: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/staff/login',
      remoteAddress,
      headers: { 'content-type': 'application/json', cookie: csrf.cookie, 'x-csrf-token': csrf.token, ...headers },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    const db = t.ctx.db;
    await db.query("INSERT INTO admin_units (code, name, type, level) VALUES ('25252', 'Xã Phú Riềng', 'Xã', 'commune')");
    await db.query(
      "INSERT INTO org_units (id, name, kind, admin_unit_code) VALUES ('u1', 'Trung tâm Phục vụ hành chính công xã Phú Riềng', 'ttpvhcc', '25252')",
    );
    for (const username of ['dongthoi', 'sosanh', 'khachhang']) {
      await createOfficial(db, { username, fullName: 'Lê Thị Hoa', password: PASSWORD, memberships: [{ unitId: 'u1', role: 'reception' }] });
    }
    await createOfficial(db, { username: 'lanhdao', fullName: 'Võ Minh Tâm', password: PASSWORD, totpSecret, memberships: [{ unitId: 'u1', role: 'leader' }] });
    const c = new TestClient(t.app);
    await c.get('/api/health');
    const token = c.cookies.get('motcua_csrf') as string;
    csrf = { cookie: `motcua_csrf=${token}`, token };
  });
  afterAll(async () => t?.close());

  it('locks the account under 24 simultaneous wrong logins, and the right password sent right after is refused', async () => {
    // The burst is all wrong passwords: on PostgreSQL the requests reach the counter in any order, so a right password
    // inside the burst may legitimately be among the first attempts. Before the fix (read, then write back the counter)
    // the burst lost updates and never locked the account.
    const answers = await Promise.all(Array.from({ length: 24 }, () => loginFrom(t.app, '10.1.0.1', { username: 'dongthoi', password: 'sai-mat-khau-1' })));
    const rightAnswer = await loginFrom(t.app, '10.1.0.1', { username: 'dongthoi', password: PASSWORD });
    expect(rightAnswer.statusCode, rightAnswer.body).toBe(423);
    expect(rightAnswer.json().error.code).toBe('ACCOUNT_LOCKED');
    // At most MAX_FAILED_ATTEMPTS passwords were checked: the others were refused before.
    const checked = (
      await t.ctx.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM official_login_events WHERE username = 'dongthoi' AND outcome IN ('bad_password', 'locked_now', 'success')",
      )
    ).rows[0];
    expect(Number(checked.n)).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
    expect(answers.filter((a) => a.statusCode === 401)).toHaveLength(MAX_FAILED_ATTEMPTS - 1);
    const row = (await t.ctx.db.query<{ locked_until: Date | null }>("SELECT locked_until FROM officials WHERE username = 'dongthoi'")).rows[0];
    expect(row.locked_until).not.toBeNull();
    // Still locked afterwards, even for the right password.
    const after = await loginFrom(t.app, '10.1.0.2', { username: 'dongthoi', password: PASSWORD });
    expect(after.statusCode).toBe(423);
  });

  it('answers an unknown username exactly like a known one at every attempt, lockout included', async () => {
    const sequence = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i <= MAX_FAILED_ATTEMPTS + 1; i++) {
        const r = await loginFrom(t.app, '10.2.0.1', { username, password: 'sai-mat-khau-1' });
        out.push(`${r.statusCode} ${r.json().error.code} ${r.json().error.message}`);
      }
      return out;
    };
    const known = await sequence('sosanh');
    const unknown = await sequence('khong.co.ai');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatch(/^423 ACCOUNT_LOCKED/);
  });

  it('limits failed logins per client, and a forged X-Forwarded-For does not change the client', async () => {
    for (let i = 0; i < CLIENT_MAX_FAILURES; i++) {
      const r = await loginFrom(t.app, '10.3.0.1', { username: `nguoi.doan.${i}`, password: 'x' }, { 'x-forwarded-for': `203.0.113.${i}` });
      expect(r.statusCode, r.body).toBe(401);
    }
    const limited = await loginFrom(t.app, '10.3.0.1', { username: 'khachhang', password: PASSWORD }, { 'x-forwarded-for': '198.51.100.7' });
    expect(limited.statusCode, limited.body).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toMatch(/Vui lòng thử lại sau \d+ giây/);
    // Another client is not affected.
    expect((await loginFrom(t.app, '10.3.0.2', { username: 'khachhang', password: PASSWORD })).statusCode).toBe(200);
  });

  it('honours X-Forwarded-For only from a configured trusted proxy (TRUSTED_PROXIES)', async () => {
    const behindProxy = await buildApp({ ...t.ctx, config: { ...t.ctx.config, trustedProxies: ['10.4.0.1'] } });
    try {
      for (let i = 0; i < CLIENT_MAX_FAILURES; i++) {
        const r = await loginFrom(behindProxy, '10.4.0.1', { username: `nguoi.doan.${i}`, password: 'x' }, { 'x-forwarded-for': '198.51.100.1' });
        expect(r.statusCode).toBe(401);
      }
      // The proxy forwards for another client: counted apart.
      const other = await loginFrom(behindProxy, '10.4.0.1', { username: 'khachhang', password: PASSWORD }, { 'x-forwarded-for': '198.51.100.2' });
      expect(other.statusCode, other.body).toBe(200);
      const same = await loginFrom(behindProxy, '10.4.0.1', { username: 'khachhang', password: PASSWORD }, { 'x-forwarded-for': '198.51.100.1' });
      expect(same.statusCode).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });

  it('accepts each TOTP code once', async () => {
    const code = totp(totpSecret);
    const first = await loginFrom(t.app, '10.5.0.1', { username: 'lanhdao', password: PASSWORD, totp: code });
    expect(first.statusCode, first.body).toBe(200);
    const replay = await loginFrom(t.app, '10.5.0.2', { username: 'lanhdao', password: PASSWORD, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('TOTP_INVALID');
  });
});
