/** Test helpers for issued PDFs: render the top left of page 1 with poppler and decode the QR code there. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * The text of the QR code at the top left of page 1 (where TT 01/2023 puts it), or null. Only that corner is
 * rendered, at 300 dpi, so each module of a dense code spans several pixels; -singlefile fixes the output name
 * whatever the document's page count.
 */
export function decodeQrFromPdf(file: string): string | null {
  const prefix = path.join(path.dirname(file), `qr-${path.basename(file)}`);
  execFileSync('pdftoppm', ['-r', '300', '-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', '1200', '-H', '1200', '-singlefile', '-png', file, prefix]);
  const png = PNG.sync.read(fs.readFileSync(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** A small but complete one-page PDF for upload tests (a scan must be readable: the paper-conversion mark is drawn on it). */
export const tinyPdf = (note: string): Buffer =>
  Buffer.from(
    `%PDF-1.4\n% ${note}\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n` +
      '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  );
