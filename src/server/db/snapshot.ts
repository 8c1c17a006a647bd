/**
 * Reads that must agree with each other — a dossier's status, its timeline, its result — in one read-only
 * transaction at REPEATABLE READ: every statement sees the database as it was at the first one, so a change that
 * commits between two of them (another server receiving the dossier, publishing its result) shows in all of them or
 * in none. Separate autocommit reads could show the status from before a change beside the timeline from after it.
 *
 * Inside, every read goes through the Queryable given, cached reference data on a miss included (`readVia` of
 * getVersion and cachedCalendar): asking the pool for a second connection while the snapshot holds one can wait for
 * ever once every connection is so held.
 */
import type { Database, Queryable } from './database.ts';

export function inOneSnapshot<T>(db: Database, read: (q: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(read, { snapshot: true });
}
