/**
 * bench/db-builder — what Kysely adds on the hot path, against raw SQL through the same Database in the same run.
 *
 *   1. Build + compile only (no database): the statements of the hot path written with kysely(q) — the ledger's
 *      compare-and-set UPDATE … RETURNING *, the action-log INSERT and the least-loaded assignment SELECT with its
 *      correlated sub-query — built and compiled N times each; prints µs per statement.
 *   2. kysely(q) itself (a new builder on each call, sharing the compiler): N times.
 *   3. End to end on a migrated database (in-memory PGlite, or PostgreSQL with --pg): the same primary-key SELECT
 *      of a payment intent and the same UPDATE … RETURNING *, raw `q.query(sql, params)` against `kysely(q)`,
 *      interleaved so both see the same cache and load; prints mean and p50 per statement and the difference.
 *
 * Usage: npx tsx bench/db-builder.ts [--n 20000] [--rounds 2000] [--pg postgres://postgres@127.0.0.1:5432/test]
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase, type Queryable } from '../src/server/db/database.ts';
import { kysely } from '../src/server/db/kysely.ts';
import { migrate } from '../src/server/db/migrate.ts';

const { values } = parseArgs({ options: { n: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '2000' }, pg: { type: 'string' } } });
const N = Number(values.n);
const ROUNDS = Number(values.rounds);

const nullQueryable: Queryable = { query: async () => ({ rows: [], rowCount: 0 }) };
const us = (ns: bigint, n: number) => (Number(ns) / 1000 / n).toFixed(2);

function timeCompile(name: string, build: () => { compile(): { sql: string } }): void {
  for (let i = 0; i < 2000; i++) build().compile(); // warm-up (JIT)
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) build().compile();
  console.log(`  ${name.padEnd(44)} ${us(process.hrtime.bigint() - t0, N)} µs`);
}

console.log(`1. Build + compile, ${N} times each (µs per statement)`);
const k = kysely(nullQueryable);
const at = new Date();
timeCompile('ledger compare-and-set UPDATE … RETURNING *', () =>
  k
    .updateTable('payment_intents')
    .set({ state: 'paid', updated_at: at, gateway_transaction_no: '14000000', paid_at: at })
    .where('id', '=', 'i')
    .where('state', '=', 'pending')
    .returningAll(),
);
timeCompile('action-log INSERT (14 columns)', () =>
  k.insertInto('dossier_actions').values({
    dossier_id: 'd',
    seq: 2,
    at,
    actor_kind: 'official',
    actor_id: 'o',
    actor_name: 'Trần Thị Bình',
    actor_role: 'reception',
    action: 'receive',
    from_status: 1,
    to_status: 2,
    data: { note: 'Hồ sơ đầy đủ' },
    attachments: '[]',
    prev_hash: 'p',
    hash: 'h',
  }),
);
timeCompile('least-loaded SELECT with sub-query', () =>
  k
    .selectFrom('official_memberships as m')
    .innerJoin('officials as o', (j) => j.onRef('o.id', '=', 'm.official_id').on('o.active', '=', true))
    .select('o.id')
    .where('m.unit_id', '=', 'u')
    .where('m.role', '=', 'specialist')
    .orderBy((eb) =>
      eb.selectFrom('dossier_tasks as t').select(eb.fn.countAll().as('n')).whereRef('t.assignee_id', '=', 'o.id').where('t.completed_at', 'is', null),
    )
    .orderBy('o.username')
    .limit(1),
);

console.log(`2. kysely(q), ${N} times`);
{
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) kysely({ query: nullQueryable.query });
  console.log(`  ${'kysely(q)'.padEnd(44)} ${us(process.hrtime.bigint() - t0, N)} µs`);
}

const db = await openDatabase(values.pg ? { url: values.pg, schema: `bench_${crypto.randomBytes(4).toString('hex')}`, poolSize: 1 } : {});
try {
  await migrate(db);
  const dossierId = crypto.randomUUID();
  await db.query(
    `INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, channel, applicant, applicant_name, summary, form_values, receiving_unit_id, submitted_at)
     VALUES ($1, 'BENCH-1', 'P', 1, 'C', 'Thủ tục', 2, 2, '{}', 'Nguyễn Văn A', 'bench', '{}', 'U', now())`,
    [dossierId],
  );
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO payment_intents (id, dossier_id, idempotency_key, gateway, reference, amount, state, purpose, created_by_kind, created_by, created_at, expires_at, updated_at)
     VALUES ($1, $2, 'bench', 'vnpay', 'REF1', 30000, 'pending', 'submission', 'citizen', 'c', now(), now(), now())`,
    [id, dossierId],
  );
  const cases: { name: string; raw: () => Promise<unknown>; typed: () => Promise<unknown> }[] = [
    {
      name: 'SELECT * by primary key',
      raw: () => db.query('SELECT * FROM payment_intents WHERE id = $1', [id]),
      typed: () => kysely(db).selectFrom('payment_intents').selectAll().where('id', '=', id).executeTakeFirst(),
    },
    {
      name: 'UPDATE … WHERE id AND state RETURNING *',
      raw: () => db.query('UPDATE payment_intents SET updated_at = $2 WHERE id = $1 AND state = $3 RETURNING *', [id, new Date(), 'pending']),
      typed: () =>
        kysely(db)
          .updateTable('payment_intents')
          .set({ updated_at: new Date() })
          .where('id', '=', id)
          .where('state', '=', 'pending')
          .returningAll()
          .executeTakeFirst(),
    },
  ];
  console.log(`3. End to end on ${db.kind}, ${ROUNDS} rounds, raw and Kysely interleaved (µs)`);
  for (const c of cases) {
    for (let i = 0; i < 200; i++) {
      await c.raw();
      await c.typed();
    }
    const raw: number[] = [];
    const typed: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t0 = process.hrtime.bigint();
      await c.raw();
      raw.push(Number(process.hrtime.bigint() - t0) / 1000);
      t0 = process.hrtime.bigint();
      await c.typed();
      typed.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const signed = (d: number) => `${d >= 0 ? '+' : ''}${d.toFixed(1)}`;
    console.log(
      `  ${c.name.padEnd(44)} raw mean ${mean(raw).toFixed(1)} p50 ${p50(raw).toFixed(1)} | kysely mean ${mean(typed).toFixed(1)} p50 ${p50(typed).toFixed(1)}` +
        ` | difference: mean ${signed(mean(typed) - mean(raw))}, p50 ${signed(p50(typed) - p50(raw))} µs`,
    );
  }
} finally {
  if (values.pg) await db.query(`DROP SCHEMA IF EXISTS ${(await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s} CASCADE`);
  await db.close();
}
