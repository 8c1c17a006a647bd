import { describe, expect, it } from 'vitest';
import { reconcile, type LedgerPayment } from './reconcile.ts';
import { formatStatementCsv, parseStatementCsv, splitCsvLine } from './statement.ts';

const ledger: LedgerPayment[] = [
  { reference: 'R1', intentId: 'i1', dossierCode: 'D1', amount: 2500, state: 'paid', transactionNo: 'T1' },
  { reference: 'R2', intentId: 'i2', dossierCode: 'D2', amount: 7500, state: 'paid', transactionNo: 'T2' },
  { reference: 'R3', intentId: 'i3', dossierCode: 'D3', amount: 10000, state: 'paid', transactionNo: 'T3' },
  { reference: 'R4', intentId: 'i4', dossierCode: 'D4', amount: 4000, state: 'refunded', transactionNo: 'T4' },
  { reference: 'R5', intentId: 'i5', dossierCode: 'D5', amount: 4000, state: 'failed', transactionNo: null },
];

describe('statement CSV', () => {
  it('splits quoted fields', () => {
    expect(splitCsvLine('a,"b, c","say ""hi""",', ',')).toEqual(['a', 'b, c', 'say "hi"', '']);
  });

  it('reads English or Vietnamese headers in any order, with semicolons and a BOM', () => {
    const p = parseStatementCsv('\uFEFFtrang_thai;so_tien;ma_tham_chieu\n00;2.500;R1\n');
    expect(p.errors).toEqual([]);
    expect(p.rows).toEqual([{ reference: 'R1', transactionNo: '', amount: 2500, status: 'success', at: '', line: 2 }]);
  });

  it('reports bad lines with their number and keeps the good ones', () => {
    const p = parseStatementCsv('reference,amount,status\nR1,2500,success\nR2,abc,success\nR3,100,weird\n,5,success\n');
    expect(p.rows.map((r) => r.reference)).toEqual(['R1']);
    expect(p.errors.map((e) => e.line)).toEqual([3, 4, 5]);
  });

  it('refuses a file without the required columns', () => {
    expect(parseStatementCsv('foo,bar\n1,2').errors[0].message).toMatch(/Thiếu cột/);
  });

  it('round-trips the stand-in export format', () => {
    const rows = [{ reference: 'R1', transactionNo: 'T1', amount: 2500, status: 'success' as const, at: '2026-01-05T03:00:00Z' }];
    expect(parseStatementCsv(formatStatementCsv(rows)).rows).toEqual([{ ...rows[0], line: 2 }]);
  });
});

describe('reconciliation', () => {
  it('lists exactly the missing and the mismatched transactions', () => {
    const statement = parseStatementCsv(
      ['reference,transaction_no,amount,status', 'R1,T1,2500,success', 'R2,T2,7000,success', 'R4,T4,4000,refunded', 'R5,,4000,failed'].join('\n'),
    ).rows;
    const r = reconcile(ledger, statement);
    expect(r.matched.map((m) => m.reference)).toEqual(['R1', 'R4']);
    expect(r.mismatched).toEqual([expect.objectContaining({ reference: 'R2', ledgerAmount: 7500, statementAmount: 7000 })]);
    expect(r.missing).toEqual([expect.objectContaining({ reference: 'R3', side: 'statement', amount: 10000 })]);
  });

  it('flags money the gateway took that the ledger does not know, and status differences', () => {
    const statement = parseStatementCsv('reference,amount,status\nR9,5000,success\nR1,2500,refunded\n').rows;
    const r = reconcile(ledger.slice(0, 1), statement);
    expect(r.missing).toEqual([expect.objectContaining({ reference: 'R9', side: 'ledger' })]);
    expect(r.mismatched).toEqual([expect.objectContaining({ reference: 'R1', ledgerState: 'paid', statementStatus: 'refunded' })]);
    expect(r.matched).toEqual([]);
  });
});
