import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import type { FormDefinition } from '../catalogue/schema.ts';
import { sha256Hex } from './sha256.ts';
import { convertForField, nationalAddress, nationalDate, nationalName, nationalPerson, prefillHash, readSource, resolvePrefill } from './prefill.ts';
import { validateForm } from './validate.ts';
import { birthForm, ctx, household, hung, mai, maiBirthRoles, maiClaims } from './test-fixtures.ts';

describe('mapping the national shapes', () => {
  it('names, dates, addresses and persons', () => {
    expect(nationalName({ ho: 'Nguyễn', chuDem: 'Văn', ten: 'Hùng' })).toBe('Nguyễn Văn Hùng');
    expect(nationalName({ ho: 'Lò', chuDem: '', ten: 'Văn  Pọm' })).toBe('Lò Văn Pọm');
    expect(nationalName('Trần Thị Mai'.normalize('NFD'))).toBe('Trần Thị Mai');
    expect(nationalDate('19900315')).toBe('1990-03-15');
    expect(nationalDate({ nam: '1990', ngayThangNam: '19900315' })).toBe('1990-03-15');
    expect(nationalDate('15/03/1990')).toBe('1990-03-15');
    expect(nationalDate('1990-03-15T00:00:00.000Z')).toBe('1990-03-15');
    expect(nationalDate({ nam: '1990' })).toBeUndefined();
    expect(nationalDate('19900230')).toBeUndefined();
    expect(nationalAddress(mai.thuongTru)).toEqual({ provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình' });
    expect(nationalAddress(household)).toEqual({ provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình (hộ)' });
    expect(nationalPerson(hung)).toEqual({ idNumber: '075090012345', fullName: 'Nguyễn Văn Hùng', birthDate: '1990-03-15' });
    expect(nationalPerson(mai.voChong)).toEqual({ idNumber: '075090012345', fullName: 'Nguyễn Văn Hùng' });
  });

  it('reads attributes under their national names, and "exists"', () => {
    expect(readSource({ mother: hung }, ['mother', 'hoTen'])).toBe('Nguyễn Văn Hùng');
    expect(readSource({ mother: hung }, ['mother', 'ngaySinh'])).toBe('1990-03-15');
    expect(readSource({ self: mai }, ['self', 'me', 'hoVaTen'])).toBe('Lê Thị Hoa');
    expect(readSource({ household }, ['household', 'members', 1, 'hoTen'])).toBe('Trần Thị Mai');
    expect(readSource({ father: hung }, ['father', 'exists'])).toBe(true);
    expect(readSource({ father: null }, ['father', 'exists'])).toBe(false);
    expect(readSource({}, ['father', 'exists'])).toBeUndefined();
    expect(readSource({ self: hung }, ['self', 'cha', 'exists'])).toBe(false);
    expect(readSource({ self: mai }, ['self', 'cha', 'exists'])).toBe(true);
  });

  it('converts by the type of the target field, and leaves what does not fit', () => {
    const select = {
      type: 'select' as const,
      validation: {},
      field: {
        key: 's',
        type: 'select' as const,
        label: 'S',
        options: [
          { value: 'nu', label: 'Nữ' },
          { value: 'da-ket-hon', label: 'Đã kết hôn' },
        ],
      },
    };
    expect(convertForField(select, 'Nữ')).toBe('nu');
    expect(convertForField(select, 'đã kết hôn'.normalize('NFD'))).toBe('da-ket-hon');
    expect(convertForField(select, 'Ly thân')).toBeUndefined();
    const text = { type: 'text' as const, validation: {}, field: { key: 't', type: 'text' as const, label: 'T' } };
    expect(convertForField(text, { ho: 'Trần', chuDem: 'Thị', ten: 'Mai' })).toBe('Trần Thị Mai');
    expect(convertForField(text, mai.thuongTru)).toBe('Số 12, Thôn Phú Bình, Xã Phú Riềng, Tỉnh Đồng Nai');
    expect(convertForField({ ...text, type: 'id_number' }, '0751950')).toBeUndefined();
    expect(convertForField({ ...text, type: 'phone' }, '+84 912 345 678')).toBe('0912345678');
    expect(convertForField({ ...text, type: 'date' }, '1995')).toBeUndefined();
    expect(convertForField({ ...text, type: 'yes_no' }, 'có')).toBeUndefined();
    expect(convertForField({ ...text, type: 'address' }, 'Phú Riềng')).toBeUndefined();
  });
});

describe('autofill from population roles', () => {
  // The roles a birth-registration deriver gives (written out in the fixtures; the derivers have their own tests in
  // src/core/procedures/prefill-roles).
  const result = resolvePrefill(birthForm, { eid: maiClaims, population: maiBirthRoles });

  it('fills the child, the mother, the father and the household from the population records', () => {
    expect(result.values).toEqual({
      hoTenTre: 'Nguyễn Minh Khang',
      ngaySinhTre: '2026-11-13',
      gioiTinhTre: 'nam',
      hoTenMe: 'Trần Thị Mai',
      soDinhDanhMe: '075195012346',
      ngaySinhMe: '1995-08-20',
      danTocMe: 'Kinh',
      noiCuTruMe: { provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình' },
      coCha: true,
      cha: { idNumber: '075090012345', fullName: 'Nguyễn Văn Hùng', birthDate: '1990-03-15' },
      ngaySinhCha: '1990-03-15',
      diaChiHo: { provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình (hộ)' },
      thanhVien: [
        { hoTen: 'Nguyễn Văn Hùng', soDinhDanh: '075090012345', ngaySinh: '1990-03-15', quanHe: 'Chủ hộ' },
        { hoTen: 'Trần Thị Mai', soDinhDanh: '075195012346', ngaySinh: '1995-08-20', quanHe: 'Vợ' },
        { hoTen: 'Nguyễn Thị Lan', soDinhDanh: '075318000001', ngaySinh: '2018-05-01', quanHe: 'Con' },
      ],
      hoTenNguoiNop: 'Trần Thị Mai',
      ngaySinhNguoiNop: '1995-08-20',
    });
    expect(result.unresolved).toEqual([]);
  });

  it('keeps the source of every prefilled value, with a hash of value and source', () => {
    expect(result.provenance.hoTenMe).toEqual({
      source: 'population',
      path: 'mother.hoTen',
      hash: prefillHash({ source: 'population', path: 'mother.hoTen' }, 'Trần Thị Mai'),
    });
    expect(result.provenance.hoTenMe.hash).toBe(sha256Hex(canonicalJson({ source: 'population.mother.hoTen', value: 'Trần Thị Mai' })));
    expect(result.provenance.ngaySinhNguoiNop).toMatchObject({ source: 'eid', path: 'NgayThangNamSinh' });
    expect(result.provenance.cha).toMatchObject({ source: 'population', path: 'father' });
    expect(result.provenance['thanhVien[1].hoTen']).toMatchObject({ source: 'population', path: 'household.members[1].hoTen' });
    expect(result.provenance.hoTenTre).toMatchObject({ path: 'newborn.hoTen' });
    expect(Object.keys(result.provenance)).not.toContain('noiSinh');
    expect(Object.keys(result.provenance)).not.toContain('thanhVien');
  });

  it('leaves the rest to the citizen, and the filled form validates', () => {
    const r = validateForm(birthForm, result.values, ctx);
    expect(r.errors.map((e) => e.path)).toEqual(['noiSinh', 'dienThoai']);
    expect(validateForm(birthForm, { ...result.values, noiSinh: 'Trạm Y tế xã Phú Riềng', dienThoai: '+84 912 345 678' }, ctx).valid).toBe(true);
  });

  it('fills only from e-ID claims when the population database has nothing', () => {
    const r = resolvePrefill(birthForm, { eid: maiClaims, population: {} });
    expect(r.values).toEqual({ hoTenNguoiNop: 'Trần Thị Mai', ngaySinhNguoiNop: '1995-08-20' });
    expect(resolvePrefill(birthForm, {}).values).toEqual({});
  });

  it('leaves a role that was not looked up for the citizen, and fills none of it', () => {
    const { mother: _m, father: _f, newborn: _n, ...basicOnly } = maiBirthRoles;
    const r = resolvePrefill(birthForm, { eid: maiClaims, population: basicOnly });
    expect(r.values.hoTenMe).toBeUndefined();
    expect(r.values.coCha).toBeUndefined();
    expect(r.unresolved).toEqual(expect.arrayContaining(['hoTenTre', 'hoTenMe', 'coCha', 'cha']));
    expect(r.values.diaChiHo).toEqual({ provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình (hộ)' });
  });
});

describe('group prefill limits', () => {
  it('keeps at most maxItems prefilled items', () => {
    const def: FormDefinition = {
      id: 'g',
      version: 1,
      pages: [
        {
          key: 'p',
          title: 'P',
          fields: [
            {
              key: 'tv',
              type: 'group',
              label: 'TV',
              prefill: 'population.household.members',
              maxItems: 2,
              fields: [{ key: 'ten', type: 'text', label: 'Tên', prefill: 'item.hoTen' }],
            },
          ],
        },
      ],
    };
    const r = resolvePrefill(def, { population: { household } });
    expect(r.values.tv).toEqual([{ ten: 'Nguyễn Văn Hùng' }, { ten: 'Trần Thị Mai' }]);
  });
});
