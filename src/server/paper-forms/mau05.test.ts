import { describe, expect, it } from 'vitest';
import { MAU05_TITLE, renderMau05Pdf, type Mau05Data } from './mau05.ts';
import { base, leader } from './test-fixtures.ts';
import { A5, pdfInfo, pdfQrPayload, pdfText, writeTempPdf } from './test-pdf.ts';

const data: Mau05Data = {
  ...base,
  applicant: { ...base.applicant, name: 'Hoàng Văn Tư', idNumber: '070045045678', honorific: 'Ông' },
  dossier: {
    ...base.dossier,
    code: '000.01.52.H19-260302-0015',
    procedureCode: '1.001776',
    procedureName: 'Thủ tục xét hưởng trợ cấp xã hội hằng tháng',
    caseName: undefined,
  },
  issue: { ...base.issue, number: '08/TB-UBND' },
  initiator: 'applicant',
  requestedAt: new Date('2026-03-04T07:20:00Z'),
  reason: 'Người yêu cầu rút hồ sơ để bổ sung giấy xác nhận khuyết tật theo quy định mới.',
  legalBasis: 'Khoản 3 Điều 19 Nghị định số 118/2025/NĐ-CP',
  decidedBy: leader,
  feesNote: 'Thủ tục không thu phí, lệ phí.',
};

describe('Mẫu 05 — Thông báo dừng giải quyết hồ sơ', () => {
  it("prints the stop at the applicant's request with reason, legal basis and fees", async () => {
    const file = writeTempPdf('mau05.pdf', await renderMau05Pdf(data));
    const text = pdfText(file);
    for (const s of [
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      'Số: 08/TB-UBND',
      'Kính gửi: Ông Hoàng Văn Tư',
      'hồ sơ đề nghị giải quyết thủ tục xét hưởng trợ cấp xã hội hằng tháng của ông',
      'mã hồ sơ 000.01.52.H19-260302-0015, tiếp nhận lúc 09 giờ 05 phút, ngày 02/03/2026.',
      'Theo đề nghị của ông gửi lúc 14 giờ 20 phút, ngày 04/03/2026, Trung tâm Phục vụ hành chính công xã Phú Riềng thông báo dừng giải quyết hồ sơ nêu trên.',
      'Lý do: Người yêu cầu rút hồ sơ để bổ sung giấy xác nhận khuyết tật theo quy định mới.',
      'Căn cứ pháp lý: Khoản 3 Điều 19 Nghị định số 118/2025/NĐ-CP',
      'Phí, lệ phí đã nộp: Thủ tục không thu phí, lệ phí.',
      'KT. CHỦ TỊCH',
      'Lê Văn Đức',
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/thủ tục thủ tục/i);
    expect(pdfInfo(file)).toEqual({ pages: 1, ...A5 });
    expect(await pdfQrPayload(file)).toMatchObject({
      maHoSo: '000.01.52.H19-260302-0015',
      maTTHC: '1.001776',
      maDinhDanh: '070045045678',
      tenGiayTo: MAU05_TITLE,
      thoiDiem: '2026-03-05T10:15:00+07:00',
    });
  });

  it("by the agency's decision, without the optional parts", async () => {
    const file = writeTempPdf(
      'mau05-quyet-dinh.pdf',
      await renderMau05Pdf({ ...data, initiator: 'agency', requestedAt: undefined, legalBasis: undefined, feesNote: undefined }),
    );
    const text = pdfText(file);
    expect(text).toContain('Theo quyết định của người có thẩm quyền, Trung tâm Phục vụ hành chính công xã Phú Riềng thông báo dừng giải quyết hồ sơ nêu trên.');
    expect(text).not.toContain('Căn cứ pháp lý');
    expect(text).not.toContain('Phí, lệ phí đã nộp');
  });
});
