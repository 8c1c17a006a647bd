/**
 * The embedded database's folder belongs to one process. PGlite has no locking of its own: two servers opened on the
 * same folder both start and corrupt it (lost commits, duplicate values in UNIQUE columns). So opening a PGlite
 * folder first creates `<folder>.lock` atomically (O_EXCL) holding the owner's pid and host; a second opener gets
 * DataDirLockedError with a clear message in Vietnamese and English. A lock left behind by a process that no longer
 * runs on this host (a crash, a SIGKILL, a container restart that reused the pid) is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import { systemNow } from '../clock.ts';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được một tiến trình khác sử dụng (pid ${owner.pid} trên máy ${owner.host}, từ ${owner.since}). ` +
        'Cơ sở dữ liệu nhúng (PGlite) chỉ cho phép một máy chủ; để chạy nhiều máy chủ, hãy dùng PostgreSQL (DATABASE_URL). ' +
        `/ The data folder ${dataDir} is in use by another process (pid ${owner.pid} on host ${owner.host}, since ${owner.since}). ` +
        'The embedded database (PGlite) allows one server only; to run several servers, use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Folders this process holds (a second open within the same process is refused too). */
const heldHere = new Set<string>();

export function lockFileOf(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.lock`;
}

/** Takes the folder's lock or throws DataDirLockedError; `release()` gives it back (idempotent). */
export function lockDataDir(dataDir: string): { release(): void } {
  const file = lockFileOf(dataDir);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: systemNow().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(me));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      if (attempt >= 2 || (owner && (attempt > 0 || isAlive(owner, file)))) throw new DataDirLockedError(dataDir, owner ?? { pid: 0, host: '?', since: '?' });
      // Left behind by a process that is gone (or unreadable, half written by a crash): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  heldHere.add(file);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      const owner = readOwner(file);
      if (owner && owner.pid === me.pid && owner.since === me.since) fs.rmSync(file, { force: true });
    },
  };
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, since: String(o.since ?? '') } : null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner, file: string): boolean {
  // Another host (a shared disk): its process cannot be checked from here; never take its lock.
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return heldHere.has(file);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
