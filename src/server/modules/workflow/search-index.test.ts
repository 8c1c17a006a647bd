/**
 * The worklist's search table kept from the domain events (search-index.ts, migration 113): a submission is found by
 * code at once and by name once the indexer ran; replaying a message changes nothing; a changed searchable field is
 * re-indexed by the next event; rows written without events are caught up. On PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker, EVENT_CONSUMERS } from '../../event-stream.ts';
import { enqueue } from '../../outbox/outbox.ts';
import { type BackOffice, startBackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { indexAllPending, indexMissing, SEARCH_INDEX_TOPIC, searchBackfillJob, searchIndexConsumer, searchIndexJob } from './search-index.ts';

type Found = { kind: string; items: { id: string }[] };

describe(`worklist search table on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  beforeAll(async () => {
    b = await startBackOffice();
  });
  afterAll(async () => b?.close());

  const db = () => b.t.ctx.db;
  const search = async (username: string, q: string): Promise<Found> =>
    (await (await b.staff(username)).get(`/api/staff/dossiers?q=${encodeURIComponent(q)}`)).json();
  const ids = (f: Found) => f.items.map((x) => x.id);
  const searchRow = async (id: string) =>
    (
      await db().query<{ unit_ids: string[]; applicant_search: string; submitted_at: Date; indexed_at: Date }>(
        'SELECT unit_ids, applicant_search, submitted_at, indexed_at FROM dossier_search WHERE dossier_id = $1',
        [id],
      )
    ).rows[0];
  // The router (outbox worker) copies the events to search.index; the search.index job indexes them.
  const drain = async () => {
    await createOutboxWorker(b.t.ctx).drain();
    return indexAllPending(db());
  };

  it('is not written by the submission: the code finds the dossier at once, the name once the indexer ran', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    expect(await searchRow(d.id)).toBeUndefined();
    // The code and the identity number read dossiers: no dependence on the asynchronous table.
    expect(await search('tiepnhan.phurieng', d.code)).toMatchObject({ kind: 'code', items: [{ id: d.id }] });
    expect(ids(await search('tiepnhan.phurieng', '070195012346'))).toContain(d.id);
    const before = await search('tiepnhan.phurieng', 'tran thi mai');
    expect(before.kind).toBe('name');
    expect(ids(before)).not.toContain(d.id);
    // The router copied the `submitted` event to search.index; the indexer wrote the row from the dossier.
    await drain();
    const topics = (
      await db().query<{ topic: string; status: string }>(`SELECT topic, status FROM outbox WHERE payload ->> 'dossierId' = $1 AND topic = $2`, [
        d.id,
        SEARCH_INDEX_TOPIC,
      ])
    ).rows;
    expect(topics).toEqual([{ topic: SEARCH_INDEX_TOPIC, status: 'done' }]);
    const dossier = (await db().query<{ unit_ids: string[]; submitted_at: Date }>('SELECT unit_ids, submitted_at FROM dossiers WHERE id = $1', [d.id])).rows[0];
    const row = await searchRow(d.id);
    expect(row).toMatchObject({ unit_ids: dossier.unit_ids, applicant_search: 'tran thi mai' });
    expect(new Date(row.submitted_at).getTime()).toBe(new Date(dossier.submitted_at).getTime());
    expect(ids(await search('tiepnhan.phurieng', 'tran thi mai'))).toContain(d.id);
    expect(ids(await search('tiepnhan.phurieng', 'thi mai'))).toContain(d.id);
    // The scope is still tested on dossiers: another commune's official does not find it by name either.
    expect(ids(await search('tiepnhan.xuanthanh', 'tran thi mai'))).not.toContain(d.id);
    expect(ids(await search('giamsat.dongnai', 'tran thi mai'))).toContain(d.id);
  });

  it('is idempotent: replaying a message, or the router delivering an event twice, leaves the same row', async () => {
    b.at('09:00');
    const d = await b.submitBirthRegistration();
    await drain();
    const first = await searchRow(d.id);
    // Delivered again (as after a crash between the upsert and the commit of another server's batch, or a message
    // replayed by hand): the row is read again from the dossier, nothing is written.
    const again = async () => {
      await db().query("UPDATE outbox SET status = 'pending', next_attempt_at = now() WHERE topic = $1 AND payload ->> 'dossierId' = $2", [
        SEARCH_INDEX_TOPIC,
        d.id,
      ]);
      return (await searchIndexJob(db()).run(new AbortController().signal)) as { messages: number; indexed: number };
    };
    expect(await again()).toEqual({ messages: 1, indexed: 0 });
    expect(await again()).toEqual({ messages: 1, indexed: 0 });
    expect(await searchRow(d.id)).toEqual(first);
    // The same event routed again: the dedupe key keeps one message per event and consumer.
    await db().query("UPDATE outbox SET status = 'pending', next_attempt_at = now() WHERE topic = 'dossier.event' AND payload ->> 'dossierId' = $1", [d.id]);
    await drain();
    expect((await db().query('SELECT 1 FROM outbox WHERE topic = $1 AND payload ->> $2 = $3', [SEARCH_INDEX_TOPIC, 'dossierId', d.id])).rowCount).toBe(1);
    expect(await searchRow(d.id)).toEqual(first);
    expect((await db().query('SELECT 1 FROM dossier_search WHERE dossier_id = $1', [d.id])).rowCount).toBe(1);
    // A message naming no dossier is marked dead with its error, never done.
    await enqueue(db(), SEARCH_INDEX_TOPIC, `${SEARCH_INDEX_TOPIC}:broken`, { dossierId: 'not-a-uuid' });
    expect(await indexAllPending(db())).toEqual({ messages: 1, indexed: 0 });
    expect(
      (
        await db().query<{ status: string; last_error: string }>('SELECT status, last_error FROM outbox WHERE dedupe_key = $1', [
          `${SEARCH_INDEX_TOPIC}:broken`,
        ])
      ).rows[0],
    ).toEqual({ status: 'dead', last_error: 'search.index: no dossier id' });
  });

  it('re-indexes a changed searchable field at the next event that may change one (acceptance)', async () => {
    b.at('10:00');
    const d = await b.submitBirthRegistration();
    await drain();
    // A searchable column differs from the indexed copy (here a corrected applicant name, written in the test; no
    // action of the workflow renames an applicant, and acceptance is the one that rewrites unit_ids).
    await db().query("UPDATE dossiers SET applicant_search = 'tran thi mai anh' WHERE id = $1", [d.id]);
    expect(ids(await search('tiepnhan.phurieng', 'thi mai anh'))).not.toContain(d.id);
    const accepted = await (await b.staff('tiepnhan.phurieng')).post(`/api/staff/dossiers/${d.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await searchRow(d.id)).applicant_search).toBe('tran thi mai'); // not in the transaction
    await drain();
    const row = await searchRow(d.id);
    expect(row.applicant_search).toBe('tran thi mai anh');
    const units = (await db().query<{ unit_ids: string[] }>('SELECT unit_ids FROM dossiers WHERE id = $1', [d.id])).rows[0].unit_ids;
    expect(row.unit_ids).toEqual(units);
    expect(ids(await search('tiepnhan.phurieng', 'thi mai anh'))).toContain(d.id);
    // Two events of the dossier went through search.index: submitted, received.
    expect((await db().query('SELECT 1 FROM outbox WHERE topic = $1 AND payload ->> $2 = $3', [SEARCH_INDEX_TOPIC, 'dossierId', d.id])).rowCount).toBe(2);
  });

  it('catches up dossiers written without events (bulk loads) with the backfill job', async () => {
    b.at('11:00');
    const d = await b.submitBirthRegistration();
    await drain();
    // As if a loader had written the dossier and published nothing: the row is gone, the job restores it.
    await db().query('DELETE FROM dossier_search WHERE dossier_id = $1', [d.id]);
    expect(ids(await search('tiepnhan.phurieng', 'tran thi mai'))).not.toContain(d.id);
    const report = await searchBackfillJob(db()).run(new AbortController().signal);
    expect(report).toEqual({ indexed: 1 });
    expect(await indexMissing(db())).toBe(0);
    expect(ids(await search('tiepnhan.phurieng', 'tran thi mai'))).toContain(d.id);
  });

  it('wants exactly the events after which a searchable column may differ', () => {
    expect(EVENT_CONSUMERS).toContain(searchIndexConsumer);
    const wants = (type: string) => searchIndexConsumer.wants({ type } as Parameters<typeof searchIndexConsumer.wants>[0]);
    expect(wants('submitted')).toBe(true);
    expect(wants('received')).toBe(true);
    expect(wants('forwarded')).toBe(false);
    expect(wants('result_issued')).toBe(false);
    // The premise of that list, checked on the code: of the effects, only `accept` writes unit_ids, none writes
    // applicant_search or submitted_at (the submission writes all three in createDossier). An effect that starts
    // writing one must add its event to SEARCH_FIELD_EVENTS.
    const effects = fs.readFileSync(path.join(import.meta.dirname, '../dossiers/effects.ts'), 'utf8');
    expect(effects).not.toMatch(/\bapplicant_search\b|\bsubmitted_at\s*:/);
    const writes = [...effects.matchAll(/\bunit_ids\s*:/g)].map((m) => m.index ?? 0);
    expect(writes).toHaveLength(1);
    const acceptBody = effects.slice(effects.indexOf('async function accept('), effects.indexOf('export const EFFECTS'));
    expect(acceptBody).toMatch(/\bunit_ids\s*:/);
  });
});
