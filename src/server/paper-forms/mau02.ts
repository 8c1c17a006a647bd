/**
 * Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 03/2025 set; domain-and-law.md §3.4), A5. Issued at
 * reception when the dossier is incomplete, or during processing (once) through the one-stop counter; in the
 * latter case the processing time is paused until the supplement arrives.
 */
import { vnDateTime } from './format.ts';
import { drawFormHeader } from './header.ts';
import { dossierQrPayload } from './qr.ts';
import { contactOf, dossierFacts, finishForm, numberedList, paragraph, pronoun, requireNonEmpty, sentence, startForm } from './sections.ts';
import { drawSignatures, roleSignature } from './signature.ts';
import type { AgencyInfo, DossierFormBase, OfficialInfo } from './types.ts';

export const MAU02_TITLE = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ';

export interface SupplementItem {
  /** What to supplement or complete, e.g. "Bản sao Giấy chứng nhận kết hôn của cha, mẹ". */
  content: string;
  /** Why, e.g. "Tờ khai ghi sai ngày sinh của trẻ so với Giấy chứng sinh". */
  reason: string;
  /** Legal basis, e.g. "Khoản 1 Điều 16 Luật Hộ tịch 2014". */
  legalBasis?: string;
}

export interface Mau02Data extends DossierFormBase {
  /** At the counter before receipt, or during processing (the processing clock is then paused). */
  stage: 'reception' | 'processing';
  /** During processing: the agency that handles the dossier and asks for the supplement (default: agency.name). */
  processingAgencyName?: string;
  /** At least one. */
  items: SupplementItem[];
  /** Free text printed after the list. */
  note?: string;
  /** Latest time to hand in the supplement. */
  supplementDueAt?: Date;
  /** How and where to hand in the supplement; replaces the default sentence. */
  deadlineGuidance?: string;
  /** The official who requests it (at reception: the receiving officer; during processing: the handler). */
  official: OfficialInfo;
  /** Whom to contact with questions (default: the agency). */
  contact?: AgencyInfo;
}

export async function renderMau02Pdf(data: Mau02Data): Promise<Uint8Array> {
  requireNonEmpty(data.items, 'Mẫu 02 items');
  const you = pronoun(data.applicant);
  const w = await startForm(`${MAU02_TITLE} ${data.dossier.code}`, data.dossier.procedureName);
  await drawFormHeader(w, { agency: data.agency, issue: data.issue, qr: dossierQrPayload(data, MAU02_TITLE), title: MAU02_TITLE });
  dossierFacts(w, data.dossier, data.applicant, { submitted: true, received: data.stage === 'processing' });

  const intro =
    data.stage === 'reception'
      ? `Sau khi kiểm tra, hồ sơ nêu trên chưa đầy đủ, hợp lệ. ${data.agency.name} đề nghị ${you} bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:`
      : `Trong quá trình giải quyết hồ sơ nêu trên, ${data.processingAgencyName ?? data.agency.name} đề nghị ${you} bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:`;
  paragraph(w, intro, { gap: 4 });
  numberedList(
    w,
    data.items.map((it) => [it.content, `Lý do: ${it.reason}`, ...(it.legalBasis ? [`Căn cứ: ${it.legalBasis}`] : [])]),
  );
  if (data.note) paragraph(w, `Ghi chú: ${data.note}`, { gap: 4 });

  if (data.supplementDueAt) paragraph(w, `Thời hạn bổ sung, hoàn thiện hồ sơ: trước ${vnDateTime(data.supplementDueAt)}.`, { bold: true });
  paragraph(
    w,
    data.deadlineGuidance ??
      `${sentence(you)} nộp hồ sơ bổ sung, hoàn thiện trực tuyến tại mục "Hồ sơ của tôi" trên Cổng dịch vụ công hoặc trực tiếp tại ${data.agency.name}.`,
  );
  if (data.stage === 'processing') {
    paragraph(
      w,
      `Thời gian giải quyết hồ sơ được tạm dừng kể từ ${vnDateTime(data.issue.issuedAt)} cho đến khi nhận được đủ hồ sơ bổ sung, hoàn thiện của ${you}.`,
      { italic: true },
    );
  }
  paragraph(w, `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ${you} liên hệ ${contactOf(data.contact ?? data.agency)} để được hướng dẫn.`);
  paragraph(w, 'Xin trân trọng cảm ơn!');

  drawSignatures(w, [roleSignature(data.stage === 'reception' ? 'Người hướng dẫn' : 'Người xử lý hồ sơ', data.official)]);
  return finishForm(w);
}
