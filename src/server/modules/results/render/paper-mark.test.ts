import { describe, expect, it } from 'vitest';
import { conversionTime, markConvertedFromPaper, PAPER_MARK_TITLE } from './paper-mark.ts';
import { jpegOrientation } from './source.ts';
import { pdfInfo, pdfText, pdfWords, renderPage, writeTemp } from './test-pdf.ts';
import { awkwardPdf, pngScan, rotatedJpeg, scanBoxes, threePagePdf } from './test-sources.ts';

const mark = {
  // 14:05 on 5 March 2026 in Vietnam.
  convertedAt: new Date('2026-03-05T07:05:00Z'),
  officialName: 'Nguyễn Thị Hoa',
  agencyName: 'Trung tâm Phục vụ hành chính công xã Phú Riềng',
};

const STAMP = [
  PAPER_MARK_TITLE,
  'Thời điểm chuyển đổi: 14 giờ 05 phút, ngày 05 tháng 3 năm 2026',
  'Người chuyển đổi: Nguyễn Thị Hoa',
  'Cơ quan chuyển đổi: Trung tâm Phục vụ hành chính công xã Phú Riềng',
];

/** The stamp's words lie in the bottom right of the page as the reader sees it. */
function expectStampAtBottomRight(file: string, page: number): void {
  const info = pdfInfo(file, page);
  const quarter = info.rotation === 90 || info.rotation === 270;
  const [width, height] = quarter ? [info.height, info.width] : [info.width, info.height];
  const words = pdfWords(file, page).filter((w) => ['CHUYỂN', 'Hoa', 'Riềng'].includes(w.text) && w.yMin > height * 0.5);
  expect(words.length).toBeGreaterThanOrEqual(3);
  for (const w of words) {
    expect(w.yMax).toBeLessThanOrEqual(height);
    expect(w.yMin).toBeGreaterThan(height - 40 * 2.835);
    expect(w.xMin).toBeGreaterThan(width * 0.3);
    expect(w.xMax).toBeLessThanOrEqual(width);
  }
}

describe('NĐ 137/2024 paper-to-data conversion mark', () => {
  it('words the time in Vietnam time', () => {
    expect(conversionTime(mark.convertedAt)).toBe('14 giờ 05 phút, ngày 05 tháng 3 năm 2026');
    expect(conversionTime(new Date('2026-01-31T17:30:00Z'))).toBe('00 giờ 30 phút, ngày 01 tháng 02 năm 2026');
  });

  it('stamps every page of a 3-page PDF, keeping its text', async () => {
    const file = writeTemp('marked-3.pdf', await markConvertedFromPaper(await threePagePdf(), 'application/pdf', mark));
    expect(pdfInfo(file).pages).toBe(3);
    for (let page = 1; page <= 3; page++) {
      const text = pdfText(file, page);
      for (const s of STAMP) expect(text).toContain(s);
      expect(text).toContain(`GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT – Bản gốc – trang ${page}/3`);
      expectStampAtBottomRight(file, page);
    }
  });

  it('puts the stamp where the reader sees the bottom: after a changed graphics state, on a rotated page, on an offset media box', async () => {
    const file = writeTemp('marked-awkward.pdf', await markConvertedFromPaper(await awkwardPdf(), 'application/pdf', mark));
    expect(pdfInfo(file, 2).rotation).toBe(90);
    for (let page = 1; page <= 3; page++) {
      for (const s of STAMP) expect(pdfText(file, page)).toContain(s);
      expectStampAtBottomRight(file, page);
    }
  });

  it('puts a landscape PNG scan on an A4 landscape page, above the stamp', async () => {
    const file = writeTemp('marked-png.pdf', await markConvertedFromPaper(pngScan(800, 500), 'image/png', mark));
    expect(pdfInfo(file)).toMatchObject({ pages: 1, width: 841.89, height: 595.28 });
    const text = pdfText(file);
    for (const s of STAMP) expect(text).toContain(s);
    expectStampAtBottomRight(file, 1);
    const img = renderPage(file, 1, 30);
    const { scan } = scanBoxes(img);
    // The scan fills most of the width, and ends above the stamp.
    expect(scan.maxX - scan.minX).toBeGreaterThan(img.width * 0.6);
    const stampTop =
      Math.min(
        ...pdfWords(file, 1)
          .filter((w) => w.text === 'BẢN')
          .map((w) => w.yMin),
      ) *
      (30 / 72);
    expect(scan.maxY).toBeLessThan(stampTop);
  });

  it('puts a portrait PNG scan on an A4 portrait page', async () => {
    const file = writeTemp('marked-png-portrait.pdf', await markConvertedFromPaper(pngScan(600, 900), 'image/png', mark));
    expect(pdfInfo(file)).toMatchObject({ pages: 1, width: 595.28, height: 841.89 });
    for (const s of STAMP) expect(pdfText(file)).toContain(s);
  });

  it('turns a JPEG the way its EXIF orientation says', async () => {
    const jpeg = await rotatedJpeg(6);
    expect(jpegOrientation(jpeg)).toBe(6);
    const file = writeTemp('marked-jpeg.pdf', await markConvertedFromPaper(jpeg, 'image/jpeg', mark));
    // Stored 400×300 (landscape), shown turned a quarter clockwise: portrait.
    expect(pdfInfo(file)).toMatchObject({ pages: 1, width: 595.28, height: 841.89 });
    for (const s of STAMP) expect(pdfText(file)).toContain(s);
    const { scan, dark } = scanBoxes(renderPage(file, 1, 30));
    expect((scan.maxY - scan.minY) / (scan.maxX - scan.minX)).toBeCloseTo(4 / 3, 1);
    // The stored top-left square is now at the top right.
    expect(dark.count).toBeGreaterThan(50);
    expect(dark.minX - scan.minX).toBeGreaterThan((scan.maxX - scan.minX) * 0.6);
    expect(dark.maxY - scan.minY).toBeLessThan((scan.maxY - scan.minY) * 0.4);
  });

  it('refuses bytes that are not of the declared type, and an incomplete mark', async () => {
    await expect(markConvertedFromPaper(pngScan(10, 10), 'application/pdf', mark)).rejects.toThrow(/not a application\/pdf/);
    await expect(markConvertedFromPaper(await threePagePdf(), 'image/png', mark)).rejects.toThrow(/not a image\/png/);
    await expect(markConvertedFromPaper(await threePagePdf(), 'application/pdf', { ...mark, officialName: ' ' })).rejects.toThrow(/official/);
    await expect(markConvertedFromPaper(new TextEncoder().encode('%PDF-1.7\nkhông phải PDF'), 'application/pdf', mark)).rejects.toThrow(RangeError);
  });
});
