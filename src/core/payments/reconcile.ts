/**
 * Reconciliation (đối soát): the payment ledger against a gateway statement. Each paid intent of the period must
 * appear in the statement as a success with the same amount; each success in the statement must be a paid
 * intent. The report lists the matched transactions, the missing ones (on either side) and the mismatched ones
 * (same reference, different amount or status).
 */
import type { StatementRow } from './statement.ts';

export interface LedgerPayment {
  reference: string;
  intentId: string;
  dossierCode: string;
  amount: number;
  /** paid or refunded (a refunded intent was paid, then refunded). */
  state: 'paid' | 'refunded' | 'pending' | 'created' | 'failed' | 'expired';
  transactionNo: string | null;
}

export interface ReconciliationReport {
  matched: { reference: string; amount: number; dossierCode: string }[];
  /** In the ledger as paid, absent from the statement; or in the statement as a success, unknown to the ledger. */
  missing: { reference: string; side: 'statement' | 'ledger'; amount: number; dossierCode?: string; note: string }[];
  mismatched: {
    reference: string;
    ledgerAmount: number;
    statementAmount: number;
    ledgerState: string;
    statementStatus: string;
    dossierCode: string;
    note: string;
  }[];
}

const expectedStatus = (s: LedgerPayment['state']): StatementRow['status'] | null => (s === 'paid' ? 'success' : s === 'refunded' ? 'refunded' : null);

export function reconcile(ledger: readonly LedgerPayment[], statement: readonly StatementRow[]): ReconciliationReport {
  const report: ReconciliationReport = { matched: [], missing: [], mismatched: [] };
  const byRef = new Map(ledger.map((l) => [l.reference, l]));
  const seen = new Set<string>();
  for (const row of statement) {
    const l = byRef.get(row.reference);
    seen.add(row.reference);
    if (!l) {
      if (row.status !== 'failed')
        report.missing.push({ reference: row.reference, side: 'ledger', amount: row.amount, note: 'Giao dịch có trong sao kê nhưng không có trong sổ thu.' });
      continue;
    }
    const want = expectedStatus(l.state);
    if (want === null && row.status === 'failed') continue; // a declined attempt on both sides
    if (l.amount !== row.amount || want !== row.status) {
      const note =
        l.amount !== row.amount
          ? `Số tiền lệch: sổ thu ${l.amount} đ, sao kê ${row.amount} đ.`
          : `Trạng thái lệch: sổ thu "${l.state}", sao kê "${row.status}".`;
      report.mismatched.push({
        reference: row.reference,
        ledgerAmount: l.amount,
        statementAmount: row.amount,
        ledgerState: l.state,
        statementStatus: row.status,
        dossierCode: l.dossierCode,
        note,
      });
      continue;
    }
    report.matched.push({ reference: row.reference, amount: row.amount, dossierCode: l.dossierCode });
  }
  for (const l of ledger) {
    if (seen.has(l.reference) || expectedStatus(l.state) === null) continue;
    report.missing.push({
      reference: l.reference,
      side: 'statement',
      amount: l.amount,
      dossierCode: l.dossierCode,
      note: 'Giao dịch đã ghi nhận trong sổ thu nhưng không có trong sao kê.',
    });
  }
  return report;
}
