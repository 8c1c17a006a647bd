/**
 * Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 03/2025 set; domain-and-law.md §3.4), A5: the counter
 * refuses a dossier with written reasons (DVCQG status 3, NgayTuChoi).
 */
import { drawFormHeader } from './header.ts';
import { dossierQrPayload } from './qr.ts';
import { dossierFacts, finishForm, numberedList, paragraph, pronoun, requireNonEmpty, startForm } from './sections.ts';
import { drawSignatures, roleSignature } from './signature.ts';
import type { DossierFormBase, OfficialInfo } from './types.ts';

export const MAU03_TITLE = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';

export interface RefusalReason {
  /** e.g. "Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã". */
  reason: string;
  /** e.g. "Điều 13 Luật Hộ tịch năm 2014". */
  legalBasis?: string;
}

export interface Mau03Data extends DossierFormBase {
  /** At least one. */
  reasons: RefusalReason[];
  /** The receiving officer who refuses. */
  official: OfficialInfo;
}

export async function renderMau03Pdf(data: Mau03Data): Promise<Uint8Array> {
  requireNonEmpty(data.reasons, 'Mẫu 03 reasons');
  const you = pronoun(data.applicant);
  const w = await startForm(`${MAU03_TITLE} ${data.dossier.code}`, data.dossier.procedureName);
  await drawFormHeader(w, { agency: data.agency, issue: data.issue, qr: dossierQrPayload(data, MAU03_TITLE), title: MAU03_TITLE });
  dossierFacts(w, data.dossier, data.applicant, { submitted: true, received: true });
  paragraph(w, `Sau khi xem xét, ${data.agency.name} từ chối tiếp nhận giải quyết hồ sơ nêu trên của ${you} với lý do cụ thể như sau:`, { gap: 4 });
  numberedList(
    w,
    data.reasons.map((r) => [r.reason, ...(r.legalBasis ? [`Căn cứ: ${r.legalBasis}`] : [])]),
  );
  paragraph(w, `Xin thông báo để ${you} được biết và thực hiện./.`);
  drawSignatures(w, [roleSignature('Người tiếp nhận hồ sơ', data.official)]);
  return finishForm(w);
}
