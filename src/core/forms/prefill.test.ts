import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { ProcedureDefinition, type FormDefinition } from '../catalogue/schema.ts';
import { sha256Hex } from './sha256.ts';
import {
  birthRegistrationRoles,
  convertForField,
  marriageRoles,
  nationalAddress,
  nationalDate,
  nationalName,
  nationalPerson,
  prefillHash,
  readSource,
  resolvePrefill,
} from './prefill.ts';
import { validateForm } from './validate.ts';
import { birthForm, bride, ctx, groom, household, hung, lan, mai, maiClaims, marriageForm, newborn, TODAY } from './test-fixtures.ts';

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
    const select = { type: 'select' as const, validation: {}, field: { key: 's', type: 'select' as const, label: 'S', options: [{ value: 'nu', label: 'Nữ' }, { value: 'da-ket-hon', label: 'Đã kết hôn' }] } };
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

describe('autofill of a birth registration', () => {
  const population = birthRegistrationRoles(mai, hung, [lan, newborn], TODAY, household);
  const result = resolvePrefill(birthForm, { eid: maiClaims, population });

  it('derives the roles from the logged-in parent: she is the mother, her husband the father, the youngest child the newborn', () => {
    expect(population.mother).toBe(mai);
    expect(population.father).toBe(hung);
    expect(population.newborn).toBe(newborn);
    const fromFather = birthRegistrationRoles(hung, mai, [newborn], TODAY);
    expect(fromFather.mother).toBe(mai);
    expect(fromFather.father).toBe(hung);
    // Not married, no spouse looked up: the father is whoever the child's record names, if anyone.
    const single = { ...mai, voChong: undefined, tinhTrangHonNhan: 'Chưa kết hôn' };
    expect(birthRegistrationRoles(single, null, [{ ...newborn, cha: undefined }], TODAY).father).toBeNull();
    expect(birthRegistrationRoles(single, null, [newborn], TODAY).father).toEqual(newborn.cha);
    // A child born more than a year ago is not a newborn.
    expect(birthRegistrationRoles(mai, hung, [lan], TODAY).newborn).toBeNull();
    expect(birthRegistrationRoles(null, null, [], TODAY)).toEqual({});
  });

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
    expect(result.provenance.hoTenMe).toEqual({ source: 'population', path: 'mother.hoTen', hash: prefillHash({ source: 'population', path: 'mother.hoTen' }, 'Trần Thị Mai') });
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

  it('when no father is recorded, says so and fills none of his details', () => {
    const single = { ...mai, voChong: undefined };
    const r = resolvePrefill(birthForm, { eid: maiClaims, population: birthRegistrationRoles(single, null, [{ ...newborn, cha: undefined }], TODAY) });
    expect(r.values.coCha).toBe(false);
    expect(r.values.cha).toBeUndefined();
    expect(r.unresolved).toEqual(expect.arrayContaining(['cha', 'ngaySinhCha', 'diaChiHo', 'thanhVien']));
  });

  it('fills only from e-ID claims when the population database has nothing', () => {
    const r = resolvePrefill(birthForm, { eid: maiClaims, population: {} });
    expect(r.values).toEqual({ hoTenNguoiNop: 'Trần Thị Mai', ngaySinhNguoiNop: '1995-08-20' });
    expect(resolvePrefill(birthForm, {}).values).toEqual({});
  });

  it('fills the catalogue birth-registration form (1.001193)', () => {
    const khaiSinh = ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL('../../../data/catalogue/procedures/1.001193.json', import.meta.url), 'utf8')));
    const form = khaiSinh.cases[0].form!;
    const r = resolvePrefill(form, { eid: maiClaims, population: birthRegistrationRoles(mai, hung, [newborn], TODAY) });
    expect(r.values).toMatchObject({
      hoTenTre: 'Nguyễn Minh Khang', gioiTinhTre: 'Nam', hoTenMe: 'Trần Thị Mai', soDinhDanhMe: '075195012346', coThongTinCha: true,
      hoTenCha: 'Nguyễn Văn Hùng', ngaySinhCha: '1990-03-15', noiCuTruCha: { provinceCode: '75', communeCode: '25252', detail: 'Số 12 Thôn Phú Bình' },
      hoTenNguoiNop: 'Trần Thị Mai', soDinhDanhNguoiNop: '075195012346',
    });
    expect(validateForm(form, { ...r.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' }, ctx)).toEqual({ valid: true, errors: [] });
  });
});

describe('autofill of a marriage registration', () => {
  it('fills the applicant’s party and marital status; the other party only once looked up', () => {
    const alone = resolvePrefill(marriageForm, { eid: {}, population: marriageRoles(bride) });
    expect(alone.values).toEqual({
      benNu: { idNumber: '001198004321', fullName: 'Phạm Thu Hà', birthDate: '1998-04-12' },
      noiCuTruNu: { provinceCode: '01', communeCode: '00004', detail: 'Số 5 phố Đội Cấn' },
      tinhTrangHonNhanNu: 'chua',
    });
    expect(alone.unresolved).toEqual(['benNam', 'noiCuTruNam', 'tinhTrangHonNhanNam']);
    expect(alone.provenance.tinhTrangHonNhanNu).toMatchObject({ source: 'population', path: 'bride.tinhTrangHonNhan' });

    const both = resolvePrefill(marriageForm, { population: marriageRoles(groom, bride) });
    expect(both.values).toMatchObject({
      benNam: { idNumber: '001096007654', fullName: 'Đỗ Quang Minh', birthDate: '1996-01-30' },
      tinhTrangHonNhanNam: 'ly-hon',
      benNu: { idNumber: '001198004321', fullName: 'Phạm Thu Hà' },
      tinhTrangHonNhanNu: 'chua',
    });
    expect(validateForm(marriageForm, both.values, ctx)).toEqual({ valid: true, errors: [] });
  });

  it('fills the catalogue marriage form (1.000894) from the applicant', () => {
    const ketHon = ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL('../../../data/catalogue/procedures/1.000894.json', import.meta.url), 'utf8')));
    const r = resolvePrefill(ketHon.cases[0].form!, { eid: {}, population: marriageRoles(groom) });
    // The applicant's own side (the groom here) and their marital status come from the population database;
    // the bride's side is left for the citizen to declare.
    expect(r.values).toMatchObject({
      hoTenNguoiNop: 'Đỗ Quang Minh', soDinhDanhNguoiNop: '001096007654', tinhTrangHonNhanNguoiNop: 'Ly hôn',
      hoTenNam: 'Đỗ Quang Minh', soDinhDanhNam: '001096007654', tinhTrangHonNhanNam: 'Ly hôn',
    });
    expect(r.values.hoTenNu).toBeUndefined();
    expect(r.provenance.tinhTrangHonNhanNam?.source).toBe('population');
  });
});

describe('group prefill limits', () => {
  it('keeps at most maxItems prefilled items', () => {
    const def: FormDefinition = {
      id: 'g', version: 1,
      pages: [{ key: 'p', title: 'P', fields: [{ key: 'tv', type: 'group', label: 'TV', prefill: 'population.household.members', maxItems: 2, fields: [{ key: 'ten', type: 'text', label: 'Tên', prefill: 'item.hoTen' }] }] }],
    };
    const r = resolvePrefill(def, { population: { household } });
    expect(r.values.tv).toEqual([{ ten: 'Nguyễn Văn Hùng' }, { ten: 'Trần Thị Mai' }]);
  });
});
