/**
 * bench/index766 — the Decision 766 dashboard at 10 million dossiers on PostgreSQL.
 *
 * The target (issue 7): the dashboard answers in < 200 ms at 10,000,000 dossiers, at least 50× faster than a full
 * recomputation, with equal figures.
 *
 *   1. Creates a separate database (motcua_bench_index766) next to BENCH_PG_URL (default
 *      postgres://postgres@127.0.0.1:5432/test), applies the migrations, seeds the reference data and the catalogue.
 *   2. Generates N per-dossier fact rows (metric_facts) set-based with generate_series: 100 communes, the 23 demo
 *      procedures, 4 officials per commune, 3 years of receipts (2023–2025); ~55 % online, ~97 % finished (some past
 *      their appointment), fees, online payments, ratings — values from a hash of the row number, so every run is
 *      the same. Then builds the daily counters from the facts (the same SQL the repair path uses).
 *   3. For a month, a quarter and a year, for the whole province (100 communes) and for one commune:
 *        - the dashboard query (countersCounts + points, exactly what GET /api/metrics/index766 runs), R times after
 *          a warm-up: p50 / p95;
 *        - a full recomputation from the 10 M fact rows (one scan per period, factCounts + points): median of 3;
 *        - checks that both give the same counts and the same total score, and prints the ratio.
 *   4. The breakdowns of the province, with 5.4's PAKN term in every row's score: PAKN about 0.5 % of the dossiers
 *      (a `dossiers` row and one or two `feedback` rows each, some of them only rating follow-ups) and the 100
 *      communes as org units are added once (kept with --reuse). Times the breakdown by unit (a month, 100 rows),
 *      by week (a quarter, 13 rows) and by month (a year, 12 rows) and the report (a month): median and worst of
 *      --breakdown-repeats after a warm-up; checks every by-unit row's score against the one-scope path
 *      (`scopeScore`: its own counts and its own PAKN query).
 *
 * Usage: npm run bench:index766 [-- --dossiers 10000000 --repeats 30 --breakdown-repeats 3 --breakdowns-only --keep --reuse]
 *        (--breakdowns-only: step 4 alone, e.g. with --reuse)
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { seedCatalogue } from '../src/server/modules/catalogue/index.ts';
import { loadProcedures, rebuildCountersFromFacts } from '../src/server/modules/metrics/index.ts';
import { countersCounts, factCounts } from '../src/server/modules/metrics/query.ts';
import { breakdown, indexReport, score, scopeScore, type ResolvedUnit } from '../src/server/modules/metrics/report.ts';
import { seedReferenceData } from '../src/server/modules/reference/index.ts';

const { values: args } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '10000000' },
    repeats: { type: 'string', default: '30' },
    'breakdown-repeats': { type: 'string', default: '3' },
    'breakdowns-only': { type: 'boolean' },
    keep: { type: 'boolean' },
    reuse: { type: 'boolean' },
  },
});
const N = Number(args.dossiers);
const R = Number(args.repeats);
const RB = Number(args['breakdown-repeats']);
const BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'motcua_bench_index766';
const benchUrl = (() => {
  const u = new URL(BASE);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

// Fully-online procedures first (the first 13 are eligible for full online service in the demo catalogue).
const CODES = [
  '1.000656',
  '1.001193',
  '1.001731',
  '1.001776',
  '1.004194',
  '1.004199',
  '1.004206',
  '1.004227',
  '1.004873',
  '1.006714',
  '2.000635',
  '2.000986',
  '2.002233',
  '1.000894',
  '1.001022',
  '1.004837',
  '1.004859',
  '1.004884',
  '2.000884',
  '2.000907',
  '2.000908',
  '2.001035',
  'DNI.DD.001',
];
const UNITS = Array.from({ length: 100 }, (_, i) => `bench.u${String(i).padStart(3, '0')}`);
const SPAN_SECONDS = 3 * 365 * 86_400;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function generate(db: Database) {
  const chunk = 1_000_000;
  const t0 = Date.now();
  // Bulk load without the secondary indexes and the primary key; they are built once at the end.
  await db.query('DROP INDEX IF EXISTS metric_facts_unit_received_idx, metric_facts_unit_finished_idx, metric_facts_unit_rated_idx');
  await db.query('ALTER TABLE metric_facts DROP CONSTRAINT IF EXISTS metric_facts_pkey');
  for (let from = 1; from <= N; from += chunk) {
    const to = Math.min(N, from + chunk - 1);
    await db.query(
      `INSERT INTO metric_facts (dossier_id, unit_id, procedure_code, official_id, channel, status, received_at, received_day, due_at, finished_at, finished_day,
         completed, final_on_time, progress_end_at, progress_end_day, synced, online, online_any, eligible, fully_online, fee_bearing, paid_online,
         paper_required, electronic_result, digitised, reused, from_store, population, rating, rated_at, rated_day, login_to_submit_ms)
       SELECT id, unit_id, procedure_code, official_id, channel, CASE WHEN finished_at IS NULL THEN 4 WHEN completed THEN 10 ELSE 8 END,
              received_at, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, due_at, finished_at, (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
              completed, CASE WHEN finished_at IS NULL THEN NULL ELSE finished_at <= due_at END,
              pe, (pe AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
              r5 < 0.95, channel = 2 AND e_result, channel = 2, eligible, eligible AND channel = 2, fee, CASE WHEN fee AND channel = 2 AND r8 < 0.7 THEN 1 + (g % 2)::int ELSE 0 END,
              true, e_result, r6 < 0.8, r3 < 0.35, r3 < 0.2, channel = 2 OR r9 < 0.7,
              rating, CASE WHEN rating IS NULL THEN NULL ELSE finished_at + interval '1 hour' END,
              CASE WHEN rating IS NULL THEN NULL ELSE ((finished_at + interval '1 hour') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
              CASE WHEN channel = 2 THEN (180000 + r9 * 600000)::bigint END
         FROM (
           SELECT g, id, unit_id, procedure_code, official_id, channel, received_at, due_at, finished_at, completed, eligible, fee, e_result, r3, r5, r6, r8, r9,
                  CASE WHEN finished_at IS NULL THEN due_at + interval '1 millisecond' ELSE LEAST(finished_at, due_at + interval '1 millisecond') END AS pe,
                  CASE WHEN completed AND r8 < 0.3 THEN (CASE WHEN r9 < 0.04 THEN 'dissatisfied' WHEN r9 < 0.5 THEN 'satisfied' ELSE 'very_satisfied' END) END AS rating
             FROM (
               SELECT g, md5(g::text)::uuid AS id,
                      ($4::text[])[1 + (abs(hashint8(g)) % 100)] AS unit_id,
                      ($5::text[])[1 + (abs(hashint8(g * 7 + 1)) % 23)] AS procedure_code,
                      ($4::text[])[1 + (abs(hashint8(g)) % 100)] || '.o' || (abs(hashint8(g * 11 + 2)) % 4) AS official_id,
                      CASE WHEN abs(hashint8(g * 13 + 3)) % 1000 < 550 THEN 2 ELSE 1 END AS channel,
                      ts AS received_at, ts + interval '3 days' AS due_at,
                      CASE WHEN abs(hashint8(g * 17 + 4)) % 1000 < 970 THEN ts + ((0.1 + (abs(hashint8(g * 19 + 5)) % 1000) / 1000.0 * 3.3) * interval '1 day') END AS finished_at,
                      abs(hashint8(g * 23 + 6)) % 1000 >= 30 AS completed,
                      1 + (abs(hashint8(g * 7 + 1)) % 23) <= 13 AS eligible,
                      abs(hashint8(g * 29 + 7)) % 1000 < 400 AS fee,
                      abs(hashint8(g * 31 + 8)) % 1000 < 850 AS e_result,
                      (abs(hashint8(g * 37 + 9)) % 1000) / 1000.0 AS r3, (abs(hashint8(g * 41 + 10)) % 1000) / 1000.0 AS r5,
                      (abs(hashint8(g * 43 + 11)) % 1000) / 1000.0 AS r6, (abs(hashint8(g * 47 + 12)) % 1000) / 1000.0 AS r8,
                      (abs(hashint8(g * 53 + 13)) % 1000) / 1000.0 AS r9
                 FROM generate_series($1::bigint, $2::bigint) g,
                      LATERAL (SELECT timestamptz '2023-01-01 07:30+07' + ((g - 1) * ($6::float8 / $3::float8)) * interval '1 second' AS ts) t
             ) a
         ) b`,
      [from, to, N, UNITS, CODES, SPAN_SECONDS],
    );
    log(`facts ${to.toLocaleString('en')} / ${N.toLocaleString('en')} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const ti = Date.now();
  await db.query('ALTER TABLE metric_facts ADD PRIMARY KEY (dossier_id)');
  await db.query('CREATE INDEX metric_facts_unit_received_idx ON metric_facts (unit_id, received_day)');
  await db.query('CREATE INDEX metric_facts_unit_finished_idx ON metric_facts (unit_id, finished_day)');
  await db.query('CREATE INDEX metric_facts_unit_rated_idx ON metric_facts (unit_id, rated_day) WHERE rated_day IS NOT NULL');
  log(`fact indexes built in ${((Date.now() - ti) / 1000).toFixed(1)} s`);
  const t1 = Date.now();
  await rebuildCountersFromFacts(db);
  log(`counters built from the facts in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  await db.query('ANALYZE metric_facts');
  await db.query('ANALYZE metric_daily');
  await db.query('ANALYZE metric_unit_daily');
  await db.query('ANALYZE metric_procedure_daily');
}

/**
 * PAKN about ~0.5 % of the dossiers (a dossiers row for each, as feedback names a dossier by its code): received 0–9
 * days after the dossier, one in ten a rating follow-up (channel 'rating', not a PAKN), one in ten with a second one
 * a week later. And the 100 communes as org units (the breakdown by unit reads the org tree). Once per database.
 */
async function addPaknAndUnits(db: Database) {
  const province = (await db.query<{ province_code: string }>('SELECT province_code FROM installation LIMIT 1')).rows[0].province_code;
  await db.query(
    `INSERT INTO org_units (id, name, kind, admin_unit_code) SELECT u, 'Đơn vị ' || u, 'phong_vhxh', $2 FROM unnest($1::text[]) u ON CONFLICT (id) DO NOTHING`,
    [UNITS, province],
  );
  const have = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM feedback WHERE title = 'bench'`)).rows[0].n);
  if (have > 0) return log(`reusing ${have.toLocaleString('en')} bench PAKN`);
  const t0 = Date.now();
  await db.query(
    `INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, channel, applicant, applicant_name, summary,
       form_values, receiving_unit_id, submitted_at, received_at, due_at, finished_at)
     SELECT dossier_id, 'BENCH-' || dossier_id, procedure_code, 1, '-', '-', status, channel, '{}', '-', '-', '{}', unit_id, received_at, received_at, due_at, finished_at
       FROM metric_facts WHERE abs(hashtext(dossier_id::text)) % 200 = 0`,
  );
  await db.query(
    `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, dossier_code, received_at)
     SELECT gen_random_uuid(), 'feedback', CASE WHEN h % 10 = 0 THEN 'rating' ELSE 'portal' END, '-', '-', 'bench', '-', code, submitted_at + (h % 10) * interval '1 day'
       FROM (SELECT code, submitted_at, abs(hashtext(code)) AS h FROM dossiers WHERE code LIKE 'BENCH-%') d
     UNION ALL
     SELECT gen_random_uuid(), 'feedback', 'portal', '-', '-', 'bench', '-', code, submitted_at + (7 + h % 10) * interval '1 day'
       FROM (SELECT code, submitted_at, abs(hashtext(code)) AS h FROM dossiers WHERE code LIKE 'BENCH-%') d WHERE h % 100 < 10`,
  );
  await db.query('ANALYZE dossiers');
  await db.query('ANALYZE feedback');
  const n = (
    await db.query<{ d: string; f: string }>(`SELECT (SELECT count(*) FROM dossiers) AS d, (SELECT count(*) FROM feedback WHERE title = 'bench') AS f`)
  ).rows[0];
  log(
    `PAKN: ${Number(n.d).toLocaleString('en')} dossiers rows, ${Number(n.f).toLocaleString('en')} feedback rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};

async function main() {
  if (!args.reuse) {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
  }
  const db = await openDatabase({ url: benchUrl, poolSize: 4 });
  try {
    await migrate(db);
    const have = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM metric_facts')).rows[0].n);
    if (!args.reuse || have === 0) {
      await seedReferenceData(db);
      await seedCatalogue(db);
      log(`generating ${N.toLocaleString('en')} dossiers (fact rows) in ${DB_NAME}…`);
      await generate(db);
    } else log(`reusing ${have.toLocaleString('en')} fact rows`);
    const sizes = (
      await db.query<{ t: string; rows: string; size: string }>(
        `SELECT relname AS t, reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class WHERE relname IN ('metric_facts', 'metric_daily', 'metric_unit_daily', 'metric_procedure_daily') ORDER BY relname`,
      )
    ).rows;
    for (const s of sizes) log(`${s.t}: ~${Number(s.rows).toLocaleString('en')} rows, ${s.size}`);

    const procs = await loadProcedures(db);
    const periods = [
      ['month', '2025-06-01', '2025-06-30'],
      ['quarter', '2025-04-01', '2025-06-30'],
      ['year', '2025-01-01', '2025-12-31'],
    ] as const;
    const scopes = [
      ['province (100 communes)', UNITS],
      ['one commune', [UNITS[7]]],
    ] as const;
    const rows: string[] = [];
    let allEqual = true;
    let worstP95 = 0;
    let worstRatio = Infinity;
    for (const [scopeName, unitIds] of args['breakdowns-only'] ? [] : scopes) {
      for (const [periodName, from, to] of periods) {
        const scope = { unitIds: [...unitIds] };
        const dashboard = async () => {
          const { counts } = await countersCounts(db, scope, from, to);
          return { counts, total: score(counts, procs).total };
        };
        for (let i = 0; i < 3; i++) await dashboard();
        const times: number[] = [];
        let dash!: Awaited<ReturnType<typeof dashboard>>;
        for (let i = 0; i < R; i++) {
          const [r, ms] = await time(dashboard);
          dash = r;
          times.push(ms);
        }
        const fullTimes: number[] = [];
        let full!: { counts: Awaited<ReturnType<typeof factCounts>>; total: number };
        for (let i = 0; i < 3; i++) {
          const [r, ms] = await time(async () => {
            const counts = await factCounts(db, scope, from, to);
            return { counts, total: score(counts, procs).total };
          });
          full = r;
          fullTimes.push(ms);
        }
        const equal = JSON.stringify(dash.counts) === JSON.stringify(full.counts) && dash.total === full.total;
        allEqual &&= equal;
        const p50 = pct(times, 50);
        const p95 = pct(times, 95);
        const fullMs = pct(fullTimes, 50);
        worstP95 = Math.max(worstP95, p95);
        worstRatio = Math.min(worstRatio, fullMs / p50);
        rows.push(
          `${scopeName.padEnd(24)} ${periodName.padEnd(8)} received ${String(dash.counts.received).padStart(9)}  score ${String(dash.total).padStart(6)}  dashboard p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  full recomputation ${fullMs.toFixed(0).padStart(7)} ms  ratio ${(fullMs / p50).toFixed(0).padStart(5)}×  equal ${equal ? 'yes' : 'NO'}`,
        );
        if (!equal) log(`MISMATCH ${scopeName} ${periodName}: ${JSON.stringify(dash.counts)} vs ${JSON.stringify(full.counts)}`);
      }
    }
    if (!args['breakdowns-only']) {
      console.log(
        `\nDecision 766 dashboard at ${N.toLocaleString('en')} dossiers (PostgreSQL, ${R} repeats after 3 warm-ups; full recomputation: median of 3)\n`,
      );
      for (const r of rows) console.log(r);
      console.log(
        `\n${worstP95 < 200 && worstRatio >= 50 && allEqual ? 'PASS' : 'FAIL'}: worst dashboard p95 ${worstP95.toFixed(1)} ms (target < 200 ms), smallest speed-up ${worstRatio.toFixed(0)}× (target ≥ 50×), figures ${allEqual ? 'equal' : 'NOT equal'}`,
      );
    }

    // 4. The breakdowns with 5.4's PAKN term in every row.
    await addPaknAndUnits(db);
    const province: ResolvedUnit = {
      unit: { id: 'bench.province', code: 'bench', name: 'Bench province', kind: 'ubnd_tinh', parentId: null },
      unitIds: [...UNITS],
    };
    const cases: [string, () => Promise<unknown>][] = [
      ['report, month', () => indexReport(db, province, '2025-06-01', '2025-06-30')],
      ['breakdown by unit, month (100 rows)', () => breakdown(db, province, '2025-06-01', '2025-06-30', 'unit')],
      ['breakdown by week, quarter (13 rows)', () => breakdown(db, province, '2025-04-01', '2025-06-30', 'week')],
      ['breakdown by month, year (12 rows)', () => breakdown(db, province, '2025-01-01', '2025-12-31', 'month')],
    ];
    const lines: string[] = [];
    for (const [name, fn] of cases) {
      await fn();
      const ts: number[] = [];
      for (let i = 0; i < RB; i++) ts.push((await time(fn))[1]);
      lines.push(
        `${name.padEnd(40)} median ${pct(ts, 50).toFixed(0).padStart(7)} ms  worst ${Math.max(...ts)
          .toFixed(0)
          .padStart(7)} ms`,
      );
      log(lines.at(-1)!);
    }
    // Every by-unit row's score against the one-scope path (its own counts and its own PAKN query).
    const rowsByUnit = (await breakdown(db, province, '2025-06-01', '2025-06-30', 'unit')).rows;
    let rowsEqual = rowsByUnit.length === UNITS.length;
    let withPakn = 0;
    for (const row of rowsByUnit) {
      const scope = { unitIds: [row.key] };
      const { counts } = await countersCounts(db, scope, '2025-06-01', '2025-06-30');
      const one = await scopeScore(db, counts, procs, scope, '2025-06-01', '2025-06-30');
      rowsEqual &&= one === row.score;
      if (one !== score(counts, procs).total) withPakn++;
    }
    console.log(`\nBreakdowns of the province (100 communes) with 5.4's PAKN term (${RB} runs after a warm-up)\n`);
    for (const l of lines) console.log(l);
    console.log(
      `by-unit rows equal to the one-scope path: ${rowsEqual ? 'yes' : 'NO'} (${rowsByUnit.length} rows, ${withPakn} with a PAKN term that changes the score)`,
    );
  } finally {
    await db.close();
    if (!args.keep) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
