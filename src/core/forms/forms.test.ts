import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition, type FormDefinition } from '../catalogue/schema.ts';
import { birthRegistrationRoles, checkPrefill, evaluate, normaliseValues, resolvePrefill, validateForm, visiblePages, type PersonRecord } from './index.ts';

const khaiSinh = ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL('../../../data/catalogue/procedures/1.001193.json', import.meta.url), 'utf8')));
const form = khaiSinh.cases[0].form!;

const addr = { maTinhThanh: '75', maPhuongXa: '25252', chiTiet: 'Số 12, Thôn Phú Bình' };
const mother: PersonRecord = { soDinhDanh: '070195012346', hoTen: 'Trần Thị Mai', ngaySinh: '1995-08-20', gioiTinh: 'Nữ', danToc: 'Kinh', quocTich: 'Việt Nam', tinhTrangHonNhan: 'Đã kết hôn', thuongTru: addr };
const father: PersonRecord = { soDinhDanh: '070090012345', hoTen: 'Nguyễn Văn Hùng', ngaySinh: '1990-03-15', gioiTinh: 'Nam', danToc: 'Kinh', quocTich: 'Việt Nam', tinhTrangHonNhan: 'Đã kết hôn', thuongTru: addr };
const baby: PersonRecord = { soDinhDanh: '075226012347', hoTen: 'Nguyễn Minh Khang', ngaySinh: '2026-11-13', gioiTinh: 'Nam', danToc: 'Kinh', quocTich: 'Việt Nam', thuongTru: addr };
const older: PersonRecord = { ...baby, soDinhDanh: '075218000001', hoTen: 'Nguyễn Thị Lan', ngaySinh: '2018-05-01', gioiTinh: 'Nữ' };
const eid = { HoVaTen: 'Trần Thị Mai', SoDinhDanh: '070195012346', NgayThangNamSinh: '19950820' };
const ctx = { today: '2026-11-23', communeInProvince: (c: string, p: string) => p === '75' && c === '25252' };

describe('autofill for a birth registration', () => {
  const population = birthRegistrationRoles(mother, father, [older, baby], '2026-11-23');
  const { values, provenance } = resolvePrefill(form, { eid, population });

  it('fills the child, the mother, the father and the address from the population database', () => {
    expect(values).toMatchObject({
      hoTenTre: 'Nguyễn Minh Khang', ngaySinhTre: '2026-11-13', gioiTinhTre: 'Nam',
      hoTenMe: 'Trần Thị Mai', soDinhDanhMe: '070195012346', ngaySinhMe: '1995-08-20',
      coThongTinCha: true, hoTenCha: 'Nguyễn Văn Hùng', soDinhDanhCha: '070090012345',
      noiCuTruMe: { provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình' },
      hoTenNguoiNop: 'Trần Thị Mai', soDinhDanhNguoiNop: '070195012346',
    });
    expect(provenance.hoTenMe.source).toBe('population.mother.hoTen');
    expect(provenance.hoTenNguoiNop.source).toBe('eid.HoVaTen');
  });

  it('leaves what nobody knows to the citizen, and validates the rest', () => {
    const r = validateForm(form, values, ctx);
    expect(r.errors.map((e) => e.path).sort()).toEqual(['noiSinhTre', 'quanHeVoiTre']);
    expect(r.errors[0].message).toMatch(/bắt buộc/);
    const complete = { ...values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' };
    expect(validateForm(form, complete, ctx)).toEqual({ valid: true, errors: [] });
  });

  it('detects a locked prefilled value changed by the client', () => {
    const tampered = { ...values, soDinhDanhMe: '070195099999' };
    const check = checkPrefill(form, tampered, provenance);
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]).toMatchObject({ path: 'soDinhDanhMe', code: 'PREFILL_TAMPERED' });
  });

  it('accepts a changed "declared" value and marks it as declared by the citizen', () => {
    const check = checkPrefill(form, { ...values, danTocMe: 'Tày' }, provenance);
    expect(check.errors).toEqual([]);
    expect(check.provenance.danTocMe).toEqual({ source: 'population.mother.danToc', declaredByCitizen: true });
    expect(check.provenance.hoTenMe).toEqual({ source: 'population.mother.hoTen', declaredByCitizen: false });
  });

  it('compares values canonically (a decomposed Vietnamese string is the same value)', () => {
    expect(checkPrefill(form, { ...values, hoTenMe: 'Trần Thị Mai'.normalize('NFD') }, provenance).errors).toEqual([]);
  });

  it('hides the father’s page fields when the father is not known, and drops their values', () => {
    const noFather = { ...values, coThongTinCha: false, noiSinhTre: 'Nhà', quanHeVoiTre: 'me' };
    expect(validateForm(form, noFather, ctx).valid).toBe(true);
    const kept = normaliseValues(form, noFather);
    expect(kept.hoTenCha).toBeUndefined();
    expect(kept.hoTenMe).toBe('Trần Thị Mai');
    // The father page stays (it asks whether the father is known) but its other questions are gone.
    expect(visiblePages(form, noFather).map((p) => p.key)).toContain('cha');
  });
});

describe('field types', () => {
  const def: FormDefinition = {
    id: 't', version: 1,
    pages: [{ key: 'p', title: 'P', fields: [
      { key: 'ten', type: 'text', label: 'Họ và tên', required: true },
      { key: 'so', type: 'number', label: 'Số bản', validation: { min: 1, max: 5 } },
      { key: 'ngay', type: 'date', label: 'Ngày', validation: { notFuture: true } },
      { key: 'loai', type: 'select', label: 'Loại', options: [{ value: 'a', label: 'A' }] },
      { key: 'co', type: 'yes_no', label: 'Có con', required: true },
      { key: 'cccd', type: 'id_number', label: 'Số định danh' },
      { key: 'dt', type: 'phone', label: 'Điện thoại' },
      { key: 'mail', type: 'email', label: 'Thư điện tử' },
      { key: 'dc', type: 'address', label: 'Địa chỉ' },
      { key: 'nguoi', type: 'person', label: 'Người liên quan' },
      { key: 'tep', type: 'file', label: 'Tệp' },
      { key: 'lyDo', type: 'text', label: 'Lý do', requireIf: { field: 'loai', equals: 'a' } },
      { key: 'con', type: 'group', label: 'Các con', minItems: 1, maxItems: 2, showIf: { field: 'co', equals: true }, fields: [
        { key: 'hoTen', type: 'text', label: 'Họ tên con', required: true },
        { key: 'ngaySinh', type: 'date', label: 'Ngày sinh con', validation: { notFuture: true } },
      ] },
    ] }],
  };
  const codes = (values: Record<string, unknown>) => validateForm(def, values, ctx).errors.map((e) => `${e.path}:${e.code}`);

  it('accepts good values of every type', () => {
    expect(codes({
      ten: 'Lê Văn A', so: 2, ngay: '2026-01-01', loai: 'a', lyDo: 'cần', co: true, cccd: '070195012346', dt: '0912 345 678', mail: 'a@example.vn',
      dc: { provinceCode: '75', communeCode: '25252', detail: 'Số 1' }, nguoi: { idNumber: '070090012345', fullName: 'Nguyễn Văn Hùng' },
      tep: { fileId: 'f1' }, con: [{ hoTen: 'Bé' }],
    })).toEqual([]);
  });

  it('refuses bad values with Vietnamese messages naming the field', () => {
    expect(codes({
      ten: '', so: 9, ngay: '2026-02-30', loai: 'x', co: 'maybe', cccd: '123', dt: '0123', mail: 'a@', dc: { provinceCode: '75', communeCode: '00004', detail: 'x' },
      nguoi: { idNumber: '1' }, tep: {}, con: [],
    }).sort()).toEqual([
      'cccd:id_number', 'co:type', 'dc:address_commune', 'dt:phone', 'loai:option', 'mail:email', 'ngay:date', 'nguoi:person', 'so:max', 'ten:required', 'tep:file',
    ].sort());
    expect(validateForm(def, { ten: '' }, ctx).errors.find((e) => e.path === 'ten')?.message).toBe('Họ và tên: chưa nhập (bắt buộc).');
  });

  it('requires a field when its condition holds, and checks group items with item paths', () => {
    expect(codes({ ten: 'A', co: false, loai: 'a' })).toEqual(['lyDo:required']);
    expect(codes({ ten: 'A', co: true, con: [{ hoTen: '' }, { hoTen: 'B', ngaySinh: '2030-01-01' }] })).toEqual(['con[0].hoTen:required', 'con[1].ngaySinh:future']);
    expect(codes({ ten: 'A', co: true, con: [{ hoTen: 'a' }, { hoTen: 'b' }, { hoTen: 'c' }] })).toEqual(['con:max_items']);
  });

  it('rejects malformed conditions clearly', () => {
    expect(() => evaluate({ field: 'x', bogus: 1 }, {})).toThrow(/Điều kiện không hợp lệ/);
  });
});
