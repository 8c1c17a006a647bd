/**
 * Deferred writes inside a transaction (issue 17): a write whose result nobody reads — an in-transaction
 * subscriber's insert of notifications, coverage evidence, subject keys … — is queued instead of sent, and the queue
 * goes to the database as ONE statement (`WITH w0 AS (…), w1 AS (…) SELECT 1`) just before the transaction's next
 * statement or its COMMIT. Each write was a round trip (a socket write and a wake-up on both sides, the largest single
 * CPU cost of a submission in the server's profile); several of them now cost one.
 *
 * What stays the same: the writes are in the transaction, before its commit, so they commit with the change or not
 * at all; any statement of the transaction that comes after a deferred write (a read of what it wrote included)
 * runs after it, because every `query` sends the queue first. What differs, and why only some writes may be deferred:
 * - an error of a deferred write (a constraint) is raised by the next statement of the transaction (or its commit),
 *   not by the call that queued it; the transaction still rolls back whole;
 * - the writes of one queue run as one statement: they see the same snapshot and not each other's changes, so two
 *   writes of one queue must not touch the same rows, nor one read what another writes. A write that must see an
 *   earlier one is not deferred (or the earlier one is sent by a `query` in between);
 * - no row count nor RETURNING comes back.
 * A deferred statement is one INSERT, UPDATE or DELETE with $n parameters (renumbered when combined: no "$1" inside
 * string literals) and without a WITH clause of its own (PostgreSQL allows data-modifying WITH only at the top level).
 */
import type { Queryable } from './database.ts';

export interface Write {
  sql: string;
  params: unknown[];
}

const WRITE = /^\s*(insert|update|delete)\b/i;

/** Queues a write in the transaction when it defers writes, else sends it now. */
export async function deferWrite(tx: Queryable, sql: string, params: unknown[]): Promise<void> {
  await deferWrites(tx, [{ sql, params }]);
}

/** Queues writes in the transaction when it defers writes, else sends them now, as one statement. */
export async function deferWrites(tx: Queryable, writes: readonly Write[]): Promise<void> {
  if (writes.length === 0) return;
  if (tx.defer) for (const w of writes) tx.defer(w.sql, w.params);
  else {
    const one = combineWrites(writes);
    await tx.query(one.sql, one.params);
  }
}

/** One statement doing every write of the queue (the writes as data-modifying WITH items). */
export function combineWrites(writes: readonly Write[]): Write {
  if (writes.length === 1) return writes[0];
  const params: unknown[] = [];
  const parts = writes.map((w, i) => {
    const offset = params.length;
    for (const p of w.params) params.push(p);
    return `w${i} AS (${renumbered(w.sql, offset)})`;
  });
  return { sql: `WITH ${parts.join(',\n')}\nSELECT 1`, params };
}

/**
 * A write's text with its parameters shifted by `offset` ($1 → $(1 + offset) …). The same few statements come again
 * and again (a submission's writes are the same texts at the same offsets), so the results are kept: a bounded map,
 * emptied when full.
 */
const shifted = new Map<string, Map<number, string>>();
function renumbered(sql: string, offset: number): string {
  if (offset === 0) return sql;
  let byOffset = shifted.get(sql);
  if (byOffset === undefined) {
    if (shifted.size >= 1000) shifted.clear();
    shifted.set(sql, (byOffset = new Map()));
  }
  let hit = byOffset.get(offset);
  if (hit === undefined) {
    hit = sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    byOffset.set(offset, hit);
  }
  return hit;
}

/**
 * A read that does not wait for the transaction's queued writes: sent at once, before them (where there is no queue,
 * a plain query). Only for a read of rows that no queued write touches — e.g. the notification subscriber's read of
 * the citizen's contacts and the province's rules while the creation's components and log entry wait in the queue —
 * so that the queue still goes as one statement, not one before the read and one after.
 */
export function readAhead<T>(tx: Queryable, sql: string, params: unknown[]): Promise<{ rows: T[]; rowCount: number }> {
  return tx.readAhead ? tx.readAhead<T>(sql, params) : tx.query<T>(sql, params);
}

/**
 * A transaction's Queryable that defers writes (`defer`) and sends them before its next statement or at `flush`;
 * `take` hands the queue over as one statement instead (the engine sends it alone, as an autocommit statement, when
 * nothing else of the transaction was sent).
 */
export function withDeferredWrites(tx: Queryable): Queryable & { flush(): Promise<void>; take(): Write | null } {
  let queue: Write[] = [];
  // Sends the queue now (called synchronously, so the driver keeps the order of the calls).
  const send = async () => {
    const batch = combineWrites(queue);
    queue = [];
    await tx.query(batch.sql, batch.params);
  };
  return {
    query<T>(sql: string, params?: unknown[]) {
      if (queue.length === 0) return tx.query<T>(sql, params);
      const writes = send();
      const result = tx.query<T>(sql, params);
      // The writes' error, if any, is the one to report (the statement after them fails only because they did).
      return writes.then(
        () => result,
        (err: unknown) => {
          result.catch(() => undefined);
          throw err;
        },
      );
    },
    readAhead: <T>(sql: string, params?: unknown[]) => (tx.readAhead ? tx.readAhead<T>(sql, params) : tx.query<T>(sql, params)),
    defer(sql: string, params: unknown[]) {
      if (!WRITE.test(sql)) throw new Error('A deferred write is one INSERT, UPDATE or DELETE without a WITH clause');
      queue.push({ sql: sql.trim().replace(/;+$/, ''), params });
    },
    flush: () => (queue.length === 0 ? Promise.resolve() : send()),
    take() {
      if (queue.length === 0) return null;
      const one = combineWrites(queue);
      queue = [];
      return one;
    },
  };
}
