import { describe, expect, it } from 'vitest';
import { MAU06_TITLE, renderMau06Pdf, type HandoverRow, type Mau06Data } from './mau06.ts';
import { base } from './test-fixtures.ts';
import { A5, pdfInfo, pdfQrPayload, pdfText, writeTempPdf } from './test-pdf.ts';

const at = (iso: string) => new Date(iso);

const rows: HandoverRow[] = [
  {
    fromUnit: 'Bộ phận Một cửa – Trung tâm Phục vụ hành chính công xã Phú Riềng',
    toUnit: 'Phòng Văn hóa - Xã hội',
    handedOverAt: at('2026-03-02T02:10:00Z'),
    receivedAt: at('2026-03-02T02:30:00Z'),
    handedOverBy: 'Nguyễn Thị Hoa',
    receivedBy: 'Phạm Văn Sơn',
    result: 'before',
    stepName: 'Tiếp nhận, chuyển hồ sơ',
    dueAt: at('2026-03-02T04:05:00Z'),
  },
  {
    fromUnit: 'Phòng Văn hóa - Xã hội',
    toUnit: 'Lãnh đạo UBND xã Phú Riềng',
    handedOverAt: at('2026-03-03T08:00:00Z'),
    receivedAt: at('2026-03-03T08:15:00Z'),
    handedOverBy: 'Phạm Văn Sơn',
    receivedBy: 'Lê Văn Đức',
    result: 'overdue',
    stepName: 'Thẩm định hồ sơ',
    dueAt: at('2026-03-03T04:00:00Z'),
    notes: ['Chậm do phải xác minh nơi cư trú của người mẹ'],
  },
  {
    fromUnit: 'Lãnh đạo UBND xã Phú Riềng',
    toUnit: 'Bộ phận Một cửa – Trung tâm Phục vụ hành chính công xã Phú Riềng',
    handedOverAt: at('2026-03-04T02:00:00Z'),
    handedOverBy: 'Lê Văn Đức',
    result: 'in_progress',
    stepName: 'Ký duyệt, trả kết quả',
  },
];

const data: Mau06Data = {
  ...base,
  dossier: { ...base.dossier, receivedAt: at('2026-03-02T02:05:00Z') },
  issue: { ...base.issue, number: undefined },
  dueAt: at('2026-03-05T10:30:00Z'),
  rows,
};

describe('Mẫu 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ', () => {
  it('prints one row per handover with times, people, result and notes', async () => {
    const file = writeTempPdf('mau06.pdf', await renderMau06Pdf(data));
    const text = pdfText(file);
    for (const s of [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mã hồ sơ: 000.01.52.H19-260302-0007',
      'Người nộp hồ sơ: Trần Thị Mai',
      'Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 02/03/2026',
      'Thời gian hẹn trả kết quả: 17 giờ 30 phút, ngày 05/03/2026',
      'TÊN CƠ QUAN, ĐƠN VỊ',
      'THỜI GIAN GIAO, NHẬN HỒ SƠ',
      'NGƯỜI GIAO',
      'NGƯỜI NHẬN',
      'KẾT QUẢ GIẢI QUYẾT HỒ SƠ',
      'GHI CHÚ',
      'Phòng Văn hóa - Xã hội',
      '1. Giao: 09:10 ngày 02/03/2026 2. Nhận: 09:30 ngày 02/03/2026',
      'Hạn: 11:00 ngày 03/03/2026',
      'Phạm Văn Sơn',
      'Trước hạn',
      'Quá hạn',
      'Đang xử lý',
      'chưa nhận',
      'Thẩm định hồ sơ',
      'Chậm do phải xác minh nơi cư trú của người mẹ',
    ])
      expect(text).toContain(s);
    // the control sheet has no document number
    expect(text).not.toContain('Số:');
    expect(pdfInfo(file)).toEqual({ pages: 1, ...A5 });
    expect(await pdfQrPayload(file)).toMatchObject({
      maHoSo: '000.01.52.H19-260302-0007',
      maTTHC: '1.001193',
      maDinhDanh: '070195012346',
      tenGiayTo: MAU06_TITLE,
      thoiDiem: '2026-03-05T10:15:00+07:00',
    });
  });

  it('flows a long history onto several pages, header repeated and pages numbered', async () => {
    const many: HandoverRow[] = Array.from({ length: 40 }, (_, i) => ({
      ...rows[i % 2],
      handedOverAt: new Date(at('2026-03-02T02:10:00Z').getTime() + i * 3_600_000),
      receivedAt: new Date(at('2026-03-02T02:30:00Z').getTime() + i * 3_600_000),
      stepName: `Bước xử lý số ${i + 1}`,
    }));
    many.push({ ...rows[2], notes: ['Dòng cuối cùng: chờ ký số'] });
    const file = writeTempPdf('mau06-dai.pdf', await renderMau06Pdf({ ...data, rows: many }));
    const info = pdfInfo(file);
    expect(info.pages).toBeGreaterThan(2);
    expect(info.width).toBeCloseTo(A5.width, 1);
    const last = pdfText(file, info.pages);
    expect(last).toContain('Dòng cuối cùng: chờ ký số');
    expect(last).toContain('THỜI GIAN GIAO, NHẬN HỒ SƠ');
    expect(last).toContain(`Trang ${info.pages}/${info.pages}`);
    const all = pdfText(file);
    for (let i = 1; i <= 40; i++) expect(all).toContain(`Bước xử lý số ${i} `);
  });

  it('splits a row taller than a page over pages', async () => {
    const notes = Array.from({ length: 120 }, (_, i) => `Ghi chú dòng ${i + 1}`);
    const file = writeTempPdf('mau06-cao.pdf', await renderMau06Pdf({ ...data, rows: [{ ...rows[1], notes }, rows[2]] }));
    const info = pdfInfo(file);
    expect(info.pages).toBeGreaterThan(1);
    const all = pdfText(file);
    for (const n of notes) expect(all).toContain(`${n} `);
    for (let p = 1; p <= info.pages; p++) expect(pdfText(file, p)).toContain('THỜI GIAN GIAO, NHẬN HỒ SƠ');
    expect(pdfText(file, info.pages)).toContain('Ký duyệt, trả kết quả');
  });

  it('prints an empty sheet for a dossier not handed over yet', async () => {
    const file = writeTempPdf('mau06-trong.pdf', await renderMau06Pdf({ ...data, rows: [] }));
    expect(pdfText(file)).toContain('TÊN CƠ QUAN, ĐƠN VỊ');
  });
});
