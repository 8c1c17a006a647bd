/**
 * Mẫu 07 — Sổ theo dõi hồ sơ (TT 03/2025; TT 01/2018 Mẫu 06): the input, the columns shared by the PDF and the
 * Excel renderings, and the register's identifier and QR payload.
 *
 * The register is not one dossier, so its QR payload fills the TT 01/2023 fields this way:
 *   maHoSo     = the register's identifier "SO-<agency code>-<from YYYYMMDD>-<to YYYYMMDD>"
 *   maTTHC     = "*" (all procedures)
 *   maDinhDanh = the unit's agency code (mã định danh cơ quan)
 *   tenGiayTo  = "Sổ theo dõi hồ sơ"; heThong and thoiDiem as for every form
 *   url        = the lookup page with the register's identifier, `${publicUrl}/tra-cuu?ma=SO-…`
 */
import { vnIso, type QrPayload } from '../../core/documents/qr-payload.ts';
import { nationalStatusName, type Channel, type NationalStatus } from '../../core/dossiers/status.ts';
import { isoDayCompact, isoDayToVn } from './format.ts';
import { lookupUrl, systemName } from './qr.ts';
import type { AgencyInfo, IssueInfo } from './types.ts';

export const REGISTER_TITLE = 'Sổ theo dõi hồ sơ';

/** One dossier in the register. */
export interface RegisterRow {
  /** Mã hồ sơ. */
  dossierCode: string;
  procedureName: string;
  /** Số lượng hồ sơ (bộ); default 1. */
  sets?: number;
  /** Tên người nộp hoặc tổ chức. */
  applicantName: string;
  applicantAddress?: string;
  applicantPhone?: string;
  /** Cơ quan chủ trì giải quyết. */
  handlingAgency: string;
  /** Ngày nhận hồ sơ. */
  receivedAt: Date;
  /** Ngày hẹn trả kết quả. */
  dueAt?: Date | null;
  /** Ngày chuyển hồ sơ đến cơ quan giải quyết. */
  transferredAt?: Date | null;
  /** Ngày nhận kết quả từ cơ quan giải quyết. */
  resultReceivedAt?: Date | null;
  /** Ngày trả kết quả cho tổ chức, cá nhân. */
  returnedAt?: Date | null;
  /** Ký nhận: name of the person who took the result. */
  resultTakenBy?: string | null;
  /** Kênh nộp (KenhThucHien): 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích. */
  channel: Channel;
  /** Current national status (TrangThaiHoSo), printed in the notes. */
  status?: NationalStatus;
  /** Further notes. */
  note?: string;
}

export interface RegisterData {
  /** The unit keeping the register; its code (mã định danh cơ quan) is required. */
  agency: AgencyInfo & { code: string };
  issue: IssueInfo;
  /** The period covered, as Vietnam-local calendar days YYYY-MM-DD (inclusive). */
  period: { from: string; to: string };
  /** Quyển số. */
  bookNumber?: string;
  /** In order of receipt; the STT is the position in this list. */
  rows: RegisterRow[];
}

export const CHANNEL_LABELS: Record<Channel, string> = { 1: 'Nộp trực tiếp', 2: 'Nộp trực tuyến', 3: 'Nộp qua bưu chính công ích' };

export type RegisterCell = string | number | Date | null;

export interface RegisterColumn {
  title: string;
  /** Relative width in the PDF (the widths add up to the 773 pt of text width on A4 landscape: a dossier code and a
   * dd/mm/yyyy date each fit on one line at 6.5 pt). */
  pdfWidth: number;
  /** Width in the spreadsheet, in characters. */
  xlsxWidth: number;
  kind: 'text' | 'number' | 'datetime';
  value: (row: RegisterRow, index: number) => RegisterCell;
}

const when = (d: Date | null | undefined) => d ?? null;

export const REGISTER_COLUMNS: RegisterColumn[] = [
  { title: 'STT', pdfWidth: 20, xlsxWidth: 6, kind: 'number', value: (_, i) => i + 1 },
  { title: 'Mã hồ sơ', pdfWidth: 104, xlsxWidth: 28, kind: 'text', value: (r) => r.dossierCode },
  { title: 'Tên thủ tục hành chính', pdfWidth: 76, xlsxWidth: 36, kind: 'text', value: (r) => r.procedureName },
  { title: 'Số lượng hồ sơ (bộ)', pdfWidth: 32, xlsxWidth: 10, kind: 'number', value: (r) => r.sets ?? 1 },
  { title: 'Tên người nộp / tổ chức', pdfWidth: 58, xlsxWidth: 24, kind: 'text', value: (r) => r.applicantName },
  { title: 'Địa chỉ, số điện thoại', pdfWidth: 70, xlsxWidth: 36, kind: 'text', value: (r) => addressPhone(r) },
  { title: 'Cơ quan chủ trì giải quyết', pdfWidth: 56, xlsxWidth: 28, kind: 'text', value: (r) => r.handlingAgency },
  { title: 'Ngày nhận hồ sơ', pdfWidth: 50, xlsxWidth: 17, kind: 'datetime', value: (r) => r.receivedAt },
  { title: 'Ngày hẹn trả', pdfWidth: 50, xlsxWidth: 17, kind: 'datetime', value: (r) => when(r.dueAt) },
  { title: 'Ngày chuyển hồ sơ đến cơ quan giải quyết', pdfWidth: 50, xlsxWidth: 17, kind: 'datetime', value: (r) => when(r.transferredAt) },
  { title: 'Ngày nhận kết quả từ cơ quan giải quyết', pdfWidth: 50, xlsxWidth: 17, kind: 'datetime', value: (r) => when(r.resultReceivedAt) },
  { title: 'Ngày trả kết quả', pdfWidth: 50, xlsxWidth: 17, kind: 'datetime', value: (r) => when(r.returnedAt) },
  { title: 'Ký nhận (tên người nhận)', pdfWidth: 50, xlsxWidth: 22, kind: 'text', value: (r) => r.resultTakenBy ?? null },
  { title: 'Ghi chú', pdfWidth: 57, xlsxWidth: 36, kind: 'text', value: (r) => registerNote(r) },
];

function addressPhone(r: RegisterRow): string | null {
  const parts = [r.applicantAddress, r.applicantPhone && `ĐT: ${r.applicantPhone}`].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}

/** "Nộp trực tuyến; Đã trả kết quả; <note>". */
export function registerNote(r: RegisterRow): string {
  return [CHANNEL_LABELS[r.channel], r.status ? nationalStatusName[r.status].vi : undefined, r.note].filter(Boolean).join('; ');
}

/** Checks the period and returns it printed: "Từ ngày 01/03/2026 đến ngày 31/03/2026". */
export function periodLine(period: RegisterData['period']): string {
  const from = isoDayToVn(period.from);
  const to = isoDayToVn(period.to);
  if (period.from > period.to) throw new RangeError(`Register period ends before it starts: ${period.from} > ${period.to}`);
  return `Từ ngày ${from} đến ngày ${to}`;
}

/** "SO-000.01.52.H19-20260301-20260331". */
export function registerId(data: Pick<RegisterData, 'agency' | 'period'>): string {
  return `SO-${data.agency.code}-${isoDayCompact(data.period.from)}-${isoDayCompact(data.period.to)}`;
}

export function registerQrPayload(data: RegisterData): QrPayload {
  const id = registerId(data);
  return {
    maHoSo: id,
    maTTHC: '*',
    maDinhDanh: data.agency.code,
    tenGiayTo: REGISTER_TITLE,
    heThong: systemName(data.issue),
    thoiDiem: vnIso(data.issue.issuedAt),
    url: lookupUrl(data.issue.publicUrl, id),
  };
}
