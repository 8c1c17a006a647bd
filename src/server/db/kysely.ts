/**
 * Typed SQL with Kysely over OUR Database: `kysely(q)` gives a query builder typed by the generated schema
 * (schema.generated.ts) that runs its compiled queries through any Queryable — the Database itself, or the `tx`
 * of `db.transaction(async (tx) => …)`. Raw SQL (`tx.query(…)`) and Kysely mix freely in one transaction: they
 * go through the same connection. Works on PGlite and pg alike, including a test file's own schema
 * (search_path), because queries name tables without a schema.
 *
 *   await db.transaction(async (tx) => {
 *     const intent = await kysely(tx).selectFrom('payment_intents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
 *     await tx.query('UPDATE …', […]);
 *   });
 *
 * Transactions are opened with db.transaction, never with Kysely's own transaction API (which throws here):
 * one way to open a transaction, on both engines.
 */
import {
  type CompiledQuery,
  type ConnectionProvider,
  type DatabaseConnection,
  DefaultQueryExecutor,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Queryable } from './database.ts';
import type { DB } from './schema.generated.ts';

export { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
export type { DB, JsonValue } from './schema.generated.ts';

/** The typed query builder of one Queryable. */
export type QueryBuilder = Kysely<DB>;

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

class QueryableConnection implements DatabaseConnection {
  constructor(private readonly q: Queryable) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, rowCount } = await this.q.query<R>(compiled.sql, compiled.parameters as unknown[]);
    // Kysely reads numAffectedRows of writes (executeTakeFirst of an UPDATE without RETURNING, for instance).
    return WRITES.has(compiled.query.kind) ? { rows, numAffectedRows: BigInt(rowCount) } : { rows };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('kysely(q): streaming is not supported; page with LIMIT instead');
  }
}

const noTransactions = () => Promise.reject(new Error('kysely(q): open transactions with db.transaction(async (tx) => …) and use kysely(tx) inside'));

class QueryableDriver implements Driver {
  constructor(private readonly connection: DatabaseConnection) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  beginTransaction = noTransactions;
  commitTransaction = noTransactions;
  rollbackTransaction = noTransactions;
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** A Kysely dialect whose one "connection" is a Queryable: PostgreSQL SQL, run by our Database or its transaction. */
export class QueryableDialect implements Dialect {
  constructor(private readonly q: Queryable) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new QueryableDriver(new QueryableConnection(this.q));
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

// Stateless between compilations (Kysely shares one per instance across concurrent queries too).
const compiler = new PostgresQueryCompiler();
const adapter = new PostgresAdapter();

/**
 * The typed query builder running on q (a Database or a transaction). Cheap enough to call wherever a query is
 * written: a few microseconds, sharing the compiler and adapter (bench/db-builder.ts measures it). Nothing queues
 * here: queries through kysely(db) run side by side on the pool like db.query does.
 */
export function kysely(q: Queryable): QueryBuilder {
  const connection = new QueryableConnection(q);
  const provider: ConnectionProvider = { provideConnection: (consume) => consume(connection) };
  const dialect = new QueryableDialect(q);
  return new Kysely<DB>({
    config: { dialect },
    dialect,
    driver: new QueryableDriver(connection),
    executor: new DefaultQueryExecutor(compiler, adapter, provider, []),
  });
}
