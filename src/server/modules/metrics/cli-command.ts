/**
 * `npm run motcua -- index766 --unit <code> --from <yyyy-mm-dd> --to <yyyy-mm-dd> [--procedure <code>] [--json]`:
 * every indicator (numerator, denominator, ratio, points), the six groups and the total, computed from the
 * counters after bringing them up to date with the action log. --unit takes an administrative code (25252 =
 * Xã Phú Riềng; the province's code = the whole province) or an org-unit id.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { catchUp } from './counters.ts';
import { indexReport, resolveUnit } from './report.ts';

export const INDEX766_HELP =
  'Tính Bộ chỉ số 766 của một đơn vị trong kỳ. --unit <mã hành chính hoặc mã đơn vị> --from <yyyy-mm-dd> --to <yyyy-mm-dd> [--procedure <mã thủ tục>] [--json]';

const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: d }));

export async function runIndex766(
  args: string[],
  withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>,
  out: (line: string) => void = console.log,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, procedure: { type: 'string' }, json: { type: 'boolean' } },
  });
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!values.unit || !values.from || !values.to || !day.test(values.from) || !day.test(values.to) || values.from > values.to) {
    console.error('Cần --unit (mã đơn vị hành chính, ví dụ 25252), --from và --to (yyyy-mm-dd, --from không sau --to).');
    return 2;
  }
  return withDatabase(async (db) => {
    try {
      await catchUp(db);
      const resolved = await resolveUnit(db, values.unit!);
      const { counts: _c, extras: _e, ...report } = await indexReport(db, resolved, values.from!, values.to!, { procedure: values.procedure });
      if (values.json) {
        out(JSON.stringify(report, null, 2));
        return 0;
      }
      out(`Bộ chỉ số 766 — ${report.unit.name} (${report.unit.code}), ${report.from} đến ${report.to}`);
      out('');
      out(`${'Mã'.padEnd(10)}${'Chỉ tiêu'.padEnd(62)}${'Tử số'.padStart(9)}${'Mẫu số'.padStart(9)}${'Tỷ lệ %'.padStart(10)}${'Điểm'.padStart(14)}`);
      for (const i of report.indicators) {
        const ratio = i.noData ? 'không có DL' : i.average ? `${num(i.average.value)} ngày` : num(i.ratio);
        out(
          `${i.code.padEnd(10)}${i.name.slice(0, 60).padEnd(62)}${num(i.numerator, 0).padStart(9)}${num(i.denominator, 0).padStart(9)}${ratio.padStart(10)}${`${num(i.points)}/${i.maxPoints}`.padStart(14)}`,
        );
      }
      out('');
      for (const g of report.groups) out(`${g.name.padEnd(40)}${`${num(g.points)}/${g.maxPoints}`.padStart(14)}`);
      out(`${'TỔNG ĐIỂM'.padEnd(40)}${`${num(report.total.points)}/${report.total.maxPoints}`.padStart(14)}`);
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        console.error(err.messageVi);
        return 1;
      }
      throw err;
    }
  });
}
