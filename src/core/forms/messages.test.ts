import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormField } from '../catalogue/schema.ts';
import { ENGLISH_FORM_MESSAGES } from './messages.en.ts';
import { FORM_MESSAGES_VI, type FormMessageKey, formatFormMessage, localiseFieldError, registerEnglishFormMessages } from './messages.ts';

registerEnglishFormMessages(ENGLISH_FORM_MESSAGES);
import { ctx } from './test-fixtures.ts';
import { checkIdNumberStructure, validateForm, type ValidationContext } from './validate.ts';

const form = (fields: FormField[]): FormDefinition => ({ id: 't', version: 1, pages: [{ key: 'p', title: 'P', fields }] });

/** One failing value per kind of problem, with the fields that produce it. */
const cases: { field: FormField; value: unknown; extra?: Record<string, unknown> }[] = [
  { field: { key: 'hoTen', type: 'text', label: 'Họ và tên', labelEn: 'Full name', required: true }, value: '' },
  { field: { key: 'coCha', type: 'yes_no', label: 'Có cha không?', labelEn: 'Is the father known?', required: true }, value: undefined },
  { field: { key: 'ten', type: 'text', label: 'Tên', validation: { minLength: 3, pattern: '[a-z]+', patternMessage: 'chỉ gồm chữ thường' } }, value: 'A' },
  { field: { key: 'ghiChu', type: 'textarea', label: 'Ghi chú', validation: { maxLength: 3 } }, value: 'abcd' },
  { field: { key: 'soBan', type: 'number', label: 'Số bản', validation: { min: 1, max: 3 } }, value: 5 },
  { field: { key: 'soBan', type: 'number', label: 'Số bản' }, value: 1.5 },
  { field: { key: 'ngay', type: 'date', label: 'Ngày sinh', validation: { notFuture: true } }, value: '2999-01-01' },
  { field: { key: 'ngay', type: 'date', label: 'Ngày', validation: { minDate: '2000-01-01' } }, value: '1999-12-31' },
  { field: { key: 'ngay', type: 'date', label: 'Ngày' }, value: '2025-02-30' },
  { field: { key: 'chon', type: 'select', label: 'Lựa chọn', options: [{ value: 'a', label: 'A' }] }, value: 'b' },
  { field: { key: 'camDoan', type: 'yes_no', label: 'Cam đoan', validation: { mustBeTrue: true } }, value: false },
  { field: { key: 'so', type: 'id_number', label: 'Số định danh' }, value: '123' },
  { field: { key: 'so', type: 'id_number', label: 'Số định danh' }, value: '099195012346' },
  { field: { key: 'so', type: 'id_number', label: 'Số định danh', validation: { sex: 'Nữ' } }, value: '075095012346' },
  { field: { key: 'dt', type: 'phone', label: 'Số điện thoại' }, value: '12345' },
  { field: { key: 'dt', type: 'phone', label: 'Số điện thoại', validation: { allowLandline: true } }, value: '12345' },
  { field: { key: 'mail', type: 'email', label: 'Thư điện tử' }, value: 'a@b' },
  { field: { key: 'dc', type: 'address', label: 'Nơi cư trú' }, value: { provinceCode: '75', communeCode: '', detail: '' } },
  { field: { key: 'dc', type: 'address', label: 'Nơi cư trú' }, value: { provinceCode: 'x', communeCode: '', detail: '' } },
  { field: { key: 'nguoi', type: 'person', label: 'Bên nam' }, value: { idNumber: '1', fullName: '' } },
  { field: { key: 'nguoi', type: 'person', label: 'Bên nam' }, value: { idNumber: '075090012345', fullName: 'A', birthDate: '2999-01-01' } },
  {
    field: { key: 'tep', type: 'file', label: 'Giấy chứng sinh', validation: { accept: ['application/pdf'], maxSize: 10 } },
    value: { fileId: 'f', sha256: 'a'.repeat(64), name: 'a.zip', size: 20, mime: 'application/zip' },
  },
  { field: { key: 'tep', type: 'file', label: 'Giấy chứng sinh' }, value: { fileId: 'x', name: 'a.pdf', size: 1, mime: 'application/pdf', sha256: 'no' } },
];

describe('form messages in Vietnamese and English', () => {
  it('every sentence has both languages with the same placeholders', () => {
    expect(Object.keys(ENGLISH_FORM_MESSAGES.messages).sort()).toEqual(Object.keys(FORM_MESSAGES_VI).sort());
    for (const [key, vi] of Object.entries(FORM_MESSAGES_VI)) {
      const m = { vi, en: ENGLISH_FORM_MESSAGES.messages[key as FormMessageKey] };
      const names = (s: string) =>
        [...s.matchAll(/\{(\w+)\}/g)]
          .map((x) => x[1])
          .filter((n) => n !== 'sexEn' && n !== 'sex' && n !== 'patternMessage')
          .sort();
      expect(names(m.en), key).toEqual(names(m.vi));
      expect(m.en, key).not.toBe('');
    }
  });

  it('the Vietnamese message a problem carries is its key and params said in Vietnamese', () => {
    let seen = 0;
    for (const c of cases) {
      const errors = validateForm(form([c.field]), { [c.field.key]: c.value }, ctx).errors;
      expect(errors.length, JSON.stringify(c)).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.messageKey, e.message).toBeDefined();
        expect(formatFormMessage(e.messageKey!, e.params!, 'vi')).toBe(e.message);
        expect(localiseFieldError(form([c.field]), e, 'vi')).toBe(e.message);
        seen++;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(cases.length);
  });

  it('says each problem in English, with the English label where the catalogue has one', () => {
    const def = form([
      { key: 'hoTen', type: 'text', label: 'Họ và tên', labelEn: 'Full name', required: true },
      { key: 'so', type: 'id_number', label: 'Số định danh cá nhân', labelEn: 'Personal identification number', validation: { sex: 'Nữ' } },
      { key: 'ngay', type: 'date', label: 'Ngày sinh', validation: { notFuture: true } },
      { key: 'dt', type: 'phone', label: 'Số điện thoại' },
    ]);
    const errors = validateForm(def, { so: '075095012346', ngay: '2999-01-01', dt: '123' }, ctx).errors;
    expect(errors.map((e) => localiseFieldError(def, e, 'en'))).toEqual([
      'Full name is required.',
      'Personal identification number does not match the sex female (its fourth digit encodes male).',
      // No English label in the catalogue: the Vietnamese label stays.
      'Ngày sinh must not be after today (23/11/2026).',
      'Số điện thoại must be a Vietnamese mobile number of 10 digits starting with 03, 05, 07, 08 or 09 (for example 0912345678).',
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'Họ và tên là bắt buộc.',
      'Số định danh cá nhân không khớp với giới tính Nữ (chữ số thứ tư mã hóa giới tính Nam).',
      'Ngày sinh không được sau ngày hôm nay (23/11/2026).',
      'Số điện thoại phải là số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912345678).',
    ]);
  });

  it('names the group and the item of a field inside a repeated group', () => {
    const def = form([
      {
        key: 'con',
        type: 'group',
        label: 'Các con chung',
        labelEn: 'Children',
        minItems: 1,
        fields: [{ key: 'hoTen', type: 'text', label: 'Họ và tên con', labelEn: 'Child’s full name', required: true }],
      },
    ]);
    const [e] = validateForm(def, { con: [{ hoTen: 'A' }, { hoTen: '' }] }, ctx).errors;
    expect(e).toMatchObject({ path: 'con[1].hoTen', params: { field: 'con.hoTen', item: 2 } });
    expect(e.message).toBe('Họ và tên con (Các con chung, mục 2) là bắt buộc.');
    expect(localiseFieldError(def, e, 'en')).toBe('Child’s full name (Children, item 2) is required.');
  });

  it('keeps the Vietnamese words of a pluggable identity check that gives no message key', () => {
    const def = form([{ key: 'so', type: 'id_number', label: 'Số định danh', labelEn: 'ID number' }]);
    const strict: ValidationContext = {
      ...ctx,
      idNumber: (id, known) => checkIdNumberStructure(id, known) ?? { code: 'id_number_unissued', message: 'chưa được cấp.' },
    };
    const [e] = validateForm(def, { so: '075195012346' }, strict).errors;
    expect(e.messageKey).toBeUndefined();
    expect(localiseFieldError(def, e, 'en')).toBe('Số định danh chưa được cấp.');
  });
});
