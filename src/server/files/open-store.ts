/** The configured file store: S3-protocol object storage when S3_BUCKET is set, else the local disk under DATA_DIR. */
import path from 'node:path';
import type { AppConfig } from '../config.ts';
import { S3FileStore } from './s3-store.ts';
import { type FileStore, LocalDiskFileStore } from './store.ts';

export function openFileStore(config: Pick<AppConfig, 's3' | 'dataDir'>): FileStore {
  return config.s3 ? new S3FileStore(config.s3) : new LocalDiskFileStore(path.join(config.dataDir, 'files'));
}

/**
 * Copies every file of one store into another (`npm run motcua -- migrate-files`): idempotent (files already there
 * are skipped), each copy checked against its hash on read; safe to run again after an interruption.
 */
export async function copyFiles(
  from: FileStore,
  to: FileStore,
  onProgress?: (copied: number, skipped: number) => void,
): Promise<{ copied: number; skipped: number }> {
  let copied = 0;
  let skipped = 0;
  for await (const sha256 of from.list()) {
    if (await to.has(sha256)) skipped++;
    else {
      const stored = await to.put(await from.get(sha256));
      if (stored.sha256 !== sha256) throw new Error(`file ${sha256} changed while copying`);
      copied++;
    }
    if ((copied + skipped) % 500 === 0) onProgress?.(copied, skipped);
  }
  return { copied, skipped };
}
