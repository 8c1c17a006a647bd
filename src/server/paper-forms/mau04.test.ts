import { describe, expect, it } from 'vitest';
import { MAU04_TITLE, renderMau04Pdf, type Mau04Data } from './mau04.ts';
import { agency, base, leader } from './test-fixtures.ts';
import { A5, pdfInfo, pdfQrPayload, pdfText, writeTempPdf } from './test-pdf.ts';

const data: Mau04Data = {
  ...base,
  agency: { ...agency, name: 'Ủy ban nhân dân xã Phú Riềng', parentName: 'Ủy ban nhân dân tỉnh Đồng Nai', code: '000.00.52.H19' },
  dossier: { ...base.dossier, receivedAt: new Date('2026-03-02T02:05:00Z') },
  issue: { ...base.issue, number: '27/UBND-VP' },
  originalDueAt: new Date('2026-03-05T10:30:00Z'),
  reason: 'Cần xác minh thông tin về nơi cư trú của người mẹ với Công an xã Xuân Thành.',
  newDueAt: new Date('2026-03-09T09:00:00Z'),
  signer: leader,
};

describe('Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', () => {
  it('apologises, gives the reason and the new appointment, signed by the leader', async () => {
    const file = writeTempPdf('mau04.pdf', await renderMau04Pdf(data));
    const text = pdfText(file);
    for (const s of [
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      'ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI',
      'Số: 27/UBND-VP',
      'Kính gửi: Bà Trần Thị Mai',
      'Lúc 09 giờ 05 phút, ngày 02/03/2026, Ủy ban nhân dân xã Phú Riềng tiếp nhận hồ sơ đề nghị giải quyết thủ tục Đăng ký khai sinh (Đăng ký khai sinh đúng hạn) của bà. Mã hồ sơ: 000.01.52.H19-260302-0007.',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 30 phút, ngày 05/03/2026.',
      'Lý do: Cần xác minh thông tin về nơi cư trú của người mẹ với Công an xã Xuân Thành.',
      'trân trọng xin lỗi bà',
      '16 giờ 00 phút, ngày 09/03/2026',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Lê Văn Đức',
      'Nơi nhận:',
      '- Như trên',
      'Lưu: VT',
    ])
      expect(text).toContain(s);
    expect(pdfInfo(file)).toEqual({ pages: 1, ...A5 });
    expect(await pdfQrPayload(file)).toMatchObject({
      maHoSo: '000.01.52.H19-260302-0007',
      maTTHC: '1.001193',
      maDinhDanh: '070195012346',
      tenGiayTo: MAU04_TITLE,
      thoiDiem: '2026-03-05T10:15:00+07:00',
      ngayHenTra: '2026-03-09T16:00:00+07:00',
    });
  });

  it('addresses an organisation by its name', async () => {
    const file = writeTempPdf(
      'mau04-to-chuc.pdf',
      await renderMau04Pdf({
        ...data,
        applicant: { name: 'Công ty TNHH Cao su Phú Riềng', idNumber: '3800100125', honorific: '' },
        recipients: ['Như trên', 'Chủ tịch UBND xã (để b/c)', 'Lưu: VT, TTPVHCC'],
      }),
    );
    const text = pdfText(file);
    expect(text).toContain('Kính gửi: Công ty TNHH Cao su Phú Riềng');
    expect(text).toContain('trân trọng xin lỗi quý cơ quan, tổ chức');
    expect(text).toContain('Chủ tịch UBND xã (để b/c)');
    expect((await pdfQrPayload(file)).maDinhDanh).toBe('3800100125');
  });
});
