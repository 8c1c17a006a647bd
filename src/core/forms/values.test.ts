import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../catalogue/schema.ts';
import { answersState, normalisePhone, normaliseValues, stateOf } from './values.ts';
import { validateForm } from './validate.ts';
import { birthForm, marriageForm } from './test-fixtures.ts';

describe('normalising answers for submission', () => {
  it('strips hidden fields, including hidden group items’ fields, and unknown keys', () => {
    const def: FormDefinition = {
      id: 'n',
      version: 1,
      pages: [
        {
          key: 'p',
          title: 'P',
          fields: [
            { key: 'coCon', type: 'yes_no', label: 'Có con' },
            {
              key: 'con',
              type: 'group',
              label: 'Con',
              showIf: { field: 'coCon', equals: true },
              fields: [
                { key: 'ten', type: 'text', label: 'Tên' },
                { key: 'dangHoc', type: 'yes_no', label: 'Đi học' },
                { key: 'truong', type: 'text', label: 'Trường', showIf: { field: './dangHoc', equals: true } },
              ],
            },
          ],
        },
      ],
    };
    const values = {
      coCon: true,
      con: [
        { ten: 'An', dangHoc: false, truong: 'Tiểu học Phú Riềng', ghiChu: 'x' },
        { ten: 'Bình', dangHoc: true, truong: 'THCS' },
      ],
      boSung: 'không có trong biểu mẫu',
    };
    expect(normaliseValues(def, values)).toEqual({
      coCon: true,
      con: [
        { ten: 'An', dangHoc: false },
        { ten: 'Bình', dangHoc: true, truong: 'THCS' },
      ],
    });
    expect(normaliseValues(def, { ...values, coCon: false })).toEqual({ coCon: false });
  });

  it('puts every answer in normal form: NFC, trimmed, phone 0…, numbers, address and person parts', () => {
    const out = normaliseValues(birthForm, {
      hoTenTre: '  Nguyễn   Minh Khang '.normalize('NFD'),
      noiSinh: '',
      dienThoai: '+84 912-345-678',
      noiCuTruMe: { provinceCode: '75', communeCode: '25252', detail: ' Thôn  Phú Bình '.normalize('NFD'), extra: 1 },
      coCha: true,
      cha: { idNumber: '075 090 012 345', fullName: 'nguyễn văn hùng'.normalize('NFD'), birthDate: '' },
      thanhVien: [{ hoTen: 'A', soDinhDanh: '075.090.012.345' }],
    });
    expect(out).toEqual({
      hoTenTre: 'Nguyễn Minh Khang',
      dienThoai: '0912345678',
      noiCuTruMe: { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Bình' },
      coCha: true,
      cha: { idNumber: '075090012345', fullName: 'nguyễn văn hùng' },
      thanhVien: [{ hoTen: 'A', soDinhDanh: '075090012345' }],
    });
    expect((out.hoTenTre as string).length).toBe('Nguyễn Minh Khang'.normalize('NFC').length);
  });

  it('normalises phone numbers', () => {
    expect(normalisePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalisePhone('84912345678')).toBe('0912345678');
    expect(normalisePhone('(091) 234.5678')).toBe('0912345678');
    expect(normalisePhone('0845123456')).toBe('0845123456');
    expect(normalisePhone('+842439876543')).toBe('02439876543');
  });
});

describe('the answers’ state, built once for several checks', () => {
  const answers = { hoTenTre: '  Nguyễn   Văn An ', gioiTinhTre: 'nam', dienThoai: '+84 912 345 678' };
  it('gives the same validation and normal form as the answers themselves', () => {
    const state = answersState(birthForm, answers);
    expect(validateForm(birthForm, state, { today: '2026-12-07' })).toEqual(validateForm(birthForm, answers, { today: '2026-12-07' }));
    expect(normaliseValues(birthForm, state)).toEqual(normaliseValues(birthForm, answers));
    expect(stateOf(birthForm, state)).toBe(state);
  });
  it('refuses a state built for another form', () => {
    expect(() => normaliseValues(marriageForm, answersState(birthForm, answers))).toThrow(/another form/);
  });
});
