/**
 * PDF toolkit for everything MotCua issues (forms Mẫu 01–07, receipts, results): an embedded Vietnamese font
 * (Be Vietnam Pro regular, bold, italic), text normalised to NFC before drawing (decomposed marks would land in the
 * wrong place), word wrapping, side-by-side blocks, tables that flow over pages with their header repeated, page
 * numbers, and the TT 01/2023 QR code at the top left.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { encodeQrPayload, type QrPayload } from '../../core/documents/qr-payload.ts';

const require = createRequire(import.meta.url);
const fontFile = (weight: string) => require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`);
let fontBytes: { regular: Buffer; bold: Buffer; italic: Buffer } | null = null;
const fonts = () =>
  (fontBytes ??= {
    regular: fs.readFileSync(fontFile('400Regular')),
    bold: fs.readFileSync(fontFile('700Bold')),
    italic: fs.readFileSync(fontFile('400Regular_Italic')),
  });

export const PAGE_A5: [number, number] = [419.53, 595.28];
export const PAGE_A4: [number, number] = [595.28, 841.89];
export const PAGE_A4_LANDSCAPE: [number, number] = [841.89, 595.28];
export const MM = 72 / 25.4;

export type Align = 'left' | 'center' | 'right';

export interface TextOptions {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  align?: Align;
  x?: number;
  width?: number;
  /** Space after the paragraph, in points (default 2). */
  gap?: number;
}

export interface TableColumn {
  title: string;
  /** Relative width: the columns share the text width in proportion. */
  width: number;
  align?: Align;
}

export interface TableOptions {
  /** Font size of the body cells (default 9). */
  size?: number;
  /** Font size of the header row (default: the body size). */
  headerSize?: number;
  /** Draw the header row again at the top of every page the table flows onto (default true). */
  repeatHeader?: boolean;
}

/** A horizontal slice of the text area, for blocks laid out side by side. */
export interface Column {
  x: number;
  width: number;
}

const CELL_PAD = 3;
const CELL_LINE = 1.3;

/** The Be Vietnam Pro font files (regular, bold, italic), e.g. to draw glyph outlines rather than text. */
export function vietnameseFontBytes(): { regular: Buffer; bold: Buffer; italic: Buffer } {
  return fonts();
}

/**
 * Embeds the three Be Vietnam Pro faces (subset) into a pdf-lib document: the writer's own, or one loaded from
 * elsewhere to be drawn on (e.g. a scanned PDF that gets a stamp). Registers fontkit on the document.
 */
export async function embedVietnameseFonts(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont; italic: PDFFont }> {
  doc.registerFontkit(fontkit);
  return {
    regular: await doc.embedFont(fonts().regular, { subset: true }),
    bold: await doc.embedFont(fonts().bold, { subset: true }),
    italic: await doc.embedFont(fonts().italic, { subset: true }),
  };
}

export class DocumentWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly italic: PDFFont,
    private readonly size: [number, number],
    readonly margin = 15 * MM,
  ) {}

  /** A new document with one page; meta.margin is the page margin in points (default 15 mm). */
  static async create(
    size: [number, number] = PAGE_A5,
    meta: { title: string; subject?: string; margin?: number } = { title: 'MotCua' },
  ): Promise<DocumentWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    doc.setTitle(meta.title.normalize('NFC'));
    if (meta.subject) doc.setSubject(meta.subject.normalize('NFC'));
    doc.setProducer('MotCua');
    doc.setLanguage('vi-VN');
    const { regular, bold, italic } = await embedVietnameseFonts(doc);
    const w = new DocumentWriter(doc, regular, bold, italic, size, meta.margin);
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

  /** The cursor: the distance in points from the bottom edge of the current page to the next line's top. */
  get cursor(): number {
    return this.y;
  }

  get pageCount(): number {
    return this.doc.getPageCount();
  }

  /** Starts a new page unless the given height still fits on the current one (keeps a block together). */
  ensureSpace(pt: number): void {
    if (this.y - pt < this.margin) this.newPage();
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
  text(text: string, opts: TextOptions = {}): number {
    const size = opts.size ?? 10;
    const font = this.font(opts);
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

  /** The height text() would use for this text, without drawing it. */
  heightOf(text: string, opts: TextOptions = {}): number {
    const size = opts.size ?? 10;
    const x0 = opts.x ?? this.margin;
    const width = opts.width ?? this.width - (x0 - this.margin);
    return wrap(text.normalize('NFC'), this.font(opts), size, width).length * size * 1.35 + (opts.gap ?? 2);
  }

  /** Width of one line of text in the given font and size. */
  textWidth(text: string, opts: { size?: number; bold?: boolean; italic?: boolean } = {}): number {
    return this.font(opts).widthOfTextAtSize(text.normalize('NFC'), opts.size ?? 10);
  }

  /**
   * Draws blocks side by side from the current line, each in its share of the text width (relative weights); the
   * cursor ends below the tallest block. Blocks must fit on the current page (call ensureSpace first).
   */
  sideBySide(blocks: { weight: number; draw: (col: Column) => void }[], gap = 8): void {
    const total = blocks.reduce((n, b) => n + b.weight, 0);
    const usable = this.width - gap * (blocks.length - 1);
    const top = this.y;
    let bottom = top;
    let x = this.margin;
    for (const b of blocks) {
      const width = (b.weight / total) * usable;
      this.y = top;
      b.draw({ x, width });
      bottom = Math.min(bottom, this.y);
      x += width + gap;
    }
    this.y = bottom;
  }

  /** A horizontal line at the cursor (e.g. the short rule under the national motto), centred in the given slice. */
  rule(opts: { x?: number; width?: number; length?: number; thickness?: number; gap?: number } = {}): void {
    const x0 = opts.x ?? this.margin;
    const width = opts.width ?? this.width - (x0 - this.margin);
    const length = Math.min(opts.length ?? width, width);
    const start = x0 + (width - length) / 2;
    this.page.drawLine({ start: { x: start, y: this.y }, end: { x: start + length, y: this.y }, thickness: opts.thickness ?? 0.5, color: rgb(0, 0, 0) });
    this.y -= opts.gap ?? 4;
  }

  /** Moves the cursor down to below the given top offset (e.g. under the QR code). */
  skipTo(topOffset: number): void {
    this.y = Math.min(this.y, this.size[1] - this.margin - topOffset);
  }

  space(pt: number): void {
    this.y -= pt;
  }

  /**
   * A table with wrapped cells and borders. It flows onto new pages: a row that does not fit moves to the next
   * page (a row taller than a page is split), and the header row is drawn again on each page unless
   * repeatHeader is false. The third argument is the body font size or the options.
   */
  table(columns: TableColumn[], rows: string[][], options: number | TableOptions = 9): void {
    const o: TableOptions = typeof options === 'number' ? { size: options } : options;
    const size = o.size ?? 9;
    const headerSize = o.headerSize ?? size;
    const total = columns.reduce((n, c) => n + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const layout = (cells: string[], font: PDFFont, s: number) => widths.map((w, i) => wrap((cells[i] ?? '').normalize('NFC'), font, s, w - 2 * CELL_PAD));
    const heightOf = (lines: string[][], s: number) => Math.max(1, ...lines.map((l) => l.length)) * s * CELL_LINE + 2 * CELL_PAD;
    const draw = (lines: string[][], font: PDFFont, s: number) => {
      const h = heightOf(lines, s);
      let x = this.margin;
      lines.forEach((cell, i) => {
        this.page.drawRectangle({ x, y: this.y - h, width: widths[i], height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
        cell.forEach((line, j) => {
          const free = widths[i] - 2 * CELL_PAD - font.widthOfTextAtSize(line, s);
          const dx = columns[i].align === 'center' ? free / 2 : columns[i].align === 'right' ? free : 0;
          this.page.drawText(line, { x: x + CELL_PAD + dx, y: this.y - CELL_PAD - s - j * s * CELL_LINE, size: s, font });
        });
        x += widths[i];
      });
      this.y -= h;
    };
    const header = layout(
      columns.map((c) => c.title),
      this.bold,
      headerSize,
    );
    const headerHeight = heightOf(header, headerSize);
    const repeat = o.repeatHeader ?? true;
    const lineHeight = size * CELL_LINE;
    const fresh = () => {
      this.newPage();
      if (repeat) draw(header, this.bold, headerSize);
    };
    if (this.y - headerHeight - lineHeight - 2 * CELL_PAD < this.margin) this.newPage();
    draw(header, this.bold, headerSize);
    // Room for body rows on a fresh page, below the repeated header.
    const pageRoom = this.size[1] - 2 * this.margin - (repeat ? headerHeight : 0);
    if (pageRoom < lineHeight + 2 * CELL_PAD) throw new RangeError('The table header leaves no room for a row on a page');
    for (const row of rows) {
      let lines = layout(row, this.regular, size);
      for (;;) {
        const h = heightOf(lines, size);
        if (this.y - h >= this.margin) {
          draw(lines, this.regular, size);
          break;
        }
        const fit = Math.floor((this.y - this.margin - 2 * CELL_PAD) / lineHeight);
        if (h <= pageRoom || fit < 1) {
          fresh();
          continue;
        }
        draw(
          lines.map((l) => l.slice(0, fit)),
          this.regular,
          size,
        );
        lines = lines.map((l) => l.slice(fit));
        fresh();
      }
    }
    this.y -= 6;
  }

  /** Numbers every page at the bottom centre ("Trang 1/3" by default); call once, after the content. */
  numberPages(label: (page: number, total: number) => string = (p, n) => `Trang ${p}/${n}`, size = 7): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const text = label(i + 1, pages.length).normalize('NFC');
      const w = this.regular.widthOfTextAtSize(text, size);
      page.drawText(text, { x: (this.size[0] - w) / 2, y: this.margin / 2, size, font: this.regular, color: rgb(0, 0, 0) });
    });
  }

  private font(opts: { bold?: boolean; italic?: boolean }): PDFFont {
    return opts.bold ? this.bold : opts.italic ? this.italic : this.regular;
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: false });
  }
}

/**
 * Splits text into lines that fit the width: at spaces, and inside a word only when the word alone is wider than
 * the line (a long code in a narrow cell), preferably after '-', '.', '/' or ','.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (t: string) => font.widthOfTextAtSize(t, size) <= width;
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate) || (!line && fits(word))) line = candidate;
      else {
        if (line) out.push(line);
        const pieces = fits(word) ? [word] : breakWord(word, fits);
        out.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1];
      }
    }
    out.push(line);
  }
  return out;
}

function breakWord(word: string, fits: (t: string) => boolean): string[] {
  const chars = Array.from(word);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start + 1;
    while (end < chars.length && fits(chars.slice(start, end + 1).join(''))) end++;
    if (end < chars.length) {
      // Prefer a break right after a separator within the piece that fits.
      for (let k = end; k > start + 1; k--) {
        if ('-./,'.includes(chars[k - 1])) {
          end = k;
          break;
        }
      }
    }
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}
