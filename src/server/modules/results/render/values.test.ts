import { describe, expect, it } from 'vitest';
import { addMonths, dateInWords, DOTS, formatValue, formLabels, numberInWords, placeCodes, show, withPlaceNames } from './values.ts';

describe('numbers and dates in Vietnamese words', () => {
  it('reads numbers as documents write them', () => {
    expect(numberInWords(1)).toBe('một');
    expect(numberInWords(10)).toBe('mười');
    expect(numberInWords(15)).toBe('mười lăm');
    expect(numberInWords(21)).toBe('hai mươi mốt');
    expect(numberInWords(24)).toBe('hai mươi tư');
    expect(numberInWords(25)).toBe('hai mươi lăm');
    expect(numberInWords(31)).toBe('ba mươi mốt');
    expect(numberInWords(1995)).toBe('một nghìn chín trăm chín mươi lăm');
    expect(numberInWords(2000)).toBe('hai nghìn');
    expect(numberInWords(2005)).toBe('hai nghìn không trăm linh năm');
    expect(numberInWords(2010)).toBe('hai nghìn không trăm mười');
    expect(numberInWords(2026)).toBe('hai nghìn không trăm hai mươi sáu');
    expect(numberInWords(1904)).toBe('một nghìn chín trăm linh bốn');
  });

  it('writes a birth date in words', () => {
    expect(dateInWords('2026-02-20')).toBe('Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu');
    expect(dateInWords('2025-12-01')).toBe('Ngày một, tháng mười hai, năm hai nghìn không trăm hai mươi lăm');
    expect(() => dateInWords('2026-02-30')).toThrow(RangeError);
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-03-05', 6)).toBe('2026-09-05');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-05', 12)).toBe('2027-03-05');
  });
});

describe('answers as printed', () => {
  it('formats the e-form shapes and never prints undefined', () => {
    expect(formatValue('2026-02-20')).toBe('20/02/2026');
    expect(
      formatValue({ provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Thịnh', communeName: 'Xã Phú Riềng', provinceName: 'Tỉnh Đồng Nai' }),
    ).toBe('Thôn Phú Thịnh, Xã Phú Riềng, Tỉnh Đồng Nai');
    expect(formatValue({ chiTiet: 'Số 12', tenPhuongXa: 'Xã Xuân Thành', tenTinhThanh: 'Tỉnh Đồng Nai' })).toBe('Số 12, Xã Xuân Thành, Tỉnh Đồng Nai');
    expect(formatValue({ fullName: 'Trần Thị Mai', idNumber: '070195012346', birthDate: '1995-07-14' })).toBe(
      'Trần Thị Mai, số định danh cá nhân 070195012346, sinh ngày 14/07/1995',
    );
    expect(formatValue(true)).toBe('Có');
    expect(formatValue(1250000)).toBe('1.250.000');
    expect(formatValue('me', { me: 'Mẹ' })).toBe('Mẹ');
    expect(formatValue('   ')).toBeUndefined();
    expect(show(undefined)).toBe(DOTS);
    expect(show(null)).toBe(DOTS);
    expect(show({})).toBe(DOTS);
  });

  it('names the places of coded addresses from the names the caller passes, at any depth, and only those', () => {
    const values = {
      noiCuTru: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Thịnh' },
      thanhVien: [{ hoTen: 'Lê Văn An', noiO: { provinceCode: '79', communeCode: '26734', detail: 'Số 5' } }],
      ghiChu: 'không đổi',
    };
    expect(placeCodes(values)).toEqual(['25252', '26734', '75', '79']);
    const named = withPlaceNames(values, { '75': 'Tỉnh Đồng Nai', '25252': 'Xã Phú Riềng', '79': 'Thành phố Hồ Chí Minh' });
    expect(formatValue(named.noiCuTru)).toBe('Thôn Phú Thịnh, Xã Phú Riềng, Tỉnh Đồng Nai');
    // A code the caller did not name is left out rather than printed as a code.
    expect(formatValue(named.thanhVien[0].noiO)).toBe('Số 5, Thành phố Hồ Chí Minh');
    expect(named.ghiChu).toBe('không đổi');
    expect(values.noiCuTru).not.toHaveProperty('communeName');
    // Without names, the renderer prints what it has: the detail.
    expect(formatValue(values.noiCuTru)).toBe('Thôn Phú Thịnh');
  });

  it('reads labels and option labels from a form definition, without file fields', () => {
    const { labels, options } = formLabels({
      id: 'f',
      version: 1,
      pages: [
        {
          key: 'p',
          title: 'Trang',
          fields: [
            { key: 'quanHe', type: 'select', label: 'Quan hệ', options: [{ value: 'me', label: 'Mẹ' }] },
            { key: 'scan', type: 'file', label: 'Bản chụp' },
            { key: 'thanhVien', type: 'group', label: 'Thành viên', fields: [{ key: 'hoTen', type: 'text', label: 'Họ tên' }] },
          ],
        },
      ],
    });
    expect(labels).toEqual({ quanHe: 'Quan hệ', thanhVien: 'Thành viên', 'thanhVien.hoTen': 'Họ tên' });
    expect(options).toEqual({ quanHe: { me: 'Mẹ' } });
  });
});
