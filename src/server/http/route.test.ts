/**
 * The contract checks of route.ts on a bare Fastify app: an answer that does not match its declaration becomes a 500
 * RESPONSE_CONTRACT_VIOLATION and is recorded; errors, files, redirects and undocumented routes are checked too.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { created, file, redirect } from '../../contract/http.ts';
import { AppError, appError, errorBody } from './errors.ts';
import { defineRoute, describeRoute, installContract } from './route.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function app(check = true): Promise<FastifyInstance> {
  const a = Fastify();
  apps.push(a);
  installContract(a, { check });
  a.setErrorHandler((err, _req, reply) =>
    err instanceof AppError ? reply.status(err.status).send(errorBody(err)) : reply.status(500).send({ error: { code: 'INTERNAL', message: 'x' } }),
  );
  const Thing = z.strictObject({ id: z.string(), at: z.iso.datetime() });
  defineRoute(a, { method: 'GET', url: '/api/t/good', summary: 'good', response: Thing }, async () => ({ id: 'a', at: new Date() }));
  // The compiler refuses these answers; the casts stand for a handler that returns what it should not.
  defineRoute(
    a,
    { method: 'GET', url: '/api/t/renamed', summary: 'renamed', response: Thing },
    async () => ({ ident: 'a', at: new Date() }) as unknown as { id: string; at: string },
  );
  defineRoute(a, { method: 'GET', url: '/api/t/extra', summary: 'extra', response: Thing }, async () => {
    const v = { id: 'a', at: new Date().toISOString(), secret: 'x' };
    return v;
  });
  defineRoute(a, { method: 'POST', url: '/api/t/create', summary: 'create', response: created(Thing) }, async () => ({ id: 'a', at: new Date() }));
  defineRoute(a, { method: 'GET', url: '/api/t/pdf', summary: 'pdf', response: file('x', 'application/pdf') }, async ({ reply }) =>
    reply.type('text/plain').send('not a pdf'),
  );
  defineRoute(a, { method: 'GET', url: '/api/t/go', summary: 'go', response: redirect(303, '/there') }, async ({ reply }) => reply.redirect('/there', 302));
  defineRoute(a, { method: 'GET', url: '/api/t/fails', summary: 'fails', response: Thing }, async () => {
    throw new AppError('NO_SUCH_CODE', 'Lỗi.', 400);
  });
  defineRoute(a, { method: 'GET', url: '/api/t/unit', summary: 'unit', response: Thing }, async () => {
    throw new AppError('UNIT_CLOSED', 'Đơn vị x đã giải thể.', 409);
  });
  defineRoute(a, { method: 'GET', url: '/api/t/status', summary: 'status', response: Thing }, async () => {
    throw new AppError('NOT_FOUND', 'Không thấy.', 410);
  });
  describeRoute({ method: 'GET', url: '/api/t/described', summary: 'described', response: Thing });
  a.get('/api/t/described', async () => ({ id: 'a', at: 'yesterday' }));
  a.get('/api/t/undocumented', async () => ({ ok: true }));
  a.get('/page', async () => 'a page of the web app');
  await a.ready();
  return a;
}

describe('contract checks', () => {
  it('lets a matching answer through (a Date written as an ISO string)', async () => {
    const a = await app();
    const res = await a.inject({ method: 'GET', url: '/api/t/good' });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe('a');
    expect(a.contract.violations).toEqual([]);
  });

  it('turns a renamed field into a 500 RESPONSE_CONTRACT_VIOLATION with the zod issues, and records it', async () => {
    const a = await app();
    const res = await a.inject({ method: 'GET', url: '/api/t/renamed' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('RESPONSE_CONTRACT_VIOLATION');
    expect(JSON.stringify(res.json().error.details.problems)).toContain('id');
    expect(a.contract.violations.join('\n')).toContain('GET /api/t/renamed → 200');
  });

  it('refuses an extra field (strict objects)', async () => {
    const a = await app();
    expect((await a.inject({ method: 'GET', url: '/api/t/extra' })).statusCode).toBe(500);
    expect(a.contract.violations.join('\n')).toContain('secret');
  });

  it('refuses a status the route does not declare', async () => {
    const a = await app();
    expect((await a.inject({ method: 'POST', url: '/api/t/create' })).statusCode).toBe(500);
    expect(a.contract.violations.join('\n')).toContain('the contract says 201');
  });

  it('checks a file’s media type and a redirect’s status', async () => {
    const a = await app();
    expect((await a.inject({ method: 'GET', url: '/api/t/pdf' })).statusCode).toBe(500);
    expect((await a.inject({ method: 'GET', url: '/api/t/go' })).statusCode).toBe(302);
    const v = a.contract.violations.join('\n');
    expect(v).toContain('media type text/plain, the contract says application/pdf');
    expect(v).toContain('answered 302, the contract says a 303 redirect');
  });

  it('records an error with an unregistered code, a wrong status or missing params, without changing the answer', async () => {
    const a = await app();
    expect((await a.inject({ method: 'GET', url: '/api/t/fails' })).statusCode).toBe(400);
    expect((await a.inject({ method: 'GET', url: '/api/t/unit' })).statusCode).toBe(409);
    expect((await a.inject({ method: 'GET', url: '/api/t/status' })).statusCode).toBe(410);
    const v = a.contract.violations.join('\n');
    expect(v).toContain('NO_SUCH_CODE');
    expect(v).toContain('error UNIT_CLOSED without the params id, date');
    expect(v).toContain('error NOT_FOUND answered with 410, registered as 404');
  });

  it('checks routes documented with describeRoute, and refuses an API route that is not in the contract', async () => {
    const a = await app();
    expect((await a.inject({ method: 'GET', url: '/api/t/described' })).statusCode).toBe(500);
    await a.inject({ method: 'GET', url: '/api/t/undocumented' });
    expect((await a.inject({ method: 'GET', url: '/page' })).statusCode).toBe(200);
    const v = a.contract.violations.join('\n');
    expect(v).toContain('GET /api/t/described → 200: at');
    expect(v).toContain('GET /api/t/undocumented → 200: the route is not in the contract');
    expect(v).not.toContain('/page');
  });

  it('checks nothing when the setting is off (production)', async () => {
    const a = await app(false);
    expect((await a.inject({ method: 'GET', url: '/api/t/renamed' })).statusCode).toBe(200);
    expect(a.contract.violations).toEqual([]);
    expect(a.contract.routes.some((r) => r.url === '/api/t/undocumented')).toBe(true);
  });
});

describe('errors from the registry', () => {
  it('takes the status and the Vietnamese message from the registry, with the params', () => {
    const e = appError('USERNAME_TAKEN', { username: 'tiepnhan.a' });
    expect(e.status).toBe(409);
    expect(e.messageVi).toBe('Tên đăng nhập tiepnhan.a đã được sử dụng.');
    expect(errorBody(e)).toEqual({
      error: { code: 'USERNAME_TAKEN', message: 'Tên đăng nhập tiepnhan.a đã được sử dụng.', params: { username: 'tiepnhan.a' } },
    });
  });
});
