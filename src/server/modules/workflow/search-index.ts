/**
 * The name search's own table, kept from the domain events (issue 17; docs/back-office-performance.md, "Search table
 * kept from the events").
 *
 * `dossier_search` (migration 113) holds, per dossier, the folded applicant name, the unit set and the submission
 * time, with the trigram, unit × trigram and word-pair indexes the worklist's name search needs. No submission or
 * transition writes it: the event router (dossiers/events.ts) copies each event that can change a searchable field
 * into the outbox topic `search.index`, and this module's job (`search.index`, indexPending) re-indexes the events'
 * dossiers from their current rows, a batch of messages per statement.
 *
 * - Idempotent and order-free: the handler never applies the event's content, it copies the dossier's row as it is
 *   now (`INSERT … SELECT FROM dossiers … ON CONFLICT DO UPDATE`, written only when something differs). Replaying a
 *   message, delivering two events of a dossier in either order, or re-indexing an indexed dossier leaves the same row.
 * - Shared between servers and crash-safe: a batch is claimed with `FOR UPDATE SKIP LOCKED`, indexed and marked done
 *   in one statement; a server that dies mid-batch rolls it back and the messages stay pending for any server.
 * - Staleness: a submission becomes searchable by name after the router's delivery (outbox.mail job, every second)
 *   and this job's next run (every second): about one to two seconds on an idle server, more while the outbox has a
 *   backlog. Searches by code and identity number read dossiers and see a dossier at once.
 * - Rows written without events (bulk loaders: demo history, `import-dossiers`, the benchmark's generator) are indexed
 *   by `indexDossiers` where the loader can, and otherwise by the `search.backfill` job (`indexMissing`).
 */
import type { DossierEvent } from '../../../core/dossiers/events.ts';
import type { DossierEventType } from '../../../core/dossiers/transitions.ts';
import type { Queryable } from '../../db/database.ts';
import type { JobDefinition } from '../../jobs/scheduler.ts';
import type { EventConsumer } from '../dossiers/index.ts';

/** The outbox topic of the search indexer. */
export const SEARCH_INDEX_TOPIC = 'search.index';

/**
 * The events after which a searchable column of the dossier (applicant_search, unit_ids, submitted_at) may differ:
 * the submission creates all three; acceptance sets unit_ids to the whole route (effects.ts, `accept`). No other
 * effect writes them (a test in search-index.test.ts checks effects.ts for it).
 */
export const SEARCH_FIELD_EVENTS: ReadonlySet<DossierEventType> = new Set<DossierEventType>(['submitted', 'received']);

export const searchIndexConsumer: EventConsumer = {
  topic: SEARCH_INDEX_TOPIC,
  wants: (event: DossierEvent) => SEARCH_FIELD_EVENTS.has(event.type),
};

const UPSERT = `
  INSERT INTO dossier_search AS s (dossier_id, unit_ids, applicant_search, submitted_at)
  SELECT d.id, d.unit_ids, coalesce(d.applicant_search, ''), d.submitted_at FROM dossiers d WHERE d.id = ANY($1::uuid[]) ORDER BY d.id
  ON CONFLICT (dossier_id) DO UPDATE
     SET unit_ids = EXCLUDED.unit_ids, applicant_search = EXCLUDED.applicant_search, submitted_at = EXCLUDED.submitted_at, indexed_at = now()
   WHERE (s.unit_ids, s.applicant_search, s.submitted_at) IS DISTINCT FROM (EXCLUDED.unit_ids, EXCLUDED.applicant_search, EXCLUDED.submitted_at)`;

/** Indexes these dossiers as they are now; returns how many rows were written (unchanged ones are not). */
export async function indexDossiers(db: Queryable, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (await db.query(UPSERT, [ids])).rowCount;
}

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * Delivers up to `limit` due `search.index` messages in ONE statement: claims them (`FOR UPDATE SKIP LOCKED`, so
 * servers running this at once take different messages), re-indexes their dossiers from the current rows (each
 * dossier once, in id order so that two servers never lock search rows in opposite orders) and marks the messages
 * done — a message naming no dossier is marked dead with its error, never done. A crash or an error rolls the whole
 * statement back and the messages stay pending: no lease is needed, and a message is never marked done without its
 * row written. Per batch one round trip, where the generic outbox worker spends three per message.
 */
export async function indexPending(db: Queryable, limit = 500): Promise<{ messages: number; indexed: number }> {
  const { rows } = await db.query<{ messages: number; indexed: number }>(
    `WITH claimed AS (
       SELECT id, payload ->> 'dossierId' AS dossier_id, (payload ->> 'dossierId') ~* '${UUID}' AS valid FROM outbox
        WHERE status = 'pending' AND topic = $1 AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED),
     upserted AS (
       INSERT INTO dossier_search AS s (dossier_id, unit_ids, applicant_search, submitted_at)
       SELECT d.id, d.unit_ids, coalesce(d.applicant_search, ''), d.submitted_at FROM dossiers d
        WHERE d.id IN (SELECT c.dossier_id::uuid FROM claimed c WHERE c.valid) ORDER BY d.id
       ON CONFLICT (dossier_id) DO UPDATE
          SET unit_ids = EXCLUDED.unit_ids, applicant_search = EXCLUDED.applicant_search, submitted_at = EXCLUDED.submitted_at, indexed_at = now()
        WHERE (s.unit_ids, s.applicant_search, s.submitted_at) IS DISTINCT FROM (EXCLUDED.unit_ids, EXCLUDED.applicant_search, EXCLUDED.submitted_at)
       RETURNING 1),
     marked AS (
       UPDATE outbox o SET status = CASE WHEN c.valid THEN 'done' ELSE 'dead' END, attempts = o.attempts + 1,
              delivered_at = CASE WHEN c.valid THEN now() END, last_error = CASE WHEN c.valid THEN NULL ELSE 'search.index: no dossier id' END
         FROM claimed c WHERE o.id = c.id
       RETURNING 1)
     SELECT (SELECT count(*) FROM marked)::int AS messages, (SELECT count(*) FROM upserted)::int AS indexed`,
    [SEARCH_INDEX_TOPIC, limit],
  );
  return rows[0];
}

/** Delivers every due `search.index` message (tests, benchmarks, the job); returns the totals. */
export async function indexAllPending(db: Queryable, limit = 500, signal?: AbortSignal): Promise<{ messages: number; indexed: number }> {
  const total = { messages: 0, indexed: 0 };
  for (;;) {
    const r = await indexPending(db, limit);
    total.messages += r.messages;
    total.indexed += r.indexed;
    if (r.messages < limit || signal?.aborted) return total;
  }
}

/** The indexer: every second, every due message (see indexPending). Safe in several processes at once. */
export const searchIndexJob = (db: Queryable): JobDefinition => ({
  name: 'search.index',
  everyMs: 1000,
  runImmediately: true,
  run: (signal) => indexAllPending(db, 500, signal),
});

/**
 * Indexes up to `limit` dossiers that have no search row (written by a bulk loader that published no event);
 * returns how many. One anti-join over the two primary keys: ~0.1–0.3 s at 1,000,000 dossiers when none is missing.
 */
export async function indexMissing(db: Queryable, limit = 5000): Promise<number> {
  return (
    await db.query(
      `INSERT INTO dossier_search (dossier_id, unit_ids, applicant_search, submitted_at)
       SELECT d.id, d.unit_ids, coalesce(d.applicant_search, ''), d.submitted_at FROM dossiers d
        WHERE NOT EXISTS (SELECT 1 FROM dossier_search s WHERE s.dossier_id = d.id) LIMIT $1
       ON CONFLICT (dossier_id) DO NOTHING`,
      [limit],
    )
  ).rowCount;
}

/** Catch-up for rows written without events: at start, then every ten minutes, in batches until none is missing. */
export const searchBackfillJob = (db: Queryable): JobDefinition => ({
  name: 'search.backfill',
  everyMs: 10 * 60 * 1000,
  jitterMs: 60_000,
  runImmediately: true,
  run: async (signal) => {
    let indexed = 0;
    for (let n = await indexMissing(db); n > 0 && !signal.aborted; n = await indexMissing(db)) indexed += n;
    return { indexed };
  },
});
