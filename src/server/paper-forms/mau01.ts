/**
 * Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 03/2025 set; fields as in domain-and-law.md §3.4), A5,
 * with the TT 01/2023 QR code at the top left (including the appointment date). Pure: the loader in
 * src/server/modules/workflow/paper-form-data.ts builds the data from the database.
 */
import { vnIso } from '../../core/documents/qr-payload.ts';
import { formatMoneyVnd } from '../../core/fees/format.ts';
import { DocumentWriter, PAGE_A5 } from '../pdf/document.ts';
import { vnDateTime } from './format.ts';
import { NATIONAL_MOTTO, NATIONAL_NAME } from './header.ts';
import { dossierQrPayload } from './qr.ts';
import { procedureLabel } from './sections.ts';
import { drawSignatures } from './signature.ts';
import type { AgencyInfo, ApplicantInfo, DossierRef, IssueInfo } from './types.ts';

export const MAU01_TITLE = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';

/** A component of the dossier as the case requires it, and whether it was handed in. */
export interface ReceiptDocument {
  name: string;
  /** Bản chính required. */
  originals: number;
  /** Bản sao required. */
  copies: number;
  /** Handed in (uploaded, or provided by the e-form itself). */
  submitted: boolean;
}

export interface Mau01Data {
  /** The receiving unit (only its name is printed). */
  agency: AgencyInfo;
  dossier: DossierRef & { receivedAt: Date };
  applicant: ApplicantInfo;
  /** The appointment (ngày hẹn trả kết quả). */
  dueAt: Date;
  /** The components the case requires, in catalogue order. */
  documents: ReceiptDocument[];
  /** The statutory time limit as printed, e.g. "trong ngày", "3 ngày làm việc"; "" when unknown. */
  timeLimit: string;
  /** How the result is returned. */
  resultDelivery: 'online' | 'counter' | 'post';
  /** Total fees in đồng (0 → "Miễn phí"). */
  feeTotal: number;
  /** issuedAt defaults to the time of receipt. */
  issue: Pick<IssueInfo, 'publicUrl' | 'systemName'> & { issuedAt?: Date };
  /** How the dossier came in: 1 at the counter (signed on paper), 2 online, 3 by post. Default online. */
  channel?: 1 | 2 | 3;
  /** The entry in the register (Sổ theo dõi hồ sơ): book (year) and running number. */
  register?: { book: number; number: number } | null;
  /** The receiving officer. */
  receivedBy?: string;
}

const SUBMITTER_HINT: Record<1 | 2 | 3, string> = { 1: '(Ký, ghi rõ họ tên)', 2: '(Nộp trực tuyến)', 3: '(Nộp qua bưu chính)' };

function deliveryText(data: Mau01Data): string {
  if (data.resultDelivery === 'post') return 'qua dịch vụ bưu chính công ích';
  if (data.resultDelivery === 'counter') return `tại ${data.agency.name}`;
  return 'bản điện tử vào kho dữ liệu cá nhân của người nộp';
}

export async function renderMau01Pdf(data: Mau01Data): Promise<Uint8Array> {
  const { dossier: d, applicant: a, agency } = data;
  const issue = { ...data.issue, issuedAt: data.issue.issuedAt ?? d.receivedAt };
  const w = await DocumentWriter.create(PAGE_A5, { title: `${MAU01_TITLE} ${d.code}`, subject: d.procedureName });
  const qr = await w.qr(dossierQrPayload({ dossier: d, applicant: a, issue }, MAU01_TITLE, { ngayHenTra: vnIso(data.dueAt) }));
  const right = { x: w.margin + qr + 8, width: w.width - qr - 8 };
  w.text(agency.name.toUpperCase(), { bold: true, size: 8.5, align: 'center', ...right });
  w.text(NATIONAL_NAME, { bold: true, size: 8.5, align: 'center', ...right, gap: 0 });
  w.text(NATIONAL_MOTTO, { bold: true, size: 8.5, align: 'center', ...right });
  w.skipTo(qr + 6);
  w.text(`Mã hồ sơ: ${d.code}`, { size: 9, align: 'right' });
  w.text(MAU01_TITLE.toUpperCase(), { bold: true, size: 12, align: 'center', gap: 6 });
  w.text(`${agency.name} tiếp nhận hồ sơ của: ${a.name}`, { size: 10 });
  w.text(`Số định danh: ${a.idNumber}${a.phone ? `   Điện thoại: ${a.phone}` : ''}${a.email ? `   Thư điện tử: ${a.email}` : ''}`, { size: 10 });
  w.text(`Nội dung yêu cầu giải quyết: ${procedureLabel(d)}`, { size: 10, gap: 6 });
  w.text('1. Thành phần hồ sơ nộp gồm:', { bold: true, size: 10 });
  w.table(
    [
      { title: 'TT', width: 1 },
      { title: 'Tên giấy tờ', width: 7 },
      { title: 'Bản chính', width: 2 },
      { title: 'Bản sao', width: 2 },
      { title: 'Đã nộp', width: 2.5 },
    ],
    data.documents.map((doc, i) => [String(i + 1), doc.name, String(doc.originals), String(doc.copies), doc.submitted ? 'Có (điện tử)' : 'Không']),
    8.5,
  );
  w.text('2. Số lượng hồ sơ: 01 bộ', { size: 10 });
  w.text(`3. Thời gian giải quyết hồ sơ theo quy định: ${data.timeLimit}`, { size: 10 });
  w.text(`4. Thời gian nhận hồ sơ: ${vnDateTime(d.receivedAt)}`, { size: 10 });
  w.text(`5. Thời gian trả kết quả giải quyết hồ sơ: ${vnDateTime(data.dueAt)}`, { size: 10, bold: true });
  w.text(`6. Nhận kết quả: ${deliveryText(data)}`, { size: 10 });
  w.text(`7. Phí, lệ phí: ${data.feeTotal === 0 ? 'Miễn phí' : formatMoneyVnd(data.feeTotal)}`, { size: 10 });
  const entry = data.register ? `Quyển số ${data.register.book}, Số thứ tự ${data.register.number}` : `mã hồ sơ ${d.code}`;
  w.text(`Vào Sổ theo dõi hồ sơ, ${entry}.`, { size: 9, gap: 4 });
  drawSignatures(
    w,
    [
      { heading: 'Người nộp hồ sơ', hint: SUBMITTER_HINT[data.channel ?? 2] },
      { heading: 'Người tiếp nhận hồ sơ', hint: '(Ký điện tử)', ...(data.receivedBy ? { name: data.receivedBy } : {}) },
    ],
    { size: 9, signatureSpace: 0 },
  );
  return w.save();
}
