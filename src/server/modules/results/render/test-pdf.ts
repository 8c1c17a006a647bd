/**
 * Test helpers for the result PDFs, on poppler-utils: text (whole document or one page), word boxes, page info,
 * the QR payload at the top left of page 1, page rendering to pixels, and pdfsig. A missing tool is an error with a
 * clear message, never a silent pass (CI installs poppler-utils).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll } from 'vitest';
import { decodeQrPayload, type QrPayload } from '../../../../core/documents/qr-payload.ts';
import { decodeQrFromPdf } from '../../../testing/pdf.ts';

export function requireTool(tool: string): void {
  if (spawnSync(tool, ['-v']).error) throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils) to run the result tests`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-results-'));
// Removed after the test file's run; set MOTCUA_KEEP_TEST_PDFS=1 to look at the rendered files afterwards.
afterAll(() => {
  if (!process.env.MOTCUA_KEEP_TEST_PDFS) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the bytes to a temporary file and returns its path. */
export function writeTemp(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The text of the document (or of one page), whitespace collapsed. */
export function pdfText(file: string, page?: number): string {
  requireTool('pdftotext');
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of the document laid out as on the page (pdftotext -layout): an empty "Label:" ends its line or is followed by a wide gap. */
export function pdfLayoutText(file: string): string {
  requireTool('pdftotext');
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export interface PdfPageInfo {
  pages: number;
  width: number;
  height: number;
  /** Clockwise rotation of page 1. */
  rotation: number;
}

export function pdfInfo(file: string, page = 1): PdfPageInfo {
  requireTool('pdfinfo');
  const out = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = new RegExp(`^Page\\s+${page} size:\\s+([\\d.]+) x ([\\d.]+) pts`, 'm').exec(out);
  const rot = new RegExp(`^Page\\s+${page} rot:\\s+(\\d+)`, 'm').exec(out);
  if (!size || !pages) throw new Error(`pdfinfo gave no page count or size:\n${out}`);
  return { pages, width: Number(size[1]), height: Number(size[2]), rotation: Number(rot?.[1] ?? 0) };
}

/** The words of a page with their boxes (points, origin at the top left of the page as shown). */
export function pdfWords(file: string, page: number): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  requireTool('pdftotext');
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  }));
}

/** Decodes the QR code at the top left of page 1 (TT 01/2023). */
export function pdfQrPayload(file: string): QrPayload {
  requireTool('pdftoppm');
  const text = decodeQrFromPdf(file);
  if (!text) throw new Error(`no QR code could be decoded at the top left of page 1 of ${file}`);
  return decodeQrPayload(text);
}

/** Renders one page to RGBA pixels at the given resolution. */
export function renderPage(file: string, page: number, dpi = 40): { width: number; height: number; data: Buffer } {
  requireTool('pdftoppm');
  const prefix = path.join(dir, `render-${path.basename(file)}-${page}-${dpi}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', file, prefix]);
  const png = PNG.sync.read(fs.readFileSync(`${prefix}.png`));
  return { width: png.width, height: png.height, data: png.data };
}

/** What pdfsig says about the file's signatures. */
export function pdfsig(file: string): string {
  requireTool('pdfsig');
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

/** Renders a PDF page to a JPEG with poppler and returns its bytes. */
export function pdfPageToJpeg(file: string, dpi = 72): Uint8Array {
  requireTool('pdftoppm');
  const prefix = path.join(dir, `jpeg-${path.basename(file)}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', '-jpeg', file, prefix]);
  return fs.readFileSync(`${prefix}.jpg`);
}

/** A JPEG with an EXIF APP1 segment carrying the given orientation inserted after SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // big-endian TIFF header, IFD0 at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation, SHORT, 1
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const len = payload.length + 2;
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, len >> 8, len & 0xff]), payload]);
  return Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), app1, Buffer.from(jpeg.subarray(2))]);
}
