/**
 * The demo history: deterministic, fast, skipped when present, a valid hash-chained log, and the counters built
 * from it equal a full recomputation from the dossiers (so every dashboard, drill-down and export of the demo agrees).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyActionLog } from '../modules/dossiers/index.ts';
import { loadProcedures } from '../modules/metrics/index.ts';
import { countersCounts, fullCounts } from '../modules/metrics/query.ts';
import { startTestApp, testDatabaseKind, type TestApp } from '../testing/harness.ts';
import { seedDemoHistory } from './demo-history.ts';

describe(`demo history on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let first: Awaited<ReturnType<typeof seedDemoHistory>>;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    first = await seedDemoHistory(t.ctx.db, { today: '2026-07-01', log: (m) => console.log(m) });
  });
  afterAll(async () => t?.close());

  it('writes a year of dossiers once, with a valid hash-chained log', async () => {
    expect(first.skipped).toBe(false);
    expect(first.dossiers).toBeGreaterThan(5000);
    console.log(`demo history: ${first.dossiers} dossiers, ${first.actions} actions, ${first.ms} ms on ${testDatabaseKind}`);
    expect((await seedDemoHistory(t.ctx.db, { today: '2026-07-01' })).skipped).toBe(true);
    const log = await verifyActionLog(t.ctx.db);
    expect(log.problems).toEqual([]);
    expect(log.dossiers).toBe(first.dossiers);
  });

  it('has trends (online share up, overdue down) and counters equal to the recomputation', async () => {
    const units = (await t.ctx.db.query<{ id: string }>('SELECT id FROM org_units')).rows.map((r) => r.id);
    const procs = await loadProcedures(t.ctx.db);
    for (const [from, to] of [
      ['2025-07-01', '2026-06-30'],
      ['2025-08-01', '2025-08-31'],
      ['2026-03-01', '2026-03-31'],
    ]) {
      expect((await countersCounts(t.ctx.db, { unitIds: units }, from, to)).counts, `${from}..${to}`).toEqual(
        await fullCounts(t.ctx.db, { unitIds: units }, from, to, procs),
      );
    }
    const early = await countersCounts(t.ctx.db, { unitIds: units }, '2025-09-01', '2025-09-30');
    const late = await countersCounts(t.ctx.db, { unitIds: units }, '2026-05-01', '2026-05-31');
    expect(late.extras.onlineAny / late.counts.received).toBeGreaterThan(early.extras.onlineAny / early.counts.received + 0.15);
    const overdue = (c: typeof early) => 1 - c.counts.progressNumerator / c.counts.progressDenominator;
    expect(overdue(late)).toBeLessThan(overdue(early));
    expect(late.counts.paidOnline).toBeGreaterThan(0);
    expect(late.counts.rated).toBeGreaterThan(0);
  });
});
