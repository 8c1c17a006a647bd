/**
 * Building blocks of the result documents (A4): the header of the one-stop forms (QR at the top left, agency,
 * national name, "Số: …", place and date line, title) at A4 sizes, labelled lines, the signature of the official,
 * the verification line, the specimen watermark, and the TT 01/2023 QR payload with validity and scope.
 */
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { degrees, rgb, type PDFDocument } from 'pdf-lib';
import { vnIso, type QrPayload } from '../../../../core/documents/qr-payload.ts';
import { drawFormHeader } from '../../../paper-forms/header.ts';
import { DEFAULT_SYSTEM_NAME } from '../../../paper-forms/qr.ts';
import { finishForm } from '../../../paper-forms/sections.ts';
import { drawSignatures, type SignatureBlock } from '../../../paper-forms/signature.ts';
import { DocumentWriter, MM, PAGE_A4, vietnameseFontBytes } from '../../../pdf/document.ts';
import type { ResultData } from './types.ts';
import { isIsoDay, isoToVn, show } from './values.ts';

/** Body text size on A4. */
export const BODY = 11;
/** Page margin of the results. */
export const RESULT_MARGIN = 20 * MM;
/** Side of the QR code: modules of about 0.35 mm for the ~450 bytes of a result payload. */
export const QR_SIZE_MM = 30;

export const SPECIMEN_WATERMARK = 'BẢN MẪU – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ';
export const SPECIMEN_LABEL = 'MẪU';

/** Validity and scope as the document and its QR state them. */
export interface ResolvedValidity {
  validFrom: string;
  validTo?: string;
  scope?: string;
  /** The QR hieuLuc: "Từ 05/03/2026 đến 05/09/2026" or "Không thời hạn". */
  hieuLuc: string;
}

/** Checks the validity dates and words them for the QR. */
export function resolveValidity(validFrom: string, validTo: string | undefined, scope: string | undefined): ResolvedValidity {
  if (!isIsoDay(validFrom)) throw new RangeError(`validFrom is not a YYYY-MM-DD date: ${validFrom}`);
  if (validTo !== undefined && !isIsoDay(validTo)) throw new RangeError(`validTo is not a YYYY-MM-DD date: ${validTo}`);
  if (validTo !== undefined && validTo < validFrom) throw new RangeError(`validTo ${validTo} is before validFrom ${validFrom}`);
  const cleanScope = scope?.normalize('NFC').trim() || undefined;
  return { validFrom, validTo, scope: cleanScope, hieuLuc: validTo ? `Từ ${isoToVn(validFrom)} đến ${isoToVn(validTo)}` : 'Không thời hạn' };
}

/** The TT 01/2023 payload of a result: the minimum data plus validity (hieuLuc) and scope (phamVi). */
export function resultQrPayload(data: ResultData, validity: ResolvedValidity): QrPayload {
  return {
    maHoSo: data.dossier.code,
    maTTHC: data.dossier.procedureCode,
    maDinhDanh: data.owner.idNumber,
    tenGiayTo: data.title.normalize('NFC').trim(),
    heThong: data.systemName ?? DEFAULT_SYSTEM_NAME,
    thoiDiem: vnIso(data.issuedAt),
    hieuLuc: validity.hieuLuc,
    ...(validity.scope ? { phamVi: validity.scope } : {}),
    url: data.verifyUrl,
  };
}

/** Refuses data a result cannot be issued without. */
export function checkResultData(data: ResultData): void {
  const required: [string, unknown][] = [
    ['title', data.title],
    ['number', data.number],
    ['place', data.place],
    ['agency.name', data.agency?.name],
    ['signer.name', data.signer?.name],
    ['signer.title', data.signer?.title],
    ['owner.name', data.owner?.name],
    ['owner.idNumber', data.owner?.idNumber],
    ['dossier.code', data.dossier?.code],
    ['dossier.procedureCode', data.dossier?.procedureCode],
    ['dossier.procedureName', data.dossier?.procedureName],
    ['verifyUrl', data.verifyUrl],
  ];
  for (const [name, v] of required) if (typeof v !== 'string' || !v.trim()) throw new RangeError(`Result data lacks ${name}`);
  if (!(data.issuedAt instanceof Date) || Number.isNaN(data.issuedAt.getTime())) throw new RangeError('Result data lacks a valid issuedAt');
}

/** A new A4 result document, titled "<title> <number>" in its metadata. */
export function startResult(data: ResultData): Promise<DocumentWriter> {
  return DocumentWriter.create(PAGE_A4, {
    title: `${data.title} ${data.number}`,
    subject: `${data.dossier.procedureName} – ${data.dossier.code}`,
    margin: RESULT_MARGIN,
  });
}

/** The header: QR at the top left, agency with "Số: …", national name with the place and date line, the title. */
export async function drawResultHeader(w: DocumentWriter, data: ResultData, qr: QrPayload, subtitle: string[] = []): Promise<void> {
  await drawFormHeader(w, {
    agency: { name: data.agency.name, parentName: data.agency.parentName, code: data.agency.code },
    issue: { issuedAt: data.issuedAt, place: data.place, number: data.number, publicUrl: data.verifyUrl },
    qr,
    title: data.title,
    size: 9.5,
    titleSize: 14,
    qrSizeMm: QR_SIZE_MM,
  });
  if (data.specimen) {
    w.space(-4);
    w.text(SPECIMEN_LABEL, { size: 13, bold: true, align: 'center', gap: 0 });
    w.text(`(${SPECIMEN_WATERMARK})`, { size: 8.5, italic: true, align: 'center', gap: 4 });
  }
  for (const line of subtitle) w.text(line, { size: BODY, italic: true, align: 'center', gap: 1 });
  if (subtitle.length) w.space(6);
}

/** A paragraph of body text. */
export function para(
  w: DocumentWriter,
  text: string,
  opts: { bold?: boolean; italic?: boolean; indent?: number; gap?: number; size?: number; align?: 'left' | 'center' | 'right' } = {},
): void {
  w.text(text, { size: opts.size ?? BODY, bold: opts.bold, italic: opts.italic, align: opts.align, x: w.margin + (opts.indent ?? 0), gap: opts.gap ?? 3 });
}

/**
 * "Label: value", the value shown as the answer or the dotted line; `blank` prints the label alone (a section the
 * law leaves empty, e.g. the father's on a birth certificate when he is not known).
 */
export function line(w: DocumentWriter, label: string, value: unknown, opts: { bold?: boolean; indent?: number; blank?: boolean } = {}): void {
  para(w, opts.blank ? `${label}:` : `${label}: ${show(value)}`, opts);
}

/** Several "Label: value" pairs on one line, each in its share of the width (kept together on the page). */
export function lineRow(w: DocumentWriter, pairs: [label: string, value: unknown][], opts: { weights?: number[]; blank?: boolean } = {}): void {
  const texts = pairs.map(([label, value]) => (opts.blank ? `${label}:` : `${label}: ${show(value)}`));
  const weights = opts.weights;
  const ws = weights ?? pairs.map(() => 1);
  const total = ws.reduce((a, b) => a + b, 0);
  const gap = 8;
  const usable = w.width - gap * (pairs.length - 1);
  const tallest = Math.max(...texts.map((t, i) => w.heightOf(t, { size: BODY, width: (usable * ws[i]) / total, gap: 3 })));
  w.ensureSpace(tallest);
  w.sideBySide(
    texts.map((t, i) => ({ weight: ws[i], draw: (col) => w.text(t, { size: BODY, ...col, gap: 3 }) })),
    gap,
  );
}

/** A section heading in bold. */
export function heading(w: DocumentWriter, text: string): void {
  w.ensureSpace(BODY * 4);
  w.space(3);
  para(w, text, { bold: true, gap: 3 });
}

/** The official's signature block: capacity ("KT. CHỦ TỊCH"), position, space for the digital signature, name. */
export function signerBlock(data: ResultData, note?: string): SignatureBlock {
  return { capacity: data.signer.capacity, heading: data.signer.title, name: data.signer.name, ...(note ? { note } : {}) };
}

export function drawSigner(w: DocumentWriter, data: ResultData, note?: string): void {
  drawSignatures(w, [signerBlock(data, note)], { size: 11, signatureSpace: 62 });
}

/** The closing lines under the signature: where to verify the electronic result. */
export function drawVerifyLine(w: DocumentWriter, data: ResultData): void {
  const text = `Kết quả giải quyết thủ tục hành chính điện tử. Mã hồ sơ: ${data.dossier.code}. Tra cứu, xác thực tại: ${data.verifyUrl}`;
  w.ensureSpace(w.heightOf(text, { size: 8, italic: true }) + 8);
  w.space(6);
  w.text(text, { size: 8, italic: true, gap: 0 });
}

const faces: Partial<Record<'bold' | 'regular', Font>> = {};

interface OutlineCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

/**
 * The outline of a line of text as SVG path data in font units, y pointing down (as drawSvgPath expects), and its
 * advance width. Outlines, not text: a watermark must not mix its letters into the document's extracted text.
 */
function textOutline(text: string, weight: 'bold' | 'regular'): { d: string; width: number; unitsPerEm: number } {
  const face = (faces[weight] ??= fontkit.create(vietnameseFontBytes()[weight]) as unknown as Font);
  const run = face.layout(text.normalize('NFC'));
  const parts: string[] = [];
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    const dx = pen + pos.xOffset;
    const dy = pos.yOffset;
    const pt = (x: number, y: number) => `${(x + dx).toFixed(1)} ${(-(y + dy)).toFixed(1)}`;
    for (const c of (glyph.path as unknown as { commands: OutlineCommand[] }).commands) {
      const a = c.args;
      if (c.command === 'moveTo') parts.push(`M${pt(a[0], a[1])}`);
      else if (c.command === 'lineTo') parts.push(`L${pt(a[0], a[1])}`);
      else if (c.command === 'quadraticCurveTo') parts.push(`Q${pt(a[0], a[1])} ${pt(a[2], a[3])}`);
      else if (c.command === 'bezierCurveTo') parts.push(`C${pt(a[0], a[1])} ${pt(a[2], a[3])} ${pt(a[4], a[5])}`);
      else parts.push('Z');
    }
    pen += pos.xAdvance;
  });
  return { d: parts.join(''), width: pen, unitsPerEm: face.unitsPerEm };
}

/** The diagonal "BẢN MẪU – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ" across every page of a specimen, drawn as outlines. */
export function drawSpecimenWatermark(doc: PDFDocument): void {
  const outline = textOutline(SPECIMEN_WATERMARK, 'bold');
  for (const page of doc.getPages()) {
    const { x: x0, y: y0, width, height } = page.getCropBox();
    const angle = Math.atan2(height, width);
    const diagonal = Math.hypot(width, height);
    const size = Math.min(48, (diagonal * 0.68 * outline.unitsPerEm) / outline.width);
    const scale = size / outline.unitsPerEm;
    const tw = outline.width * scale;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // Start so that the middle of the line (half the cap height above the baseline) sits on the page centre.
    const x = x0 + width / 2 - (tw / 2) * cos + size * 0.35 * sin;
    const y = y0 + height / 2 - (tw / 2) * sin - size * 0.35 * cos;
    page.drawSvgPath(outline.d, { x, y, scale, rotate: degrees((angle * 180) / Math.PI), color: rgb(0.8, 0.1, 0.1), opacity: 0.2 });
  }
}

/** Finishes a result: verification line, specimen watermark if asked, page numbers when it runs over a page. */
export async function finishResult(w: DocumentWriter, data: ResultData): Promise<Uint8Array> {
  drawVerifyLine(w, data);
  if (data.specimen) drawSpecimenWatermark(w.doc);
  return finishForm(w);
}
