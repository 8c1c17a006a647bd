/**
 * 5.4's PAKN term read once per breakdown (`paknDossierCounts`, per period and unit) gives every row the score of
 * its own scope: a breakdown of several units (communes of the province, org units of a commune), the weeks, the
 * public monthly figures and the campaign weeks each equal the one-scope path (`scopeScore`) and the report of
 * that unit and period. Fact rows, dossiers and PAKN are written directly (several units, two weeks), the counters
 * rebuilt from the facts. And the SQL recomputation from the facts (`factCounts`) agrees with those counters.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLocal } from '../../../core/deadlines/deadlines.ts';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { rebuildCountersFromFacts } from './counters.ts';
import { publicMonthly } from './public.ts';
import { countersCounts, factCounts, paknDossierCounts, type Scope } from './query.ts';
import { breakdown, indexReport, procedures, resolveUnit, scopeScore, scopeScoreOf } from './report.ts';
import { campaignReport } from './targets.ts';

const PROC = '1.001193';
const W1 = { from: '2025-03-03', to: '2025-03-09' };
const W2 = { from: '2025-03-10', to: '2025-03-16' };
const MARCH = { from: '2025-03-01', to: '2025-03-31' };
const PR = 'dni.phurieng.vhxh';
const PK = 'dni.phurieng.kinhte';
const XV = 'dni.xuanthanh.vhxh';
const XK = 'dni.xuanthanh.kinhte';

// [key, unit, received day, finished day, due day, "Không hài lòng" rated on the finished day]
const DOSSIERS: [string, string, string, string, string, boolean][] = [
  ['a1', PR, '2025-03-03', '2025-03-04', '2025-03-06', false],
  ['a2', PR, '2025-03-03', '2025-03-04', '2025-03-06', true],
  ['a3', PR, '2025-03-10', '2025-03-11', '2025-03-13', false],
  ['a4', PR, '2025-03-10', '2025-03-17', '2025-03-13', false],
  ['b1', PK, '2025-03-03', '2025-03-04', '2025-03-06', false],
  ['b2', PK, '2025-03-10', '2025-03-11', '2025-03-13', false],
  ['c1', XV, '2025-03-04', '2025-03-05', '2025-03-07', false],
  ['c2', XV, '2025-03-11', '2025-03-12', '2025-03-14', false],
  ['c3', XV, '2025-03-11', '2025-03-12', '2025-03-14', false],
  ['d1', XK, '2025-03-05', '2025-03-06', '2025-03-10', false],
];
// [dossier key, local day received, channel]: a1 twice (once), a2 already disliked in the period, a3 only a
// rating follow-up (not PAKN), c1 in both weeks, c2 after March.
const PAKN: [string, string, string][] = [
  ['a1', '2025-03-05', 'portal'],
  ['a1', '2025-03-06', 'counter'],
  ['a2', '2025-03-05', 'portal'],
  ['a3', '2025-03-12', 'rating'],
  ['b2', '2025-03-12', 'portal'],
  ['c1', '2025-03-06', 'portal'],
  ['c1', '2025-03-13', 'email'],
  ['c2', '2025-04-02', 'portal'],
];

describe(`5.4's PAKN term batched per breakdown on ${testDatabaseKind}`, () => {
  let t: TestApp;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const db = t.ctx.db;
    for (const [key, unit, rec, fin, due, unhappy] of DOSSIERS) {
      const id = crypto.randomUUID();
      ids.set(key, id);
      const receivedAt = fromLocal(rec, 9 * 60);
      const finishedAt = fromLocal(fin, 10 * 60);
      const dueAt = fromLocal(due, 17 * 60);
      const onTime = finishedAt <= dueAt;
      const end = onTime ? finishedAt : new Date(dueAt.getTime() + 1);
      await db.query(
        `INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, channel, applicant, applicant_name,
           summary, form_values, receiving_unit_id, submitted_at, received_at, due_at, finished_at)
         VALUES ($1, $2, $3, 1, 'dung-han', 'Đăng ký khai sinh', 10, 2, '{}', 'Người nộp', '-', '{}', $4, $5, $5, $6, $7)`,
        [id, `BATCH-${key}`, PROC, unit, receivedAt, dueAt, finishedAt],
      );
      await db.query(
        `INSERT INTO metric_facts (dossier_id, unit_id, procedure_code, official_id, channel, status, received_at, received_day, due_at, finished_at,
           finished_day, completed, final_on_time, progress_end_at, progress_end_day, synced, online_any, rating, rated_at, rated_day)
         VALUES ($1, $2, $3, '', 2, 10, $4, $5::date, $6, $7, $8::date, true, $9, $10, ($10 AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, true, true,
           $11, $12, $13::date)`,
        [
          id,
          unit,
          PROC,
          receivedAt,
          rec,
          dueAt,
          finishedAt,
          fin,
          onTime,
          end,
          unhappy ? 'dissatisfied' : null,
          unhappy ? finishedAt : null,
          unhappy ? fin : null,
        ],
      );
    }
    for (const [key, day, channel] of PAKN) {
      await db.query(
        `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, dossier_code, received_at)
         VALUES ($1, 'feedback', $2, 'Trần Thị Mai', '0900000000', 'Hồ sơ chậm', 'Tôi chờ lâu quá.', $3, $4)`,
        [crypto.randomUUID(), channel, `BATCH-${key}`, fromLocal(day, 14 * 60)],
      );
    }
    // Paid online: b1 synchronised, a3 not (3.5b/3.6 count only synchronised dossiers).
    await db.query('UPDATE metric_facts SET fee_bearing = true, paid_online = 1, synced = (dossier_id = $1) WHERE dossier_id IN ($1, $2)', [
      ids.get('b1'),
      ids.get('a3'),
    ]);
    await rebuildCountersFromFacts(db);
  });
  afterAll(async () => t?.close());

  /** The one-scope path: the scope's counts and its own PAKN query. */
  const single = async (scope: Scope, from: string, to: string) => {
    const db = t.ctx.db;
    const { counts } = await countersCounts(db, scope, from, to);
    return scopeScore(db, counts, await procedures(db), scope, from, to);
  };

  it('counts the PAKN dossiers per period and unit: once per dossier, not when disliked in the period, not a rating follow-up', async () => {
    const counts = await paknDossierCounts(t.ctx.db, { unitIds: [PR, PK, XV, XK] }, [W1, W2, MARCH]);
    expect(counts.map((m) => Object.fromEntries([...m].sort()))).toEqual([
      { [PR]: 1, [XV]: 1 },
      { [PK]: 1, [XV]: 1 },
      { [PK]: 1, [PR]: 1, [XV]: 1 },
    ]);
    // Narrowed by official: none of these dossiers has that official.
    expect((await paknDossierCounts(t.ctx.db, { unitIds: [PR, XV], official: 'x' }, [MARCH]))[0].size).toBe(0);
  });

  it("recomputes from the facts (factCounts, the benchmark's reference) what the counters hold, paid online only when synchronised", async () => {
    const scope = { unitIds: [PR, PK, XV, XK] };
    const fromFacts = await factCounts(t.ctx.db, scope, MARCH.from, MARCH.to);
    expect(fromFacts).toEqual((await countersCounts(t.ctx.db, scope, MARCH.from, MARCH.to)).counts);
    expect(fromFacts).toMatchObject({ feeBearing: 2, paidOnline: 1, procedures: { paidOnline: [PROC] } });
  });

  it('gives each unit of a breakdown the score of its own report (communes of the province, units of a commune)', async () => {
    const db = t.ctx.db;
    const procs = await procedures(db);
    let withTerm = 0;
    for (const unit of ['75', '25252', '26434']) {
      const rows = (await breakdown(db, await resolveUnit(db, unit), MARCH.from, MARCH.to, 'unit', { procedure: PROC })).rows;
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        // A row's units: the org units of its administrative code in the province's breakdown, else the org unit.
        const unitIds =
          unit === '75'
            ? (
                await db.query<{ id: string }>(
                  'SELECT id FROM org_units WHERE effective_to IS NULL AND admin_unit_code = (SELECT admin_unit_code FROM org_units WHERE id = $1) ORDER BY id',
                  [row.key],
                )
              ).rows.map((r) => r.id)
            : [row.key];
        const own = { unit: (await resolveUnit(db, row.key)).unit, unitIds };
        const report = await indexReport(db, own, MARCH.from, MARCH.to, { procedure: PROC });
        expect(row.score, `${unit} → ${row.key}`).toBe(report.total.points);
        expect(row.score).toBe(await single({ unitIds: own.unitIds, procedure: PROC }, MARCH.from, MARCH.to));
        if (row.score !== scopeScoreOf(report.counts, procs, { unitIds: own.unitIds, procedure: PROC }, 0)) withTerm++;
      }
    }
    // The term changed the score of the rows holding PR, PK and XV: the province's two communes, and PR, PK, XV.
    expect(withTerm).toBe(5);
  });

  it('gives each week of a breakdown the score of that week’s report', async () => {
    const db = t.ctx.db;
    for (const unit of ['75', '25252', '26434', PR, XV]) {
      const resolved = await resolveUnit(db, unit);
      const rows = (await breakdown(db, resolved, W1.from, W2.to, 'week', { procedure: PROC })).rows;
      expect(rows.map((r) => r.key)).toEqual([W1.from, W2.from]);
      for (const [i, w] of [W1, W2].entries()) {
        const report = await indexReport(db, resolved, w.from, w.to, { procedure: PROC });
        expect(rows[i].score, `${unit} ${w.from}`).toBe(report.total.points);
      }
    }
    const months = (await breakdown(db, await resolveUnit(db, '75'), '2025-02-01', '2025-04-30', 'month')).rows;
    for (const [i, m] of [
      ['2025-02-01', '2025-02-28'],
      ['2025-03-01', '2025-03-31'],
      ['2025-04-01', '2025-04-30'],
    ].entries()) {
      expect(months[i].score).toBe(await single({ unitIds: (await resolveUnit(db, '75')).unitIds }, m[0], m[1]));
    }
  });

  it('gives the public monthly figures and the campaign weeks the one-scope scores', async () => {
    const db = t.ctx.db;
    const monthly = await publicMonthly(db, '2025-03');
    expect(monthly.units.map((u) => u.code)).toEqual(['75', '25252', '26434']);
    for (const u of monthly.units) expect(u.score, u.code).toBe(await single({ unitIds: (await resolveUnit(db, u.code)).unitIds }, MARCH.from, MARCH.to));
    const one = await publicMonthly(db, '2025-03', '26434');
    expect(one.units).toEqual([monthly.units[2]]);

    const campaign = { id: crypto.randomUUID(), unitId: 'dni.xuanthanh.ubnd', name: 'Tháng 3', from: W1.from, to: W2.to };
    const weeks = (await campaignReport(db, campaign)).weeks;
    const unitIds = (await resolveUnit(db, campaign.unitId)).unitIds;
    expect(weeks.map((w) => w.score)).toEqual([await single({ unitIds }, W1.from, W1.to), await single({ unitIds }, W2.from, W2.to)]);
  });
});
