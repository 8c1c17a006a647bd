/**
 * Test helpers for the form PDFs, on poppler-utils: text (whitespace normalised), page count and size, and the QR
 * payload of page 1. A missing poppler is an error with a clear message, never a silent pass (CI installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeQrPayload, type QrPayload } from '../../core/documents/qr-payload.ts';
import { decodeQrFromPdf } from '../testing/pdf.ts';

function requireTool(tool: string): void {
  if (spawnSync(tool, ['-v']).error) throw new Error(`${tool} is missing: install poppler-utils (apt-get install -y poppler-utils) to run the form tests`);
}

/** Writes the PDF to a fresh temporary directory and returns its path. */
export function writeTempPdf(name: string, bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-forms-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The text of the whole document (or of one page), whitespace collapsed to single spaces. */
export function pdfText(file: string, page?: number): string {
  requireTool('pdftotext');
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, ' ')
    .trim();
}

export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  requireTool('pdfinfo');
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  if (!size || !pages) throw new Error(`pdfinfo gave no page count or size:\n${out}`);
  return { pages, width: Number(size[1]), height: Number(size[2]) };
}

/** Decodes the QR code at the top left of page 1 (TT 01/2023). */
export function pdfQrPayload(file: string): QrPayload {
  requireTool('pdftoppm');
  const text = decodeQrFromPdf(file);
  if (!text) throw new Error(`no QR code could be decoded at the top left of page 1 of ${file}`);
  return decodeQrPayload(text);
}

/** Page sizes in points as pdfinfo prints them. */
export const A5 = { width: 419.53, height: 595.28 };
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
