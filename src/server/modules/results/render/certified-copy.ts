/**
 * The electronic certified copy from the original (chứng thực bản sao điện tử từ bản chính, 2.002233; NĐ 23/2015/NĐ-CP
 * as amended, NĐ 45/2020 Art. 10): the scanned original's pages, each scaled to fit an A4 page under a band that
 * names the copy (on page 1: the TT 01/2023 QR at the top left, the agency, the title and the certification number),
 * followed by a page with the certifier's statement "Chứng thực bản sao đúng với bản chính", the certification
 * number and book (SCT/BS), the number of pages, the date and the certifier. The PDF is then signed by the
 * certifier's agency (PAdES), which is what makes it a certified electronic copy.
 */
import { rgb, type PDFDocument, type PDFEmbeddedPage, type PDFImage } from 'pdf-lib';
import { DocumentWriter, PAGE_A4 } from '../../../pdf/document.ts';
import { checkResultData, finishResult, para, QR_SIZE_MM, RESULT_MARGIN, resultQrPayload, SPECIMEN_LABEL, SPECIMEN_WATERMARK } from './layout.ts';
import { checkSource, drawEmbeddedPage, drawOrientedImage, fit, jpegOrientation, loadSourcePdf, orientedSize, visiblePage } from './source.ts';
import { certificationNumberLine, drawCertificationStatement, electronicCopyTemplate } from './templates/certification.ts';
import { type RenderOptions, resultValidity } from './templates.ts';
import type { CertifiedCopyData, SourceFile } from './types.ts';
import { refuseBlanks, watchBlanks } from './completeness.ts';
import { DOTS, formatValue, withPlaceNames } from './values.ts';

type SourcePage =
  | { kind: 'page'; embedded: PDFEmbeddedPage; rotation: number; width: number; height: number }
  | { kind: 'image'; image: PDFImage; orientation: number; width: number; height: number };

async function sourcePages(doc: PDFDocument, original: SourceFile): Promise<SourcePage[]> {
  if (original.mime === 'application/pdf') {
    const src = await loadSourcePdf(original.bytes);
    const out: SourcePage[] = [];
    for (const page of src.getPages()) {
      const box = page.getCropBox();
      const embedded = await doc.embedPage(page, { left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height });
      const v = visiblePage(page);
      out.push({ kind: 'page', embedded, rotation: v.rotation, width: v.width, height: v.height });
    }
    return out;
  }
  const image = original.mime === 'image/jpeg' ? await doc.embedJpg(original.bytes) : await doc.embedPng(original.bytes);
  const orientation = original.mime === 'image/jpeg' ? jpegOrientation(original.bytes) : 1;
  return [{ kind: 'image', image, orientation, ...orientedSize(image, orientation) }];
}

/**
 * Renders the certified electronic copy: the original (a PDF's pages, or a JPEG/PNG scan) followed by the
 * certification page. `data.pages` is the number of pages certified and must equal the pages of the original (1 for
 * an image). Returns the PDF bytes, ready to be signed.
 */
export async function renderCertifiedCopy(original: SourceFile, input: CertifiedCopyData, options: RenderOptions = {}): Promise<Uint8Array> {
  checkResultData(input);
  const data: CertifiedCopyData = { ...input, values: withPlaceNames(input.values, input.places ?? {}) };
  checkSource(original.bytes, original.mime);
  if (!Number.isInteger(data.pages) || data.pages < 1) throw new RangeError(`pages must be a whole number of pages, at least 1: ${data.pages}`);
  const w = await DocumentWriter.create(PAGE_A4, {
    title: `${data.title} ${data.number}`,
    subject: `${data.dossier.procedureName} – ${data.dossier.code}`,
    margin: RESULT_MARGIN,
  });
  const pages = await sourcePages(w.doc, original);
  if (pages.length !== data.pages) throw new RangeError(`The original has ${pages.length} page(s) but the certification states ${data.pages}`);
  const validity = resultValidity(data, electronicCopyTemplate);
  const number = certificationNumberLine(data);
  const documentName = formatValue(data.values.tenGiayTo);

  for (const [i, source] of pages.entries()) {
    if (i > 0) w.newPage();
    if (i === 0) {
      const qr = await w.qr(resultQrPayload(data, validity), QR_SIZE_MM);
      w.sideBySide(
        [
          { weight: qr, draw: () => undefined },
          {
            weight: w.width - qr - 6,
            draw: (col) => {
              if (data.agency.parentName) w.text(data.agency.parentName.toLocaleUpperCase('vi-VN'), { size: 8.5, ...col, gap: 0 });
              w.text(data.agency.name.toLocaleUpperCase('vi-VN'), { size: 9, bold: true, ...col, gap: 3 });
              w.text(data.title.toLocaleUpperCase('vi-VN'), { size: 11, bold: true, ...col, gap: 2 });
              if (data.specimen) w.text(`${SPECIMEN_LABEL} (${SPECIMEN_WATERMARK})`, { size: 9, bold: true, ...col, gap: 2 });
              if (documentName) w.text(`Bản sao của: ${documentName}`, { size: 9, ...col, gap: 1 });
              w.text(`${number}. Gồm ${String(data.pages).padStart(2, '0')} trang và lời chứng.`, { size: 9, ...col, gap: 0 });
            },
          },
        ],
        6,
      );
      w.skipTo(qr + 3);
    } else {
      w.text(`${data.title} – ${number} – trang ${i + 1}/${pages.length}`, { size: 8, italic: true, align: 'center', gap: 2 });
    }
    w.rule({ gap: 3 });
    const page = w.doc.getPage(w.pageCount - 1);
    const area = { x: w.margin, y: w.margin, width: w.width, height: w.cursor - w.margin };
    const r = fit(source, area);
    if (source.kind === 'page') drawEmbeddedPage(page, source.embedded, source.rotation, r);
    else drawOrientedImage(page, source.image, source.orientation, r);
    // A thin frame shows where the original's page ends.
    page.drawRectangle({ x: r.x, y: r.y, width: r.width, height: r.height, borderColor: rgb(0.55, 0.55, 0.55), borderWidth: 0.5 });
  }

  w.newPage();
  const blanks = watchBlanks(w);
  para(w, data.agency.name.toLocaleUpperCase('vi-VN'), { bold: true, align: 'center', gap: 2 });
  para(w, `Lời chứng kèm theo ${data.title.charAt(0).toLocaleLowerCase('vi-VN')}${data.title.slice(1).toLocaleLowerCase('vi-VN')}`, {
    italic: true,
    align: 'center',
    gap: 8,
  });
  para(w, `Giấy tờ, văn bản được chứng thực: ${documentName ?? DOTS}`);
  para(w, `Người yêu cầu chứng thực: ${data.owner.name}`);
  para(w, `Mã hồ sơ: ${data.dossier.code}`);
  drawCertificationStatement(w, data, data.pages);
  if (!options.keepBlanks) refuseBlanks(blanks);
  return finishResult(w, data);
}
