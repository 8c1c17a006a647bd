/**
 * Issues dossier codes: the receiving unit's identifier, the receipt date (Vietnam time) and that unit's running
 * number for the day (formatDossierCode in src/core/dossiers/code.ts, here in SQL). The counter row is
 * incremented with an upsert inside the caller's transaction, so a rolled-back submission gives its number back
 * and concurrent submissions never share one; the code is written to the dossier in the same statement, as the
 * last step of the transaction, so the counter row stays locked only until the commit. The submission's domain event
 * is written by the same statement, so it carries the code.
 */
import { formatDossierCode, isAgencyCode, vnDateStamp } from '../../../core/dossiers/code.ts';
import type { Database, Queryable } from '../../db/database.ts';

/**
 * Draws the unit's next number of the day in a statement of its own, BEFORE the submission's transaction (online
 * submission, see createDossier's `code`): the counter row is locked only for this one statement, not until the
 * submission commits, so concurrent submissions to one unit no longer queue behind each other's transactions.
 * Codes stay unique (and the dossiers' UNIQUE index on code backs that); the price is a gap in the day's numbering
 * when a submission fails after drawing its number (a crash, a lost idempotency race) — TT 01/2018 asks for a running
 * number, not for one without gaps (docs/dossiers.md, "Performance").
 *
 * The statement commits asynchronously (synchronous_commit off for its own transaction only): the submission that
 * uses the number commits synchronously afterwards, and flushing its commit record flushes everything written to the
 * WAL before it, this increment included; if PostgreSQL crashed before that, no dossier holds the number.
 */
export async function reserveDossierCode(db: Queryable, agencyCode: string, at: Date): Promise<string> {
  if (!isAgencyCode(agencyCode)) throw new Error(`Invalid agency code: ${agencyCode}`);
  return formatDossierCode(agencyCode, at, await drawNumber(db, agencyCode, vnDateStamp(at), false));
}

/**
 * The next number of a day counter (`key` is a unit's agency code, or a bundle type's prefix). Outside a transaction
 * the statement commits asynchronously (see reserveDossierCode); inside one (`inTransaction`) it leaves the
 * transaction's own commit alone.
 */
export async function drawNumber(q: Queryable, key: string, day: string, inTransaction: boolean): Promise<number> {
  const { rows } = await q.query<{ last_value: number }>(
    inTransaction
      ? `INSERT INTO dossier_code_counters (agency_code, day, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + 1 RETURNING last_value`
      : `WITH lazy AS (SELECT set_config('synchronous_commit', 'off', true))
         INSERT INTO dossier_code_counters (agency_code, day, last_value) SELECT $1, $2, 1 FROM lazy
         ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + 1
         RETURNING last_value`,
    [key, day],
  );
  return Number(rows[0].last_value);
}

/**
 * A number drawn while a transaction `tx` is already open (an in-transaction subscriber: liên thông member dossiers and
 * bundle codes): on PostgreSQL by an autocommit statement outside it (`db.outside`, a pool of its own), so the day's
 * counter row is not held until that transaction commits — as online and counter submissions draw theirs before their
 * transaction; on PGlite (one connection) inside `tx`. A rolled-back transaction leaves a gap in the numbering.
 */
export function drawNumberDuring(db: Database, tx: Queryable, key: string, day: string): Promise<number> {
  return db.outside ? drawNumber(db.outside, key, day, false) : drawNumber(tx, key, day, true);
}

/** reserveDossierCode while a transaction is open (see drawNumberDuring). */
export async function reserveDossierCodeDuring(db: Database, tx: Queryable, agencyCode: string, at: Date): Promise<string> {
  if (!isAgencyCode(agencyCode)) throw new Error(`Invalid agency code: ${agencyCode}`);
  return formatDossierCode(agencyCode, at, await drawNumberDuring(db, tx, agencyCode, vnDateStamp(at)));
}

export async function assignDossierCode(
  tx: Queryable,
  dossierId: string,
  agencyCode: string,
  at: Date,
  /** An outbox message written in the same statement, its payload's `code` set to the new code (the submission event). */
  message?: { topic: string; dedupeKey: string; payload: object },
): Promise<string> {
  if (!isAgencyCode(agencyCode)) throw new Error(`Invalid agency code: ${agencyCode}`);
  const { rows } = await tx.query<{ code: string }>(
    `WITH c AS (
       INSERT INTO dossier_code_counters (agency_code, day, last_value) VALUES ($2, $3, 1)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counters.last_value + 1
       RETURNING last_value),
     u AS (
       UPDATE dossiers d SET code = $2 || '-' || $3 || '-' || CASE WHEN c.last_value < 10000 THEN lpad(c.last_value::text, 4, '0') ELSE c.last_value::text END
         FROM c WHERE d.id = $1 RETURNING d.code),
     m AS (
       INSERT INTO outbox (topic, dedupe_key, payload) SELECT $4, $5, jsonb_set($6::jsonb, '{code}', to_jsonb(u.code)) FROM u WHERE $4::text IS NOT NULL
       ON CONFLICT (dedupe_key) DO NOTHING)
     SELECT code FROM u`,
    [dossierId, agencyCode, vnDateStamp(at), message?.topic ?? null, message?.dedupeKey ?? null, message ? JSON.stringify(message.payload) : null],
  );
  if (!rows[0]) throw new Error(`dossier ${dossierId} not found`);
  return rows[0].code;
}
