import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition } from '../../../../core/catalogue/schema.ts';
import { DEFAULT_SYSTEM_NAME } from '../../../paper-forms/qr.ts';
import { SPECIMEN_LABEL, SPECIMEN_WATERMARK } from './layout.ts';
import { birth, certifiedCopy, issuedAt, maritalStatus, PUBLIC_URL, residence } from './test-fixtures.ts';
import { pdfInfo, pdfQrPayload, pdfText, renderPage, writeTemp } from './test-pdf.ts';
import { renderResultPdf, resolveTemplate, templateKeyFor } from './templates.ts';
import { ResultIncompleteError } from './completeness.ts';
import type { ResultData } from './types.ts';
import { DOTS, formLabels } from './values.ts';

const A4 = { width: 595.28, height: 841.89 };
const NEVER = ['undefined', 'null', 'NaN', '[object'];

async function render(name: string, data: ResultData): Promise<{ file: string; text: string }> {
  const file = writeTemp(`${name}.pdf`, await renderResultPdf(data));
  const text = pdfText(file);
  for (const bad of NEVER) expect(text, `${name} prints "${bad}"`).not.toContain(bad);
  return { file, text };
}

function expectAll(text: string, parts: string[]): void {
  for (const p of parts) expect(text).toContain(p);
}

/** Reddish pixels (the specimen watermark's colour) in the middle third of page 1. */
function redPixelsInMiddle(file: string): number {
  const { width, height, data } = renderPage(file, 1, 40);
  let n = 0;
  for (let y = Math.floor(height / 3); y < (2 * height) / 3; y++)
    for (let x = Math.floor(width / 4); x < (3 * width) / 4; x++) {
      const i = (y * width + x) * 4;
      if (data[i] - data[i + 1] > 25 && data[i] - data[i + 2] > 25) n++;
    }
  return n;
}

describe('giay-khai-sinh — Trích lục khai sinh', () => {
  it('prints the child, the parents and the registration, with the QR at the top left', async () => {
    const { file, text } = await render('trich-luc-khai-sinh', birth);
    expectAll(text, [
      'TỈNH ĐỒNG NAI',
      'ỦY BAN NHÂN DÂN XÃ PHÚ RIỀNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 125/TLKS-BS',
      'Phú Riềng, ngày 05 tháng 3 năm 2026',
      'TRÍCH LỤC KHAI SINH',
      'Họ, chữ đệm, tên: NGUYỄN MINH KHANG',
      'Ngày, tháng, năm sinh: 20/02/2026; ghi bằng chữ: Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu',
      'Giới tính: Nam',
      'Dân tộc: Kinh',
      'Quốc tịch: Việt Nam',
      'Nơi sinh: Trung tâm Y tế khu vực Phú Riềng, tỉnh Đồng Nai',
      'Quê quán: Xã Phú Riềng, tỉnh Đồng Nai',
      'Số định danh cá nhân: 075226000125',
      'Họ, chữ đệm, tên người mẹ: TRẦN THỊ MAI',
      'Năm sinh: 1995',
      'Nơi cư trú: Thôn Phú Thịnh, Xã Phú Riềng, Tỉnh Đồng Nai',
      'Số định danh cá nhân: 070195012346',
      'Họ, chữ đệm, tên người cha: NGUYỄN VĂN HÙNG',
      'Năm sinh: 1990',
      'Nơi đăng ký khai sinh: Ủy ban nhân dân xã Phú Riềng',
      'Ngày, tháng, năm đăng ký: 05/03/2026',
      'Số: 125, Quyển số: 01/2026',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Võ Minh Tâm',
      `Tra cứu, xác thực tại: ${PUBLIC_URL}/verify/kq-7f3a9c2e`,
    ]);
    // Every fact the dossier holds, the parents' ethnicity and nationality included (issue 18): no dotted blank.
    expect(text).toContain('Năm sinh: 1995 Dân tộc: Kinh Quốc tịch: Việt Nam');
    expect(text).toContain('Năm sinh: 1990 Dân tộc: Tày Quốc tịch: Việt Nam');
    expect(text).not.toContain(DOTS);
    expect(text).not.toContain(SPECIMEN_WATERMARK);
    expect(pdfInfo(file)).toMatchObject({ pages: 1, ...A4 });
    const qr = pdfQrPayload(file);
    expect(qr).toEqual({
      maHoSo: '000.00.52.H19-260305-0012',
      maTTHC: '1.001193',
      maDinhDanh: '075226000125',
      tenGiayTo: 'TRÍCH LỤC KHAI SINH',
      heThong: DEFAULT_SYSTEM_NAME,
      thoiDiem: '2026-03-05T10:15:00+07:00',
      hieuLuc: 'Không thời hạn',
      url: `${PUBLIC_URL}/verify/kq-7f3a9c2e`,
    });
  });

  it('leaves the father’s section empty when he is not known, and leaves out the quê quán not declared', async () => {
    const values = {
      ...birth.values,
      coThongTinCha: false,
      hoTenCha: undefined,
      soDinhDanhCha: undefined,
      ngaySinhCha: undefined,
      noiCuTruCha: undefined,
      queQuanTre: undefined,
    };
    const { text } = await render('khai-sinh-khong-cha', { ...birth, values });
    expect(text).toContain('Họ, chữ đệm, tên người cha: Năm sinh: Dân tộc: Quốc tịch: Nơi cư trú:');
    expect(text).not.toContain('NGUYỄN VĂN HÙNG');
    expect(text).not.toContain('Quê quán');
    expect(text).not.toContain(DOTS);
  });

  it('refuses to issue with blanks, naming each fact the dossier lacks', async () => {
    const { quocTichMe: _m, danTocCha: _d, ...values } = birth.values;
    const missing = await renderResultPdf({ ...birth, values }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ResultIncompleteError);
    expect((missing as ResultIncompleteError).blanks).toEqual(['Người mẹ – Quốc tịch', 'Người cha – Dân tộc']);
    const empty = (await renderResultPdf({ ...birth, values: {} }).catch((e: unknown) => e)) as ResultIncompleteError;
    expect(empty.blanks).toEqual(
      expect.arrayContaining(['Người được đăng ký khai sinh – Họ, chữ đệm, tên', 'Người được đăng ký khai sinh – Ngày, tháng, năm sinh']),
    );
    const unregistered = (await renderResultPdf({ ...birth, register: undefined }).catch((e: unknown) => e)) as ResultIncompleteError;
    expect(unregistered.blanks).toEqual(['Thông tin đăng ký khai sinh – Số', 'Thông tin đăng ký khai sinh – Quyển số']);
  });

  it('prints the specimen watermark and "MẪU" in the title block only when asked', async () => {
    const normal = await render('khai-sinh-thuong', birth);
    const specimen = await render('khai-sinh-mau', { ...birth, specimen: true });
    expect(specimen.text).toContain(`TRÍCH LỤC KHAI SINH ${SPECIMEN_LABEL} (${SPECIMEN_WATERMARK})`);
    expect(normal.text).not.toMatch(/\bMẪU\b/);
    // The diagonal watermark is drawn as red outlines across the middle of the page (not as text).
    expect(redPixelsInMiddle(specimen.file)).toBeGreaterThan(300);
    expect(redPixelsInMiddle(normal.file)).toBe(0);
    // The specimen stays readable: body text and QR are intact.
    expect(specimen.text).toContain('Họ, chữ đệm, tên: NGUYỄN MINH KHANG');
    expect(pdfQrPayload(specimen.file).maHoSo).toBe(birth.dossier.code);
  });
});

describe('xac-nhan-tinh-trang-hon-nhan — Giấy xác nhận tình trạng hôn nhân', () => {
  it('is found by its result code, valid 6 months, for the declared purpose', async () => {
    expect(resolveTemplate(maritalStatus).key).toBe('xac-nhan-tinh-trang-hon-nhan');
    const { file, text } = await render('xac-nhan-hon-nhan', maritalStatus);
    expectAll(text, [
      'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
      'Số: 48/XNTTHN',
      'Xét đề nghị của ông/bà Lê Quang Vinh về việc xác nhận tình trạng hôn nhân cho ông/bà Lê Quang Vinh,',
      'ỦY BAN NHÂN DÂN XÃ PHÚ RIỀNG XÁC NHẬN:',
      'Họ, chữ đệm, tên: LÊ QUANG VINH',
      'Ngày, tháng, năm sinh: 18/04/1996',
      'Giới tính: Nam',
      'Số định danh cá nhân: 070096023456',
      'Nơi cư trú: Ấp Phú Lợi, Xã Phú Riềng, Tỉnh Đồng Nai',
      'Tình trạng hôn nhân: Chưa kết hôn với ai',
      'Giấy này được cấp để: Đăng ký kết hôn với bà Phạm Thu Hà tại Ủy ban nhân dân xã Phú Riềng',
      'Giấy này có giá trị sử dụng trong thời hạn 06 tháng kể từ ngày cấp, từ ngày 05/03/2026 đến hết ngày 05/09/2026.',
      'Võ Minh Tâm',
    ]);
    expect(pdfQrPayload(file)).toMatchObject({
      maTTHC: '1.004873',
      maDinhDanh: '070096023456',
      tenGiayTo: 'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
      hieuLuc: 'Từ 05/03/2026 đến 05/09/2026',
      phamVi: 'Đăng ký kết hôn với bà Phạm Thu Hà tại Ủy ban nhân dân xã Phú Riềng',
      url: `${PUBLIC_URL}/verify/kq-5b21d0aa`,
    });
  });

  it('takes the validity and scope the caller gives', async () => {
    const { file, text } = await render('xac-nhan-hon-nhan-2', { ...maritalStatus, validTo: '2026-06-30', scope: 'Sử dụng tại Ủy ban nhân dân xã Xuân Thành' });
    expect(text).toContain('Giấy này có giá trị sử dụng từ ngày 05/03/2026 đến hết ngày 30/06/2026.');
    // The declared purpose stays the purpose; the scope is printed beside it.
    expect(text).toContain('Giấy này được cấp để: Đăng ký kết hôn với bà Phạm Thu Hà tại Ủy ban nhân dân xã Phú Riềng');
    expect(text).toContain('Phạm vi sử dụng: Sử dụng tại Ủy ban nhân dân xã Xuân Thành');
    expect(pdfQrPayload(file)).toMatchObject({ hieuLuc: 'Từ 05/03/2026 đến 30/06/2026', phamVi: 'Sử dụng tại Ủy ban nhân dân xã Xuân Thành' });
  });
});

describe('xac-nhan-cu-tru — Xác nhận thông tin về cư trú', () => {
  it('prints the residence facts and the household, valid 1 year', async () => {
    const { file, text } = await render('xac-nhan-cu-tru', residence);
    expectAll(text, [
      'CÔNG AN TỈNH ĐỒNG NAI',
      'CÔNG AN XÃ PHÚ RIỀNG',
      'XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ',
      'Số: 312/XN-CAX',
      'Theo đề nghị của ông/bà Hoàng Văn Tư, Công an xã Phú Riềng xác nhận thông tin về cư trú của công dân như sau:',
      'Họ, chữ đệm và tên: HOÀNG VĂN TƯ',
      'Ngày, tháng, năm sinh: 02/09/1945',
      'Nơi thường trú: Thôn Phú Trung, Xã Phú Riềng, Tỉnh Đồng Nai',
      'Nơi ở hiện tại: Thôn Phú Trung, Xã Phú Riềng, Tỉnh Đồng Nai',
      'Thông tin các thành viên trong hộ gia đình',
      'Lý Thị Bảy',
      '070149045679',
      'Mục đích sử dụng: Bổ sung hồ sơ hưởng trợ cấp xã hội hằng tháng',
      'có giá trị sử dụng 01 năm kể từ ngày cấp, từ ngày 05/03/2026 đến hết ngày 05/03/2027',
      'hết giá trị kể từ thời điểm thay đổi',
      'TRƯỞNG CÔNG AN XÃ',
      'Đặng Quốc Bảo',
    ]);
    // No temporary residence in the database: the line is left out, not dotted.
    expect(text).not.toContain('Nơi tạm trú');
    expect(pdfQrPayload(file)).toMatchObject({
      maTTHC: '1.004227',
      maDinhDanh: '070045045678',
      tenGiayTo: 'XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ',
      hieuLuc: 'Từ 05/03/2026 đến 05/03/2027',
      phamVi: 'Bổ sung hồ sơ hưởng trợ cấp xã hội hằng tháng',
    });
  });
});

describe('ban-sao-chung-thuc — chứng thực bản sao từ bản chính', () => {
  it('prints the certification page with the certifier’s statement, number and book', async () => {
    const { file, text } = await render('chung-thuc', {
      ...certifiedCopy,
      resultCode: 'KQ.CT.BS',
      dossier: { ...certifiedCopy.dossier, procedureCode: '2.000907', procedureName: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản' },
      title: 'Bản sao được chứng thực từ bản chính',
    });
    expectAll(text, [
      'BẢN SAO ĐƯỢC CHỨNG THỰC TỪ BẢN CHÍNH',
      'Tên giấy tờ, văn bản: Giấy chứng nhận quyền sử dụng đất số BV 123456',
      'Số trang của một bản: 03 trang',
      'Số bản sao: 02 bản',
      'LỜI CHỨNG CỦA NGƯỜI THỰC HIỆN CHỨNG THỰC',
      'Chứng thực bản sao đúng với bản chính.',
      'Số chứng thực 87, quyển số 01/2026-SCT/BS',
      'Bản sao gồm 03 trang.',
      'Nguyễn Thị Thu Hằng',
      'Người thực hiện chứng thực',
    ]);
    expect(pdfQrPayload(file)).toMatchObject({ maTTHC: '2.000907', tenGiayTo: 'Bản sao được chứng thực từ bản chính', hieuLuc: 'Không thời hạn' });
  });
});

describe('giay-chung-nhan-ket-hon — Giấy chứng nhận kết hôn', () => {
  it('prints both spouses side by side and the registration', async () => {
    const { file, text } = await render('ket-hon', {
      ...birth,
      template: 'giay-chung-nhan-ket-hon',
      resultCode: 'KQ.HT.KH',
      title: 'GIẤY CHỨNG NHẬN KẾT HÔN',
      number: '32/GCNKH',
      owner: { name: 'Lê Quang Vinh', idNumber: '070096023456' },
      dossier: { code: '000.00.52.H19-260305-0040', procedureCode: '1.000894', procedureName: 'Đăng ký kết hôn' },
      values: {
        hoTenNu: 'Phạm Thu Hà',
        ngaySinhNu: '1998-10-21',
        soDinhDanhNu: '070198034567',
        danTocNu: 'Kinh',
        quocTichNu: 'Việt Nam',
        noiCuTruNu: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Bình' },
        hoTenNam: 'Lê Quang Vinh',
        ngaySinhNam: '1996-04-18',
        soDinhDanhNam: '070096023456',
        danTocNam: 'Kinh',
        quocTichNam: 'Việt Nam',
        noiCuTruNam: { provinceCode: '75', communeCode: '25252', detail: 'Ấp Phú Lợi' },
      },
      register: { entry: '32', book: '01/2026' },
    });
    expectAll(text, [
      'GIẤY CHỨNG NHẬN KẾT HÔN',
      'Người vợ',
      'Người chồng',
      'PHẠM THU HÀ',
      'LÊ QUANG VINH',
      '21/10/1998',
      '070198034567',
      'Nơi đăng ký kết hôn: Ủy ban nhân dân xã Phú Riềng',
      'Số: 32, Quyển số: 01/2026',
    ]);
    expect(pdfQrPayload(file)).toMatchObject({ maTTHC: '1.000894', tenGiayTo: 'GIẤY CHỨNG NHẬN KẾT HÔN', maDinhDanh: '070096023456' });
  });
});

describe('the generic template', () => {
  const khaiTu = ProcedureDefinition.parse(JSON.parse(fs.readFileSync('data/catalogue/procedures/1.000656.json', 'utf8')));
  const data: ResultData = {
    ...birth,
    template: '',
    resultCode: 'KQ.HT.KT',
    title: 'TRÍCH LỤC KHAI TỬ',
    number: '09/TLKT-BS',
    owner: { name: 'Hoàng Thị Nga', idNumber: '070172045111' },
    dossier: { code: '000.00.52.H19-260305-0050', procedureCode: '1.000656', procedureName: 'Đăng ký khai tử' },
    values: {
      hoTenNguoiNop: 'Hoàng Thị Nga',
      soDinhDanhNguoiNop: '070172045111',
      noiCuTru: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Trung' },
      hoTenNguoiChet: 'Hoàng Văn Sáu',
      soDinhDanhNguoiChet: '070040045222',
      ngayChet: '2026-03-01',
      noiChet: 'Tại nhà riêng, Thôn Phú Trung, xã Phú Riềng',
    },
    ...formLabels(khaiTu.cases[0].form),
    register: undefined,
  };

  it('words the agency’s act after the title and tabulates the labelled answers', async () => {
    expect(resolveTemplate(data).key).toBe('generic');
    const { file, text } = await render('chung-khai-tu', data);
    expectAll(text, [
      'TRÍCH LỤC KHAI TỬ',
      'Số: 09/TLKT-BS',
      'Xét hồ sơ mã số 000.00.52.H19-260305-0050 đề nghị giải quyết thủ tục hành chính “Đăng ký khai tử” của Hoàng Thị Nga (số định danh cá nhân: 070172045111);',
      'Ủy ban nhân dân xã Phú Riềng cấp trích lục khai tử với các nội dung sau:',
      'Người được cấp: Hoàng Thị Nga',
      'Họ và tên người chết',
      'Hoàng Văn Sáu',
      'Ngày chết',
      '01/03/2026',
      'Nơi cư trú',
      'Thôn Phú Trung, Xã Phú Riềng, Tỉnh Đồng Nai',
      'Trích lục khai tử có hiệu lực kể từ ngày 05/03/2026.',
    ]);
    // "Nguyên nhân chết" is labelled but not answered (optional): left out, never a dotted blank.
    expect(text).not.toContain('Nguyên nhân chết');
    expect(text).not.toContain(DOTS);
    expect(pdfQrPayload(file)).toMatchObject({ maTTHC: '1.000656', tenGiayTo: 'TRÍCH LỤC KHAI TỬ', hieuLuc: 'Không thời hạn' });
  });

  it('without labels, prints the answers given, labelled from the common labels, else by their key', async () => {
    const values = { hoTen: 'Hoàng Văn Sáu', gioiTinh: 'Nam', noiThuongTru: data.values.noiCuTru, maHoSoCu: 'HS-01', boTrong: ' ' };
    const { text } = await render('chung-khong-nhan', { ...data, labels: undefined, options: undefined, values, validTo: '2026-12-31', scope: 'Toàn quốc' });
    expectAll(text, [
      'Họ, chữ đệm và tên',
      'Hoàng Văn Sáu',
      'Giới tính',
      'Nơi thường trú',
      'Thôn Phú Trung, Xã Phú Riềng, Tỉnh Đồng Nai',
      'maHoSoCu',
      'có giá trị sử dụng từ ngày 05/03/2026 đến hết ngày 31/12/2026. Phạm vi sử dụng: Toàn quốc.',
    ]);
    expect(text).not.toContain('Nguyên nhân chết');
    expect(text).not.toContain('gioiTinh');
    expect(text).not.toContain('boTrong');
  });

  it('words decisions, notices and confirmations', async () => {
    const decision = await render('chung-quyet-dinh', { ...data, title: 'Quyết định trợ cấp xã hội hằng tháng', resultCode: 'KQ.BTXH.TCXH' });
    expect(decision.text).toContain('Ủy ban nhân dân xã Phú Riềng quyết định với các nội dung sau:');
    const notice = await render('chung-thong-bao', { ...data, title: 'Thông báo kết quả đăng ký thường trú', resultCode: 'KQ.CTRU.TT' });
    expect(notice.text).toContain('Ủy ban nhân dân xã Phú Riềng thông báo với các nội dung sau:');
  });
});

describe('the registry', () => {
  it('finds the template by key, then by result code, then falls back to the generic one', () => {
    expect(resolveTemplate({ template: 'giay-khai-sinh', resultCode: 'KQ.X' }).key).toBe('giay-khai-sinh');
    expect(resolveTemplate({ template: 'mau-chua-viet', resultCode: 'KQ.HT.KS' }).key).toBe('giay-khai-sinh');
    expect(resolveTemplate({ template: '', resultCode: 'KQ.CT.BSDT' }).key).toBe('ban-sao-dien-tu');
    expect(resolveTemplate({ template: '', resultCode: 'KQ.CT.BS' }).key).toBe('ban-sao-chung-thuc');
    expect(resolveTemplate({ template: 'generic', resultCode: 'KQ.HT.KS' }).key).toBe('generic');
    expect(resolveTemplate({ template: 'toString', resultCode: 'KQ.X' }).key).toBe('generic');
    expect(templateKeyFor({ code: 'KQ.HT.XNHN' })).toBe('xac-nhan-tinh-trang-hon-nhan');
    expect(templateKeyFor({ code: 'KQ.CTRU.XN' })).toBe('xac-nhan-cu-tru');
    expect(templateKeyFor({ code: 'KQ.DD.XN' })).toBe('generic');
  });

  it('refuses data a result cannot be issued without', async () => {
    await expect(renderResultPdf({ ...birth, number: ' ' })).rejects.toThrow(/number/);
    await expect(renderResultPdf({ ...birth, verifyUrl: '' })).rejects.toThrow(/verifyUrl/);
    await expect(renderResultPdf({ ...birth, validFrom: '2026-02-30' })).rejects.toThrow(RangeError);
    await expect(renderResultPdf({ ...birth, validTo: '2026-01-01' })).rejects.toThrow(/before/);
    await expect(renderResultPdf({ ...birth, issuedAt: new Date('x') })).rejects.toThrow(/issuedAt/);
  });

  it('prints times in Vietnam time whatever the instant', async () => {
    // 23:30 UTC on 4 March is 06:30 on 5 March in Vietnam.
    const { file, text } = await render('gio-vn', { ...birth, issuedAt: new Date('2026-03-04T23:30:00Z') });
    expect(text).toContain('Phú Riềng, ngày 05 tháng 3 năm 2026');
    expect(pdfQrPayload(file).thoiDiem).toBe('2026-03-05T06:30:00+07:00');
    expect(issuedAt.toISOString()).toBe('2026-03-05T03:15:00.000Z');
  });
});
