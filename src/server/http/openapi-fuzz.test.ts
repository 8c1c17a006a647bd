/**
 * Fuzzing every operation of the API contract, generated from /api/openapi.json (issue 17, item 6): one app boot on
 * the demo dataset, then for each operation a request with plausible values and requests with malformed ones —
 * wrong types, huge strings, unicode (combining marks, right-to-left override, astral planes, lone surrogates),
 * NUL bytes, path traversal, a broken JSON or multipart body — each sent anonymously without a CSRF token,
 * anonymously with one, as a citizen and as an official (with their CSRF tokens), and once as a citizen without
 * the token. Not one answer may be a 5xx. (The harness also checks every answer against the contract.)
 */
import crypto from 'node:crypto';
import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemNow } from '../clock.ts';
import { DEMO_OFFICIAL_PASSWORD } from '../modules/officials/index.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../testing/harness.ts';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
};
interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const HUGE = 'A'.repeat(100_000);
const UNICODE = 'Nguyễn Thị Ánh ́̃ 𝔘𝔫𝔦 \u202eevil\u202c 🇻🇳 \ufeff\u200b 漢字 \ud800';
/** Malformed values for a string slot (a path or query parameter, a body field). */
const BAD_STRINGS = ['', HUGE, UNICODE, 'a\u0000b', '../../../etc/passwd', "' OR 1=1 --", '1e309', '{"a":1}'];

/** A plausible value for a JSON Schema (first enum value, a valid-looking string for a format). */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 8) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const pick = s.anyOf?.[0] ?? s.oneOf?.[0] ?? s.allOf?.[0];
  if (pick) return sample(pick, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return crypto.randomUUID();
      if (s.format === 'date-time') return '2020-01-01T00:00:00.000Z';
      if (s.format === 'date') return '2026-03-02';
      if (s.format === 'email') return 'a@example.vn';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return 'x';
  }
}

/** Malformed variants of a body: wrong types at the top and in each field, huge and unicode strings, NUL bytes. */
function badBodies(schema: Schema): unknown[] {
  const valid = sample(schema);
  const out: unknown[] = [valid, null, [], 42, 'text', { __proto__: { admin: true }, constructor: { prototype: 1 } }];
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    for (const key of Object.keys(valid)) {
      for (const bad of [42, null, {}, HUGE, UNICODE, [HUGE]]) {
        out.push({ ...(valid as object), [key]: bad });
      }
    }
  }
  return out;
}

/** Percent-encodes a value; a lone surrogate (which encodeURIComponent refuses) becomes U+FFFD like a browser sends it. */
const enc = (v: string) => encodeURIComponent(Buffer.from(v, 'utf8').toString('utf8'));

/** Raw bytes no encoder produces: invalid UTF-8, an overlong slash, broken percent escapes. */
const RAW_ESCAPES = ['%ED%A0%80', '%C0%AF', '%E0%A4%A', '%%', '%FF%FE'];

function fillPath(path: string, params: Parameter[], value: (p: Parameter) => string): string {
  let url = path;
  for (const p of params.filter((x) => x.in === 'path')) url = url.replace(`{${p.name}}`, enc(value(p)));
  return url;
}

function withQuery(url: string, entries: [string, string][]): string {
  if (entries.length === 0) return url;
  return `${url}?${entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
}

/** Every request of one operation: [url, body, content type]. */
type FuzzRequest = { url: string; body?: string | Buffer; type?: string };

function requestsOf(path: string, op: Operation): FuzzRequest[] {
  const params = op.parameters ?? [];
  const query = params.filter((p) => p.in === 'query');
  const plain = (p: Parameter) => String(sample(p.schema));
  const validQuery = query.filter((p) => p.required).map((p): [string, string] => [p.name, plain(p)]);
  const out: FuzzRequest[] = [];
  const base = fillPath(path, params, plain);
  out.push({ url: withQuery(base, validQuery) });
  for (const bad of BAD_STRINGS) {
    if (params.some((p) => p.in === 'path'))
      out.push({
        url: withQuery(
          fillPath(path, params, () => bad),
          validQuery,
        ),
      });
    if (query.length)
      out.push({
        url: withQuery(
          base,
          query.map((p): [string, string] => [p.name, bad]),
        ),
      });
  }
  if (query.length) out.push({ url: `${base}?${query.map((p) => `${p.name}=1&${p.name}=2`).join('&')}` });
  for (const raw of RAW_ESCAPES) {
    if (params.some((p) => p.in === 'path')) out.push({ url: path.replace(/\{[^}]+\}/g, raw) });
    if (query.length) out.push({ url: `${base}?${query.map((p) => `${p.name}=${raw}`).join('&')}` });
  }
  const content = op.requestBody?.content ?? {};
  if (content['application/json']) {
    for (const b of badBodies(content['application/json'].schema))
      out.push({ url: withQuery(base, validQuery), body: JSON.stringify(b), type: 'application/json' });
    out.push({ url: base, body: '{"broken": ', type: 'application/json' });
    out.push({ url: base, body: `{"a":"${'\\u0000'}"}`, type: 'application/json' });
    out.push({ url: base, body: 'x=1', type: 'text/plain' });
  }
  if (content['application/x-www-form-urlencoded']) {
    out.push({ url: base, body: `a=%00&b=%ZZ&c=${'x'.repeat(10_000)}`, type: 'application/x-www-form-urlencoded' });
  }
  if (content['multipart/form-data']) {
    const part = (name: string, filename: string, bytes: string) =>
      `--B\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n${bytes}\r\n--B--\r\n`;
    out.push({ url: base, body: Buffer.from(part('file', 'a.pdf', '%PDF-1.4\n%%EOF')), type: 'multipart/form-data; boundary=B' });
    out.push({ url: base, body: Buffer.from(part('file', 'a\u0000.pdf', '\u0000\u0000')), type: 'multipart/form-data; boundary=B' });
    out.push({ url: base, body: Buffer.from(part('other', UNICODE, 'x')), type: 'multipart/form-data; boundary=B' });
    out.push({ url: base, body: Buffer.from('--B\r\nContent-Disposition: form-data; name="file"'), type: 'multipart/form-data; boundary=B' });
    out.push({ url: base, body: Buffer.from('abc'), type: 'multipart/form-data' });
  }
  return out;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

describe(`fuzzing every operation of /api/openapi.json on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // Listening on the port of PUBLIC_URL, so that the citizen login reaches the e-ID stand-in mounted on the app.
    const port = await freePort();
    t = await startTestApp({ seed: true, env: { PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port) } });
    await t.app.listen({ port, host: '127.0.0.1' });
  }, 240_000);
  afterAll(async () => t?.close());

  it('never answers 5xx, with or without a session and a CSRF token', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const anonymousNoCsrf = {
      name: 'anonymous without CSRF',
      send: (m: string, u: string, b?: string | Buffer, ct?: string) => raw(m, u, b, ct, {}),
    };
    const raw = (method: string, url: string, body: string | Buffer | undefined, type: string | undefined, headers: Record<string, string>) =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: { ...(type ? { 'content-type': type } : {}), ...headers },
        ...(body !== undefined ? { payload: body } : {}),
      });
    const viaClient = (name: string, c: TestClient) => ({
      name,
      send: (m: string, u: string, b?: string | Buffer, ct?: string) =>
        c.request(m as 'GET', u, b ?? (m === 'GET' || m === 'DELETE' ? undefined : ''), ct ? { 'content-type': ct } : {}),
    });
    const anonymous = new TestClient(t.app);
    const citizen = new TestClient(t.app);
    const citizenSubject = { citizenId: crypto.randomUUID(), idNumber: '070195012346', fullName: 'Trần Thị Mai', loginAt: systemNow().toISOString() };
    await citizen.loginAs(t.ctx.db, 'citizen', citizenSubject);
    const official = new TestClient(t.app);
    expect((await official.post('/api/staff/login', { username: 'quantri', password: DEMO_OFFICIAL_PASSWORD })).statusCode).toBe(200);
    const citizenNoCsrf = {
      name: 'citizen without CSRF',
      send: (m: string, u: string, b?: string | Buffer, ct?: string) => raw(m, u, b, ct, { cookie: `motcua_sid=${citizen.cookies.get('motcua_sid')}` }),
    };
    const actors = [anonymousNoCsrf, viaClient('anonymous', anonymous), viaClient('citizen', citizen), viaClient('official', official), citizenNoCsrf];

    const failures: string[] = [];
    let sent = 0;
    const started = Date.now();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const m = method.toUpperCase();
        // Logging out would end the sessions the next operations use: those run with a session of their own.
        const ending = /logout/.test(path);
        const requests = requestsOf(path, op);
        for (const r of requests) {
          // The plain request goes to every kind of caller; a malformed URL to one without a session and CSRF token and
          // to the signed-in ones; a malformed body to the signed-in ones (whose CSRF token lets it reach the route).
          const plain = r === requests[0];
          const to = plain
            ? actors
            : r.body === undefined
              ? actors.filter((a) => a.name !== 'anonymous' && a.name !== 'citizen without CSRF')
              : actors.filter((a) => a.name === 'citizen' || a.name === 'official');
          for (const actor of to) {
            let send = actor.send;
            if (ending && actor.name !== 'anonymous without CSRF' && actor.name !== 'anonymous') {
              const own = new TestClient(t.app);
              await own.loginAs(t.ctx.db, 'citizen', citizenSubject);
              send = viaClient('own', own).send;
            }
            const res: LightMyRequestResponse = await send(m, r.url, r.body, r.type);
            sent++;
            if (res.statusCode >= 500)
              failures.push(`${actor.name}: ${m} ${r.url.slice(0, 160)} ${r.type ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${sent} requests over ${Object.values(doc.paths).flatMap((o) => Object.keys(o)).length} operations in ${seconds.toFixed(1)} s, ${failures.length} answers ≥ 500`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(3000);
  }, 900_000);
});
