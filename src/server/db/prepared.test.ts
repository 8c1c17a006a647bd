import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { isStalePlan, PreparedStatements } from './prepared.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/harness.ts';

describe('PreparedStatements', () => {
  it('names a text with parameters from its third run on, the same name each time', () => {
    const p = new PreparedStatements(3, 10);
    const sql = 'SELECT * FROM t WHERE id = $1';
    expect(p.config(sql, [1]).name).toBeUndefined();
    expect(p.config(sql, [2]).name).toBeUndefined();
    const third = p.config(sql, [3]);
    expect(third).toMatchObject({ text: sql, values: [3] });
    expect(third.name).toMatch(/^motcua_0_[0-9a-f]{24}$/);
    expect(p.config(sql, [4]).name).toBe(third.name);
    expect(p.config('SELECT * FROM t WHERE id = $2', [1, 2]).name).toBeUndefined();
  });

  it('never names a text without parameters (it may be a script of several statements)', () => {
    const p = new PreparedStatements(1, 10);
    expect(p.config('BEGIN', []).name).toBeUndefined();
    expect(p.config('CREATE TABLE x (a int); CREATE TABLE y (b int)', []).name).toBeUndefined();
  });

  it('stops naming at its limit, and gives every text a new name after retire', () => {
    const p = new PreparedStatements(1, 2);
    const a = p.config('SELECT $1::int', [1]).name;
    expect(p.config('SELECT $1::text', ['x']).name).toBeDefined();
    expect(p.config('SELECT $1::date', ['2026-01-01']).name).toBeUndefined();
    expect(p.size).toBe(2);
    p.retire();
    expect(p.size).toBe(0);
    const again = p.config('SELECT $1::int', [1]).name;
    expect(again).toMatch(/^motcua_1_/);
    expect(again).not.toBe(a);
  });

  it('recognises PostgreSQL’s stale-plan error only', () => {
    expect(isStalePlan({ code: '0A000', message: 'cached plan must not change result type' })).toBe(true);
    expect(isStalePlan({ code: '0A000', message: 'feature not supported' })).toBe(false);
    expect(isStalePlan(new Error('cached plan must not change result type'))).toBe(false);
    expect(isStalePlan(null)).toBe(false);
  });
});

describe.skipIf(testDatabaseKind !== 'postgresql')('prepared statements on a PostgreSQL server', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await db.exec('CREATE TABLE prepared_probe (id int PRIMARY KEY, a text)');
    await db.query("INSERT INTO prepared_probe VALUES (1, 'one'), (2, 'two')");
  });
  afterAll(async () => drop());

  it('answers the same rows once a statement is prepared, and survives a migration that changes its columns', async () => {
    const read = () => db.query<Record<string, unknown>>('SELECT * FROM prepared_probe WHERE id = $1', [1]);
    for (let i = 0; i < 8; i++) expect((await read()).rows).toEqual([{ id: 1, a: 'one' }]);
    // The pool's connections now hold the prepared `SELECT *`; a column added under it makes PostgreSQL refuse the
    // old plan ("cached plan must not change result type"): the statement is re-prepared and retried, not failed.
    await db.exec("ALTER TABLE prepared_probe ADD COLUMN b text NOT NULL DEFAULT 'new'");
    for (let i = 0; i < 12; i++) expect((await read()).rows).toEqual([{ id: 1, a: 'one', b: 'new' }]);
    // In a transaction the statement cannot be retried, but the next transaction works.
    await db.exec('ALTER TABLE prepared_probe DROP COLUMN b');
    const inTx = () => db.transaction(async (tx) => (await tx.query('SELECT * FROM prepared_probe WHERE id = $1', [2])).rows);
    const outcomes = [];
    for (let i = 0; i < 12; i++)
      outcomes.push(
        await inTx().then(
          (rows) => rows,
          (err: unknown) => (isStalePlan(err) ? 'stale' : err),
        ),
      );
    for (const o of outcomes) if (o !== 'stale') expect(o).toEqual([{ id: 2, a: 'two' }]);
    expect(outcomes.at(-1)).toEqual([{ id: 2, a: 'two' }]);
  });
});
