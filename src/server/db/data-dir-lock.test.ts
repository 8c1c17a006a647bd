import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { DataDirLockedError, lockDataDir, lockFileOf } from './data-dir-lock.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the embedded database folder lock', () => {
  it('refuses a second opener of the same PGlite folder with a Vietnamese and English message, and frees it on close', async () => {
    const dataDir = path.join(tmp, 'pglite');
    const first = await openDatabase({ dataDir });
    await first.query('CREATE TABLE t (x text UNIQUE)');
    const second = openDatabase({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(/đang được một tiến trình khác sử dụng.*is in use by another process/s);
    await first.close();
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
    const again = await openDatabase({ dataDir });
    expect((await again.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 't'")).rows[0].n).toBe(1);
    await again.close();
  }, 180_000);

  it('refuses while another live process holds it, and takes over the lock of a process that is gone', () => {
    const dataDir = path.join(tmp, 'other');
    // A live process of this host: the test runner's parent.
    fs.writeFileSync(lockFileOf(dataDir), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    // A process that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(lockFileOf(dataDir), JSON.stringify({ pid: Number(gone), host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(fs.readFileSync(lockFileOf(dataDir), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
  });
});
