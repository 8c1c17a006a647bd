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
