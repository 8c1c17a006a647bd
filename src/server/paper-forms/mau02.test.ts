import { describe, expect, it } from 'vitest';
import { MAU02_TITLE, renderMau02Pdf, type Mau02Data } from './mau02.ts';
import { agency, base, PUBLIC_URL, receptionOfficer } from './test-fixtures.ts';
import { pdfInfo, pdfQrPayload, pdfText, writeTempPdf } from './test-pdf.ts';

const data: Mau02Data = {
  ...base,
  stage: 'reception',
  items: [
    {
      content: 'Bản sao Giấy chứng nhận kết hôn của cha, mẹ trẻ',
      reason: 'Tờ khai ghi cha, mẹ đã đăng ký kết hôn nhưng hồ sơ chưa có giấy tờ chứng minh',
      legalBasis: 'Khoản 1 Điều 16 Luật Hộ tịch năm 2014',
    },
    { content: 'Giấy chứng sinh (bản chính)', reason: 'Bản chụp tải lên bị mờ, không đọc được họ tên người mẹ' },
  ],
  note: 'Các giấy tờ khác trong hồ sơ đã hợp lệ.',
  supplementDueAt: new Date('2026-03-10T10:00:00Z'),
  official: receptionOfficer,
};

describe('Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', () => {
  it('prints the request at reception on one A5 page with the QR fields', async () => {
    const file = writeTempPdf('mau02.pdf', await renderMau02Pdf(data));
    const text = pdfText(file);
    for (const s of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'ỦY BAN NHÂN DÂN XÃ PHÚ RIỀNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/PYCBS',
      'Phú Riềng, ngày 05 tháng 3 năm 2026',
      'Mã hồ sơ: 000.01.52.H19-260302-0007',
      'Hồ sơ của: Trần Thị Mai; số định danh cá nhân: 070195012346',
      'Địa chỉ: Thôn Phú Thịnh, xã Phú Riềng, tỉnh Đồng Nai',
      'Điện thoại: 0912 345 678',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (Đăng ký khai sinh đúng hạn)',
      'Thời gian nộp hồ sơ: 08 giờ 40 phút, ngày 02/03/2026',
      'Sau khi kiểm tra, hồ sơ nêu trên chưa đầy đủ, hợp lệ.',
      'Bản sao Giấy chứng nhận kết hôn của cha, mẹ trẻ',
      'Lý do: Tờ khai ghi cha, mẹ đã đăng ký kết hôn nhưng hồ sơ chưa có giấy tờ chứng minh',
      'Căn cứ: Khoản 1 Điều 16 Luật Hộ tịch năm 2014',
      'Lý do: Bản chụp tải lên bị mờ, không đọc được họ tên người mẹ',
      'Ghi chú: Các giấy tờ khác trong hồ sơ đã hợp lệ.',
      'Thời hạn bổ sung, hoàn thiện hồ sơ: trước 17 giờ 00 phút, ngày 10/03/2026.',
      'điện thoại: 0271 3000 252',
      'NGƯỜI HƯỚNG DẪN',
      'Nguyễn Thị Hoa',
      'Công chức tiếp nhận hồ sơ',
    ])
      expect(text).toContain(s);
    // at reception nothing is received yet, so no pause
    expect(text).not.toContain('tạm dừng');
    expect(text).not.toContain('Thời gian tiếp nhận hồ sơ');
    const info = pdfInfo(file);
    expect(info).toMatchObject({ pages: 1 });
    expect(info.width).toBeCloseTo(419.53, 1);
    expect(info.height).toBeCloseTo(595.28, 1);
    expect(await pdfQrPayload(file)).toEqual({
      maHoSo: '000.01.52.H19-260302-0007',
      maTTHC: '1.001193',
      maDinhDanh: '070195012346',
      tenGiayTo: MAU02_TITLE,
      heThong: 'MotCua – Hệ thống thông tin giải quyết TTHC',
      thoiDiem: '2026-03-05T10:15:00+07:00',
      url: `${PUBLIC_URL}/tra-cuu?ma=000.01.52.H19-260302-0007`,
    });
  });

  it('during processing names the handling agency and says the clock is paused', async () => {
    const file = writeTempPdf(
      'mau02-xu-ly.pdf',
      await renderMau02Pdf({
        ...data,
        stage: 'processing',
        processingAgencyName: 'Phòng Văn hóa - Xã hội xã Phú Riềng',
        official: { name: 'Phạm Văn Sơn', title: 'Công chức Tư pháp - Hộ tịch' },
        contact: { ...agency, phone: '0271 3000 253' },
        supplementDueAt: undefined,
        issue: { ...base.issue, systemName: 'Hệ thống thông tin giải quyết TTHC tỉnh Đồng Nai' },
      }),
    );
    const text = pdfText(file);
    expect(text).toContain('Thời gian tiếp nhận hồ sơ: 09 giờ 05 phút, ngày 02/03/2026');
    expect(text).toContain('Trong quá trình giải quyết hồ sơ nêu trên, Phòng Văn hóa - Xã hội xã Phú Riềng đề nghị bà bổ sung, hoàn thiện hồ sơ');
    expect(text).toContain(
      'Thời gian giải quyết hồ sơ được tạm dừng kể từ 10 giờ 15 phút, ngày 05/03/2026 cho đến khi nhận được đủ hồ sơ bổ sung, hoàn thiện của bà.',
    );
    expect(text).toContain('NGƯỜI XỬ LÝ HỒ SƠ');
    expect(text).toContain('Phạm Văn Sơn');
    expect(text).toContain('điện thoại: 0271 3000 253');
    expect(text).not.toContain('Thời hạn bổ sung');
    const qr = await pdfQrPayload(file);
    expect(qr.heThong).toBe('Hệ thống thông tin giải quyết TTHC tỉnh Đồng Nai');
    expect(qr.thoiDiem).toBe('2026-03-05T10:15:00+07:00');
  });

  it('refuses an empty list of items', async () => {
    await expect(renderMau02Pdf({ ...data, items: [] })).rejects.toThrow(/must not be empty/);
  });
});
