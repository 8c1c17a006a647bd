/** An S3-protocol server for tests (s3rver, from npm) on a free port, with one bucket, and the store config for it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { S3StoreConfig } from '../files/s3-store.ts';
import { freePort } from './net.ts';

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<unknown>;
}
type S3rverClass = new (opts: Record<string, unknown>) => S3rverInstance;

export async function startS3Server(bucket = 'motcua-test'): Promise<{ config: S3StoreConfig; directory: string; close: () => Promise<void> }> {
  // s3rver ships no type declarations.
  const S3rver = ((await import('s3rver' as string)) as { default: S3rverClass }).default;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-s3-'));
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket }] });
  await server.run();
  return {
    directory,
    config: {
      bucket,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'motcua/',
    },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
