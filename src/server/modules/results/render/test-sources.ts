/** Scanned originals for the tests: a 3-page PDF with text, PNG scans, a JPEG with an EXIF orientation. */
import { concatTransformationMatrix, degrees, PDFDocument, rgb } from 'pdf-lib';
import { PNG } from 'pngjs';
import { DocumentWriter, PAGE_A4 } from '../../../pdf/document.ts';
import { pdfPageToJpeg, withExifOrientation, writeTemp } from './test-pdf.ts';

/** A 3-page "scan" with text on each page ("Bản gốc – trang i/3"). */
export async function threePagePdf(): Promise<Uint8Array> {
  const w = await DocumentWriter.create(PAGE_A4, { title: 'Bản gốc' });
  for (let i = 1; i <= 3; i++) {
    if (i > 1) w.newPage();
    w.text(`GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT – Bản gốc – trang ${i}/3`, { size: 14, bold: true, align: 'center', gap: 10 });
    w.text('Người sử dụng đất: ông Hoàng Văn Tư, sinh năm 1945; thửa đất số 112, tờ bản đồ số 7, xã Phú Riềng.', { size: 11 });
  }
  return w.save();
}

/**
 * A harder scan: page 1 leaves its graphics state changed (a scaling without q/Q), page 2 is shown rotated 90°,
 * page 3 has a media box that does not start at the origin.
 */
export async function awkwardPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await threePagePdf());
  const [p1, p2, p3] = doc.getPages();
  p1.pushOperators(concatTransformationMatrix(0.3, 0, 0, 0.3, 200, 300));
  p2.setRotation(degrees(90));
  p3.setMediaBox(100, 100, 595.28, 841.89);
  return doc.save();
}

/** A PNG of the given size: light grey, with a black square in its top-left corner. */
export function pngScan(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const dark = x < width / 4 && y < height / 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = dark ? 0 : 190;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

/** A JPEG stored 400×300 (light grey, black square at its stored top left) carrying EXIF orientation 6 (turn 90° clockwise). */
export async function rotatedJpeg(orientation = 6): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([400, 300]);
  page.drawRectangle({ x: 0, y: 0, width: 400, height: 300, color: rgb(0.75, 0.75, 0.75) });
  page.drawRectangle({ x: 0, y: 225, width: 100, height: 75, color: rgb(0, 0, 0) });
  const file = writeTemp(`jpeg-source-${orientation}.pdf`, await doc.save());
  return withExifOrientation(pdfPageToJpeg(file, 72), orientation);
}

/** The bounding boxes, in pixels, of the grey scan and of its black square on a rendered page. */
export function scanBoxes(img: { width: number; height: number; data: Buffer }): { scan: Box; dark: Box } {
  const scan = emptyBox();
  const dark = emptyBox();
  const rgbAt = (x: number, y: number) => {
    const i = (y * img.width + x) * 4;
    return [img.data[i], img.data[i + 1], img.data[i + 2]];
  };
  const grey = ([r, g, b]: number[]) => Math.abs(r - g) < 12 && Math.abs(g - b) < 12;
  // The scan: the rows and columns that are mostly its grey (anti-aliased text elsewhere does not count).
  const isScan = (x: number, y: number) => {
    const c = rgbAt(x, y);
    return grey(c) && c[0] > 150 && c[0] < 215;
  };
  const rows = Array.from({ length: img.height }, (_, y) => Array.from({ length: img.width }, (_, x) => isScan(x, y)).filter(Boolean).length);
  const cols = Array.from({ length: img.width }, (_, x) => Array.from({ length: img.height }, (_, y) => isScan(x, y)).filter(Boolean).length);
  const maxRow = Math.max(...rows);
  const maxCol = Math.max(...cols);
  rows.forEach((n, y) => {
    if (n > maxRow * 0.6) {
      scan.minY = Math.min(scan.minY, y);
      scan.maxY = Math.max(scan.maxY, y);
      scan.count += n;
    }
  });
  cols.forEach((n, x) => {
    if (n > maxCol * 0.6) {
      scan.minX = Math.min(scan.minX, x);
      scan.maxX = Math.max(scan.maxX, x);
    }
  });
  // The black square: dark pixels inside the scan (text around it is left out).
  for (let y = Math.max(0, scan.minY); y <= scan.maxY; y++)
    for (let x = Math.max(0, scan.minX); x <= scan.maxX; x++) {
      const c = rgbAt(x, y);
      if (grey(c) && c[0] < 40) grow(dark, x, y);
    }
  return { scan, dark };
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  count: number;
}
const emptyBox = (): Box => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity, count: 0 });
function grow(b: Box, x: number, y: number): void {
  b.minX = Math.min(b.minX, x);
  b.minY = Math.min(b.minY, y);
  b.maxX = Math.max(b.maxX, x);
  b.maxY = Math.max(b.maxY, y);
  b.count++;
}
