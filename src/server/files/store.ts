/**
 * Content-addressed file storage (SHA-256). The local disk store is the default; the S3 store (s3-store.ts)
 * implements the same interface for several servers (chosen by configuration: open-store.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface FileStore {
  /** Stores the bytes (idempotent: the same content is stored once) and returns its hash. */
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Every stored file's hash (backup, migration between stores); no order promised. */
  list(): AsyncIterable<string>;
}

export function isSha256(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export class LocalDiskFileStore implements FileStore {
  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('invalid sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    if (!fs.existsSync(target)) {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Write to a temporary file, flush it to disk, then rename: a crash never leaves a partial file under
      // the final name, and once put() returns the content survives a power loss.
      const tmp = `${target}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      const fh = await fs.promises.open(tmp, 'w');
      try {
        await fh.writeFile(bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, target);
      const dir = await fs.promises.open(path.dirname(target), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    }
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Buffer> {
    const data = await fs.promises.readFile(this.pathOf(sha256));
    if (sha256Hex(data) !== sha256) throw new Error(`stored file ${sha256} is corrupted`);
    return data;
  }

  async has(sha256: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(sha256));
  }

  async *list(): AsyncIterable<string> {
    for (const a of await readdirOrEmpty(this.root)) {
      for (const b of await readdirOrEmpty(path.join(this.root, a))) {
        for (const name of await readdirOrEmpty(path.join(this.root, a, b))) if (isSha256(name)) yield name;
      }
    }
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return (await fs.promises.readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}
