/**
 * The data carried by the QR code printed at the top left of every document the system issues (TT 01/2023/TT-VPCP,
 * domain-and-law.md §4.3): dossier code, procedure code, the applicant's identifier, document name, issuing
 * system, time of issue; plus the appointment date on receipts and validity/scope on results. Encoded as compact
 * JSON with short, documented keys, and a URL to look the document or dossier up.
 */
import { formatVn } from '../time/local.ts';

export interface QrPayload {
  /** mã số hồ sơ */
  maHoSo: string;
  /** mã thủ tục hành chính */
  maTTHC: string;
  /** mã định danh của tổ chức, cá nhân */
  maDinhDanh: string;
  /** tên giấy tờ */
  tenGiayTo: string;
  /** tên hệ thống cung cấp dữ liệu */
  heThong: string;
  /** thời điểm xuất bản, ISO 8601 with +07:00 */
  thoiDiem: string;
  /** ngày hẹn trả (receipts) */
  ngayHenTra?: string;
  /** thời hạn hiệu lực (results) */
  hieuLuc?: string;
  /** phạm vi hiệu lực (results) */
  phamVi?: string;
  /** where to check it */
  url: string;
}

export const QR_FIELD_LABELS: Record<keyof QrPayload, string> = {
  maHoSo: 'Mã số hồ sơ',
  maTTHC: 'Mã thủ tục hành chính',
  maDinhDanh: 'Mã định danh của tổ chức, cá nhân',
  tenGiayTo: 'Tên giấy tờ',
  heThong: 'Tên hệ thống cung cấp dữ liệu',
  thoiDiem: 'Thời điểm xuất bản',
  ngayHenTra: 'Ngày hẹn trả kết quả',
  hieuLuc: 'Thời hạn hiệu lực',
  phamVi: 'Phạm vi hiệu lực',
  url: 'Địa chỉ tra cứu',
};

const REQUIRED: (keyof QrPayload)[] = ['maHoSo', 'maTTHC', 'maDinhDanh', 'tenGiayTo', 'heThong', 'thoiDiem', 'url'];

export function encodeQrPayload(p: QrPayload): string {
  for (const k of REQUIRED) if (!p[k]) throw new Error(`QR payload lacks ${k}`);
  const ordered: Record<string, string> = {};
  for (const k of Object.keys(QR_FIELD_LABELS) as (keyof QrPayload)[]) if (p[k]) ordered[k] = String(p[k]).normalize('NFC');
  return JSON.stringify(ordered);
}

export function decodeQrPayload(text: string): QrPayload {
  const p = JSON.parse(text) as QrPayload;
  for (const k of REQUIRED) if (!p[k]) throw new Error(`QR payload lacks ${k}`);
  return p;
}

/** ISO 8601 in Vietnam time (+07:00), as printed on documents. */
export function vnIso(d: Date): string {
  return formatVn(d);
}
