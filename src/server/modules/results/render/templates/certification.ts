/**
 * "ban-sao-chung-thuc": certified copies from the original (chứng thực bản sao từ bản chính, 2.000907 on paper and
 * 2.002233 electronic; NĐ 23/2015/NĐ-CP, lời chứng as in TT 01/2020/TT-BTP): the certification page naming the
 * document (tenGiayTo), its pages (soTrang) and copies (soBan), then the certifier's statement "Chứng thực bản sao
 * đúng với bản chính", "Số chứng thực …, quyển số …-SCT/BS", the date and the certifier. `renderCertifiedCopy`
 * puts the same statement after the scanned original's pages.
 */
import { placeDateLine } from '../../../../paper-forms/format.ts';
import type { DocumentWriter } from '../../../../pdf/document.ts';
import { BODY, drawSigner, line, lineRow, para } from '../layout.ts';
import type { ResultData } from '../types.ts';
import { DOTS, formatValue, idLabel, twoDigits } from '../values.ts';
import type { ResultTemplate } from './template.ts';

export const CERTIFICATION_STATEMENT = 'Chứng thực bản sao đúng với bản chính.';

/** The book of certified copies: "01/2026-SCT/BS" (the suffix is added when missing). */
export function certificationBook(book: string | undefined): string {
  const b = book?.trim();
  if (!b) return `${DOTS}-SCT/BS`;
  return /SCT\/BS$/i.test(b) ? b : `${b}-SCT/BS`;
}

/** "Số chứng thực 125, quyển số 01/2026-SCT/BS" — the entry defaults to the document number. */
export function certificationNumberLine(data: ResultData): string {
  return `Số chứng thực ${data.register?.entry?.trim() || data.number.trim() || DOTS}, quyển số ${certificationBook(data.register?.book)}`;
}

/** The certifier's statement (lời chứng), its number, date and signature; `pages` adds "Bản sao gồm 03 trang". */
export function drawCertificationStatement(w: DocumentWriter, data: ResultData, pages?: number): void {
  const lines = [
    CERTIFICATION_STATEMENT,
    certificationNumberLine(data),
    ...(pages ? [`Bản sao gồm ${twoDigits(pages)} trang.`] : []),
    placeDateLine(data.place, data.issuedAt),
  ];
  w.ensureSpace(lines.reduce((n, l) => n + w.heightOf(l, { size: BODY + 1 }), 0) + 140);
  w.space(4);
  para(w, 'LỜI CHỨNG CỦA NGƯỜI THỰC HIỆN CHỨNG THỰC', { bold: true, align: 'center', gap: 6 });
  para(w, CERTIFICATION_STATEMENT, { bold: true, size: BODY + 1 });
  para(w, certificationNumberLine(data));
  if (pages) para(w, `Bản sao gồm ${twoDigits(pages)} trang.`);
  para(w, placeDateLine(data.place, data.issuedAt), { italic: true, align: 'right' });
  drawSigner(w, data, 'Người thực hiện chứng thực');
}

function certificationBody(w: DocumentWriter, data: ResultData): void {
  const v = data.values;
  const pages = twoDigits(v.soTrang);
  const copies = twoDigits(v.soBan);
  para(w, `${data.agency.name} chứng thực bản sao từ bản chính theo yêu cầu của ông/bà ${formatValue(v.hoTenNguoiNop) ?? data.owner.name} như sau.`, {
    gap: 6,
  });
  line(w, 'Người được cấp bản sao', `${data.owner.name}, ${idLabel(data.owner.idNumber)} ${data.owner.idNumber}`);
  line(w, 'Tên giấy tờ, văn bản', v.tenGiayTo, { bold: true });
  // An electronic copy has no number of paper copies (its e-form does not ask it): printed when asked.
  lineRow(w, [
    ['Số trang của một bản', pages ? `${pages} trang` : undefined],
    ...(v.soBan === undefined ? [] : ([['Số bản sao', copies ? `${copies} bản` : undefined]] as [string, unknown][])),
  ]);
  drawCertificationStatement(w, data, pages ? Number(pages) || undefined : undefined);
}

export const certificationTemplate: ResultTemplate = {
  key: 'ban-sao-chung-thuc',
  description:
    'Chứng thực bản sao từ bản chính (giấy): tên giấy tờ, số trang, số bản, người yêu cầu; lời chứng "Chứng thực bản sao đúng với bản chính", "Số chứng thực …, quyển số …-SCT/BS", ngày, người thực hiện chứng thực.',
  resultCodes: ['KQ.CT.BS'],
  body: certificationBody,
};

/**
 * "ban-sao-dien-tu" (2.002233): the electronic certified copy. `renderCertifiedCopy` is the real document (the
 * scanned original followed by the statement); rendered alone through `renderResultPdf`, it is the certification
 * page of the paper template.
 */
export const electronicCopyTemplate: ResultTemplate = {
  key: 'ban-sao-dien-tu',
  description:
    'Bản sao điện tử được chứng thực từ bản chính: với renderCertifiedCopy, các trang bản quét của bản chính (trang 1 có mã QR) và trang lời chứng; với renderResultPdf, trang chứng thực như mẫu ban-sao-chung-thuc.',
  resultCodes: ['KQ.CT.BSDT'],
  body: certificationBody,
};
