import { describe, expect, it } from 'vitest';
import { renderCertifiedCopy } from './certified-copy.ts';
import { SPECIMEN_WATERMARK } from './layout.ts';
import { certifiedCopy, PUBLIC_URL } from './test-fixtures.ts';
import { pdfInfo, pdfQrPayload, pdfText, pdfWords, renderPage, writeTemp } from './test-pdf.ts';
import { awkwardPdf, rotatedJpeg, scanBoxes, threePagePdf } from './test-sources.ts';
import type { CertifiedCopyData } from './types.ts';

const data: CertifiedCopyData = { ...certifiedCopy, pages: 3 };

describe('chứng thực bản sao điện tử từ bản chính', () => {
  it('copies the original’s pages under the QR band and adds the certifier’s statement', async () => {
    const file = writeTemp('ban-sao-dien-tu.pdf', await renderCertifiedCopy({ bytes: await threePagePdf(), mime: 'application/pdf' }, data));
    expect(pdfInfo(file)).toMatchObject({ pages: 4, width: 595.28, height: 841.89 });
    for (let page = 1; page <= 3; page++) expect(pdfText(file, page)).toContain(`GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT – Bản gốc – trang ${page}/3`);
    const first = pdfText(file, 1);
    for (const s of [
      'ỦY BAN NHÂN DÂN XÃ PHÚ RIỀNG',
      'BẢN SAO ĐIỆN TỬ ĐƯỢC CHỨNG THỰC TỪ BẢN CHÍNH',
      'Bản sao của: Giấy chứng nhận quyền sử dụng đất số BV 123456',
      'Số chứng thực 87, quyển số 01/2026-SCT/BS. Gồm 03 trang và lời chứng.',
    ])
      expect(first).toContain(s);
    expect(pdfText(file, 2)).toContain('BẢN SAO ĐIỆN TỬ ĐƯỢC CHỨNG THỰC TỪ BẢN CHÍNH – Số chứng thực 87, quyển số 01/2026-SCT/BS – trang 2/3');
    const last = pdfText(file, 4);
    for (const s of [
      'Lời chứng kèm theo bản sao điện tử được chứng thực từ bản chính',
      'Giấy tờ, văn bản được chứng thực: Giấy chứng nhận quyền sử dụng đất số BV 123456',
      'Người yêu cầu chứng thực: Hoàng Văn Tư',
      'LỜI CHỨNG CỦA NGƯỜI THỰC HIỆN CHỨNG THỰC',
      'Chứng thực bản sao đúng với bản chính.',
      'Số chứng thực 87, quyển số 01/2026-SCT/BS',
      'Bản sao gồm 03 trang.',
      'Phú Riềng, ngày 05 tháng 3 năm 2026',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Thị Thu Hằng',
      'Người thực hiện chứng thực',
      `Tra cứu, xác thực tại: ${PUBLIC_URL}/verify/kq-93ad11f0`,
      'Trang 4/4',
    ])
      expect(last).toContain(s);
    // The original's first line sits below the QR band, not under the code.
    const top = pdfWords(file, 1).find((w) => w.text === 'GIẤY' && w.yMin > 100);
    expect(top?.yMin).toBeGreaterThan(20 * 2.835 + 30 * 2.835);
    expect(pdfQrPayload(file)).toEqual({
      maHoSo: '000.00.52.H19-260305-0031',
      maTTHC: '2.002233',
      maDinhDanh: '070045045678',
      tenGiayTo: 'BẢN SAO ĐIỆN TỬ ĐƯỢC CHỨNG THỰC TỪ BẢN CHÍNH',
      heThong: 'MotCua – Hệ thống thông tin giải quyết TTHC',
      thoiDiem: '2026-03-05T10:15:00+07:00',
      hieuLuc: 'Không thời hạn',
      url: `${PUBLIC_URL}/verify/kq-93ad11f0`,
    });
  });

  it('shows a rotated page of the original the right way up', async () => {
    const file = writeTemp('ban-sao-xoay.pdf', await renderCertifiedCopy({ bytes: await awkwardPdf(), mime: 'application/pdf' }, data));
    expect(pdfInfo(file).pages).toBe(4);
    // Page 2 of the original is shown rotated 90°: its heading now reads top to bottom along the right edge.
    const heading = pdfWords(file, 2).find((w) => w.text === 'GIẤY' && w.yMin > 60);
    expect(heading).toBeDefined();
    expect(heading!.yMax - heading!.yMin).toBeGreaterThan(heading!.xMax - heading!.xMin);
    expect(pdfText(file, 3)).toContain('trang 3/3');
  });

  it('places a scanned image the right way up, with a specimen watermark when asked', async () => {
    const file = writeTemp(
      'ban-sao-anh.pdf',
      await renderCertifiedCopy({ bytes: await rotatedJpeg(6), mime: 'image/jpeg' }, { ...data, pages: 1, specimen: true }),
    );
    expect(pdfInfo(file).pages).toBe(2);
    expect(pdfText(file, 1)).toContain(`MẪU (${SPECIMEN_WATERMARK})`);
    expect(pdfText(file, 2)).toContain('Bản sao gồm 01 trang.');
    // The diagonal watermark crosses the statement page too.
    const statement = renderPage(file, 2, 30);
    let red = 0;
    for (let i = 0; i < statement.data.length; i += 4)
      if (statement.data[i] - statement.data[i + 1] > 25 && statement.data[i] - statement.data[i + 2] > 25) red++;
    expect(red).toBeGreaterThan(300);
    const { scan, dark } = scanBoxes(renderPage(file, 1, 30));
    expect((scan.maxY - scan.minY) / (scan.maxX - scan.minX)).toBeCloseTo(4 / 3, 1);
    expect(dark.minX - scan.minX).toBeGreaterThan((scan.maxX - scan.minX) * 0.6);
    expect(pdfQrPayload(file).maTTHC).toBe('2.002233');
  });

  it('refuses a page count that differs from the original', async () => {
    await expect(renderCertifiedCopy({ bytes: await threePagePdf(), mime: 'application/pdf' }, { ...data, pages: 2 })).rejects.toThrow(
      /3 page\(s\) but the certification states 2/,
    );
    await expect(renderCertifiedCopy({ bytes: await threePagePdf(), mime: 'application/pdf' }, { ...data, pages: 0 })).rejects.toThrow(RangeError);
  });
});

describe('countSourcePages', () => {
  it('counts a PDF’s pages and an image as one page', async () => {
    const { countSourcePages } = await import('./source.ts');
    expect(await countSourcePages({ bytes: await threePagePdf(), mime: 'application/pdf' })).toBe(3);
    expect(await countSourcePages({ bytes: await rotatedJpeg(1), mime: 'image/jpeg' })).toBe(1);
  });
});
