/**
 * Regression tests of the HTTP-edge findings of issue 17 (each failed before the fix):
 * - NUL bytes in a body, a query or a path parameter reached PostgreSQL and answered 500;
 * - a multipart body without a boundary or cut short answered 500;
 * - no security headers (CSP, frame-ancestors, Referrer-Policy), no HSTS in production, personal API answers cacheable;
 * - the per-route rate limits were counted per process (and X-Forwarded-For chose the client);
 * - the development mailbox listed everyone's mail to anonymous callers.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { systemNow } from '../clock.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../testing/harness.ts';

describe(`the HTTP edge on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let citizen: TestClient;
  let anonymous: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    citizen = new TestClient(t.app);
    await citizen.loginAs(t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: '070195012346',
      fullName: 'Trần Thị Mai',
      loginAt: systemNow().toISOString(),
    });
    anonymous = new TestClient(t.app);
  });
  afterAll(async () => t?.close());

  const expectNulRefused = (res: { statusCode: number; json: () => { error: { code: string; message: string } } }) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('NUL_CHARACTER');
    expect(res.json().error.message).toMatch(/ký tự không hợp lệ/);
  };

  it('refuses a NUL byte in a JSON body, a form body, a query and a path parameter with 400 in Vietnamese', async () => {
    expectNulRefused(await anonymous.post('/api/staff/login', { username: 'tiep\u0000nhan', password: 'x' }));
    expectNulRefused(await anonymous.post('/api/staff/login', { username: 'tiepnhan', password: 'a\u0000b' }));
    expectNulRefused(await citizen.post('/api/drafts', { procedureCode: '1.001193', nested: { list: ['ok', 'x\u0000'] } }));
    expectNulRefused(await anonymous.get('/api/public/dossiers/lookup?code=H75.01%00-260101-0001&last4=1234'));
    expectNulRefused(await anonymous.get('/api/public/results/abc%00def'));
    expectNulRefused(await citizen.get('/api/drafts/%00'));
    expectNulRefused(await anonymous.request('POST', '/api/staff/login', 'username=a%00b&password=x', { 'content-type': 'application/x-www-form-urlencoded' }));
  });

  it('answers 400, not 500, when the database refuses a value that slipped past a schema (SQLSTATE class 22)', async () => {
    const res = await anonymous.get('/bank/vnpay/statement.csv?from=not-a-date');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses malformed multipart bodies with 400 in Vietnamese', async () => {
    const noBoundary = await citizen.request('POST', '/api/uploads', Buffer.from('--x\r\n\r\nabc'), { 'content-type': 'multipart/form-data' });
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
    const truncated = await citizen.request(
      'POST',
      '/api/uploads',
      Buffer.from('--b1\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 cut'),
      { 'content-type': 'multipart/form-data; boundary=b1' },
    );
    expect(truncated.statusCode, truncated.body).toBe(400);
    expect(truncated.json().error.code).toBe('MALFORMED_MULTIPART');
    expect(truncated.json().error.message).toMatch(/multipart/);
    const verify = await anonymous.request('POST', '/api/public/verify', Buffer.from('--b2\r\nContent-Disposition: form-data; name="file"'), {
      'content-type': 'multipart/form-data; boundary=b2',
    });
    expect(verify.statusCode, verify.body).toBe(400);
  });

  it('sends the security headers: strict CSP without framing, no referrer, no HSTS outside production', async () => {
    const res = await anonymous.get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS in production', async () => {
    const production = await buildApp({ ...t.ctx, config: { ...t.ctx.config, env: 'production' } });
    try {
      const res = await production.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await production.close();
    }
  });

  it('marks personal API answers Cache-Control: no-store', async () => {
    const drafts = await citizen.get('/api/drafts');
    expect(drafts.statusCode).toBe(200);
    expect(drafts.headers['cache-control']).toBe('no-store');
    expect((await citizen.get('/api/session')).headers['cache-control']).toMatch(/no-store/);
  });

  it('counts per-route rate limits in the database: two servers together, whatever X-Forwarded-For says', async () => {
    const second = await buildApp(t.ctx);
    try {
      const apps = [t.app, second];
      const statuses: number[] = [];
      // /api/public/verify allows 20 requests a minute per client.
      for (let i = 0; i < 21; i++) {
        const res = await apps[i % 2].inject({
          method: 'POST',
          url: '/api/public/verify',
          remoteAddress: '10.9.0.1',
          headers: { 'x-forwarded-for': `203.0.113.${i}`, 'content-type': 'application/json' },
          payload: '{}',
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('shows the development mailbox only to a signed-in user', async () => {
    const anon = await anonymous.get('/api/dev/mailbox');
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('UNAUTHENTICATED');
    expect((await citizen.get('/api/dev/mailbox')).statusCode).toBe(200);
  });

  it('has no development routes in production', async () => {
    const production = await buildApp({ ...t.ctx, config: { ...t.ctx.config, env: 'production' } });
    try {
      for (const url of ['/api/dev/mailbox', '/api/dev/clock']) expect((await production.inject({ method: 'GET', url })).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });
});
