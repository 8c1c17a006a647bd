import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabaseKind } from '../testing/harness.ts';
import type { Database } from './database.ts';
import { kysely, sql } from './kysely.ts';
import { migrate } from './migrate.ts';
import { COLUMN_TYPES, readSchema, SELECT_TYPES } from './schema-types.ts';

let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await migrate(db);
});
afterAll(async () => drop());

/**
 * One value of every PostgreSQL type the schema uses: the SQL literal and the JavaScript value our Database must
 * return for it on both engines. A migration that uses a new type fails the coverage test below until its sample
 * is added here (and its TypeScript type to COLUMN_TYPES in schema-types.ts).
 */
const SAMPLES: Record<string, { literal: string; value: unknown }> = {
  bool: { literal: 'true', value: true },
  int2: { literal: '-7', value: -7 },
  int4: { literal: '2147483647', value: 2147483647 },
  int8: { literal: '9007199254740991', value: 9007199254740991 },
  numeric: { literal: '12.5', value: 12.5 },
  float4: { literal: '1.5', value: 1.5 },
  text: { literal: "'Xã Phú Riềng'", value: 'Xã Phú Riềng' },
  uuid: { literal: "'6f1c2a4e-8d1b-4c35-9a3f-0b7e2d9c1a55'", value: '6f1c2a4e-8d1b-4c35-9a3f-0b7e2d9c1a55' },
  date: { literal: "'2025-07-01'", value: '2025-07-01' },
  timestamptz: { literal: "'2025-07-01 08:30:00+07'", value: new Date('2025-07-01T01:30:00Z') },
  jsonb: { literal: `'{"lines":[{"net":30000}],"ok":true,"note":null}'`, value: { lines: [{ net: 30000 }], ok: true, note: null } },
  json: { literal: `'[1,"hai"]'`, value: [1, 'hai'] },
  bytea: { literal: "'\\x0102ff'", value: new Uint8Array([1, 2, 255]) },
  _text: { literal: '\'{"079","Đồng Nai"}\'', value: ['079', 'Đồng Nai'] },
  _uuid: { literal: "'{6f1c2a4e-8d1b-4c35-9a3f-0b7e2d9c1a55}'", value: ['6f1c2a4e-8d1b-4c35-9a3f-0b7e2d9c1a55'] },
};

/** Does a value read at run time have the TypeScript type schema.generated.ts gives it? */
function hasDeclaredType(value: unknown, declared: string): boolean {
  if (declared.endsWith('[]')) return Array.isArray(value) && value.every((v) => hasDeclaredType(v, declared.slice(0, -2)));
  switch (SELECT_TYPES[declared] ?? declared) {
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'Date':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'Uint8Array':
      return value instanceof Uint8Array;
    case 'JsonValue':
      // Parsed, never the JSON text: a string here would be a json column left unparsed.
      return value === null || typeof value === 'object' || typeof value === 'number' || typeof value === 'boolean';
    default:
      return false;
  }
}

const declaredType = (type: string) =>
  type.startsWith('_') ? `${SELECT_TYPES[COLUMN_TYPES[type.slice(1)]] ?? COLUMN_TYPES[type.slice(1)]}[]` : COLUMN_TYPES[type];

describe(`Kysely over our Database (${testDatabaseKind})`, () => {
  it('has a sample for every column type the migrated schema uses', async () => {
    const used = new Set((await readSchema(db)).columns.map((c) => c.type));
    for (const t of used) expect(SAMPLES, `no sample for PostgreSQL type ${t}`).toHaveProperty(t);
  });

  it('returns every column type the schema uses as its generated type claims, in a real row, whatever the server time zone', async () => {
    const used = [...new Set((await readSchema(db)).columns.map((c) => c.type))].sort();
    const tz = process.env.TZ;
    // pg would turn a date into local midnight: with a zone east of UTC that is the day before in UTC.
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    try {
      const row = await db.transaction(async (tx) => {
        await tx.query(
          `CREATE TEMP TABLE type_probe (${used.map((t) => `c_${t} ${t.startsWith('_') ? `${t.slice(1)}[]` : t}`).join(', ')}, c_null_jsonb jsonb, c_null_timestamptz timestamptz) ON COMMIT DROP`,
        );
        await tx.query(`INSERT INTO type_probe (${used.map((t) => `c_${t}`).join(', ')}) VALUES (${used.map((t) => SAMPLES[t].literal).join(', ')})`);
        return (await sql<Record<string, unknown>>`SELECT * FROM type_probe`.execute(kysely(tx))).rows[0];
      });
      for (const t of used) {
        const v = row[`c_${t}`];
        expect(hasDeclaredType(v, declaredType(t)), `${t}: ${String(v)} is not ${declaredType(t)}`).toBe(true);
        // pg gives a Buffer (a Uint8Array): compare the bytes.
        const bytes = (x: unknown) => (x instanceof Uint8Array ? [...x] : x);
        expect(bytes(v), t).toEqual(bytes(SAMPLES[t].value));
      }
      expect(row.c_null_jsonb).toBeNull();
      expect(row.c_null_timestamptz).toBeNull();
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('reads what raw SQL wrote earlier in the same transaction, and both roll back together', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO calendar_days (day, kind, name) VALUES ('2031-01-01', 'holiday', 'Tết Dương lịch')");
        await kysely(tx).insertInto('calendar_days').values({ day: '2031-01-02', kind: 'compensatory_day_off', name: 'Nghỉ bù' }).execute();
        const rows = await kysely(tx).selectFrom('calendar_days').select(['day', 'kind']).where('day', '>=', '2031-01-01').orderBy('day').execute();
        expect(rows).toEqual([
          { day: '2031-01-01', kind: 'holiday' },
          { day: '2031-01-02', kind: 'compensatory_day_off' },
        ]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const left = await kysely(db).selectFrom('calendar_days').select('day').where('day', '>=', '2031-01-01').execute();
    expect(left).toEqual([]);
  });

  it('commits typed writes made inside db.transaction; counts affected rows of writes', async () => {
    await db.transaction(async (tx) => {
      await kysely(tx).insertInto('calendar_days').values({ day: '2032-09-02', kind: 'holiday', name: 'Quốc khánh' }).execute();
    });
    const updated = await kysely(db).updateTable('calendar_days').set({ name: 'Lễ Quốc khánh' }).where('day', '=', '2032-09-02').executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const none = await kysely(db).updateTable('calendar_days').set({ name: 'x' }).where('day', '=', '1999-01-01').executeTakeFirst();
    expect(none.numUpdatedRows).toBe(0n);
    const { rows } = await db.query<{ name: string }>("SELECT name FROM calendar_days WHERE day = '2032-09-02'");
    expect(rows[0].name).toBe('Lễ Quốc khánh');
    const deleted = await kysely(db).deleteFrom('calendar_days').where('day', '=', '2032-09-02').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('sends an object to a jsonb column as JSON and reads it back parsed', async () => {
    const data = { reason: 'Bổ sung "giấy khai sinh"', pages: [1, 2] };
    const row = await kysely(db)
      .insertInto('outbox')
      .values({ topic: 'probe', dedupe_key: `probe:${Date.now()}`, payload: data })
      .returning(['id', 'payload', 'status'])
      .executeTakeFirstOrThrow();
    expect(row.payload).toEqual(data);
    expect(typeof row.id).toBe('number');
    expect(row.status).toBe('pending');
    // pg would send a JavaScript array as a PostgreSQL array ([] as '{}'): the types ask for JSON text instead.
    // @ts-expect-error an array for a jsonb column must be JSON.stringify'd
    kysely(db).insertInto('outbox').values({ topic: 'probe', dedupe_key: 'never-run', payload: [] });
    const list = await kysely(db)
      .insertInto('outbox')
      .values({ topic: 'probe', dedupe_key: `probe-list:${Date.now()}`, payload: JSON.stringify([]) })
      .returning('payload')
      .executeTakeFirstOrThrow();
    expect(list.payload).toEqual([]);
  });

  it('writes two tables in ONE statement with a data-modifying CTE (with … insert … returning)', async () => {
    const statements: string[] = [];
    const row = await db.transaction(async (tx) => {
      const counting = { query: <R>(text: string, params?: unknown[]) => (statements.push(text), tx.query<R>(text, params)) };
      return kysely(counting)
        .with('d', (q) =>
          q.insertInto('calendar_days').values({ day: '2033-04-30', kind: 'holiday', name: 'Ngày Giải phóng miền Nam' }).returning(['day', 'name']),
        )
        .insertInto('outbox')
        .columns(['topic', 'dedupe_key', 'payload'])
        .expression((eb) =>
          eb
            .selectFrom('d')
            .select([
              eb.val('probe').as('topic'),
              sql<string>`'cte:' || d.day`.as('dedupe_key'),
              sql<string>`jsonb_build_object('name', d.name)`.as('payload'),
            ]),
        )
        .returning(['dedupe_key', 'payload'])
        .executeTakeFirstOrThrow();
    });
    expect(statements).toHaveLength(1);
    expect(row).toEqual({ dedupe_key: 'cte:2033-04-30', payload: { name: 'Ngày Giải phóng miền Nam' } });
    expect(await kysely(db).selectFrom('calendar_days').select('name').where('day', '=', '2033-04-30').executeTakeFirst()).toEqual({
      name: 'Ngày Giải phóng miền Nam',
    });
  });

  it('refuses Kysely transactions and streaming with a message that says what to do', async () => {
    await expect(
      kysely(db)
        .transaction()
        .execute(async () => undefined),
    ).rejects.toThrow(/db\.transaction/);
    await expect(async () => {
      for await (const _ of kysely(db).selectFrom('calendar_days').selectAll().stream()) break;
    }).rejects.toThrow(/LIMIT/);
  });

  // PGlite has one connection: only a pool can run queries side by side.
  it.skipIf(testDatabaseKind !== 'postgresql')('runs queries through kysely(db) side by side on the pool, like db.query', async () => {
    // A builder that queued its queries on one connection would take about 3 × 0.4 s here.
    const k = kysely(db);
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.4)`.execute(k)));
    expect(Date.now() - t0).toBeLessThan(1100);
  });
});
