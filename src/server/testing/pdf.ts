/** Test helpers for issued PDFs: render page 1 with poppler and decode the QR code on it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function decodeQrFromPdf(file: string): string | null {
  const prefix = path.join(path.dirname(file), `qr-${path.basename(file)}`);
  execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, prefix]);
  const png = PNG.sync.read(fs.readFileSync(`${prefix}-1.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
