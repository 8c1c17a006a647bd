/**
 * Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 03/2025 set; fields as in domain-and-law.md §3.4), A5,
 * with the TT 01/2023 QR code at the top left (including the appointment date).
 */
import { vnIso } from '../../../core/documents/qr-payload.ts';
import { formatMoneyVnd } from '../../../core/fees/format.ts';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import { DocumentWriter, PAGE_A5 } from '../../pdf/document.ts';
import { getVersion } from '../catalogue/service.ts';

const vnDateTime = (d: Date) => {
  const v = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(v.getUTCHours())} giờ ${p(v.getUTCMinutes())} phút, ngày ${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
};

export async function renderMau01(db: Queryable, dossierId: string, publicUrl: string): Promise<Uint8Array> {
  const d = (await db.query<{
    code: string; procedure_code: string; procedure_version: number; case_code: string; procedure_name: string; applicant_name: string;
    applicant_id_number: string; applicant_phone: string | null; applicant_email: string | null; received_at: Date | null; due_at: Date | null;
    fee_total: number; result_delivery: string; unit_name: string; status: number;
  }>(
    `SELECT d.code, d.procedure_code, d.procedure_version, d.case_code, d.procedure_name, d.applicant_name, d.applicant_id_number, d.applicant_phone,
            d.applicant_email, d.received_at, d.due_at, d.fee_total, d.result_delivery, d.status, o.name AS unit_name
       FROM dossiers d JOIN org_units o ON o.id = d.receiving_unit_id WHERE d.id = $1`,
    [dossierId],
  )).rows[0];
  if (!d || !d.received_at || !d.due_at) throw notFound('Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận.');
  const version = await getVersion(db, d.procedure_code, d.procedure_version);
  const kase = version.definition.cases.find((c) => c.code === d.case_code);
  const docs = (await db.query<{ requirement_code: string; name: string }>('SELECT requirement_code, name FROM dossier_documents WHERE dossier_id = $1 ORDER BY created_at', [dossierId])).rows;
  const receivedAt = new Date(d.received_at);
  const dueAt = new Date(d.due_at);

  const w = await DocumentWriter.create(PAGE_A5, { title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${d.code}`, subject: d.procedure_name });
  const qr = await w.qr({
    maHoSo: d.code,
    maTTHC: d.procedure_code,
    maDinhDanh: d.applicant_id_number,
    tenGiayTo: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    heThong: 'MotCua – Hệ thống thông tin giải quyết TTHC',
    thoiDiem: vnIso(receivedAt),
    ngayHenTra: vnIso(dueAt),
    url: `${publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}`,
  });
  const right = { x: w.margin + qr + 8, width: w.width - qr - 8 };
  w.text(d.unit_name.toUpperCase(), { bold: true, size: 8.5, align: 'center', ...right });
  w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 8.5, align: 'center', ...right, gap: 0 });
  w.text('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 8.5, align: 'center', ...right });
  w.skipTo(qr + 6);
  w.text(`Mã hồ sơ: ${d.code}`, { size: 9, align: 'right' });
  w.text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', { bold: true, size: 12, align: 'center', gap: 6 });
  w.text(`${d.unit_name} tiếp nhận hồ sơ của: ${d.applicant_name}`, { size: 10 });
  w.text(`Số định danh: ${d.applicant_id_number}${d.applicant_phone ? `   Điện thoại: ${d.applicant_phone}` : ''}${d.applicant_email ? `   Thư điện tử: ${d.applicant_email}` : ''}`, { size: 10 });
  w.text(`Nội dung yêu cầu giải quyết: ${d.procedure_name}${kase ? ` (${kase.name})` : ''}`, { size: 10, gap: 6 });
  w.text('1. Thành phần hồ sơ nộp gồm:', { bold: true, size: 10 });
  const rows = (kase?.documents ?? []).map((req, i) => {
    const has = req.providedByForm || docs.some((x) => x.requirement_code === req.code);
    return [String(i + 1), req.name, String(req.originals), String(req.copies), has ? 'Có (điện tử)' : 'Không'];
  });
  w.table([{ title: 'TT', width: 1 }, { title: 'Tên giấy tờ', width: 7 }, { title: 'Bản chính', width: 2 }, { title: 'Bản sao', width: 2 }, { title: 'Đã nộp', width: 2.5 }], rows, 8.5);
  w.text('2. Số lượng hồ sơ: 01 bộ', { size: 10 });
  w.text(`3. Thời gian giải quyết hồ sơ theo quy định: ${kase ? (kase.timeLimit.amount === 0 ? 'trong ngày' : `${kase.timeLimit.amount} ngày làm việc`) : ''}`, { size: 10 });
  w.text(`4. Thời gian nhận hồ sơ: ${vnDateTime(receivedAt)}`, { size: 10 });
  w.text(`5. Thời gian trả kết quả giải quyết hồ sơ: ${vnDateTime(dueAt)}`, { size: 10, bold: true });
  const delivery = d.result_delivery === 'post' ? 'qua dịch vụ bưu chính công ích' : d.result_delivery === 'counter' ? `tại ${d.unit_name}` : 'bản điện tử vào kho dữ liệu cá nhân của người nộp';
  w.text(`6. Nhận kết quả: ${delivery}`, { size: 10 });
  w.text(`7. Phí, lệ phí: ${d.fee_total === 0 ? 'Miễn phí' : formatMoneyVnd(d.fee_total)}`, { size: 10 });
  w.text(`Vào Sổ theo dõi hồ sơ điện tử, mã hồ sơ ${d.code}.`, { size: 9, gap: 10 });
  w.text('NGƯỜI NỘP HỒ SƠ                                        NGƯỜI TIẾP NHẬN HỒ SƠ', { bold: true, size: 9, align: 'center' });
  w.text('(Nộp trực tuyến)                                           (Ký điện tử)', { size: 8.5, align: 'center' });
  return w.save();
}
