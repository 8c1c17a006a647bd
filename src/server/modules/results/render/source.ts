/**
 * Handling of scanned originals and digitised paper components (PDF, JPEG, PNG): the declared type checked against
 * the bytes, PDFs loaded (encrypted ones refused), page geometry as a reader sees it (crop box and /Rotate), JPEG
 * EXIF orientation, and images or pages drawn scaled to fit a rectangle the right way up.
 */
import {
  concatTransformationMatrix,
  degrees,
  drawObject,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  type PDFEmbeddedPage,
  type PDFImage,
  type PDFPage,
} from 'pdf-lib';
import { sniffMime } from '../../../../core/files/sniff.ts';
import type { SourceMime } from './types.ts';

export const SOURCE_MIMES: readonly SourceMime[] = ['application/pdf', 'image/jpeg', 'image/png'];

/** Refuses a type other than PDF, JPEG or PNG, and bytes that are not of the declared type. */
export function checkSource(bytes: Uint8Array, mime: SourceMime): void {
  if (!SOURCE_MIMES.includes(mime)) throw new RangeError(`Unsupported type ${String(mime)}: only PDF, JPEG and PNG can be converted`);
  const real = sniffMime(bytes.subarray(0, 64));
  if (real !== mime) throw new RangeError(`The file is not a ${mime}${real ? ` (it is ${real})` : ''}`);
}

/** Loads a source PDF; an encrypted PDF cannot be stamped or copied faithfully and is refused. */
export async function loadSourcePdf(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  let pages: number;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
    pages = doc.getPages().length;
  } catch (e) {
    const name = (e as Error)?.constructor?.name ?? '';
    if (name === 'EncryptedPDFError') throw new RangeError('The PDF is encrypted (password-protected): ask for an unprotected scan');
    throw new RangeError(`The PDF cannot be read: ${(e as Error).message}`);
  }
  if (pages === 0) throw new RangeError('The PDF has no page');
  return doc;
}

/** A page as a reader shows it: visible width and height, and the map from visible to page coordinates. */
export interface VisiblePage {
  width: number;
  height: number;
  /** Clockwise rotation of the page (/Rotate), 0, 90, 180 or 270. */
  rotation: number;
  /** The page coordinates of a visible point (origin at the visible bottom left). */
  point: (vx: number, vy: number) => { x: number; y: number };
  /** The counter-clockwise angle that makes text drawn on the page read left to right for the reader. */
  textAngle: ReturnType<typeof degrees>;
}

export function visiblePage(page: PDFPage): VisiblePage {
  const box = page.getCropBox();
  const rotation = (((page.getRotation().angle ?? 0) % 360) + 360) % 360;
  const W = box.width;
  const H = box.height;
  const point = (vx: number, vy: number) => {
    switch (rotation) {
      case 90:
        return { x: box.x + W - vy, y: box.y + vx };
      case 180:
        return { x: box.x + W - vx, y: box.y + H - vy };
      case 270:
        return { x: box.x + vy, y: box.y + H - vx };
      default:
        return { x: box.x + vx, y: box.y + vy };
    }
  };
  const quarter = rotation === 90 || rotation === 270;
  return {
    width: quarter ? H : W,
    height: quarter ? W : H,
    rotation: [0, 90, 180, 270].includes(rotation) ? rotation : 0,
    point,
    textAngle: degrees(rotation),
  };
}

/** Wraps the page's existing content in q … Q so that what is drawn afterwards starts from a clean graphics state. */
export function isolateExistingContent(page: PDFPage): void {
  const context = page.doc.context;
  page.node.normalize();
  const start = context.register(context.contentStream([pushGraphicsState()]));
  const end = context.register(context.contentStream([popGraphicsState()]));
  page.node.wrapContentStreams(start, end);
}

/** The EXIF orientation (1–8) of a JPEG, 1 when it has none. */
export function jpegOrientation(bytes: Uint8Array): number {
  const b = bytes;
  if (b[0] !== 0xff || b[1] !== 0xd8) return 1;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return 1;
    const marker = b[i + 1];
    if (marker === 0xd9 || marker === 0xda) return 1; // end of image, start of scan: no more metadata
    const len = (b[i + 2] << 8) | b[i + 3];
    if (marker === 0xe1 && len >= 8 && String.fromCharCode(...b.subarray(i + 4, i + 10)) === 'Exif\0\0') {
      const tiff = i + 10;
      const little = b[tiff] === 0x49 && b[tiff + 1] === 0x49;
      const u16 = (o: number) => (little ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1]);
      const u32 = (o: number) =>
        little ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000 : ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) + b[o] * 0x1000000;
      const end = i + 2 + len;
      const ifd = tiff + u32(tiff + 4);
      if (ifd + 2 > end) return 1;
      const count = u16(ifd);
      for (let k = 0; k < count; k++) {
        const entry = ifd + 2 + k * 12;
        if (entry + 12 > end) break;
        if (u16(entry) === 0x0112) {
          const value = u16(entry + 8);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    }
    i += 2 + len;
  }
  return 1;
}

/** Width and height of an image as shown (EXIF orientations 5–8 swap them). */
export function orientedSize(image: PDFImage, orientation: number): { width: number; height: number } {
  return orientation >= 5 ? { width: image.height, height: image.width } : { width: image.width, height: image.height };
}

// Visible (p, q) in the unit square from the stored image's (u, v): p = a1·u + b1·v + c1, q = a2·u + b2·v + c2.
const ORIENT: Record<number, [number, number, number, number, number, number]> = {
  1: [1, 0, 0, 0, 1, 0],
  2: [-1, 0, 1, 0, 1, 0],
  3: [-1, 0, 1, 0, -1, 1],
  4: [1, 0, 0, 0, -1, 1],
  5: [0, -1, 1, -1, 0, 1],
  6: [0, 1, 0, -1, 0, 1],
  7: [0, 1, 0, 1, 0, 0],
  8: [0, -1, 1, 1, 0, 0],
};

/** Draws the image in the rectangle (visible orientation), applying its EXIF orientation. */
export function drawOrientedImage(page: PDFPage, image: PDFImage, orientation: number, rect: { x: number; y: number; width: number; height: number }): void {
  const [a1, b1, c1, a2, b2, c2] = ORIENT[orientation] ?? ORIENT[1];
  const { x, y, width: w, height: h } = rect;
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(w * a1, h * a2, w * b1, h * b2, x + w * c1, y + h * c2),
    drawObject(name),
    popGraphicsState(),
  );
}

/** The largest rectangle of the given aspect that fits the area, centred in it. */
export function fit(
  content: { width: number; height: number },
  area: { x: number; y: number; width: number; height: number },
): { x: number; y: number; width: number; height: number; scale: number } {
  const scale = Math.min(area.width / content.width, area.height / content.height);
  const width = content.width * scale;
  const height = content.height * scale;
  return { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height, scale };
}

/** Draws an embedded page (from a source PDF) in the rectangle as a reader sees it, /Rotate applied. */
export function drawEmbeddedPage(
  page: PDFPage,
  embedded: PDFEmbeddedPage,
  rotation: number,
  rect: { x: number; y: number; width: number; height: number },
): void {
  const quarter = rotation === 90 || rotation === 270;
  // The embedded page is unrotated: its own width and height are the visible ones swapped for a quarter turn.
  const sw = quarter ? rect.height : rect.width;
  const sh = quarter ? rect.width : rect.height;
  const origin =
    rotation === 90
      ? { x: rect.x, y: rect.y + rect.height }
      : rotation === 180
        ? { x: rect.x + rect.width, y: rect.y + rect.height }
        : rotation === 270
          ? { x: rect.x + rect.width, y: rect.y }
          : { x: rect.x, y: rect.y };
  page.drawPage(embedded, { ...origin, width: sw, height: sh, rotate: degrees(-rotation) });
}

/** The number of pages of a scanned original: a PDF's page count, 1 for an image (what renderCertifiedCopy certifies). */
export async function countSourcePages(original: { bytes: Uint8Array; mime: SourceMime }): Promise<number> {
  checkSource(original.bytes, original.mime);
  return original.mime === 'application/pdf' ? (await loadSourcePdf(original.bytes)).getPageCount() : 1;
}
