/**
 * The assisted session over real HTTP and the real OpenID Connect flow of the e-ID stand-in: a helper starts it on
 * their device, the resident logs in there with their own e-ID, and the resident's session records who helped. The
 * helper's session on that device ends; the helper's other sessions never receive anything of the resident's login
 * (session isolation); the assisted session is used once.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { freePort } from '../../testing/net.ts';
import { HttpBrowser } from '../../testing/http-browser.ts';

const ELDER_ID = '070045045678'; // Hoàng Văn Tư, Thôn Phú Lợi

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe(`assisted session through the e-ID login (${testDatabaseKind})`, () => {
  let t: TestApp;
  let base: string;
  let helperId: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ seed: true, env: { PUBLIC_URL: base, PORT: String(port) } });
    helperId = (await t.ctx.db.query<{ id: string }>("SELECT id::text AS id FROM officials WHERE username = 'hotro.phubinh'")).rows[0].id;
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  async function helperDevice(): Promise<{ device: HttpBrowser; sid: string }> {
    const device = new HttpBrowser(base);
    const sid = crypto.randomBytes(32).toString('base64url');
    await t.ctx.db.query("INSERT INTO sessions (id_hash, kind, subject, expires_at) VALUES ($1, 'official', $2, now() + interval '1 hour')", [
      sha256(sid),
      { userId: helperId, username: 'hotro.phubinh', fullName: 'Lê Thị Thanh Hương', roles: ['community_helper'], unitIds: [] },
    ]);
    device.cookies.set('motcua_sid', sid);
    await device.request('GET', '/api/health');
    return { device, sid };
  }

  it('records the helper on the resident’s own session; the helper never holds the resident’s login', async () => {
    const { device, sid } = await helperDevice();
    const otherDevice = new TestClient(t.app);
    await otherDevice.loginAs(t.ctx.db, 'official', { userId: helperId, username: 'hotro.phubinh', fullName: 'Lê Thị Thanh Hương', roles: [], unitIds: [] });

    const started = await device.request('POST', '/api/community/assisted-sessions', { json: { returnTo: '/ho-so-cua-toi' } });
    expect(started.status).toBe(201);
    const { id, loginUrl } = (await started.json()) as { id: string; loginUrl: string };
    expect(device.cookies.get('motcua_assist')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const landed = await device.eidLogin(loginUrl, ELDER_ID);
    expect(new URL(landed).pathname).toBe('/ho-so-cua-toi');
    expect(device.cookies.has('motcua_assist')).toBe(false); // used once, then cleared

    // The device now holds the resident's session, carrying who helped.
    const session = (await (await device.request('GET', '/api/session', { json: undefined })).json()) as { kind: string; user: { fullName: string } };
    expect(session).toMatchObject({ kind: 'citizen', user: { fullName: 'Hoàng Văn Tư' } });
    const residentSid = device.cookies.get('motcua_sid') ?? '';
    const row = (await t.ctx.db.query<{ subject: Record<string, unknown> }>('SELECT subject FROM sessions WHERE id_hash = $1', [sha256(residentSid)])).rows[0];
    expect(row.subject).toMatchObject({ idNumber: ELDER_ID, assistedBy: { helperId, helperName: 'Lê Thị Thanh Hương', sessionId: id } });

    // The helper's session on this device is gone; the helper's other session is unchanged and holds nothing of the resident's.
    expect((await t.ctx.db.query('SELECT 1 FROM sessions WHERE id_hash = $1', [sha256(sid)])).rowCount).toBe(0);
    const helperSessions = (
      await t.ctx.db.query<{ subject: Record<string, unknown> }>("SELECT subject FROM sessions WHERE kind = 'official' AND subject->>'userId' = $1", [helperId])
    ).rows;
    expect(helperSessions).toHaveLength(1);
    expect(JSON.stringify(helperSessions)).not.toMatch(new RegExp(`${ELDER_ID}|token|Hoàng Văn Tư`));
    expect((await otherDevice.get('/api/community/areas')).statusCode).toBe(200);
    // The assisted session keeps the resident and when — no password, no token.
    const assisted = (await t.ctx.db.query<Record<string, unknown>>('SELECT * FROM community_assisted_sessions WHERE id = $1', [id])).rows[0];
    expect(assisted).toMatchObject({ status: 'claimed', id_number: ELDER_ID });
    expect(Object.keys(assisted).some((k) => /password|access|id_token/.test(k))).toBe(false);
    // The resident cannot use the helper's pages from this device.
    expect((await device.request('GET', '/api/community/areas', { json: undefined })).status).toBe(403);
  });

  it('does not turn an ordinary login into an assisted one, and an assisted session is used only once', async () => {
    const plain = new HttpBrowser(base);
    await plain.request('GET', '/api/health');
    await plain.eidLogin('/auth/login?returnTo=%2F', ELDER_ID);
    const sid = plain.cookies.get('motcua_sid') ?? '';
    const row = (await t.ctx.db.query<{ subject: Record<string, unknown> }>('SELECT subject FROM sessions WHERE id_hash = $1', [sha256(sid)])).rows[0];
    expect(row.subject.assistedBy).toBeUndefined();

    // A stolen or replayed assist cookie (already claimed) gives nothing.
    const { device } = await helperDevice();
    const started = await device.request('POST', '/api/community/assisted-sessions', { json: {} });
    const token = device.cookies.get('motcua_assist') ?? '';
    await device.eidLogin(((await started.json()) as { loginUrl: string }).loginUrl, ELDER_ID);
    const replay = new HttpBrowser(base);
    replay.cookies.set('motcua_assist', token);
    await replay.eidLogin('/auth/login?returnTo=%2F', ELDER_ID);
    const replaySession = (
      await t.ctx.db.query<{ subject: Record<string, unknown> }>('SELECT subject FROM sessions WHERE id_hash = $1', [
        sha256(replay.cookies.get('motcua_sid') ?? ''),
      ])
    ).rows[0];
    expect(replaySession.subject.assistedBy).toBeUndefined();
    // Only a helper may start one.
    expect((await replay.request('POST', '/api/community/assisted-sessions', { json: {} })).status).toBe(403);
    expect((await new HttpBrowser(base).request('POST', '/api/community/assisted-sessions', { json: {} })).status).toBeGreaterThanOrEqual(401);
  });
});
