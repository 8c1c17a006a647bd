import { describe, expect, it } from 'vitest';
import type { Queryable } from './database.ts';
import { insertWrite } from './insert-shapes.ts';
import { kysely, sql, type DB, type Insertable } from './kysely.ts';

const builder = kysely({ query: () => Promise.reject(new Error('not run')) } satisfies Queryable);

const action = (seq: number): Insertable<DB['dossier_actions']> => ({
  dossier_id: '6f1c2b1e-0000-4000-8000-000000000001',
  seq,
  at: new Date('2026-12-07T08:00:00Z'),
  actor_kind: 'citizen',
  actor_id: 'c1',
  actor_name: 'Trần Thị Mai',
  actor_role: 'applicant',
  action: 'submit',
  from_status: null,
  to_status: 1,
  data: { note: "it's \u0000-free", nested: [1, { a: 'b' }] },
  attachments: JSON.stringify([{ name: 'a.pdf' }]),
  prev_hash: 'x'.repeat(64),
  hash: 'y'.repeat(64),
});

describe('insertWrite: Kysely’s INSERT, compiled once per shape', () => {
  it('gives Kysely’s statement and parameters, the first time and from its cache', () => {
    for (const seq of [1, 2]) {
      const row = action(seq);
      const c = builder.insertInto('dossier_actions').values(row).compile();
      const w = insertWrite('dossier_actions', [row]);
      expect(w.sql).toBe(c.sql);
      expect(w.params).toEqual([...c.parameters]);
      // The same objects, not copies: the driver converts them as before.
      expect(w.params[w.params.indexOf(row.data)]).toBe(row.data);
    }
  });

  it('keeps one shape per number of rows and per conflict clause', () => {
    for (const n of [1, 3, 2, 3]) {
      const rows = Array.from({ length: n }, (_, i) => action(i + 1));
      const c = builder.insertInto('dossier_actions').values(rows).compile();
      expect(insertWrite('dossier_actions', rows)).toEqual({ sql: c.sql, params: [...c.parameters] });
    }
    for (let i = 0; i < 2; i++) {
      const row = { topic: 'dossier.events', dedupe_key: `k${i}`, payload: '{}' };
      const onColumn = builder
        .insertInto('outbox')
        .values(row)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .compile();
      expect(insertWrite('outbox', [row], { doNothing: true, column: 'dedupe_key' })).toEqual({ sql: onColumn.sql, params: [...onColumn.parameters] });
      const onAny = builder
        .insertInto('outbox')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .compile();
      expect(insertWrite('outbox', [row], { doNothing: true })).toEqual({ sql: onAny.sql, params: [...onAny.parameters] });
      const plain = builder.insertInto('outbox').values(row).compile();
      expect(insertWrite('outbox', [row])).toEqual({ sql: plain.sql, params: [...plain.parameters] });
    }
  });

  it('leaves out undefined values as Kysely does, and a column set of its own is a shape of its own', () => {
    type OutboxRow = Insertable<DB['outbox']>;
    const full: OutboxRow = { topic: 't', dedupe_key: 'a', payload: '{}', status: 'pending' };
    const partial: OutboxRow = { topic: 't', dedupe_key: 'b', payload: '{}', status: undefined };
    for (const row of [full, partial, full, partial]) {
      const c = builder.insertInto('outbox').values(row).compile();
      expect(insertWrite('outbox', [row])).toEqual({ sql: c.sql, params: [...c.parameters] });
    }
    expect(insertWrite('outbox', [partial]).sql).not.toContain('"status"');
  });

  it('falls back to Kysely for rows of different columns and for values that are expressions', () => {
    const rows: Insertable<DB['outbox']>[] = [
      { topic: 't', dedupe_key: 'a', payload: '{}' },
      { topic: 't', dedupe_key: 'b', payload: '{}', status: 'done' },
    ];
    const mixed = builder.insertInto('outbox').values(rows).compile();
    expect(insertWrite('outbox', rows)).toEqual({ sql: mixed.sql, params: [...mixed.parameters] });
    expect(mixed.sql).toContain('default');

    for (const key of ['e1', 'e2']) {
      const row = { topic: 't', dedupe_key: key, payload: '{}', next_attempt_at: sql<Date>`now()` };
      const c = builder.insertInto('outbox').values(row).compile();
      const w = insertWrite('outbox', [row as never]); // not an Insertable by type: the fallback is for a caller that casts
      expect(w).toEqual({ sql: c.sql, params: [...c.parameters] });
      expect(w.sql).toContain('now()');
      expect(w.params).toHaveLength(3);
    }
  });

  it('refuses an empty insert', () => {
    expect(() => insertWrite('outbox', [])).toThrow(/no rows/);
  });
});
