import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawHttpPool } from './raw-http.ts';

/** A server answering as the test's path asks: a sized body, a chunked body, no body, or a closed connection. */
let server: http.Server;
let base: string;
const seen: { method?: string; headers: http.IncomingHttpHeaders; body: string; socket: number }[] = [];
const sockets = new Map<unknown, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
      seen.push({ method: req.method, headers: req.headers, body, socket: sockets.get(req.socket) ?? -1 });
      if (req.url === '/sized') return void res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: 'đã nhận', body }));
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('một ');
        setTimeout(() => res.end('hai'), 5);
        return;
      }
      if (req.url === '/empty') return void res.writeHead(204).end();
      if (req.url === '/close') return void res.writeHead(409, { connection: 'close', 'content-length': '2' }).end('no');
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('RawHttpPool (bench load generator)', () => {
  it('sends the JSON body and headers, reads each kind of answer, and reuses one kept-alive connection', async () => {
    const pool = new RawHttpPool();
    const body = JSON.stringify({ draftId: 'x', name: 'Nguyễn Văn A' });
    expect(await pool.postJson(new URL('/sized', base), { cookie: 'sid=1', 'x-csrf-token': 't' }, body)).toBe(201);
    expect(await pool.postJson(new URL('/chunked', base), {}, body)).toBe(200);
    expect(await pool.postJson(new URL('/empty', base), {}, body)).toBe(204);
    expect(await pool.postJson(new URL('/sized', base), {}, body)).toBe(201);
    pool.destroy();
    const last = seen.slice(-4);
    expect(last[0]).toMatchObject({ method: 'POST', body, headers: { cookie: 'sid=1', 'x-csrf-token': 't', 'content-type': 'application/json' } });
    expect(new Set(last.map((s) => s.socket)).size).toBe(1);
  });

  it('opens a new connection after the server closed one, and one per request in flight', async () => {
    const pool = new RawHttpPool();
    expect(await pool.postJson(new URL('/close', base), {}, '{}')).toBe(409);
    expect(await pool.postJson(new URL('/sized', base), {}, '{}')).toBe(201);
    const two = seen.slice(-2);
    expect(two[0].socket).not.toBe(two[1].socket);
    const statuses = await Promise.all([1, 2, 3].map(() => pool.postJson(new URL('/sized', base), {}, '{}')));
    expect(statuses).toEqual([201, 201, 201]);
    expect(new Set(seen.slice(-3).map((s) => s.socket)).size).toBe(3);
    pool.destroy();
  });

  it('rejects when the server is gone', async () => {
    const pool = new RawHttpPool();
    await expect(pool.postJson(new URL('/sized', 'http://127.0.0.1:1'), {}, '{}')).rejects.toThrow();
    pool.destroy();
  });
});
