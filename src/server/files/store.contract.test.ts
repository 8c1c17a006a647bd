/**
 * One contract for every file store: the local disk store and the S3 store (against s3rver, an S3-protocol server
 * started here) must behave the same: content-addressed, idempotent, checked on read, listable; and files move from
 * one to the other with copyFiles (the `migrate-files` command).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server } from '../testing/s3.ts';
import { copyFiles } from './open-store.ts';
import { S3FileStore } from './s3-store.ts';
import { type FileStore, LocalDiskFileStore, sha256Hex } from './store.ts';

interface StoreUnderTest {
  store: FileStore;
  /** Overwrites the stored bytes behind the store's back (a damaged disk, a tampered bucket). */
  corrupt(sha256: string, bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

const tmpRoots: string[] = [];
afterAll(() => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

async function diskStore(): Promise<StoreUnderTest> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-files-'));
  tmpRoots.push(root);
  return {
    store: new LocalDiskFileStore(root),
    corrupt: async (h, bytes) => fs.writeFileSync(path.join(root, h.slice(0, 2), h.slice(2, 4), h), bytes),
    close: async () => undefined,
  };
}

async function s3Store(): Promise<StoreUnderTest> {
  const server = await startS3Server();
  const store = new S3FileStore(server.config);
  return {
    store,
    // Writes other bytes under the same key, through the S3 API.
    corrupt: async (h, bytes) => {
      const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
      const c = new S3Client({
        region: 'us-east-1',
        endpoint: server.config.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestChecksumCalculation: 'WHEN_REQUIRED',
      });
      await c.send(new PutObjectCommand({ Bucket: server.config.bucket, Key: `motcua/sha256/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`, Body: bytes }));
      c.destroy();
    },
    close: async () => {
      store.close();
      await server.close();
    },
  };
}

describe.each([
  ['local disk', diskStore],
  ['S3 (s3rver)', s3Store],
])('file store contract: %s', (_name, make) => {
  let t: StoreUnderTest;
  beforeAll(async () => {
    t = await make();
  }, 60_000);
  afterAll(async () => t?.close());

  it('stores by SHA-256, gives the same bytes back, and a second put of the same content is the same file', async () => {
    const bytes = crypto.randomBytes(70_000);
    const a = await t.store.put(bytes);
    expect(a).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
    expect(await t.store.put(Buffer.from(bytes))).toEqual(a);
    expect(await t.store.has(a.sha256)).toBe(true);
    expect(Buffer.compare(await t.store.get(a.sha256), bytes)).toBe(0);
    const empty = await t.store.put(new Uint8Array());
    expect((await t.store.get(empty.sha256)).length).toBe(0);
  });

  it('answers has = false and get rejects for an absent file; refuses a name that is not a hash', async () => {
    const absent = sha256Hex(crypto.randomBytes(8));
    expect(await t.store.has(absent)).toBe(false);
    await expect(t.store.get(absent)).rejects.toThrow();
    await expect(t.store.get('../../etc/passwd')).rejects.toThrow('invalid sha256');
    await expect(t.store.has('ABC')).rejects.toThrow('invalid sha256');
  });

  it('refuses to give back bytes that no longer match their hash', async () => {
    const { sha256 } = await t.store.put(Buffer.from('giấy tờ gốc'));
    await t.corrupt(sha256, Buffer.from('giấy tờ bị sửa'));
    await expect(t.store.get(sha256)).rejects.toThrow('corrupted');
  });

  it('lists every stored file once', async () => {
    const puts = await Promise.all([1, 2, 3].map((i) => t.store.put(Buffer.from(`tệp ${i} ${crypto.randomUUID()}`))));
    const listed: string[] = [];
    for await (const h of t.store.list()) listed.push(h);
    expect(new Set(listed).size).toBe(listed.length);
    for (const p of puts) expect(listed).toContain(p.sha256);
  });
});

describe('migrate-files: disk → S3', () => {
  it('copies every file, checked, and a second run copies nothing', async () => {
    const disk = await diskStore();
    const s3 = await s3Store();
    try {
      const hashes = [];
      for (let i = 0; i < 12; i++) hashes.push((await disk.store.put(crypto.randomBytes(1000 + i))).sha256);
      const t0 = Date.now();
      expect(await copyFiles(disk.store, s3.store)).toEqual({ copied: 12, skipped: 0 });
      console.log(`migrate-files: 12 files disk → S3 in ${Date.now() - t0} ms`);
      for (const h of hashes) expect(sha256Hex(await s3.store.get(h))).toBe(h);
      expect(await copyFiles(disk.store, s3.store)).toEqual({ copied: 0, skipped: 12 });
    } finally {
      await s3.close();
    }
  }, 60_000);
});
