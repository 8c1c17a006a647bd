/**
 * `npm run motcua -- reconcile --statement <file.csv> [--gateway vnpay] [--from <ISO>] [--to <ISO>] [--json]`:
 * matches the payment ledger against a gateway statement and prints the matched, missing and mismatched
 * transactions. Exit code 0 when everything matches, 1 when there are discrepancies, 2 on wrong usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { formatReport, runReconciliation } from './reconciliation.ts';

export const RECONCILE_HELP =
  'Đối soát sổ thu phí, lệ phí với tệp sao kê của cổng thanh toán. --statement <tệp.csv> [--gateway vnpay] [--from <ISO>] [--to <ISO>] [--json]';

export async function runReconcileCommand(
  args: string[],
  withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>,
  out: (line: string) => void = console.log,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { statement: { type: 'string' }, gateway: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.statement || !fs.existsSync(values.statement)) {
    console.error('Cần --statement <tệp sao kê .csv> (tệp phải tồn tại).');
    return 2;
  }
  const when = (s: string | undefined) => (s === undefined ? undefined : new Date(s));
  const from = when(values.from);
  const to = when(values.to);
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime()))) {
    console.error('--from và --to phải là thời điểm ISO 8601, ví dụ 2026-01-05T00:00:00+07:00.');
    return 2;
  }
  const csv = fs.readFileSync(values.statement, 'utf8');
  return withDatabase(async (db) => {
    try {
      const run = await runReconciliation(db, { csv, gateway: values.gateway ?? 'vnpay', from, to, runBy: 'cli' });
      out(values.json ? JSON.stringify(run, null, 2) : formatReport(run));
      return run.report.missing.length + run.report.mismatched.length + run.parseErrors.length === 0 ? 0 : 1;
    } catch (err) {
      if (err instanceof AppError) {
        console.error(err.messageVi);
        return 2;
      }
      throw err;
    }
  });
}
