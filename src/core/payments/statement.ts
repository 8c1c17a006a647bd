/**
 * Gateway statement files (sao kê đối soát) as CSV: one transaction per row with the merchant reference, the
 * gateway's transaction number, the amount in đồng, the status and the time. The header names the columns, in
 * any order; English or Vietnamese names, comma or semicolon separated, quoted fields with "" escapes.
 */
export interface StatementRow {
  reference: string;
  transactionNo: string;
  amount: number;
  status: 'success' | 'refunded' | 'failed';
  at: string;
  line: number;
}

export interface StatementParse {
  rows: StatementRow[];
  errors: { line: number; message: string }[];
}

const HEADERS: Record<string, keyof Omit<StatementRow, 'line'>> = {
  reference: 'reference',
  txn_ref: 'reference',
  vnp_txnref: 'reference',
  ma_tham_chieu: 'reference',
  mathamchieu: 'reference',
  transaction_no: 'transactionNo',
  vnp_transactionno: 'transactionNo',
  ma_giao_dich: 'transactionNo',
  amount: 'amount',
  so_tien: 'amount',
  sotien: 'amount',
  status: 'status',
  trang_thai: 'status',
  at: 'at',
  paid_at: 'at',
  pay_date: 'at',
  thoi_gian: 'at',
};

/** Splits one CSV record (RFC 4180 quoting) on the delimiter. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function status(raw: string): StatementRow['status'] | null {
  const s = raw.trim().toLowerCase();
  if (['success', '00', 'thanh_cong', 'thành công', 'paid'].includes(s)) return 'success';
  if (['refunded', '05', 'hoan_tien', 'hoàn tiền'].includes(s)) return 'refunded';
  if (['failed', '02', 'that_bai', 'thất bại', 'declined'].includes(s)) return 'failed';
  return null;
}

export function parseStatementCsv(text: string): StatementParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: StatementParse['errors'] = [];
  const rows: StatementRow[] = [];
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { rows, errors: [{ line: 1, message: 'Tệp sao kê trống.' }] };
  const delimiter = lines[headerIndex].includes(';') && !lines[headerIndex].includes(',') ? ';' : ',';
  const header = splitCsvLine(lines[headerIndex], delimiter).map((h) => HEADERS[h.toLowerCase().replace(/\s+/g, '_')]);
  for (const need of ['reference', 'amount', 'status'] as const) {
    if (!header.includes(need)) errors.push({ line: headerIndex + 1, message: `Thiếu cột bắt buộc: ${need}.` });
  }
  if (errors.length) return { rows, errors };
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = splitCsvLine(lines[i], delimiter);
    const get = (k: keyof Omit<StatementRow, 'line'>) => {
      const idx = header.indexOf(k);
      return idx >= 0 ? (cells[idx] ?? '') : '';
    };
    const amountText = get('amount').replace(/[.\s]/g, '');
    const amount = /^\d+$/.test(amountText) ? Number(amountText) : NaN;
    const st = status(get('status'));
    const reference = get('reference');
    if (!reference) errors.push({ line: i + 1, message: 'Thiếu mã tham chiếu giao dịch.' });
    else if (!Number.isSafeInteger(amount)) errors.push({ line: i + 1, message: `Số tiền không hợp lệ: "${get('amount')}".` });
    else if (!st) errors.push({ line: i + 1, message: `Trạng thái không hợp lệ: "${get('status')}".` });
    else rows.push({ reference, transactionNo: get('transactionNo'), amount, status: st, at: get('at'), line: i + 1 });
  }
  return { rows, errors };
}

/** Writes rows in the format parseStatementCsv reads (used by the bank stand-in's statement export). */
export function formatStatementCsv(rows: Omit<StatementRow, 'line'>[]): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${[
    'reference,transaction_no,amount,status,at',
    ...rows.map((r) => [r.reference, r.transactionNo, String(r.amount), r.status, r.at].map(q).join(',')),
  ].join('\n')}\n`;
}
