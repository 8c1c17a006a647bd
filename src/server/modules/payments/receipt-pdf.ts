/**
 * The electronic receipt (biên lai thu phí, lệ phí điện tử) as an A5 PDF: the receiving unit, the receipt number of
 * its book for the year, the payer, the fee lines with gross amount, online reduction and net, how it was paid,
 * and the TT 01/2023 QR code pointing at the public check of the receipt. Rendered from the stored row, so the
 * same receipt always prints the same figures.
 */
import { vnIso } from '../../../core/documents/qr-payload.ts';
import { formatMoneyVnd } from '../../../core/fees/format.ts';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import { DocumentWriter, PAGE_A5 } from '../../pdf/document.ts';
import { DEFAULT_SYSTEM_NAME } from '../../paper-forms/qr.ts';

export interface ReceiptRow {
  id: string;
  intent_id: string;
  dossier_id: string;
  number: string;
  payer_name: string;
  payer_id_number: string | null;
  lines: { code: string; name: string; kind: string; gross: number; reduction: number; net: number }[];
  gross: number;
  reduction: number;
  net: number;
  method: string;
  paid_online_via: number;
  issued_at: Date;
  unit_name: string;
  dossier_code: string;
  procedure_code: string;
  procedure_name: string;
  reference: string;
  gateway_transaction_no: string | null;
  owner_citizen_id: string | null;
  unit_ids: string[];
}

export async function loadReceipt(db: Queryable, id: string): Promise<ReceiptRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Không tìm thấy biên lai.');
  const r = (
    await db.query<ReceiptRow>(
      `SELECT r.*, o.name AS unit_name, d.code AS dossier_code, d.procedure_code, d.procedure_name, d.owner_citizen_id, d.unit_ids, i.reference, i.gateway_transaction_no
       FROM receipts r JOIN org_units o ON o.id = r.unit_id JOIN dossiers d ON d.id = r.dossier_id JOIN payment_intents i ON i.id = r.intent_id WHERE r.id = $1`,
      [id],
    )
  ).rows[0];
  if (!r) throw notFound('Không tìm thấy biên lai.');
  return r;
}

export const METHOD_LABELS: Record<string, string> = {
  vnpay: 'Thanh toán trực tuyến qua cổng thanh toán của tỉnh (VNPay)',
  paygov: 'Thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia',
  cash: 'Tiền mặt tại Bộ phận một cửa',
  card: 'Thẻ ngân hàng tại Bộ phận một cửa',
};

const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);

export async function renderReceiptPdf(r: ReceiptRow, publicUrl: string): Promise<Uint8Array> {
  const w = await DocumentWriter.create(PAGE_A5, { title: `Biên lai ${r.number}`, subject: 'Biên lai thu phí, lệ phí điện tử' });
  const money = (n: number) => `${formatMoneyVnd(n)}`;
  const qr = await w.qr(
    {
      maHoSo: r.dossier_code,
      maTTHC: r.procedure_code,
      maDinhDanh: r.payer_id_number ?? '',
      tenGiayTo: 'Biên lai thu phí, lệ phí điện tử',
      heThong: DEFAULT_SYSTEM_NAME,
      thoiDiem: vnIso(new Date(r.issued_at)),
      url: `${publicUrl.replace(/\/+$/, '')}/api/receipts/${r.id}/verify`,
    },
    22,
  );
  w.text(r.unit_name.toUpperCase(), { bold: true, size: 8, align: 'right' });
  w.text(`Số: ${r.number}`, { size: 8, align: 'right' });
  w.skipTo(qr + 8);
  w.text('BIÊN LAI THU PHÍ, LỆ PHÍ', { bold: true, size: 12, align: 'center' });
  w.text('(Biên lai điện tử)', { italic: true, size: 8, align: 'center', gap: 8 });
  w.text(`Người nộp: ${r.payer_name}${r.payer_id_number ? ` – Số định danh: ${r.payer_id_number}` : ''}`, { size: 9 });
  w.text(`Hồ sơ: ${r.dossier_code} – ${r.procedure_name}`, { size: 9 });
  w.text(`Hình thức: ${METHOD_LABELS[r.method] ?? r.method}`, { size: 9 });
  w.text(`Mã giao dịch: ${r.reference}${r.gateway_transaction_no ? ` – Số giao dịch ngân hàng: ${r.gateway_transaction_no}` : ''}`, { size: 9 });
  w.text(`Thời điểm thu: ${dateTime(new Date(r.issued_at))}`, { size: 9, gap: 8 });
  w.table(
    [
      { title: 'Khoản thu', width: 4 },
      { title: 'Mức thu', width: 2, align: 'right' },
      { title: 'Giảm khi nộp trực tuyến', width: 2, align: 'right' },
      { title: 'Số tiền nộp', width: 2, align: 'right' },
    ],
    [
      ...r.lines.map((l) => [
        `${l.name} (${l.kind === 'phi' ? 'phí' : 'lệ phí'})`,
        money(l.gross),
        l.reduction ? `- ${money(l.reduction)}` : '0',
        money(l.net),
      ]),
      ['Cộng', money(r.gross), r.reduction ? `- ${money(r.reduction)}` : '0', money(r.net)],
    ],
    { size: 8 },
  );
  w.space(6);
  w.text(`Tổng số tiền đã nộp: ${money(r.net)}`, { bold: true, size: 10 });
  if (r.reduction > 0) w.text(`Đã giảm ${money(r.reduction)} do nộp hồ sơ và thanh toán trực tuyến.`, { size: 9 });
  w.space(10);
  w.text('Biên lai điện tử có giá trị như biên lai giấy. Quét mã QR để kiểm tra.', { italic: true, size: 8 });
  return w.save();
}
