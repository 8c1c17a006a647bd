import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openTestDatabase } from '../../testing/harness.ts';
import { runReconcileCommand } from './cli-command.ts';

let db: Database;
let drop: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reconcile-'));
beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await migrate(db);
}, 180_000);
afterAll(async () => {
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

const withDb = <T>(fn: (d: Database) => Promise<T>) => fn(db);

describe('reconcile command', () => {
  it('reports money the gateway took that the ledger does not know, as text and JSON, with exit code 1', async () => {
    const file = path.join(dir, 'sao-ke.csv');
    fs.writeFileSync(file, 'reference,transaction_no,amount,status,at\nMC000000001,14000001,2500,success,2026-01-05T03:00:00Z\n');
    const lines: string[] = [];
    expect(await runReconcileCommand(['--statement', file], withDb, (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/Khớp: 0 \| Thiếu: 1 \| Lệch: 0/);
    expect(lines.join('\n')).toContain('MC000000001');
    const json: string[] = [];
    expect(await runReconcileCommand(['--statement', file, '--json'], withDb, (l) => json.push(l))).toBe(1);
    expect(JSON.parse(json[0]).report.missing).toEqual([expect.objectContaining({ reference: 'MC000000001', side: 'ledger', amount: 2500 })]);
    const runs = (await db.query<{ missing: number }>('SELECT missing FROM reconciliation_runs')).rows;
    expect(runs).toEqual([{ missing: 1 }, { missing: 1 }]);
  });

  it('exits 0 on an empty statement period and 2 without a file', async () => {
    const file = path.join(dir, 'empty.csv');
    fs.writeFileSync(file, 'reference,amount,status\n');
    expect(await runReconcileCommand(['--statement', file], withDb, () => undefined)).toBe(0);
    expect(await runReconcileCommand([], withDb, () => undefined)).toBe(2);
  });
});
