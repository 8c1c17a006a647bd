import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';

describe(`system routes on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(async () => t?.close());

  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: testDatabaseKind });
  });

  it('serves an OpenAPI 3 document that lists the health route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/health'].get.summary).toBeTruthy();
  });

  it('answers unknown API paths with a Vietnamese 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/health', payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it('lets a request with a valid CSRF token through the check', async () => {
    const client = new TestClient(t.app);
    const res = await client.post('/api/health', {});
    // passes CSRF, then there is no POST route: 404, not 403
    expect(res.statusCode).toBe(404);
  });
});
