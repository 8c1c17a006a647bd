import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Queryable } from './database.ts';
import { listMigrations, migrate, splitStatements } from './migrate.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/harness.ts';

describe('migrations', () => {
  it('splits scripts on statement ends, keeping $$ bodies whole', () => {
    const parts = splitStatements(
      `-- comment\nCREATE TABLE a (x int);\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n`,
    );
    expect(parts).toHaveLength(2);
    expect(parts[1]).toContain('RETURN 1;');
  });

  it('has unique, ordered versions', () => {
    const versions = listMigrations().map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort()).toEqual(versions);
  });

  it(`applies every migration once on ${testDatabaseKind}; a second run applies none`, async () => {
    const { db, drop } = await openTestDatabase();
    try {
      const first = await migrate(db);
      expect(first.length).toBe(listMigrations().length);
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0].n).toBe(listMigrations().length);
    } finally {
      await drop();
    }
  });

  it('rolls back a transaction that throws', async () => {
    const { db, drop } = await openTestDatabase();
    try {
      await db.exec('CREATE TABLE rollback_probe (x int)');
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO rollback_probe VALUES (1)');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rollback_probe');
      expect(rows[0].n).toBe(0);
    } finally {
      await drop();
    }
  });

  it(`opens a snapshot transaction read-only at REPEATABLE READ on ${testDatabaseKind}; a plain one keeps the defaults`, async () => {
    const { db, drop } = await openTestDatabase();
    try {
      await db.exec('CREATE TABLE snapshot_probe (x int)');
      const show = (tx: Queryable) =>
        tx.query<{ isolation: string; ro: string }>(
          "SELECT current_setting('transaction_isolation') AS isolation, current_setting('transaction_read_only') AS ro",
        );
      const snapshot = await db.transaction(async (tx) => (await show(tx)).rows[0], { snapshot: true });
      expect(snapshot).toEqual({ isolation: 'repeatable read', ro: 'on' });
      expect((await db.transaction(async (tx) => (await show(tx)).rows[0])).isolation).toBe('read committed');
      // A write in a snapshot is refused by the database (25006: read-only transaction), and nothing is written.
      await expect(db.transaction((tx) => tx.query('INSERT INTO snapshot_probe VALUES (1)'), { snapshot: true })).rejects.toMatchObject({
        code: '25006',
      });
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM snapshot_probe')).rows[0].n).toBe(0);
    } finally {
      await drop();
    }
  });
});

describe('embedded PGlite on disk', () => {
  it('keeps data across a close and reopen (a server restart)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pglite-'));
    try {
      const first = await openDatabase({ dataDir: path.join(dir, 'pglite') });
      await migrate(first);
      await first.query("INSERT INTO admin_units (code, name, type, level) VALUES ('99', 'Tỉnh Thử nghiệm', 'Tỉnh', 'province')");
      await first.close();
      const second = await openDatabase({ dataDir: path.join(dir, 'pglite') });
      expect(await migrate(second)).toEqual([]);
      const { rows } = await second.query<{ name: string }>("SELECT name FROM admin_units WHERE code = '99'");
      expect(rows[0]?.name).toBe('Tỉnh Thử nghiệm');
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
