/**
 * The paper-to-data conversion mark of NĐ 137/2024/NĐ-CP Art. 4 (domain-and-law.md §4.4): a digitised paper
 * component carries a distinctive mark that it was converted from paper, the time of conversion and who converted
 * it (the official and the agency); the agency then signs the file (signing module). `markConvertedFromPaper` draws
 * that stamp in the bottom margin of every page of a scanned PDF, or puts a scanned image on an A4 page (portrait or
 * landscape, whichever fits) with the same stamp under it.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { vnIso } from '../../../../core/documents/qr-payload.ts';
import { embedVietnameseFonts, MM, PAGE_A4, PAGE_A4_LANDSCAPE, wrap } from '../../../pdf/document.ts';
import { checkSource, drawOrientedImage, fit, isolateExistingContent, jpegOrientation, loadSourcePdf, orientedSize, visiblePage } from './source.ts';
import type { PaperConversionMark, SourceMime } from './types.ts';

export const PAPER_MARK_TITLE = 'BẢN ĐIỆN TỬ ĐƯỢC CHUYỂN ĐỔI TỪ VĂN BẢN GIẤY';

/** "14 giờ 05 phút, ngày 05 tháng 3 năm 2026" in Vietnam time. */
export function conversionTime(d: Date): string {
  const [day, time] = vnIso(d).split('T');
  const [y, m, dd] = day.split('-');
  const [hh, mm] = time.split(':');
  const month = Number(m);
  return `${hh} giờ ${mm} phút, ngày ${dd} tháng ${month <= 2 ? m : String(month)} năm ${y}`;
}

/** The stamp's lines, in order. */
export function paperMarkLines(mark: PaperConversionMark): string[] {
  const official = mark.officialName?.normalize('NFC').trim();
  const agency = mark.agencyName?.normalize('NFC').trim();
  if (!official) throw new RangeError('The paper mark needs the converting official’s name');
  if (!agency) throw new RangeError('The paper mark needs the converting agency’s name');
  if (!(mark.convertedAt instanceof Date) || Number.isNaN(mark.convertedAt.getTime())) throw new RangeError('The paper mark needs a valid conversion time');
  return [PAPER_MARK_TITLE, `Thời điểm chuyển đổi: ${conversionTime(mark.convertedAt)}`, `Người chuyển đổi: ${official}`, `Cơ quan chuyển đổi: ${agency}`];
}

const TITLE_SIZE = 7.5;
const TEXT_SIZE = 7;
const PAD = 2.5 * MM;
const EDGE = 5 * MM;
const LINE = 1.3;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Wrapped lines of the stamp for a box of the given inner width, with their fonts and sizes. */
function layout(lines: string[], fonts: Fonts, inner: number): { text: string; font: PDFFont; size: number }[] {
  return lines.flatMap((l, i) => {
    const font = i === 0 ? fonts.bold : fonts.regular;
    const size = i === 0 ? TITLE_SIZE : TEXT_SIZE;
    return wrap(l, font, size, inner).map((text) => ({ text, font, size }));
  });
}

/** The stamp's height for a page of the given visible width. */
function stampGeometry(
  lines: string[],
  fonts: Fonts,
  pageWidth: number,
): { width: number; height: number; rows: { text: string; font: PDFFont; size: number }[] } {
  const width = Math.min(105 * MM, pageWidth - 2 * EDGE);
  const rows = layout(lines, fonts, width - 2 * PAD);
  const height = rows.reduce((n, r) => n + r.size * LINE, 0) + 2 * PAD - (LINE - 1) * TEXT_SIZE;
  return { width, height, rows };
}

/** The height the stamp takes at the bottom of a page of that width, edge included (for laying out under it). */
export function paperMarkHeight(mark: PaperConversionMark, fonts: Fonts, pageWidth: number): number {
  return stampGeometry(paperMarkLines(mark), fonts, pageWidth).height + EDGE;
}

/** Draws the stamp at the bottom right of the page as the reader sees it (rotated pages included). */
export function drawPaperMark(page: PDFPage, mark: PaperConversionMark, fonts: Fonts): void {
  const v = visiblePage(page);
  const { width, height, rows } = stampGeometry(paperMarkLines(mark), fonts, v.width);
  const left = v.width - EDGE - width;
  const bottom = EDGE;
  const color = rgb(0.05, 0.2, 0.55);
  const corner = v.point(left, bottom);
  page.drawRectangle({ ...corner, width, height, rotate: v.textAngle, color: rgb(1, 1, 1), opacity: 0.92, borderColor: color, borderWidth: 0.9 });
  let y = bottom + height - PAD;
  for (const r of rows) {
    y -= r.size;
    const w = r.font.widthOfTextAtSize(r.text, r.size);
    page.drawText(r.text, { ...v.point(left + (width - w) / 2, y), size: r.size, font: r.font, color, rotate: v.textAngle });
    y -= r.size * (LINE - 1);
  }
}

/**
 * Returns a PDF of the digitised paper document with the NĐ 137/2024 conversion mark: on every page of a PDF, or
 * under a JPEG/PNG scan placed on an A4 page. Throws a RangeError for bytes that are not of the declared type and
 * for encrypted PDFs.
 */
export async function markConvertedFromPaper(bytes: Uint8Array, mime: SourceMime, mark: PaperConversionMark): Promise<Uint8Array> {
  paperMarkLines(mark);
  checkSource(bytes, mime);
  if (mime === 'application/pdf') {
    const doc = await loadSourcePdf(bytes);
    const fonts = await embedVietnameseFonts(doc);
    for (const page of doc.getPages()) {
      isolateExistingContent(page);
      drawPaperMark(page, mark, fonts);
    }
    doc.setModificationDate(mark.convertedAt);
    return doc.save({ useObjectStreams: false });
  }
  const doc = await PDFDocument.create();
  doc.setTitle(`${PAPER_MARK_TITLE.charAt(0)}${PAPER_MARK_TITLE.slice(1).toLocaleLowerCase('vi-VN')}`);
  doc.setProducer('MotCua');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(mark.convertedAt);
  doc.setModificationDate(mark.convertedAt);
  const fonts = await embedVietnameseFonts(doc);
  await placeImagePage(doc, bytes, mime, (page) => paperMarkHeight(mark, fonts, page.getWidth()));
  drawPaperMark(doc.getPage(0), mark, fonts);
  return doc.save({ useObjectStreams: false });
}

/**
 * Adds an A4 page (landscape when the image is wider than tall) with the scan scaled to fit inside 10 mm margins,
 * above a band at the bottom whose height `reserve` gives; returns the page.
 */
export async function placeImagePage(
  doc: PDFDocument,
  bytes: Uint8Array,
  mime: 'image/jpeg' | 'image/png',
  reserve: (page: PDFPage) => number,
  top = 10 * MM,
): Promise<PDFPage> {
  const image = mime === 'image/jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
  const orientation = mime === 'image/jpeg' ? jpegOrientation(bytes) : 1;
  const shown = orientedSize(image, orientation);
  const page = doc.addPage(shown.width > shown.height ? PAGE_A4_LANDSCAPE : PAGE_A4);
  const margin = 10 * MM;
  const bottom = reserve(page) + 2 * MM;
  const area = { x: margin, y: bottom, width: page.getWidth() - 2 * margin, height: page.getHeight() - top - bottom };
  const r = fit(shown, area);
  drawOrientedImage(page, image, orientation, r);
  return page;
}
