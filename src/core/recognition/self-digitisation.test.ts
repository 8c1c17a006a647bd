import { describe, expect, it } from 'vitest';
import type { RecognisedField } from './fields.ts';
import { changeNote, ConfirmationError, confirmFields, formFillsFor, formValuesFrom, recognitionTypeFor } from './self-digitisation.ts';

const field = (name: string, value: string, confidence = 0.93, source: RecognisedField['source'] = 'ocr'): RecognisedField => ({
  name,
  label: { fullName: 'Họ, chữ đệm, tên', personalId: 'Số định danh cá nhân', dateOfBirth: 'Ngày, tháng, năm sinh' }[name] ?? name,
  value,
  source,
  confidence,
  rawText: `${name}: ${value}`,
});

const recognised = [field('fullName', 'NGUYỄN MINH KHANG'), field('personalId', '079225001234', 0.62), field('dateOfBirth', '2025-02-14')];
// The form of 1.004194 case con-duoi-6 (permanent residence of a child under 6).
const formKeys = ['hoTenNguoiNop', 'soDinhDanhNguoiNop', 'ngaySinhNguoiNop', 'noiCuTru', 'quanHeNguoiLamThay', 'hoTenTre', 'soDinhDanhTre'];

describe('which template reads a component', () => {
  it('maps the catalogue document types to recognition types', () => {
    expect(recognitionTypeFor('giay-khai-sinh')).toBe('birth-certificate');
    expect(recognitionTypeFor('xac-nhan-cu-tru')).toBe('residence-confirmation');
    expect(recognitionTypeFor('giay-chung-nhan-qsdd')).toBe('land-certificate');
    expect(recognitionTypeFor('van-ban-uy-quyen')).toBeNull();
    expect(recognitionTypeFor(undefined)).toBeNull();
  });
});

describe('field mapping to the e-form', () => {
  it('fills the keys the form has, the first preferred key, each key once', () => {
    expect(formFillsFor('birth-certificate', recognised, formKeys)).toEqual([
      { name: 'fullName', formKey: 'hoTenTre' },
      { name: 'personalId', formKey: 'soDinhDanhTre' },
    ]);
    expect(formFillsFor('birth-certificate', recognised, ['hoTen', 'ngaySinh'])).toEqual([
      { name: 'fullName', formKey: 'hoTen' },
      { name: 'dateOfBirth', formKey: 'ngaySinh' },
    ]);
  });
  it('skips empty values, unknown types and forms without the fields', () => {
    expect(formFillsFor('birth-certificate', [field('fullName', '')], formKeys)).toEqual([]);
    expect(formFillsFor('unknown', recognised, formKeys)).toEqual([]);
    expect(formFillsFor('birth-certificate', recognised, ['hoTenNguoiNop'])).toEqual([]);
  });
  it('gives the confirmed values for the form', () => {
    const confirmed = confirmFields(recognised, [
      { name: 'fullName', value: 'Nguyễn Minh Khang' },
      { name: 'personalId', value: '079225001234' },
      { name: 'dateOfBirth', value: '2025-02-14' },
    ]);
    expect(formValuesFrom('birth-certificate', confirmed, formKeys)).toEqual({ hoTenTre: 'Nguyễn Minh Khang', soDinhDanhTre: '079225001234' });
  });
});

describe('confirmation one by one, changed values tracked', () => {
  it('keeps source and confidence of an unchanged value, flags low confidence', () => {
    const c = confirmFields(
      recognised,
      recognised.map((r) => ({ name: r.name, value: ` ${r.value.normalize('NFD')} ` })),
    );
    expect(c.map((f) => [f.name, f.source, f.original])).toEqual([
      ['fullName', 'ocr', undefined],
      ['personalId', 'ocr', undefined],
      ['dateOfBirth', 'ocr', undefined],
    ]);
    expect(c.map((f) => f.low)).toEqual([false, true, false]);
    expect(c[0].value).toBe('NGUYỄN MINH KHANG');
  });
  it('a changed value is typed and keeps the recognised original', () => {
    const c = confirmFields(recognised, [
      { name: 'fullName', value: 'NGUYỄN MINH KHANG' },
      { name: 'personalId', value: '079225001235' },
      { name: 'dateOfBirth', value: '2025-02-14' },
    ]);
    const id = c.find((f) => f.name === 'personalId')!;
    expect(id).toMatchObject({ value: '079225001235', source: 'typed', low: true, original: { value: '079225001234', source: 'ocr', confidence: 0.62 } });
    expect(changeNote(id)).toBe('đã sửa: 079225001234 → 079225001235 (gốc: OCR, người dân sửa: nhập tay)');
    expect(changeNote(c[0])).toBe('NGUYỄN MINH KHANG (OCR)');
    const qr = confirmFields([field('fullName', 'A', 1, 'qr')], [{ name: 'fullName', value: 'B' }]);
    expect(changeNote(qr[0])).toContain('gốc: mã QR');
  });
  it('refuses a missing, unknown or repeated answer', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof ConfirmationError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(err(() => confirmFields(recognised, [{ name: 'fullName', value: 'X' }]))).toBe('FIELD_NOT_CONFIRMED');
    expect(err(() => confirmFields(recognised, [{ name: 'nope', value: 'X' }]))).toBe('FIELD_UNKNOWN');
    expect(
      err(() =>
        confirmFields(recognised, [
          { name: 'fullName', value: 'X' },
          { name: 'fullName', value: 'Y' },
        ]),
      ),
    ).toBe('FIELD_DUPLICATE');
  });
});
