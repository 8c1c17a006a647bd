/**
 * Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (TT 03/2025; under TT 01/2018 "Phiếu xin lỗi
 * và hẹn lại ngày trả kết quả"), A5: before the due date the responsible agency apologises, gives the reason for the
 * delay and the new appointment (which may be set only once), signed by its head. The QR carries the new
 * appointment as ngayHenTra.
 */
import { vnIso } from '../../core/documents/qr-payload.ts';
import { vnDateTime } from './format.ts';
import { drawFormHeader } from './header.ts';
import { dossierQrPayload } from './qr.ts';
import { addressee, finishForm, paragraph, procedurePhrase, pronoun, startForm } from './sections.ts';
import { drawSignatures, leaderSignature } from './signature.ts';
import type { DossierFormBase, DossierRef, OfficialInfo } from './types.ts';

export const MAU04_TITLE = 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết';

export interface Mau04Data extends DossierFormBase {
  dossier: DossierRef & { receivedAt: Date };
  /** The appointment given on the receipt (Mẫu 01). */
  originalDueAt: Date;
  /** Why the dossier could not be resolved in time. */
  reason: string;
  /** The new appointment date and time. */
  newDueAt: Date;
  /** The head of the agency (or deputy, with capacity "KT. Chủ tịch") who signs. */
  signer: OfficialInfo;
  /** "Nơi nhận" list; default ["Như trên", "Lưu: VT"]. */
  recipients?: string[];
}

export async function renderMau04Pdf(data: Mau04Data): Promise<Uint8Array> {
  const you = pronoun(data.applicant);
  const agencyName = data.agency.name;
  const w = await startForm(`${MAU04_TITLE} ${data.dossier.code}`, data.dossier.procedureName);
  await drawFormHeader(w, {
    agency: data.agency,
    issue: data.issue,
    qr: dossierQrPayload(data, MAU04_TITLE, { ngayHenTra: vnIso(data.newDueAt) }),
    title: MAU04_TITLE,
  });
  w.text(`Kính gửi: ${addressee(data.applicant)}`, { size: 9.5, align: 'center', gap: 6 });
  paragraph(
    w,
    `Lúc ${vnDateTime(data.dossier.receivedAt)}, ${agencyName} tiếp nhận hồ sơ đề nghị giải quyết ${procedurePhrase(data.dossier)} của ${you}. Mã hồ sơ: ${data.dossier.code}.`,
  );
  paragraph(w, `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${vnDateTime(data.originalDueAt)}.`);
  paragraph(w, `Tuy nhiên, đến nay ${agencyName} chưa trả kết quả giải quyết hồ sơ của ${you}. Lý do: ${data.reason}`);
  paragraph(
    w,
    `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ${you}. ${agencyName} trân trọng xin lỗi ${you} và đề nghị gia hạn thời gian giải quyết hồ sơ; ${agencyName} sẽ trả kết quả giải quyết hồ sơ cho ${you} vào:`,
  );
  paragraph(w, vnDateTime(data.newDueAt), { bold: true, indent: 14, gap: 4 });
  paragraph(w, 'Xin trân trọng cảm ơn!');
  drawSignatures(w, [leaderSignature(data.signer)], { recipients: data.recipients ?? ['Như trên', 'Lưu: VT'] });
  return finishForm(w);
}
