/**
 * Mẫu 05 — Thông báo dừng giải quyết hồ sơ (TT 03/2025 set; domain-and-law.md §3.4), A5: processing stops at the
 * applicant's request (withdrawal, DVCQG status 7) or by the agency's decision (status 8), with the reason, the
 * legal basis, what happens to fees paid, signed by the leader who decided.
 */
import { vnDateTime } from './format.ts';
import { drawFormHeader } from './header.ts';
import { dossierQrPayload } from './qr.ts';
import { addressee, facts, finishForm, paragraph, procedurePhrase, pronoun, startForm } from './sections.ts';
import { drawSignatures, leaderSignature } from './signature.ts';
import type { DossierFormBase, OfficialInfo } from './types.ts';

export const MAU05_TITLE = 'Thông báo dừng giải quyết hồ sơ';

export interface Mau05Data extends DossierFormBase {
  /** Who asked for the stop: the applicant (withdrawal request) or the agency. */
  initiator: 'applicant' | 'agency';
  /** When the applicant asked to stop (initiator "applicant"). */
  requestedAt?: Date;
  /** e.g. "Người yêu cầu rút hồ sơ để bổ sung giấy tờ theo quy định mới". */
  reason: string;
  /** e.g. "Khoản 3 Điều 19 Nghị định số 118/2025/NĐ-CP". */
  legalBasis?: string;
  /** The leader who decided and signs. */
  decidedBy: OfficialInfo;
  /** What happens to fees already paid, e.g. "Hoàn trả 100.000 đồng lệ phí qua tài khoản đã thanh toán". */
  feesNote?: string;
  /** "Nơi nhận" list; default ["Như trên", "Lưu: VT"]. */
  recipients?: string[];
}

export async function renderMau05Pdf(data: Mau05Data): Promise<Uint8Array> {
  const you = pronoun(data.applicant);
  const w = await startForm(`${MAU05_TITLE} ${data.dossier.code}`, data.dossier.procedureName);
  await drawFormHeader(w, { agency: data.agency, issue: data.issue, qr: dossierQrPayload(data, MAU05_TITLE), title: MAU05_TITLE });
  w.text(`Kính gửi: ${addressee(data.applicant)}`, { size: 9.5, align: 'center', gap: 6 });
  const received = data.dossier.receivedAt ? `, tiếp nhận lúc ${vnDateTime(data.dossier.receivedAt)}` : '';
  paragraph(
    w,
    `${data.agency.name} đã tiếp nhận hồ sơ đề nghị giải quyết ${procedurePhrase(data.dossier)} của ${you}, mã hồ sơ ${data.dossier.code}${received}.`,
  );
  const grounds =
    data.initiator === 'applicant'
      ? `Theo đề nghị của ${you}${data.requestedAt ? ` gửi lúc ${vnDateTime(data.requestedAt)}` : ''}`
      : 'Theo quyết định của người có thẩm quyền';
  paragraph(w, `${grounds}, ${data.agency.name} thông báo dừng giải quyết hồ sơ nêu trên.`, { gap: 4 });
  facts(w, [
    ['Lý do', data.reason],
    ['Căn cứ pháp lý', data.legalBasis],
    ['Phí, lệ phí đã nộp', data.feesNote],
  ]);
  w.space(3);
  paragraph(w, `Xin thông báo để ${you} được biết./.`);
  drawSignatures(w, [leaderSignature(data.decidedBy)], { recipients: data.recipients ?? ['Như trên', 'Lưu: VT'] });
  return finishForm(w);
}
