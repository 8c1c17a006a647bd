/**
 * PDF toolkit for everything MotCua issues (forms Mẫu 01–07, receipts, results): an embedded Vietnamese font
 * (Be Vietnam Pro), text normalised to NFC before drawing (decomposed marks would land in the wrong place),
 * word wrapping, and the TT 01/2023 QR code at the top left.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { encodeQrPayload, type QrPayload } from '../../core/documents/qr-payload.ts';

const require = createRequire(import.meta.url);
const fontFile = (weight: string) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
let fontBytes: { regular: Buffer; bold: Buffer } | null = null;
const fonts = () => (fontBytes ??= { regular: fs.readFileSync(fontFile('400Regular')), bold: fs.readFileSync(fontFile('700Bold')) });

export const PAGE_A5: [number, number] = [419.53, 595.28];
export const PAGE_A4: [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;

export class DocumentWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly size: [number, number],
    readonly margin = 15 * MM,
  ) {}

  static async create(size: [number, number] = PAGE_A5, meta: { title: string; subject?: string } = { title: 'MotCua' }): Promise<DocumentWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    doc.setTitle(meta.title.normalize('NFC'));
    if (meta.subject) doc.setSubject(meta.subject.normalize('NFC'));
    doc.setProducer('MotCua');
    doc.setLanguage('vi-VN');
    const regular = await doc.embedFont(fonts().regular, { subset: true });
    const bold = await doc.embedFont(fonts().bold, { subset: true });
    const w = new DocumentWriter(doc, regular, bold, size);
    w.newPage();
    return w;
  }

  newPage(): void {
    this.page = this.doc.addPage(this.size);
    this.y = this.size[1] - this.margin;
  }

  get width(): number {
    return this.size[0] - 2 * this.margin;
  }

  /** Draws the QR code of the payload at the top left (TT 01/2023) and returns its size. */
  async qr(payload: QrPayload, sizeMm = 24): Promise<number> {
    const png = await QRCode.toBuffer(encodeQrPayload(payload), { errorCorrectionLevel: 'M', margin: 1, width: 400 });
    const image = await this.doc.embedPng(png);
    const s = sizeMm * MM;
    this.page.drawImage(image, { x: this.margin, y: this.size[1] - this.margin - s, width: s, height: s });
    return s;
  }

  /** Writes wrapped text; returns the height used. */
  text(text: string, opts: { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; x?: number; width?: number; gap?: number } = {}): number {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.regular;
    const x0 = opts.x ?? this.margin;
    const width = opts.width ?? this.width - (x0 - this.margin);
    const lines = wrap(text.normalize('NFC'), font, size, width);
    const lineHeight = size * 1.35;
    for (const line of lines) {
      if (this.y - lineHeight < this.margin) this.newPage();
      const w = font.widthOfTextAtSize(line, size);
      const x = opts.align === 'center' ? x0 + (width - w) / 2 : opts.align === 'right' ? x0 + width - w : x0;
      this.page.drawText(line, { x, y: this.y - size, size, font, color: rgb(0, 0, 0) });
      this.y -= lineHeight;
    }
    this.y -= opts.gap ?? 2;
    return lines.length * lineHeight;
  }

  /** Moves the cursor down to below the given top offset (e.g. under the QR code). */
  skipTo(topOffset: number): void {
    this.y = Math.min(this.y, this.size[1] - this.margin - topOffset);
  }

  space(pt: number): void {
    this.y -= pt;
  }

  /** A simple table with wrapped cells and borders. */
  table(columns: { title: string; width: number }[], rows: string[][], size = 9): void {
    const total = columns.reduce((n, c) => n + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const draw = (cells: string[], bold: boolean) => {
      const font = bold ? this.bold : this.regular;
      const wrapped = cells.map((c, i) => wrap(c.normalize('NFC'), font, size, widths[i] - 6));
      const h = Math.max(...wrapped.map((l) => l.length)) * size * 1.3 + 6;
      if (this.y - h < this.margin) this.newPage();
      let x = this.margin;
      wrapped.forEach((lines, i) => {
        this.page.drawRectangle({ x, y: this.y - h, width: widths[i], height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
        lines.forEach((line, j) => this.page.drawText(line, { x: x + 3, y: this.y - 3 - size - j * size * 1.3, size, font }));
        x += widths[i];
      });
      this.y -= h;
    };
    draw(columns.map((c) => c.title), true);
    for (const r of rows) draw(r, false);
    this.y -= 6;
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: false });
  }
}

export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}
