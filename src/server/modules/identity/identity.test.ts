/**
 * End-to-end OpenID Connect login over real HTTP: the VNeID stand-in (provider, mounted at /eid) and
 * MotCua (relying party) in one app bound to a local port, driven with fetch like a browser that keeps
 * cookies and follows redirects by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as jose from 'jose';
import type { CustomFetch } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { createContext } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { loadOrCreateSigningKeys } from '../../standins/eid/keys.ts';
import eidStandin from '../../standins/eid/index.ts';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { modules } from '../index.ts';
import identityRoutes, { identityModule } from './routes.ts';
import { freePort } from '../../testing/net.ts';
import { HttpBrowser } from '../../testing/http-browser.ts';

// --- the relying party's view of the token endpoint, for inspection and tampering -------------------
type TokenBody = { id_token?: string; access_token?: string; [k: string]: unknown };
let lastTokenResponse: TokenBody | null = null;
let tamper: ((body: TokenBody) => TokenBody) | null = null;
const customFetch: CustomFetch = async (url, options) => {
  const res = await fetch(url, options as RequestInit);
  if (!new URL(url).pathname.endsWith('/eid/token') || !res.ok) return res;
  const body = (await res.json()) as TokenBody;
  lastTokenResponse = body;
  const out = tamper ? tamper(structuredClone(body)) : body;
  return new Response(JSON.stringify(out), { status: res.status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
};

// Register the stand-in and an RP that uses the fetch above (replacing the default RP if already wired).
const wired = modules.indexOf(identityRoutes);
if (wired >= 0) modules.splice(wired, 1);
if (!modules.includes(eidStandin)) modules.push(eidStandin);
modules.push(identityModule({ customFetch }));

const decodePayload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

const RESIDENTS = [
  {
    id: '001085012345',
    family: 'Nguyễn',
    middle: 'Thị',
    given: 'Hoà',
    full: 'Nguyễn Thị Hoà',
    birth: '1985-03-07',
    sex: 'Nữ',
    phone: '0912345678',
    email: 'hoa.nguyen@example.vn',
  },
  { id: '001090054321', family: 'Trần', middle: 'Văn', given: 'Đức', full: 'Trần Văn Đức', birth: '1990-11-30', sex: 'Nam', phone: null, email: null },
  { id: '001072000777', family: 'Lê', middle: 'Minh', given: 'Tuấn', full: 'Lê Minh Tuấn', birth: '1972-01-15', sex: 'Nam', phone: null, email: null },
];

describe(`e-ID login over OpenID Connect (${testDatabaseKind})`, () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ seed: false, env: { PUBLIC_URL: base, PORT: String(port) } });
    const address = {
      maTinhThanh: '01',
      maPhuongXa: '00004',
      tenTinhThanh: 'Thành phố Hà Nội',
      tenPhuongXa: 'Phường Ba Đình',
      chiTiet: 'Số 1 phố Điện Biên Phủ',
      quocGia: 'Việt Nam',
    };
    await t.ctx.db.query('INSERT INTO standin_households (id, household_book_no, head_id, address) VALUES ($1, $2, $3, $4)', [
      'HH-TEST-1',
      'SHK-0001',
      RESIDENTS[0].id,
      address,
    ]);
    for (const r of RESIDENTS) {
      await t.ctx.db.query(
        `INSERT INTO standin_residents (id_number, family_name, middle_name, given_name, full_name, birth_date, sex, marital_status,
           birth_place, home_town, permanent_address, current_address, household_id, relation_to_head, phone, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'Đã kết hôn', $8, $8, $8, $8, 'HH-TEST-1', 'Thành viên', $9, $10)`,
        [r.id, r.family, r.middle, r.given, r.full, r.birth, r.sex, address, r.phone, r.email],
      );
    }
    await t.app.listen({ port, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Runs the whole browser journey up to (not including) the callback to MotCua. */
  async function toCallback(b: HttpBrowser, idNumber: string, returnTo = '/ho-so-cua-toi'): Promise<{ callbackUrl: string; state: string }> {
    const authUrl = b.location(await b.get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`));
    const interactionUrl = b.location(await b.get(authUrl));
    expect(new URL(interactionUrl).pathname).toMatch(/^\/eid\/interaction\/[\w-]+$/);
    const page = await b.get(interactionUrl);
    expect(page.status).toBe(200);
    await page.text();
    const resumeUrl = b.location(await b.post(`${new URL(interactionUrl).pathname}/login`, { idNumber, password: '123456' }));
    const callbackUrl = b.location(await b.get(resumeUrl));
    expect(callbackUrl.startsWith(`${base}/auth/callback?`)).toBe(true);
    return { callbackUrl, state: new URL(callbackUrl).searchParams.get('state') ?? '' };
  }

  it('publishes a discovery document and JWKS at /eid, S256 PKCE only, signing keys kept in the database', async () => {
    const b = new HttpBrowser(base);
    const res = await b.get('/eid/.well-known/openid-configuration', { accept: 'application/json' });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(`${base}/eid`);
    expect(doc.authorization_endpoint).toBe(`${base}/eid/auth`);
    expect(doc.token_endpoint).toBe(`${base}/eid/token`);
    expect(doc.end_session_endpoint).toBe(`${base}/eid/session/end`);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.response_types_supported).toEqual(['code']);
    expect(doc.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(['RS256', 'ES256']));
    expect(doc.claims_supported).toEqual(expect.arrayContaining(['HoVaTen', 'SoDinhDanh', 'NgayThangNamSinh', 'TechID', 'LoaiTaiKhoan', 'loginIdp']));

    const jwks = (await (await b.get(String(doc.jwks_uri), { accept: 'application/json' })).json()) as { keys: Record<string, unknown>[] };
    const stored = await loadOrCreateSigningKeys(t.ctx.db);
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(stored.keys.map((k) => k.kid).sort());
    expect(jwks.keys.every((k) => !('d' in k))).toBe(true);
  });

  it('logs a resident in: the session holds the name from the verified ID token, the session id is new', async () => {
    const b = new HttpBrowser(base);
    await b.get('/api/health');
    const anonymous = (await (await b.get('/api/session', { accept: 'application/json' })).json()) as { authenticated: boolean };
    expect(anonymous.authenticated).toBe(false);

    const authRes = await b.get('/auth/login?returnTo=%2Fho-so-cua-toi%3Ftab%3D1');
    const authUrl = new URL(b.location(authRes));
    expect(authUrl.origin + authUrl.pathname).toBe(`${base}/eid/auth`);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authUrl.searchParams.get('state')).toBeTruthy();
    expect(authUrl.searchParams.get('nonce')).toBeTruthy();
    const binding = authRes.headers.getSetCookie().find((c) => c.startsWith('motcua_oidc='));
    expect(binding).toMatch(/HttpOnly/i);
    expect(binding).toMatch(/SameSite=Lax/i);

    const interactionUrl = b.location(await b.get(authUrl.href));
    const page = await b.get(interactionUrl);
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<label for="idNumber">Số định danh cá nhân</label>');
    expect(html).toContain('<label for="password">Mật khẩu</label>');
    expect(html).toContain('VNeID');
    expect(html).toContain('môi trường thử nghiệm');

    const resumeUrl = b.location(await b.post(`${new URL(interactionUrl).pathname}/login`, { idNumber: RESIDENTS[0].id, password: '123456' }));
    const callbackUrl = b.location(await b.get(resumeUrl));
    lastTokenResponse = null;
    const done = await b.get(callbackUrl);
    expect(b.location(done)).toBe(`${base}/ho-so-cua-toi?tab=1`);
    const sid = done.headers.getSetCookie().find((c) => c.startsWith('motcua_sid='));
    expect(sid).toMatch(/HttpOnly/i);

    // The ID token: signed by the provider's published key, carrying the e-ID claims.
    const idToken = lastTokenResponse!.id_token!;
    const jwks = jose.createRemoteJWKSet(new URL(`${base}/eid/jwks`));
    const { payload, protectedHeader } = await jose.jwtVerify(idToken, jwks, { issuer: `${base}/eid`, audience: t.config.oidc.clientId });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      HoVaTen: 'Nguyễn Thị Hoà',
      name: 'Nguyễn Thị Hoà',
      SoDinhDanh: RESIDENTS[0].id,
      NgayThangNamSinh: '19850307',
      GioiTinh: 'Nữ',
      LoaiTaiKhoan: '1',
      loginIdp: 'BCA',
      SoDienThoai: '0912345678',
      Email: 'hoa.nguyen@example.vn',
      acr: 'LoA2',
    });
    expect(payload.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.sub).not.toContain(RESIDENTS[0].id);
    expect(payload.TechID).toMatch(/^[0-9a-f-]{36}$/);

    const session = (await (await b.get('/api/session', { accept: 'application/json' })).json()) as {
      authenticated: boolean;
      kind: string;
      user: { fullName: string; idNumber: string; citizenId: string; birthDate: string };
      loginAt: string;
    };
    expect(session.authenticated).toBe(true);
    expect(session.kind).toBe('citizen');
    expect(session.user.fullName).toBe(payload.HoVaTen);
    expect(session.user.idNumber).toBe('********2345');
    expect(session.user.birthDate).toBe('1985-03-07');
    expect(Date.now() - new Date(session.loginAt).getTime()).toBeLessThan(60_000);

    const citizen = await t.ctx.db.query<{ id: string; full_name: string; sub: string; claims: Record<string, unknown> }>(
      'SELECT id::text AS id, full_name, sub, claims FROM citizens WHERE id_number = $1',
      [RESIDENTS[0].id],
    );
    expect(citizen.rows[0]).toMatchObject({ id: session.user.citizenId, full_name: 'Nguyễn Thị Hoà', sub: payload.sub });
    expect(citizen.rows[0].claims.TechID).toBe(payload.TechID);
    expect(citizen.rows[0].claims.nonce).toBeUndefined();

    // The provider's state lives in the database (several processes can share it).
    const stored = await t.ctx.db.query<{ model: string }>('SELECT DISTINCT model FROM standin_oidc_store');
    expect(stored.rows.map((r) => r.model)).toEqual(expect.arrayContaining(['Session', 'Grant', 'AuthorizationCode']));

    // A second login in the same browser: the provider remembers the e-ID session, MotCua issues a new session id.
    const before = b.cookies.get('motcua_sid');
    const again = await toCallbackWithoutPassword(b);
    expect(b.location(await b.get(again))).toBe(`${base}/`);
    expect(b.cookies.get('motcua_sid')).toBeTruthy();
    expect(b.cookies.get('motcua_sid')).not.toBe(before);
  });

  async function toCallbackWithoutPassword(b: HttpBrowser): Promise<string> {
    const authUrl = b.location(await b.get('/auth/login?returnTo=/'));
    const next = b.location(await b.get(authUrl));
    expect(next.startsWith(`${base}/auth/callback?`)).toBe(true);
    return next;
  }

  it('serves one login from two server instances sharing the database (behind a load balancer)', async () => {
    // A second app instance on the same database and the same public URL: its own oidc-provider object,
    // caches and listening port, sharing only what is in the database (keys, provider state, sessions).
    const port2 = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-eid-'));
    const config2 = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: '0', PUBLIC_URL: base, PORT: new URL(base).port });
    let app2: FastifyInstance | undefined;
    try {
      app2 = await buildApp(await createContext(config2, t.ctx.db));
      await app2.listen({ port: port2, host: '127.0.0.1' });
      const other = `http://127.0.0.1:${port2}`;
      const onOther = (u: string) => u.replace(base, other);

      const b = new HttpBrowser(base);
      const authUrl = b.location(await b.get('/auth/login?returnTo=/'));
      // Authorization request, login page and password on instance 2 …
      const interactionUrl = b.location(await b.get(onOther(authUrl)));
      expect(interactionUrl.startsWith(other)).toBe(true);
      const resumeUrl = b.location(await b.post(`${onOther(interactionUrl)}/login`, { idNumber: RESIDENTS[1].id, password: '123456' }));
      const callbackUrl = b.location(await b.get(onOther(resumeUrl)));
      // … code redeemed and ID token verified by instance 1.
      lastTokenResponse = null;
      expect(b.location(await b.get(callbackUrl))).toBe(`${base}/`);
      expect(decodePayload(lastTokenResponse!.id_token!).HoVaTen).toBe('Trần Văn Đức');
      // The session is valid on either instance.
      const s1 = (await (await b.get('/api/session', { accept: 'application/json' })).json()) as { user: { fullName: string } };
      const s2 = (await (await b.get(`${other}/api/session`, { accept: 'application/json' })).json()) as { user: { fullName: string } };
      expect(s1.user.fullName).toBe('Trần Văn Đức');
      expect(s2.user.fullName).toBe('Trần Văn Đức');
    } finally {
      await app2?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a replayed callback (same state twice)', async () => {
    const b = new HttpBrowser(base);
    const { callbackUrl } = await toCallback(b, RESIDENTS[1].id);
    expect((await b.get(callbackUrl)).status).toBe(303);
    const sidAfterLogin = b.cookies.get('motcua_sid');

    const replay = await b.get(callbackUrl, { accept: 'application/json' });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'OIDC_STATE_MISMATCH',
      message: expect.stringContaining('đăng nhập lại'),
    });
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('motcua_sid='))).toBe(false);
    expect(b.cookies.get('motcua_sid')).toBe(sidAfterLogin);
  });

  it('refuses a wrong state, and a callback arriving in another browser, without spending the transaction', async () => {
    const b = new HttpBrowser(base);
    const { callbackUrl } = await toCallback(b, RESIDENTS[1].id);

    const wrong = new URL(callbackUrl);
    wrong.searchParams.set('state', 'tampered-state-value');
    const res = await b.get(wrong.href);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('lang="vi"');
    expect(html).toContain('OIDC_STATE_MISMATCH');
    expect(html).toContain('Không đăng nhập được');
    // The page's own policy (its one inline style by hash) replaces the app's, and framing stays refused.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');

    const other = new HttpBrowser(base);
    const stolen = await other.get(callbackUrl, { accept: 'application/json' });
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as { error: { code: string } }).error.code).toBe('OIDC_STATE_MISMATCH');
    expect(other.cookies.has('motcua_sid')).toBe(false);

    // The rightful browser can still complete its login.
    const ok = await b.get(callbackUrl);
    expect(b.location(ok)).toBe(`${base}/ho-so-cua-toi`);
  });

  it('refuses an ID token whose claims were altered after signing: no session, no citizen record', async () => {
    const b = new HttpBrowser(base);
    const { callbackUrl } = await toCallback(b, RESIDENTS[2].id);
    tamper = (body) => {
      const [header, payload, signature] = body.id_token!.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      claims.HoVaTen = 'Kẻ Mạo Danh';
      claims.name = 'Kẻ Mạo Danh';
      body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      return body;
    };
    try {
      const res = await b.get(callbackUrl, { accept: 'application/json' });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('OIDC_TOKEN_INVALID');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('motcua_sid='))).toBe(false);
    } finally {
      tamper = null;
    }
    // The provider did issue a token whose (untampered) name differs from the injected one.
    expect(decodePayload(lastTokenResponse!.id_token!).HoVaTen).toBe('Lê Minh Tuấn');
    const session = (await (await b.get('/api/session', { accept: 'application/json' })).json()) as { authenticated: boolean };
    expect(session.authenticated).toBe(false);
    const rows = await t.ctx.db.query('SELECT 1 FROM citizens WHERE full_name = $1 OR id_number = $2', ['Kẻ Mạo Danh', RESIDENTS[2].id]);
    expect(rows.rowCount).toBe(0);
  });

  it('refuses a wrong password with a Vietnamese error on the page, and locks the id number after 5 failures', async () => {
    const b = new HttpBrowser(base);
    const authUrl = b.location(await b.get('/auth/login?returnTo=/'));
    const interactionPath = new URL(b.location(await b.get(authUrl))).pathname;

    const wrong = await b.post(`${interactionPath}/login`, { idNumber: RESIDENTS[2].id, password: '654321' });
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Số định danh cá nhân hoặc mật khẩu không đúng');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`value="${RESIDENTS[2].id}"`);

    const malformed = await b.post(`${interactionPath}/login`, { idNumber: '12345', password: 'x' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('Số định danh cá nhân gồm đúng 12 chữ số.');

    for (let i = 2; i <= 4; i++) {
      expect((await b.post(`${interactionPath}/login`, { idNumber: RESIDENTS[2].id, password: `wrong-${i}` })).status).toBe(401);
    }
    const fifth = await b.post(`${interactionPath}/login`, { idNumber: RESIDENTS[2].id, password: 'wrong-5' });
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain('tạm khoá');
    // Locked: even the right password is refused now.
    const locked = await b.post(`${interactionPath}/login`, { idNumber: RESIDENTS[2].id, password: '123456' });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('tạm khoá');
    // Other residents are not affected.
    const other = await b.post(`${interactionPath}/login`, { idNumber: RESIDENTS[1].id, password: '123456' });
    expect(other.status).toBe(303);
  });

  it('requires PKCE with S256 at the provider', async () => {
    const b = new HttpBrowser(base);
    const params = {
      client_id: t.config.oidc.clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${base}/auth/callback`,
      state: 'abc',
    };
    const noPkce = new URL(b.location(await b.get(`/eid/auth?${new URLSearchParams(params)}`)));
    expect(noPkce.origin + noPkce.pathname).toBe(`${base}/auth/callback`);
    expect(noPkce.searchParams.get('error')).toBe('invalid_request');
    expect(noPkce.searchParams.get('error_description')).toContain('PKCE');

    const plain = new URL(
      b.location(await b.get(`/eid/auth?${new URLSearchParams({ ...params, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })}`)),
    );
    expect(plain.searchParams.get('error')).toBe('invalid_request');
  });

  it('prefills the id number from login_hint', async () => {
    const b = new HttpBrowser(base);
    const q = new URLSearchParams({
      client_id: t.config.oidc.clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${base}/auth/callback`,
      state: 'hint-state',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      login_hint: RESIDENTS[1].id,
    });
    const page = await b.get(b.location(await b.get(`/eid/auth?${q}`)));
    expect(await page.text()).toContain(`value="${RESIDENTS[1].id}"`);
  });

  it('keeps only same-site relative paths as returnTo', async () => {
    const b = new HttpBrowser(base);
    for (const evil of ['https://evil.example/x', '//evil.example/x', '/\\evil.example']) {
      const authUrl = new URL(b.location(await b.get(`/auth/login?returnTo=${encodeURIComponent(evil)}`)));
      const row = await t.ctx.db.query<{ return_to: string }>('SELECT return_to FROM oidc_transactions WHERE state = $1', [authUrl.searchParams.get('state')]);
      expect(row.rows[0].return_to).toBe('/');
    }
  });

  it('lets the citizen cancel at the provider', async () => {
    const b = new HttpBrowser(base);
    const authUrl = b.location(await b.get('/auth/login?returnTo=/'));
    const interactionPath = new URL(b.location(await b.get(authUrl))).pathname;
    const callbackUrl = b.location(await b.get(b.location(await b.post(`${interactionPath}/abort`, {}))));
    const res = await b.get(callbackUrl, { accept: 'application/json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('OIDC_LOGIN_CANCELLED');
  });

  it('logs out (CSRF-protected) locally and at the provider, after which a password is asked again', async () => {
    const b = new HttpBrowser(base);
    const { callbackUrl } = await toCallback(b, RESIDENTS[0].id);
    await b.get(callbackUrl);

    const forged = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: { cookie: `motcua_sid=${b.cookies.get('motcua_sid')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(403);

    const res = await b.postJson('/auth/logout', {});
    expect(res.status).toBe(200);
    const { redirectTo } = (await res.json()) as { redirectTo: string };
    const endSession = new URL(redirectTo);
    expect(endSession.origin + endSession.pathname).toBe(`${base}/eid/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/`);
    b.cookies.delete('motcua_sid');
    const session = (await (await b.get('/api/session', { accept: 'application/json' })).json()) as { authenticated: boolean };
    expect(session.authenticated).toBe(false);

    const confirm = await b.get(redirectTo);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('Đăng xuất khỏi VNeID?');
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(action).toContain('/eid/session/end/confirm');
    const back = await b.post(action.replaceAll('&amp;', '&'), { xsrf, logout: 'yes' });
    expect(b.location(back)).toBe(`${base}/`);

    // The e-ID session is gone: the next login shows the password page again.
    const authUrl = b.location(await b.get('/auth/login?returnTo=/'));
    expect(new URL(b.location(await b.get(authUrl))).pathname).toMatch(/^\/eid\/interaction\//);
  });
});
