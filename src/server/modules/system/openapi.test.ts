/**
 * The OpenAPI document is complete: every API route the app serves is in it, and every operation declares its 2xx
 * answer (a JSON schema, a file's media type, or a redirect with its Location) and its error answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../contract/errors.ts';
import { isApiUrl } from '../../http/route.ts';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }>; headers?: Record<string, unknown> }>;
  requestBody?: { content?: Record<string, unknown> };
}
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
  'x-error-codes': Record<string, unknown>;
};

describe(`OpenAPI document on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let doc: Doc;
  const operations: { method: string; path: string; op: Operation }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
    for (const [p, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) operations.push({ method: method.toUpperCase(), path: p, op });
  });
  afterAll(async () => t?.close());

  it('documents every API route the app serves, and nothing it does not', () => {
    const served = new Set(
      t.app.contract.routes
        .filter((r) => isApiUrl(r.url) && r.method !== 'HEAD' && r.method !== 'OPTIONS')
        .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    );
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    expect([...served].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((r) => !served.has(r)).sort()).toEqual([]);
    expect(served.size).toBeGreaterThan(100);
    for (const r of [
      'POST /api/uploads',
      'GET /api/payments/vnpay/ipn',
      'GET /api/payments/vnpay/return',
      'GET /api/receipts/{id}/pdf',
      'GET /api/openapi.json',
      'GET /auth/login',
    ]) {
      expect(documented, r).toContain(r);
    }
  });

  it('gives every operation a 2xx answer with content, or a redirect with its Location', () => {
    const bad: string[] = [];
    for (const { method, path, op } of operations) {
      const codes = Object.keys(op.responses ?? {});
      const ok = codes.filter((c) => /^2\d\d$/.test(c));
      const redirects = codes.filter((c) => /^3\d\d$/.test(c));
      const withContent = ok.filter((c) => {
        const content = op.responses?.[c].content ?? {};
        const types = Object.entries(content);
        return types.length > 0 && types.every(([, v]) => v.schema && Object.keys(v.schema).length > 0);
      });
      const withLocation = redirects.filter((c) => op.responses?.[c].headers?.Location);
      if (withContent.length === 0 && withLocation.length === 0) bad.push(`${method} ${path}`);
    }
    expect(bad).toEqual([]);
  });

  it('describes JSON answers by their schema, files by their media type', () => {
    const json = operations.filter(({ op }) => op.responses?.['200']?.content?.['application/json']);
    expect(json.length).toBeGreaterThan(70);
    const staffDossier = doc.paths['/api/staff/dossiers/{id}'].get.responses?.['200'].content?.['application/json'].schema as {
      properties?: Record<string, unknown>;
      required?: string[];
      additionalProperties?: unknown;
    };
    expect(staffDossier.required).toEqual(expect.arrayContaining(['id', 'code', 'status', 'actions', 'log']));
    expect(staffDossier.additionalProperties).toBe(false);
    expect(Object.keys(doc.paths['/api/receipts/{id}/pdf'].get.responses?.['200'].content ?? {})).toEqual(['application/pdf']);
    expect(Object.keys(doc.paths['/api/uploads'].post.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(doc.paths['/api/uploads'].post.responses?.['201']).toBeDefined();
    expect(doc.paths['/api/payments/vnpay/return'].get.responses?.['302']?.headers?.Location).toBeDefined();
  });

  it('gives every operation its error answers, all in the one error shape with a registered code', () => {
    for (const { method, path, op } of operations) {
      expect(op.responses?.['4XX'], `${method} ${path}`).toBeDefined();
      expect(op.responses?.['500'], `${method} ${path}`).toBeDefined();
      if (op.requestBody) expect(op.responses?.['400'], `${method} ${path}`).toBeDefined();
    }
    const error = JSON.stringify(doc.components.schemas.Error);
    for (const code of ['VALIDATION_FAILED', 'NOT_FOUND', 'INVALID_TRANSITION']) expect(error).toContain(code);
    expect(Object.keys(doc['x-error-codes']).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('gives every operation a unique id', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
