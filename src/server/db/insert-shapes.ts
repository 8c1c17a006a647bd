/**
 * INSERT statements of the hot paths without building Kysely's query tree on every call (issue 17). The online
 * submission writes the same rows of the same tables every time — the dossier, its components, its first log entry,
 * its event — and Kysely parsed, froze and compiled each of them anew: about a twentieth of the server's CPU per
 * submission (docs/dossiers.md, sitting 10).
 *
 * `insertWrite(table, rows)` gives the same statement and parameters as `kysely(q).insertInto(table).values(rows)`
 * (with `onConflict(…).doNothing()` when asked), typed the same way by the generated schema. The text is compiled by
 * Kysely the first time a shape comes (the table, the rows' columns in order, their number, the conflict clause) and
 * kept; the parameters are the rows' values in that order, which the first compilation checks against Kysely's own.
 * A row whose columns differ from the first row's, or a value that is a Kysely expression (`sql\`now()\``), is
 * compiled by Kysely as before.
 */
import { isOperationNodeSource } from 'kysely';
import type { Write } from './deferred.ts';
import type { Queryable } from './database.ts';
import { kysely, type DB, type Insertable } from './kysely.ts';

type Table = keyof DB & string;

/** What to do when a row conflicts with a unique index: nothing (`ON CONFLICT … DO NOTHING`), on any or on a column. */
export type OnConflict<T extends Table> = { doNothing: true; column?: keyof DB[T] & string };

interface Shape {
  sql: string;
  /** False when Kysely's parameters were not the rows' values in column order: that shape is always compiled. */
  direct: boolean;
}

const MAX_SHAPES = 256;
const shapes = new Map<string, Shape>();

// Compiles only: the builder never runs a query.
const compileOnly = kysely({
  query: () => Promise.reject(new Error('insert-shapes: compile only')),
} satisfies Queryable);

function compile<T extends Table>(table: T, rows: readonly Insertable<DB[T]>[], conflict?: OnConflict<T>): Write {
  let q = compileOnly.insertInto(table).values(rows as never);
  if (conflict) q = conflict.column ? q.onConflict((oc) => oc.column(conflict.column as never).doNothing()) : q.onConflict((oc) => oc.doNothing());
  const c = q.compile();
  return { sql: c.sql, params: [...c.parameters] };
}

/** The columns of a row that Kysely writes (those whose value is not undefined), in the row's key order. */
function columnsOf(row: object): string[] {
  const cols: string[] = [];
  const r = row as Record<string, unknown>;
  for (const k in r) if (r[k] !== undefined) cols.push(k);
  return cols;
}

/** The values of rows in column order, or null when a row has other columns or a value is an expression. */
function valuesOf(rows: readonly object[], cols: readonly string[]): unknown[] | null {
  const params: unknown[] = [];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    let defined = 0;
    for (const k in r) if (r[k] !== undefined) defined++;
    if (defined !== cols.length) return null;
    for (const c of cols) {
      const v = r[c];
      // Kysely's own test of a value that is an expression (sql`now()`, a subquery), not a parameter.
      if (v === undefined || isOperationNodeSource(v)) return null;
      params.push(v);
    }
  }
  return params;
}

/** The INSERT of `rows` into `table`, as a write to send or defer: Kysely's statement, compiled once per shape. */
export function insertWrite<T extends Table>(table: T, rows: readonly Insertable<DB[T]>[], conflict?: OnConflict<T>): Write {
  if (rows.length === 0) throw new Error(`insertWrite(${table}): no rows`);
  const cols = columnsOf(rows[0]);
  const params = valuesOf(rows, cols);
  if (!params) return compile(table, rows, conflict);
  const key = `${table}\u0000${cols.join(',')}\u0000${rows.length}\u0000${conflict ? (conflict.column ?? '*') : ''}`;
  let shape = shapes.get(key);
  if (!shape) {
    const compiled = compile(table, rows, conflict);
    const direct = compiled.params.length === params.length && compiled.params.every((p, i) => p === params[i]);
    shape = { sql: compiled.sql, direct };
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(key, shape);
    return compiled;
  }
  return shape.direct ? { sql: shape.sql, params } : compile(table, rows, conflict);
}
