import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database, Queryable } from './database.ts';
import { combineWrites, deferWrite, deferWrites, readAhead, withDeferredWrites } from './deferred.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/harness.ts';

describe('combineWrites', () => {
  it('renumbers each write’s parameters after the previous ones', () => {
    const one = combineWrites([
      { sql: 'INSERT INTO a (x, y) VALUES ($1, $2)', params: [1, 2] },
      { sql: 'UPDATE b SET z = $2 WHERE id = $1', params: ['id', 'z'] },
      { sql: 'DELETE FROM c WHERE k = ANY($1::text[])', params: [['k']] },
    ]);
    expect(one.sql).toBe(
      'WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2)),\nw1 AS (UPDATE b SET z = $4 WHERE id = $3),\nw2 AS (DELETE FROM c WHERE k = ANY($5::text[]))\nSELECT 1',
    );
    expect(one.params).toEqual([1, 2, 'id', 'z', ['k']]);
  });

  it('leaves a single write as it is', () => {
    const w = { sql: 'INSERT INTO a VALUES ($1)', params: [1] };
    expect(combineWrites([w])).toBe(w);
  });
});

describe(`deferred writes in a transaction (${testDatabaseKind})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await db.exec('CREATE TABLE deferred_probe (k text PRIMARY KEY, n int NOT NULL)');
    await db.exec('CREATE TABLE deferred_other (k text PRIMARY KEY)');
  });
  afterAll(async () => {
    await drop();
  });

  it('sends the queued writes as one statement before the next statement, which sees them', async () => {
    const seen = await db.transaction(async (tx) => {
      expect(typeof tx.defer).toBe('function');
      await deferWrite(tx, 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['a', 1]);
      await deferWrites(tx, [
        { sql: 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', params: ['b', 2] },
        { sql: 'INSERT INTO deferred_other (k) VALUES ($1)', params: ['x'] },
      ]);
      return (await tx.query<{ k: string; n: number }>('SELECT k, n FROM deferred_probe ORDER BY k')).rows;
    });
    expect(seen).toEqual([
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
    ]);
    expect((await db.query('SELECT k FROM deferred_other')).rows).toEqual([{ k: 'x' }]);
  });

  it('reads ahead of the queued writes without sending them; they still go as one statement before the commit', async () => {
    await db.exec('CREATE TABLE deferred_ahead (k text PRIMARY KEY)');
    await db.query("INSERT INTO deferred_ahead (k) VALUES ('ahead-1')");
    const sent: string[] = [];
    const seen = await db.transaction(async (tx) => {
      const watched: Queryable = {
        ...tx,
        query: (sql, params) => {
          sent.push(sql);
          return tx.query(sql, params);
        },
      };
      await deferWrite(tx, 'INSERT INTO deferred_ahead (k) VALUES ($1)', ['ahead-2']);
      await deferWrite(tx, 'INSERT INTO deferred_ahead (k) VALUES ($1)', ['ahead-3']);
      // The read runs before the queue is sent: it does not see the queued rows.
      const read = (await readAhead<{ k: string }>(tx, 'SELECT k FROM deferred_ahead ORDER BY k', [])).rows.map((r) => r.k);
      expect(sent).toEqual([]);
      return read;
    });
    expect(seen).toEqual(['ahead-1']);
    expect((await db.query<{ k: string }>('SELECT k FROM deferred_ahead ORDER BY k')).rows.map((r) => r.k)).toEqual(['ahead-1', 'ahead-2', 'ahead-3']);
    // Where nothing defers, readAhead is a plain query.
    expect((await readAhead<{ n: number }>(db, 'SELECT 1 AS n', [])).rows).toEqual([{ n: 1 }]);
  });

  it('sends what is still queued before the commit', async () => {
    await db.transaction(async (tx) => {
      await deferWrite(tx, 'UPDATE deferred_probe SET n = n + $2 WHERE k = $1', ['a', 10]);
    });
    expect((await db.query<{ n: number }>("SELECT n FROM deferred_probe WHERE k = 'a'")).rows[0].n).toBe(11);
  });

  it('rolls the whole transaction back when a deferred write fails, with that write’s error', async () => {
    const err = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['c', 3]);
        await deferWrite(tx, 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['d', null]); // NOT NULL violated
        await tx.query('SELECT 1');
        return 'not reached';
      })
      .catch((e: unknown) => e as { code?: string });
    expect(err).toMatchObject({ code: '23502' });
    expect((await db.query("SELECT k FROM deferred_probe WHERE k IN ('c', 'd')")).rows).toEqual([]);
    // Failing at the commit (nothing after the write) rolls back too.
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['e', 5]);
        await deferWrite(tx, 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['a', 1]); // duplicate key
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query("SELECT k FROM deferred_probe WHERE k = 'e'")).rows).toEqual([]);
  });

  it('keeps the order of the statements: the queued writes (one statement), then the statement that sent them', async () => {
    const sent: string[] = [];
    const recording: Queryable = {
      query: (sql, params) => {
        sent.push(sql);
        return db.query(sql, params);
      },
    };
    const tx = withDeferredWrites(recording);
    await deferWrite(tx, 'INSERT INTO deferred_other (k) VALUES ($1)', ['y']);
    await deferWrite(tx, 'INSERT INTO deferred_other (k) VALUES ($1)', ['z']);
    expect(sent).toEqual([]);
    const both = tx.query('SELECT 1');
    const next = tx.query('SELECT 2'); // called before the first is answered: still after it
    await Promise.all([both, next]);
    expect(sent).toEqual([
      'WITH w0 AS (INSERT INTO deferred_other (k) VALUES ($1)),\nw1 AS (INSERT INTO deferred_other (k) VALUES ($2))\nSELECT 1',
      'SELECT 1',
      'SELECT 2',
    ]);
    await tx.flush(); // nothing queued: nothing sent
    expect(sent).toHaveLength(3);
    expect((await db.query('SELECT k FROM deferred_other ORDER BY k')).rows).toEqual([{ k: 'x' }, { k: 'y' }, { k: 'z' }]);
  });

  describe.runIf(testDatabaseKind === 'postgresql')('BEGIN only when a statement needs it (PostgreSQL)', () => {
    /** What the pool's connections send while `fn` runs, in order. */
    async function sentDuring(fn: () => Promise<unknown>): Promise<string[]> {
      const sent: string[] = [];
      const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
      const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
        const q = args[0] as string | { text: string };
        sent.push(typeof q === 'string' ? q : q.text);
        return original.apply(this, args) as never;
      });
      try {
        await fn();
      } finally {
        spy.mockRestore();
      }
      return sent;
    }
    const probe = async (k: string) => (await db.query('SELECT k FROM deferred_probe WHERE k = $1', [k])).rows.length;

    it('a transaction of deferred writes and read-ahead reads is one autocommit statement after the reads: no BEGIN, no COMMIT', async () => {
      const sent = await sentDuring(() =>
        db.transaction(async (tx) => {
          await deferWrite(tx, 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['lazy-a', 1]);
          await readAhead(tx, 'SELECT count(*) FROM deferred_other', []);
          await deferWrite(tx, 'INSERT INTO deferred_other (k) VALUES ($1)', ['lazy-a']);
        }),
      );
      expect(sent).toEqual([
        'SELECT count(*) FROM deferred_other',
        'WITH w0 AS (INSERT INTO deferred_probe (k, n) VALUES ($1, $2)),\nw1 AS (INSERT INTO deferred_other (k) VALUES ($3))\nSELECT 1',
      ]);
      expect(await probe('lazy-a')).toBe(1);
    });

    it('that statement is atomic: a failing write leaves the others unwritten; a throw before it sends nothing', async () => {
      let sent = await sentDuring(() =>
        expect(
          db.transaction(async (tx) => {
            await deferWrite(tx, 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['lazy-b', 1]);
            await deferWrite(tx, 'INSERT INTO deferred_other (k) VALUES ($1)', ['lazy-a']); // duplicate key
          }),
        ).rejects.toMatchObject({ code: '23505' }),
      );
      expect(sent).toHaveLength(1);
      expect(await probe('lazy-b')).toBe(0);
      sent = await sentDuring(() =>
        expect(
          db.transaction(async (tx) => {
            await deferWrite(tx, 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)', ['lazy-c', 1]);
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind'),
      );
      expect(sent).toEqual([]);
      expect(await probe('lazy-c')).toBe(0);
    });

    it('the first other statement begins the transaction, after which it commits or rolls back as before', async () => {
      const insert = 'INSERT INTO deferred_probe (k, n) VALUES ($1, $2)';
      let sent = await sentDuring(() =>
        db.transaction(async (tx) => {
          await deferWrite(tx, insert, ['lazy-d', 1]);
          await tx.query('SELECT k FROM deferred_probe WHERE k = $1', ['lazy-d']);
          await deferWrite(tx, insert, ['lazy-e', 1]);
        }),
      );
      expect(sent).toEqual(['BEGIN', insert, 'SELECT k FROM deferred_probe WHERE k = $1', insert, 'COMMIT']);
      expect((await probe('lazy-d')) + (await probe('lazy-e'))).toBe(2);
      sent = await sentDuring(() =>
        expect(
          db.transaction(async (tx) => {
            await tx.query(insert, ['lazy-f', 1]);
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind'),
      );
      expect(sent).toEqual(['BEGIN', insert, 'ROLLBACK']);
      expect(await probe('lazy-f')).toBe(0);
    });
  });

  it('refuses a deferred statement that is not one INSERT, UPDATE or DELETE', async () => {
    await expect(db.transaction(async (tx) => deferWrite(tx, 'WITH a AS (SELECT 1) INSERT INTO deferred_other SELECT 1', []))).rejects.toThrow(
      /INSERT, UPDATE or DELETE/,
    );
  });

  it('sends the writes at once, as one statement, where nothing defers (a plain Queryable)', async () => {
    const sent: string[] = [];
    const plain: Queryable = {
      query: (sql, params) => {
        sent.push(sql);
        return db.query(sql, params);
      },
    };
    await deferWrites(plain, [
      { sql: 'INSERT INTO deferred_other (k) VALUES ($1)', params: ['p'] },
      { sql: 'INSERT INTO deferred_other (k) VALUES ($1)', params: ['q'] },
    ]);
    expect(sent).toHaveLength(1);
    expect((await db.query("SELECT count(*)::int AS n FROM deferred_other WHERE k IN ('p', 'q')")).rows[0]).toEqual({ n: 2 });
  });
});
