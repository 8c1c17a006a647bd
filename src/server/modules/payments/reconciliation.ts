/**
 * Reconciliation job: the ledger's gateway payments of a period against the gateway's statement (CSV). The report
 * (matched, missing, mismatched) is kept in reconciliation_runs.
 */
import crypto from 'node:crypto';
import { reconcile, type LedgerPayment, type ReconciliationReport } from '../../../core/payments/reconcile.ts';
import { parseStatementCsv } from '../../../core/payments/statement.ts';
import { localDay, localDayRange } from '../../../core/time/local.ts';
import { systemNow } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import { kysely } from '../../db/kysely.ts';
import { AppError } from '../../http/errors.ts';
import type { AppContext } from '../../context.ts';
import type { IntentRow } from './ledger.ts';
import { paygovStatement } from './paygov-flow.ts';

export async function ledgerPayments(db: Queryable, gateway: string, period: { from?: Date; to?: Date } = {}): Promise<LedgerPayment[]> {
  let q = kysely(db)
    .selectFrom('payment_intents as i')
    .innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
    .select(['i.reference', 'i.id', 'd.code', 'i.amount', 'i.state', 'i.gateway_transaction_no'])
    // A gateway name we do not know matches no intent.
    .where('i.gateway', '=', gateway as IntentRow['gateway']);
  // A payment belongs to the period it was paid in (one never paid: the period it was started in).
  const { from, to } = period;
  if (from) q = q.where((eb) => eb(eb.fn.coalesce('i.paid_at', 'i.created_at'), '>=', from));
  if (to) q = q.where((eb) => eb(eb.fn.coalesce('i.paid_at', 'i.created_at'), '<', to));
  const rows = await q.orderBy('i.created_at').execute();
  return rows.map((r) => ({
    reference: r.reference,
    intentId: r.id,
    dossierCode: r.code,
    amount: r.amount,
    state: r.state,
    transactionNo: r.gateway_transaction_no,
  }));
}

export interface ReconciliationRun {
  id: string;
  gateway: string;
  statementRows: number;
  parseErrors: { line: number; message: string }[];
  report: ReconciliationReport;
}

export async function runReconciliation(
  db: Queryable,
  input: { csv: string; gateway?: string; from?: Date; to?: Date; runBy: string },
): Promise<ReconciliationRun> {
  const gateway = input.gateway ?? 'vnpay';
  const parsed = parseStatementCsv(input.csv);
  if (parsed.rows.length === 0 && parsed.errors.length > 0) {
    throw new AppError('STATEMENT_INVALID', `Tệp sao kê không đọc được: ${parsed.errors[0].message}`, 422, { errors: parsed.errors });
  }
  // Without a period: the whole days (Vietnam time) the statement covers, so that a transaction missing at either
  // end of the statement is still in scope.
  const times = parsed.rows.map((r) => Date.parse(r.at)).filter((t) => !Number.isNaN(t));
  const days = times.length ? localDayRange(localDay(new Date(Math.min(...times))), localDay(new Date(Math.max(...times)))) : undefined;
  const from = input.from ?? days?.start;
  const to = input.to ?? days?.end;
  const ledger = await ledgerPayments(db, gateway, { from, to });
  const report = reconcile(ledger, parsed.rows);
  const id = crypto.randomUUID();
  await kysely(db)
    .insertInto('reconciliation_runs')
    .values({
      id,
      gateway,
      statement_sha256: crypto.createHash('sha256').update(input.csv).digest('hex'),
      period_from: from ?? null,
      period_to: to ?? null,
      matched: report.matched.length,
      missing: report.missing.length,
      mismatched: report.mismatched.length,
      report: { ...report, parseErrors: parsed.errors },
      run_by: input.runBy,
      run_at: systemNow(),
    })
    .execute();
  return { id, gateway, statementRows: parsed.rows.length, parseErrors: parsed.errors, report };
}

/**
 * PayGov: the platform publishes no statement file; its word on each payment is its bill (GET_BILL). The ledger's
 * PayGov payments of the period (default: the whole ledger) are looked up one by one and matched like a statement.
 */
export async function runPaygovReconciliation(ctx: AppContext, input: { from?: Date; to?: Date; runBy: string }): Promise<ReconciliationRun> {
  const ledger = await ledgerPayments(ctx.db, 'paygov', { from: input.from, to: input.to });
  const rows = await paygovStatement(
    ctx,
    ledger.map((l) => l.reference),
  ).catch((err: unknown) => {
    throw new AppError(
      'GATEWAY_UNAVAILABLE',
      `Chưa lấy được biên lai từ Nền tảng thanh toán quốc gia: ${String((err as Error)?.message ?? err).slice(0, 200)}`,
      503,
    );
  });
  const report = reconcile(ledger, rows);
  const id = crypto.randomUUID();
  await kysely(ctx.db)
    .insertInto('reconciliation_runs')
    .values({
      id,
      gateway: 'paygov',
      statement_sha256: crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
      period_from: input.from ?? null,
      period_to: input.to ?? null,
      matched: report.matched.length,
      missing: report.missing.length,
      mismatched: report.mismatched.length,
      report: { ...report, parseErrors: [], source: 'GET_BILL' },
      run_by: input.runBy,
      run_at: systemNow(),
    })
    .execute();
  return { id, gateway: 'paygov', statementRows: rows.length, parseErrors: [], report };
}

export function formatReport(run: ReconciliationRun): string {
  const r = run.report;
  const lines = [
    `Đối soát ${run.gateway}: ${run.statementRows} giao dịch trong sao kê`,
    `Khớp: ${r.matched.length} | Thiếu: ${r.missing.length} | Lệch: ${r.mismatched.length}`,
    ...r.missing.map(
      (m) =>
        `THIẾU  ${m.reference}  ${m.amount} đ  ${m.side === 'statement' ? '(không có trong sao kê)' : '(không có trong sổ thu)'}${m.dossierCode ? `  hồ sơ ${m.dossierCode}` : ''}`,
    ),
    ...r.mismatched.map((m) => `LỆCH   ${m.reference}  ${m.note}  hồ sơ ${m.dossierCode}`),
    ...run.parseErrors.map((e) => `LỖI DÒNG ${e.line}: ${e.message}`),
  ];
  return lines.join('\n');
}
