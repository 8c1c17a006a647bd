/**
 * `npm run motcua -- index766`: every indicator, the six groups and the total for a unit and period, as JSON or as
 * a table, equal to a recomputation straight from the dossiers; bad arguments and unknown units are refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { scoreCounts } from '../../../core/indicators/index766.ts';
import { localDayRange } from '../../../core/time/local.ts';
import { feedbackIndicators } from '../feedback/index.ts';
import { runCli } from '../../cli.ts';
import { openDatabase } from '../../db/database.ts';
import { seedDemoHistory } from '../../seed/demo-history.ts';
import { loadProcedures } from './facts.ts';
import { fullCounts } from './query.ts';
import { INDEX_DEFS, resolveUnit } from './report.ts';

describe('index766 CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-766-'));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  const open = () => openDatabase({ dataDir: path.join(dir, 'pglite') });
  async function run(args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    try {
      return { code: await runCli(args), out: lines.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }
  beforeAll(async () => {
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    expect((await run(['seed'])).code).toBe(0);
    const db = await open();
    await seedDemoHistory(db, { from: '2026-02-01', today: '2026-04-01' });
    await db.close();
  }, 300_000);
  afterAll(() => {
    process.env.DATA_DIR = saved.DATA_DIR;
    if (saved.DATABASE_URL !== undefined) process.env.DATABASE_URL = saved.DATABASE_URL;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints every indicator, the six groups and the total as JSON, equal to a recomputation from the dossiers', async () => {
    const r = await run(['index766', '--unit', '25252', '--from', '2026-03-01', '--to', '2026-03-31', '--json']);
    expect(r.code, r.out).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.unit).toMatchObject({ code: '25252', name: 'Ủy ban nhân dân xã Phú Riềng' });
    expect(report.indicators.map((i: { code: string }) => i.code)).toEqual(INDEX_DEFS.indicators.map((i) => i.code));
    expect(report.groups.map((g: { code: string; maxPoints: number }) => [g.code, g.maxPoints])).toEqual([
      ['transparency', 18],
      ['progress', 20],
      ['online', 12],
      ['payment', 10],
      ['digitisation', 22],
      ['satisfaction', 18],
    ]);
    expect(report.total.maxPoints).toBe(100);
    for (const i of report.indicators) expect(Object.keys(i)).toEqual(expect.arrayContaining(['numerator', 'denominator', 'ratio', 'points', 'maxPoints']));
    const received = report.indicators.find((i: { code: string }) => i.code === '1.4').denominator;
    expect(received).toBeGreaterThan(100);

    const db = await open();
    try {
      const resolved = await resolveUnit(db, '25252');
      const procs = await loadProcedures(db);
      // 5.2–5.3 are not dossier-based: they come from the feedback module's figures over the same local days.
      const pakn = await feedbackIndicators(db, localDayRange('2026-03-01', '2026-03-31'), new Date());
      const reference = scoreCounts(
        await fullCounts(db, { unitIds: resolved.unitIds }, '2026-03-01', '2026-03-31', procs),
        [...procs.values()],
        INDEX_DEFS,
        pakn,
      );
      for (const i of reference.indicators) {
        const printed = report.indicators.find((x: { code: string }) => x.code === i.code);
        expect(printed.denominator, i.code).toBe(i.denominator);
        if (i.code !== '2.2') expect(printed.numerator, i.code).toBe(i.numerator);
        expect(printed.points ?? 0, i.code).toBe(i.points);
      }
      expect(report.total.points).toBe(reference.total);
    } finally {
      await db.close();
    }
  });

  it('prints a table without --json, and refuses bad arguments and unknown units in Vietnamese', async () => {
    const table = await run(['index766', '--unit', '75', '--from', '2026-03-01', '--to', '2026-03-31']);
    expect(table.code).toBe(0);
    expect(table.out).toContain('Bộ chỉ số 766 — Ủy ban nhân dân tỉnh Đồng Nai (75)');
    expect(table.out).toContain('TỔNG ĐIỂM');
    expect(table.out).toMatch(/5\.2\s+Tiến độ xử lý PAKN.*không có DL/);
    const bad = await run(['index766', '--unit', '25252', '--from', '2026-03-31', '--to', '2026-03-01']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--from');
    const unknown = await run(['index766', '--unit', '99999', '--from', '2026-03-01', '--to', '2026-03-31']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('Không tìm thấy đơn vị có mã 99999');
  });
});
