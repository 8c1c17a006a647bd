import { describe, expect, it } from 'vitest';
import { MAU01_TITLE, renderMau01Pdf, type Mau01Data } from './mau01.ts';
import { agency, applicant, base, PUBLIC_URL } from './test-fixtures.ts';
import { A5, pdfInfo, pdfQrPayload, pdfText, writeTempPdf } from './test-pdf.ts';

const data: Mau01Data = {
  agency,
  applicant,
  dossier: { ...base.dossier, receivedAt: new Date('2026-03-02T02:05:00Z') },
  dueAt: new Date('2026-03-02T10:30:00Z'),
  documents: [
    { name: 'Tờ khai đăng ký khai sinh (điền trực tuyến)', originals: 1, copies: 0, submitted: true },
    { name: 'Giấy chứng sinh', originals: 1, copies: 0, submitted: true },
    { name: 'Văn bản ủy quyền (nếu làm thay)', originals: 1, copies: 0, submitted: false },
  ],
  timeLimit: 'trong ngày',
  resultDelivery: 'counter',
  feeTotal: 8000,
  issue: { publicUrl: PUBLIC_URL },
};

describe('Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (pure renderer)', () => {
  it('prints the receipt from plain data, with the appointment in the QR', async () => {
    const file = writeTempPdf('mau01.pdf', await renderMau01Pdf(data));
    const text = pdfText(file);
    for (const s of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ RIỀNG',
      'Mã hồ sơ: 000.01.52.H19-260302-0007',
      'Trung tâm Phục vụ hành chính công xã Phú Riềng tiếp nhận hồ sơ của: Trần Thị Mai',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (Đăng ký khai sinh đúng hạn)',
      'Giấy chứng sinh',
      'Có (điện tử)',
      '3. Thời gian giải quyết hồ sơ theo quy định: trong ngày',
      '4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 02/03/2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 30 phút, ngày 02/03/2026',
      '6. Nhận kết quả: tại Trung tâm Phục vụ hành chính công xã Phú Riềng',
      '7. Phí, lệ phí: 8.000 đồng',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
    ])
      expect(text).toContain(s);
    expect(pdfInfo(file)).toEqual({ pages: 1, ...A5 });
    expect(await pdfQrPayload(file)).toEqual({
      maHoSo: '000.01.52.H19-260302-0007',
      maTTHC: '1.001193',
      maDinhDanh: '070195012346',
      tenGiayTo: MAU01_TITLE,
      heThong: 'MotCua – Hệ thống thông tin giải quyết TTHC',
      thoiDiem: '2026-03-02T09:05:00+07:00',
      ngayHenTra: '2026-03-02T17:30:00+07:00',
      url: `${PUBLIC_URL}/tra-cuu?ma=000.01.52.H19-260302-0007`,
    });
  });

  it('says how the result is returned and when it is free', async () => {
    const text = pdfText(writeTempPdf('mau01-bc.pdf', await renderMau01Pdf({ ...data, resultDelivery: 'post', feeTotal: 0 })));
    expect(text).toContain('6. Nhận kết quả: qua dịch vụ bưu chính công ích');
    expect(text).toContain('7. Phí, lệ phí: Miễn phí');
  });
});
