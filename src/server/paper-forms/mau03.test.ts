import { describe, expect, it } from 'vitest';
import { MAU03_TITLE, renderMau03Pdf, type Mau03Data } from './mau03.ts';
import { base, receptionOfficer } from './test-fixtures.ts';
import { A5, pdfInfo, pdfQrPayload, pdfText, writeTempPdf } from './test-pdf.ts';

const data: Mau03Data = {
  ...base,
  dossier: {
    ...base.dossier,
    code: '000.01.52.H19-260302-0011',
    procedureCode: '2.000635',
    procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    caseName: undefined,
    receivedAt: undefined,
  },
  issue: { ...base.issue, number: '03/PTC' },
  reasons: [
    {
      reason: 'Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã Phú Riềng đối với công trình cấp II',
      legalBasis: 'Khoản 2 Điều 103 Luật Xây dựng năm 2014',
    },
    { reason: 'Bản vẽ thiết kế không có chữ ký của chủ đầu tư' },
  ],
  official: receptionOfficer,
};

describe('Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ', () => {
  it('prints the refusal with its reasons on one A5 page and the QR fields', async () => {
    const file = writeTempPdf('mau03.pdf', await renderMau03Pdf(data));
    const text = pdfText(file);
    for (const s of [
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH',
      'Số: 03/PTC',
      'Mã hồ sơ: 000.01.52.H19-260302-0011',
      'Hồ sơ của: Trần Thị Mai',
      'Nội dung yêu cầu giải quyết: Cấp giấy phép xây dựng nhà ở riêng lẻ',
      'Thời gian nộp hồ sơ: 08 giờ 40 phút, ngày 02/03/2026',
      'từ chối tiếp nhận giải quyết hồ sơ nêu trên của bà với lý do cụ thể như sau:',
      'Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã Phú Riềng đối với công trình cấp II',
      'Căn cứ: Khoản 2 Điều 103 Luật Xây dựng năm 2014',
      'Bản vẽ thiết kế không có chữ ký của chủ đầu tư',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Nguyễn Thị Hoa',
    ])
      expect(text).toContain(s);
    expect(pdfInfo(file)).toEqual({ pages: 1, ...A5 });
    expect(await pdfQrPayload(file)).toMatchObject({
      maHoSo: '000.01.52.H19-260302-0011',
      maTTHC: '2.000635',
      maDinhDanh: '070195012346',
      tenGiayTo: MAU03_TITLE,
      thoiDiem: '2026-03-05T10:15:00+07:00',
      url: 'https://dichvucong.example.vn/tra-cuu?ma=000.01.52.H19-260302-0011',
    });
  });

  it('refuses an empty list of reasons', async () => {
    await expect(renderMau03Pdf({ ...data, reasons: [] })).rejects.toThrow(/must not be empty/);
  });
});
