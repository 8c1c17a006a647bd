/**
 * The views of a dossier read in one snapshot (src/server/db/snapshot.ts): the citizen's page, the public lookup and
 * the official's page. A change that another connection commits between two of a view's reads — here an official
 * receiving the dossier right after the view read its row — must show in all of the view's parts or in none.
 * PostgreSQL only: on PGlite a transaction has the one connection to itself, so nothing can commit in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../db/database.ts';
import { DEMO_MOTHER_ID, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { loadStaff, type Staff } from '../officials/index.ts';
import { staffDossier } from '../workflow/queries.ts';
import { getOwnDossier, publicLookup } from './queries.ts';

/** The database, with `then` run (and awaited) right after the first statement that reads the dossiers table. */
function afterDossierRead(db: Database, then: () => Promise<void>): Database {
  let done = false;
  const hooked = <Q extends Queryable>(q: Q): Q => ({
    ...q,
    async query<T>(sql: string, params?: unknown[]) {
      const result = await q.query<T>(sql, params);
      if (!done && /\bFROM dossiers\b/.test(sql)) {
        done = true;
        await then();
      }
      return result;
    },
  });
  return { ...hooked(db), transaction: (fn, options) => db.transaction((tx) => fn(hooked(tx)), options) };
}

describe.runIf(testDatabaseKind === 'postgresql')('the views of a dossier, each from one snapshot', () => {
  let b: BackOffice;
  let staff: Staff;
  beforeAll(async () => {
    b = await startBackOffice();
    const id = (await b.t.ctx.db.query<{ id: string }>("SELECT id FROM officials WHERE username = 'tiepnhan.phurieng'")).rows[0].id;
    staff = (await loadStaff(b.t.ctx, { id })) as Staff;
  });
  afterAll(async () => b?.close());

  type Shown = { status: { code: number }; received: boolean };
  const views: [string, (db: Database, d: { id: string; code: string; owner: string }) => Promise<Shown>][] = [
    [
      'the citizen’s page',
      async (db, d) => {
        const v = await getOwnDossier(db, { kind: 'citizen', id: d.owner, idNumber: DEMO_MOTHER_ID, fullName: 'Trần Thị Mai' }, d.id);
        return { status: v.status, received: v.timeline.some((e) => e.status === 2) };
      },
    ],
    [
      'the public lookup',
      async (db, d) => {
        const v = await publicLookup(db, d.code, DEMO_MOTHER_ID.slice(-4));
        return { status: v.status, received: v.timeline.some((e) => e.status === 2) };
      },
    ],
    [
      'the official’s page',
      async (db, d) => {
        const v = await staffDossier({ ...b.t.ctx, db }, staff, d.id);
        return { status: v.status, received: v.log.some((e) => e.toStatus === 2) };
      },
    ],
  ];

  for (const [name, view] of views) {
    it(`${name}: the status and the history agree when the dossier is received between its reads`, async () => {
      const submitted = await b.submitBirthRegistration();
      const { owner } = (await b.t.ctx.db.query<{ owner: string }>('SELECT owner_citizen_id AS owner FROM dossiers WHERE id = $1', [submitted.id])).rows[0];
      const d = { ...submitted, owner };
      const receive = async () => {
        const r = await (await b.staff('tiepnhan.phurieng')).post(`/api/staff/dossiers/${d.id}/accept`, {});
        expect(r.statusCode, r.body).toBe(200);
      };
      const shown = await view(afterDossierRead(b.t.ctx.db, receive), d);
      expect([shown.status.code, shown.received]).toEqual([1, false]);
      const after = await view(b.t.ctx.db, d);
      expect([after.status.code, after.received]).toEqual([2, true]);
    });
  }
});
