import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { wrap } from '../pdf/document.ts';

describe('line wrapping used by the forms', () => {
  it('wraps at spaces and keeps short words whole', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const lines = wrap('one two three four five six', font, 10, 60);
    expect(lines.join(' ')).toBe('one two three four five six');
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(60);
  });

  it('breaks a word wider than the line, after a separator where it can', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const code = '000.01.52.H19-260302-0007';
    const lines = wrap(`Ma ${code}`, font, 10, 70);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(70);
    expect(lines.join('').replace('Ma', '')).toBe(code);
    expect(lines.slice(1, -1).every((l) => /[-.]$/.test(l))).toBe(true);
  });

  it('keeps empty paragraphs', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(wrap('a\n\nb', font, 10, 100)).toEqual(['a', '', 'b']);
  });
});
