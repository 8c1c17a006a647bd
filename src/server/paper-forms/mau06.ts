/**
 * Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 03/2025; TT 01/2018 Mẫu 05), A5: attached to the
 * receipt, one table row per handover of the dossier (one-stop counter → lead agency → department → handler → … →
 * back to the counter) with the times, the people, the result against the step's due time and notes. The caller
 * derives the rows from the action log. Long sheets flow onto more pages with the table header repeated.
 */
import type { Timeliness } from '../../core/deadlines/timeliness.ts';
import { vnCompactDateTime, vnDateTime } from './format.ts';
import { drawFormHeader } from './header.ts';
import { dossierQrPayload } from './qr.ts';
import { facts, finishForm, procedureLabel, startForm } from './sections.ts';
import type { DossierFormBase, DossierRef } from './types.ts';

export const MAU06_TITLE = 'Phiếu kiểm soát quá trình giải quyết hồ sơ';

/** Result of a step: trước hạn / đúng hạn / quá hạn (766 classification), or still in progress. */
export type HandoverResult = Timeliness | 'in_progress';

export const HANDOVER_RESULT_LABELS: Record<HandoverResult, string> = {
  before: 'Trước hạn',
  on_time: 'Đúng hạn',
  overdue: 'Quá hạn',
  in_progress: 'Đang xử lý',
};

export interface HandoverRow {
  /** The unit that hands the dossier over, e.g. "Bộ phận Một cửa – TTPVHCC xã Phú Riềng". */
  fromUnit: string;
  /** The unit that receives it, e.g. "Phòng Văn hóa - Xã hội". */
  toUnit: string;
  /** When it was handed over. */
  handedOverAt: Date;
  /** When the receiver took it; absent while not yet received. */
  receivedAt?: Date | null;
  /** Name of the official handing over. */
  handedOverBy: string;
  /** Name of the official receiving; absent while not yet received. */
  receivedBy?: string | null;
  /** How the step that ends with this handover went against its due time. */
  result: HandoverResult;
  /** The step, e.g. "Thẩm định hồ sơ". */
  stepName?: string;
  /** The step's due time. */
  dueAt?: Date | null;
  /** Reasons and remarks (e.g. why it was late, a supplement request). */
  notes?: string[];
}

export interface Mau06Data extends DossierFormBase {
  dossier: DossierRef & { receivedAt: Date };
  /** The appointment (ngày hẹn trả) on the receipt. */
  dueAt: Date;
  /** In order; may be empty (nothing handed over yet). */
  rows: HandoverRow[];
}

const COLUMNS = [
  { title: 'TÊN CƠ QUAN, ĐƠN VỊ', width: 5 },
  { title: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 5 },
  { title: 'NGƯỜI GIAO', width: 3.6 },
  { title: 'NGƯỜI NHẬN', width: 3.6 },
  { title: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)', width: 3.8, align: 'center' as const },
  { title: 'GHI CHÚ', width: 4.6 },
];

function cells(r: HandoverRow): string[] {
  const notes = [r.stepName, r.dueAt ? `Hạn: ${vnCompactDateTime(r.dueAt)}` : undefined, ...(r.notes ?? [])].filter(Boolean);
  return [
    `1. Giao: ${r.fromUnit}\n2. Nhận: ${r.toUnit}`,
    `1. Giao: ${vnCompactDateTime(r.handedOverAt)}\n2. Nhận: ${r.receivedAt ? vnCompactDateTime(r.receivedAt) : 'chưa nhận'}`,
    r.handedOverBy,
    r.receivedBy ?? '',
    HANDOVER_RESULT_LABELS[r.result],
    notes.join('\n'),
  ];
}

export async function renderMau06Pdf(data: Mau06Data): Promise<Uint8Array> {
  const w = await startForm(`${MAU06_TITLE} ${data.dossier.code}`, data.dossier.procedureName);
  await drawFormHeader(w, {
    agency: data.agency,
    issue: data.issue,
    qr: dossierQrPayload(data, MAU06_TITLE),
    title: MAU06_TITLE,
    subtitle: [`Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mã hồ sơ: ${data.dossier.code}`],
    numberLine: null,
  });
  facts(w, [
    ['Người nộp hồ sơ', data.applicant.name],
    ['Thủ tục hành chính', procedureLabel(data.dossier)],
    ['Thời gian nhận hồ sơ', vnDateTime(data.dossier.receivedAt)],
    ['Thời gian hẹn trả kết quả', vnDateTime(data.dueAt)],
  ]);
  w.space(4);
  w.table(COLUMNS, data.rows.map(cells), { size: 6.5, headerSize: 6 });
  return finishForm(w);
}
