import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../jobs/scheduler.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';

describe(`health and readiness on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(async () => t?.close());

  it('health answers anyone with the database kind; readiness reports database, migrations and workers', async () => {
    const anon = new TestClient(t.app);
    const health = await anon.get('/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: testDatabaseKind });
    expect((await anon.get('/api/ready?x=%00')).statusCode).toBe(400); // a NUL byte is refused at the edge, like everywhere
    const ready = await anon.get('/api/ready');
    expect(ready.statusCode).toBe(200);
    const body = ready.json();
    expect(body).toMatchObject({ status: 'ready', shuttingDown: false, database: { ok: true, kind: testDatabaseKind }, workers: { ok: true } });
    expect(body.migrations.ok).toBe(true);
    expect(body.migrations.missing).toEqual([]);
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.expected).toBeGreaterThan(10);
    // Personal data: none (no session needed, none used).
    expect(JSON.stringify(body)).not.toMatch(/applicant|citizen|username/);
  });

  it('lists the background jobs of the process and is not ready once they stop', async () => {
    const scheduler = new Scheduler({ log: { info() {}, warn() {}, error() {} } });
    scheduler.add({ name: 'test.job', everyMs: 60_000, run: async () => ({ done: 1 }) });
    t.ctx.lifecycle.attachScheduler(() => scheduler.status());
    const before = await new TestClient(t.app).get('/api/ready');
    expect(before.statusCode).toBe(503);
    expect(before.json().error.details.workers).toMatchObject({ ok: false, enabled: true });
    scheduler.start();
    const running = await new TestClient(t.app).get('/api/ready');
    expect(running.statusCode).toBe(200);
    expect(running.json().workers.jobs).toEqual([{ name: 'test.job', running: false, consecutiveFailures: 0, lastSuccessAt: null, lastError: null }]);
    await scheduler.stop(100);
    expect((await new TestClient(t.app).get('/api/ready')).statusCode).toBe(503);
  });

  it('is not ready when a migration of this code is missing from the database', async () => {
    const [last] = (await t.ctx.db.query<{ version: string; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1')).rows;
    await t.ctx.db.query('DELETE FROM schema_migrations WHERE version = $1', [last.version]);
    try {
      const res = await new TestClient(t.app).get('/api/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({ code: 'NOT_READY', details: { status: 'not_ready', migrations: { ok: false, missing: [last.version] } } });
      expect(res.json().error.message).toMatch(/chưa sẵn sàng/);
    } finally {
      await t.ctx.db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [last.version, last.name]);
    }
  });

  it('answers 503 from the moment the process starts shutting down (the load balancer drains it)', async () => {
    t.ctx.lifecycle.beginShutdown();
    const res = await new TestClient(t.app).get('/api/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json().error.details.shuttingDown).toBe(true);
    // Health (liveness) stays up: the process is alive and finishing its requests.
    expect((await new TestClient(t.app).get('/api/health')).statusCode).toBe(200);
  });
});
