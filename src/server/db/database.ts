/**
 * One small interface over the two PostgreSQL engines MotCua runs on:
 * embedded PGlite (default, one connection per process) and a PostgreSQL server (pg Pool).
 * Everything above this layer writes plain PostgreSQL SQL with $1, $2 … parameters.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite as PGliteInstance } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import { withDeferredWrites } from './deferred.ts';
import { isStalePlan, PreparedStatements } from './prepared.ts';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /**
   * In a transaction: queues a write whose result nobody reads, sent with the other queued writes as one statement
   * before the transaction's next statement or its commit (src/server/db/deferred.ts says which writes may be). Use
   * `deferWrite`, which sends the write at once where there is no queue.
   */
  defer?(sql: string, params: unknown[]): void;
  /** In a transaction that defers writes: a read sent before the queued writes (`readAhead` in deferred.ts says when). */
  readAhead?<T = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
}

/** How a transaction sees the database; the default is PostgreSQL's (READ COMMITTED, read-write). */
export interface TransactionOptions {
  /**
   * A read-only transaction at REPEATABLE READ: every statement sees the database as it was at the first one
   * (src/server/db/snapshot.ts). On PostgreSQL it is said in the BEGIN itself, which goes with the first statement.
   */
  snapshot?: boolean;
}

/** The characteristics of a snapshot transaction, as BEGIN and SET TRANSACTION take them. */
const SNAPSHOT = 'ISOLATION LEVEL REPEATABLE READ READ ONLY';

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs fn inside one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn while holding the session-level advisory lock `key` (PostgreSQL: on a connection of its own, so fn may
   * use the pool and its transactions freely; other processes asking for the same key wait). PGlite has one
   * process by construction (its folder is locked, see data-dir-lock.ts): fn simply runs.
   */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: autocommit statements on a small pool of their own (2 connections, opened when first used), for a
   * statement that must not stay locked until an open transaction commits — drawing a dossier number inside an
   * in-transaction subscriber (liên thông member dossiers). It never waits for a connection that a transaction of the
   * main pool holds. Absent on PGlite (one connection: such a statement runs in the transaction itself).
   */
  readonly outside?: Queryable;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string;
  /** Directory for PGlite's files; when absent, PGlite runs in memory. */
  dataDir?: string;
  /** PostgreSQL only: schema to use as search_path (tests isolate themselves this way). */
  schema?: string;
  /** PostgreSQL only: pool size. */
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.schema, opts.poolSize) : openPglite(opts.dataDir);
}

/**
 * What both engines return for the types whose defaults differ (src/server/db/schema.generated.ts states these,
 * and kysely.test.ts checks them on both):
 * - int8 and numeric → number. Counters and sums in this app stay well below 2^53; pg would give strings, PGlite
 *   a number (a BigInt above 2^53) for int8 and a string for numeric.
 * - date → the 'YYYY-MM-DD' text. pg would build a Date at local midnight and PGlite one at UTC midnight, so the
 *   same day would differ by the server's UTC offset; a calendar day is a string everywhere in MotCua.
 */
const TYPE_PARSERS: Record<number, (v: string) => unknown> = {
  20: (v) => Number(v), // int8
  1700: (v) => Number(v), // numeric
  1082: (v) => v, // date
};

/**
 * PGlite runs each query synchronously on this thread, and hands the next queued query its turn through promises only:
 * under load, one request's queries and the next's followed each other without the event loop ever running, so
 * connections, timers and signals waited seconds (a SIGTERM's listener close came 1.4 s late, issue 17). Each query
 * first lets the event loop turn once (setImmediate: after pending I/O, before the next query).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // One process only on a PGlite folder: a second opener would corrupt it (it has no shared-memory locking).
  const folderLock = dataDir ? lockDataDir(dataDir) : null;
  const options = { extensions: { unaccent, pg_trgm }, parsers: TYPE_PARSERS };
  let pg: PGliteInstance;
  try {
    pg = await PGlite.create(dataDir ? { dataDir, ...options } : options);
  } catch (err) {
    folderLock?.release();
    throw err;
  }
  const toResult = <T>(r: { rows: unknown[]; affectedRows?: number }) => ({
    rows: r.rows as T[],
    rowCount: r.rows.length > 0 ? r.rows.length : (r.affectedRows ?? 0),
  });
  return {
    kind: 'pglite',
    async query<T = Row>(sql: string, params: unknown[] = []) {
      await yieldToEventLoop();
      return toResult<T>(await pg.query(sql, params.map(toPgParam)));
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      return pg.transaction(async (tx) => {
        // PGlite's transaction has begun already: the characteristics are set before its first statement.
        if (options?.snapshot) await tx.query(`SET TRANSACTION ${SNAPSHOT}`);
        const deferring = withDeferredWrites({
          async query<R = Row>(sql: string, params: unknown[] = []) {
            await yieldToEventLoop();
            return toResult<R>(await tx.query(sql, params.map(toPgParam)));
          },
        });
        const result = await fn(deferring);
        await deferring.flush();
        return result;
      });
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async withAdvisoryLock<T>(_key: number, fn: () => Promise<T>) {
      return fn();
    },
    async close() {
      try {
        await pg.close();
      } finally {
        folderLock?.release();
      }
    },
  };
}

/**
 * The advisory locks the current async call chain holds (PostgreSQL). Enabled only while a chain holds one (start-up:
 * migrations and seeding): an enabled AsyncLocalStorage hooks every promise the process makes (Node 20 and 22), and
 * left enabled after start-up those hooks ran on every promise of every request (about 1% of a submission's CPU in a
 * perf profile, issue 17).
 */
const heldLocks = new AsyncLocalStorage<Set<number>>();
let chainsHoldingLocks = 0;

async function openPostgres(url: string, schema?: string, poolSize = 10): Promise<Database> {
  const pgModule = await import('pg');
  const pg = pgModule.default;
  for (const [oid, parse] of Object.entries(TYPE_PARSERS)) pg.types.setTypeParser(Number(oid), parse);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: schema ? `-c search_path=${schema},public` : undefined,
  });
  if (schema) {
    const c = await pool.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      c.release();
    }
  }
  let outsidePool: InstanceType<typeof pg.Pool> | null = null;
  // The hot statements go as named prepared statements (src/server/db/prepared.ts).
  const prepared = new PreparedStatements();
  type Sender = { query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }> };
  /**
   * One statement. One that met a stale prepared plan (a migration changed its columns) renews the names; an autocommit
   * statement is then re-prepared and retried once, one inside a transaction is not (the transaction is aborted: the
   * caller's next attempt re-prepares).
   */
  const run = async <T>(on: Sender, sql: string, params: unknown[], inTransaction: boolean) => {
    const values = params.map(toPgParam);
    let r: Awaited<ReturnType<Sender['query']>>;
    try {
      r = await on.query(prepared.config(sql, values));
    } catch (err) {
      if (!isStalePlan(err)) throw err;
      prepared.retire();
      if (inTransaction) throw err;
      r = await on.query(prepared.config(sql, values));
    }
    return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
  };
  const autocommit = <T>(on: Sender, sql: string, params: unknown[]) => run<T>(on, sql, params, false);
  return {
    kind: 'postgresql',
    outside: {
      async query<T = Row>(sql: string, params: unknown[] = []) {
        outsidePool ??= new pg.Pool({ connectionString: url, max: 2, options: schema ? `-c search_path=${schema},public` : undefined });
        return autocommit<T>(outsidePool, sql, params);
      },
    },
    async query<T = Row>(sql: string, params: unknown[] = []) {
      return autocommit<T>(pool, sql, params);
    },
    /**
     * BEGIN is sent with the transaction's first statement that is not a deferred write, not before: a transaction
     * whose every write was deferred (and whose reads were read-ahead reads) goes to the database as ONE autocommit
     * statement, atomic by itself, with no BEGIN and no COMMIT (the online submission, issue 17: 8 → 5 round trips).
     */
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      const client = await pool.connect();
      const begin = options?.snapshot ? `BEGIN ${SNAPSHOT}` : 'BEGIN';
      let begun: Promise<unknown> | null = null;
      try {
        const send = <R>(sql: string, params: unknown[]) => run<R>(client, sql, params, true);
        const deferring = withDeferredWrites({
          async query<R = Row>(sql: string, params: unknown[] = []) {
            // Issued before the statement, in the same tick: the driver sends its queries in the order of the calls.
            begun ??= client.query(begin);
            const result = send<R>(sql, params);
            try {
              await begun;
            } catch (err) {
              result.catch(() => undefined);
              throw err;
            }
            return result;
          },
          // Before BEGIN, a read-ahead read is an autocommit statement (READ COMMITTED: the same snapshot rule).
          readAhead: <R = Row>(sql: string, params: unknown[] = []) => (begun ? send<R>(sql, params) : autocommit<R>(client, sql, params)),
        });
        const result = await fn(deferring);
        if (!begun) {
          const lone = deferring.take();
          if (lone) await autocommit(client, lone.sql, lone.params);
          return result;
        }
        await deferring.flush();
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (begun) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async withAdvisoryLock<T>(key: number, fn: () => Promise<T>) {
      // Reentrant within one async call chain (createContext holds the lock and calls migrate, which takes it too).
      const outer = heldLocks.getStore();
      if (outer?.has(key)) return fn();
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        chainsHoldingLocks++;
        try {
          return await heldLocks.run(new Set([...(outer ?? []), key]), fn);
        } finally {
          if (--chainsHoldingLocks === 0) heldLocks.disable();
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.all([pool.end(), outsidePool?.end()]);
    },
  };
}

/** Plain objects and arrays of objects go to PostgreSQL as JSON text (for jsonb columns). */
function toPgParam(v: unknown): unknown {
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array) && !Array.isArray(v)) {
    return JSON.stringify(v);
  }
  if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) return JSON.stringify(v);
  return v;
}
