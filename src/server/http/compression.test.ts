import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../testing/harness.ts';

describe(`compressed answers on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    client = new TestClient(t.app);
  });
  afterAll(async () => t?.close());

  it('sends the API JSON with brotli or gzip when the browser accepts it, the same content as uncompressed', async () => {
    const plain = await client.request('GET', '/api/procedures');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const items = plain.json().items;
    expect(items.length).toBeGreaterThan(5);

    const br = await client.request('GET', '/api/procedures', undefined, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const brBody = zlib.brotliDecompressSync(br.rawPayload);
    expect(JSON.parse(brBody.toString()).items).toEqual(items);
    expect(br.rawPayload.length).toBeLessThan(brBody.length / 2);

    const gz = await client.request('GET', '/api/procedures', undefined, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString()).items).toEqual(items);
  });

  it('leaves small answers and errors readable', async () => {
    const health = await client.request('GET', '/api/health', undefined, { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    const missing = await client.request('GET', '/api/khong-co', undefined, { 'accept-encoding': 'gzip' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });
});
