import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormField } from '../catalogue/schema.ts';
import { checkIdNumberStructure, isRealDate, personIdNumbers, validateForm, vnToday, type ValidationContext } from './validate.ts';
import { ctx, TODAY } from './test-fixtures.ts';

const form = (fields: FormField[]): FormDefinition => ({ id: 't', version: 1, pages: [{ key: 'p', title: 'P', fields }] });
const run = (f: FormField, value: unknown, extra: Record<string, unknown> = {}, c: ValidationContext = ctx) =>
  validateForm(form([f, ...((extra.__fields as FormField[]) ?? [])]), { [f.key]: value, ...extra }, c).errors;
const codes = (f: FormField, value: unknown, c: ValidationContext = ctx) => run(f, value, {}, c).map((e) => e.code);

const file = { fileId: '7d0c3a1e-1b2c-4d5e-8f90-123456789abc', sha256: 'a'.repeat(64), name: 'giay-chung-sinh.pdf', size: 204_800, mime: 'application/pdf' };

describe('required fields', () => {
  it('says, in Vietnamese and with the label, that a required answer is missing', () => {
    const f: FormField = { key: 'hoTenMe', type: 'text', label: 'Họ và tên của mẹ', required: true };
    for (const blank of [undefined, null, '', '   ']) {
      expect(run(f, blank)).toEqual([
        {
          path: 'hoTenMe',
          code: 'required',
          message: 'Họ và tên của mẹ là bắt buộc.',
          page: 'p',
          messageKey: 'required',
          params: { label: 'Họ và tên của mẹ', field: 'hoTenMe' },
        },
      ]);
    }
    expect(run({ key: 'coCha', type: 'yes_no', label: 'Có xác định được người cha không?', required: true }, undefined)[0].message).toBe(
      'Vui lòng trả lời câu hỏi: Có xác định được người cha không?',
    );
    expect(codes({ key: 'coCha', type: 'yes_no', label: 'Có cha?', required: true }, false)).toEqual([]);
    expect(codes({ key: 'dc', type: 'address', label: 'Địa chỉ', required: true }, { provinceCode: '', communeCode: '', detail: '' })).toEqual(['required']);
    expect(codes({ key: 'x', type: 'text', label: 'X' }, undefined)).toEqual([]);
  });

  it('requires a field when its requireIf condition holds', () => {
    const def = form([
      {
        key: 'loai',
        type: 'select',
        label: 'Loại giấy tờ',
        options: [
          { value: 'khac', label: 'Khác' },
          { value: 'cccd', label: 'Thẻ căn cước' },
        ],
      },
      { key: 'tenGiayTo', type: 'text', label: 'Tên giấy tờ', requireIf: { field: 'loai', equals: 'khac' } },
    ]);
    expect(validateForm(def, { loai: 'khac' }, ctx).errors.map((e) => `${e.path}:${e.code}`)).toEqual(['tenGiayTo:required']);
    expect(validateForm(def, { loai: 'cccd' }, ctx).valid).toBe(true);
    expect(validateForm(def, { loai: 'khac', tenGiayTo: 'Hộ chiếu' }, ctx).valid).toBe(true);
  });
});

describe('field types', () => {
  it('text and textarea: type, length (counted in characters), pattern, control characters', () => {
    const f: FormField = {
      key: 'ten',
      type: 'text',
      label: 'Tên',
      validation: { minLength: 2, maxLength: 5, pattern: '[\\p{L} ]+', patternMessage: 'chỉ gồm chữ cái' },
    };
    expect(codes(f, 'Ánh')).toEqual([]);
    expect(codes(f, 'Ánh'.normalize('NFD'))).toEqual([]);
    expect(codes(f, 'A')).toEqual(['too_short']);
    expect(codes(f, 'Nguyễn')).toEqual(['too_long']);
    expect(run(f, 'An3')[0].message).toBe('Tên chỉ gồm chữ cái.');
    expect(codes(f, 42)).toEqual(['type']);
    expect(codes({ key: 't', type: 'text', label: 'T' }, 'x'.repeat(201))).toEqual(['too_long']);
    expect(codes({ key: 't', type: 'textarea', label: 'T' }, 'dòng 1\ndòng 2')).toEqual([]);
    expect(codes({ key: 't', type: 'textarea', label: 'T' }, 'a\u0000b')).toEqual(['invalid_characters']);
  });

  it('number: min, max, whole numbers unless decimals are allowed, numeric text accepted', () => {
    const f: FormField = { key: 'soBan', type: 'number', label: 'Số bản sao', validation: { min: 0, max: 10 } };
    expect(codes(f, 3)).toEqual([]);
    expect(codes(f, '3')).toEqual([]);
    expect(codes(f, 0)).toEqual([]);
    expect(codes(f, -1)).toEqual(['min']);
    expect(run(f, 11)[0].message).toBe('Số bản sao không được lớn hơn 10.');
    expect(codes(f, 1.5)).toEqual(['integer']);
    expect(codes(f, 'ba')).toEqual(['type']);
    expect(codes(f, true)).toEqual(['type']);
    const area: FormField = { key: 'dienTich', type: 'number', label: 'Diện tích', validation: { decimals: 2 } };
    expect(codes(area, 12.25)).toEqual([]);
    expect(codes(area, '12,5')).toEqual([]);
    expect(codes(area, 12.255)).toEqual(['decimals']);
  });

  it('date: ISO form, real calendar date, not in the future, min and max', () => {
    const f: FormField = { key: 'ngay', type: 'date', label: 'Ngày sinh', validation: { notFuture: true, minDate: '1900-01-01' } };
    expect(codes(f, '2024-02-29')).toEqual([]);
    expect(codes(f, TODAY)).toEqual([]);
    for (const bad of ['2023-02-29', '2026-13-01', '2026-04-31', '20/11/2026', '2026-1-5', '2026-11-23T00:00:00Z', 20261123])
      expect(codes(f, bad)).toEqual(['date']);
    expect(run(f, '2026-11-24')[0]).toMatchObject({ code: 'future', message: 'Ngày sinh không được sau ngày hôm nay (23/11/2026).' });
    expect(run(f, '1899-12-31')[0].message).toBe('Ngày sinh không được trước ngày 01/01/1900.');
    expect(codes({ key: 'h', type: 'date', label: 'Ngày hẹn', validation: { notPast: true, maxDate: '2027-01-01' } }, '2026-11-22')).toEqual(['past']);
    expect(codes({ key: 'h', type: 'date', label: 'Ngày hẹn', validation: { maxDate: '2027-01-01' } }, '2027-01-02')).toEqual(['max_date']);
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('1900-02-29')).toBe(false);
  });

  it('date: "today" defaults to the date in Vietnam (UTC+7)', () => {
    expect(vnToday(Date.parse('2026-11-23T16:59:59Z'))).toBe('2026-11-23');
    expect(vnToday(Date.parse('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
    const f: FormField = { key: 'ngay', type: 'date', label: 'Ngày', validation: { notFuture: true } };
    expect(codes(f, '2999-01-01', {})).toEqual(['future']);
  });

  it('select: only the listed option values', () => {
    const f: FormField = {
      key: 'gt',
      type: 'select',
      label: 'Giới tính',
      options: [
        { value: 'Nam', label: 'Nam' },
        { value: 'Nữ', label: 'Nữ' },
      ],
    };
    expect(codes(f, 'Nữ')).toEqual([]);
    expect(codes(f, 'Nữ'.normalize('NFD'))).toEqual([]);
    expect(run(f, 'Khác')[0]).toMatchObject({ code: 'option', message: 'Giới tính: lựa chọn không có trong danh sách.' });
    expect(codes(f, ['Nam'])).toEqual(['option']);
  });

  it('yes/no: booleans only; a commitment must be "Có"', () => {
    const f: FormField = { key: 'co', type: 'yes_no', label: 'Có con chung', required: true };
    expect(codes(f, true)).toEqual([]);
    expect(codes(f, false)).toEqual([]);
    expect(codes(f, 'true')).toEqual(['type']);
    expect(codes(f, 1)).toEqual(['type']);
    const camDoan: FormField = {
      key: 'camDoan',
      type: 'yes_no',
      label: 'Tôi cam đoan nội dung khai là đúng sự thật',
      required: true,
      validation: { mustBeTrue: true },
    };
    expect(codes(camDoan, false)).toEqual(['must_be_true']);
    expect(codes(camDoan, true)).toEqual([]);
  });

  it('identity number: 12 digits, province code 001–096, century/sex digit agreeing with the form', () => {
    const f: FormField = { key: 'so', type: 'id_number', label: 'Số định danh cá nhân' };
    expect(codes(f, '075195012346')).toEqual([]);
    expect(codes(f, '075 195 012 346')).toEqual([]);
    for (const bad of ['07519501234', '0751950123467', '07519501234a']) expect(codes(f, bad)).toEqual(['id_number_format']);
    expect(codes(f, '000195012346')).toEqual(['id_number_province']);
    expect(codes(f, '097195012346')).toEqual(['id_number_province']);
    expect(codes(f, '096195012346')).toEqual([]);
    // Digit 4 = 2 → born 2000–2099; year 30 → 2030, after today.
    expect(codes(f, '075230012346')).toEqual(['id_number_birth_year']);

    const withFacts: FormField = { key: 'soMe', type: 'id_number', label: 'Số định danh của mẹ', validation: { sex: 'Nữ', birthDateField: 'ngaySinhMe' } };
    const dateField: FormField = { key: 'ngaySinhMe', type: 'date', label: 'Ngày sinh của mẹ' };
    const check = (id: string, birth?: string) => run(withFacts, id, { ngaySinhMe: birth, __fields: [dateField] }).map((e) => e.code);
    expect(check('075195012346', '1995-08-20')).toEqual([]);
    expect(check('075195012346', '1996-08-20')).toEqual(['id_number_birth_year']);
    expect(check('075095012346', '1995-08-20')).toEqual(['id_number_sex']); // digit 0: a man born 1900–1999
    expect(check('075395012346', '1995-08-20')).toEqual(['id_number_birth_year']); // digit 3: a woman born 2000–2099 → 2095
    expect(run(withFacts, '075095012346', { ngaySinhMe: '1995-08-20', __fields: [dateField] })[0].message).toBe(
      'Số định danh của mẹ không khớp với giới tính Nữ (chữ số thứ tư mã hóa giới tính Nam).',
    );

    const sexField: FormField = {
      key: 'gioiTinh',
      type: 'select',
      label: 'Giới tính',
      options: [
        { value: 'Nam', label: 'Nam' },
        { value: 'Nữ', label: 'Nữ' },
      ],
    };
    const bySexField: FormField = { key: 'so', type: 'id_number', label: 'Số định danh', validation: { sexField: 'gioiTinh' } };
    expect(run(bySexField, '075195012346', { gioiTinh: 'Nam', __fields: [sexField] }).map((e) => e.code)).toEqual(['id_number_sex']);
    expect(run(bySexField, '075195012346', { gioiTinh: 'Nữ', __fields: [sexField] }).map((e) => e.code)).toEqual([]);
  });

  it('identity number: the structure check is pluggable', () => {
    const f: FormField = { key: 'so', type: 'id_number', label: 'Số định danh' };
    const seen: unknown[] = [];
    const strict: ValidationContext = {
      ...ctx,
      idNumber: (id, known) => {
        seen.push(known);
        return checkIdNumberStructure(id, known) ?? (id.endsWith('0000') ? { code: 'id_number_unissued', message: 'chưa được cấp.' } : null);
      },
    };
    expect(run(f, '075195010000', {}, strict)[0]).toMatchObject({ code: 'id_number_unissued', message: 'Số định danh chưa được cấp.' });
    expect(codes(f, '075195012346', strict)).toEqual([]);
    expect(seen[0]).toEqual({ birthDate: undefined, sex: undefined, today: TODAY });
  });

  it('phone: Vietnamese mobile numbers, +84 forms normalised', () => {
    const f: FormField = { key: 'dt', type: 'phone', label: 'Số điện thoại' };
    for (const good of [
      '0912345678',
      '0912 345 678',
      '091.234.5678',
      '+84912345678',
      '+84 912 345 678',
      '84912345678',
      '0387654321',
      '0567654321',
      '0787654321',
      '0887654321',
    ])
      expect(codes(f, good)).toEqual([]);
    for (const bad of ['0212345678', '0612345678', '091234567', '09123456789', '+8491234567', 'số máy', '1912345678']) expect(codes(f, bad)).toEqual(['phone']);
    expect(codes({ ...f, validation: { allowLandline: true } }, '02439876543')).toEqual([]);
    expect(codes(f, '02439876543')).toEqual(['phone']);
  });

  it('email', () => {
    const f: FormField = { key: 'mail', type: 'email', label: 'Thư điện tử' };
    for (const good of ['mai.tran@example.vn', 'a+b@sub.domain.com.vn', ' Mai@Example.VN ']) expect(codes(f, good)).toEqual([]);
    for (const bad of ['a@', '@b.vn', 'a@b', 'a b@c.vn', 'a..b@c.vn', '.a@c.vn', 'a@-c.vn', 'mai@example.v']) expect(codes(f, bad)).toEqual(['email']);
  });

  it('address: province and commune from the 2025 units, the commune inside the province, a detail', () => {
    const f: FormField = { key: 'dc', type: 'address', label: 'Nơi cư trú' };
    expect(codes(f, { provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình' })).toEqual([]);
    const wrong = run(f, { provinceCode: '75', communeCode: '00004', detail: 'x' });
    expect(wrong).toEqual([
      {
        path: 'dc',
        code: 'address_commune',
        message: 'Nơi cư trú: xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn.',
        page: 'p',
        part: 'communeCode',
        messageKey: 'address_commune_mismatch',
        params: { label: 'Nơi cư trú', field: 'dc' },
      },
    ]);
    expect(codes(f, { provinceCode: '99', communeCode: '25252', detail: 'x' })).toEqual(['address_province']);
    expect(codes(f, { provinceCode: '7', communeCode: '25252', detail: 'x' })).toEqual(['address_province']);
    expect(codes(f, { provinceCode: '75', communeCode: '', detail: 'x' })).toEqual(['address_commune']);
    expect(codes(f, { provinceCode: '75', communeCode: '25252', detail: '  ' })).toEqual(['address_detail']);
    expect(codes({ ...f, validation: { detailRequired: false } }, { provinceCode: '75', communeCode: '25252' })).toEqual([]);
    expect(codes({ ...f, validation: { provinces: ['01'] } }, { provinceCode: '75', communeCode: '25252', detail: 'x' })).toEqual([
      'address_province_not_allowed',
    ]);
    expect(codes(f, 'Số 12, Phú Riềng')).toEqual(['address']);
    // Without the units in the context only the shapes are checked.
    expect(codes(f, { provinceCode: '75', communeCode: '00004', detail: 'x' }, { today: TODAY })).toEqual([]);
  });

  it('person: identity number, name, optional birth date, checked against the population database when looked up', () => {
    const f: FormField = { key: 'ben', type: 'person', label: 'Bên nam', validation: { sex: 'Nam' } };
    const person = { idNumber: '001096007654', fullName: 'Đỗ Quang Minh', birthDate: '1996-01-30' };
    expect(codes(f, person)).toEqual([]);
    expect(codes(f, { idNumber: '001096007654', fullName: 'Đỗ Quang Minh' })).toEqual([]);
    expect(run(f, { ...person, idNumber: '123' })[0]).toMatchObject({
      code: 'id_number_format',
      part: 'idNumber',
      message: 'Bên nam: số định danh cá nhân phải gồm đúng 12 chữ số.',
    });
    expect(codes(f, { ...person, idNumber: '001196007654' })).toEqual(['id_number_sex']);
    expect(codes(f, { ...person, birthDate: '1997-01-30' })).toEqual(['id_number_birth_year']);
    expect(codes(f, { ...person, fullName: ' ' })).toEqual(['person_name']);
    expect(codes(f, { ...person, birthDate: '1996-02-30' })).toEqual(['date']);
    expect(codes(f, { fullName: 'Đỗ Quang Minh' })).toEqual(['required']);
    expect(codes({ ...f, validation: { birthDateRequired: true } }, { idNumber: '001096007654', fullName: 'Đỗ Quang Minh' })).toEqual(['required']);

    const db: ValidationContext = {
      ...ctx,
      persons: (id) => (id === '001096007654' ? { fullName: 'Đỗ Quang Minh', birthDate: '1996-01-30', sex: 'Nam' } : id === '001096000001' ? null : undefined),
    };
    expect(codes(f, { ...person, fullName: 'đỗ  quang minh' }, db)).toEqual([]);
    expect(codes(f, { ...person, fullName: 'Đỗ Quang Mạnh' }, db)).toEqual(['person_mismatch']);
    expect(codes(f, { idNumber: '001096000001', fullName: 'Ai Đó' }, db)).toEqual(['person_not_found']);
    expect(codes(f, { idNumber: '001096000002', fullName: 'Chưa tra cứu' }, db)).toEqual([]);
    expect(codes({ ...f, validation: { lookup: false } }, { idNumber: '001096000001', fullName: 'Ai Đó' }, db)).toEqual([]);
  });

  it('person: lists the identity numbers the server should look up', () => {
    const def = form([
      { key: 'coBenNam', type: 'yes_no', label: 'Có?' },
      { key: 'benNam', type: 'person', label: 'Bên nam', showIf: { field: 'coBenNam', equals: true } },
      { key: 'nguoiLamChung', type: 'group', label: 'Người làm chứng', fields: [{ key: 'nguoi', type: 'person', label: 'Người làm chứng' }] },
    ]);
    const values = {
      coBenNam: true,
      benNam: { idNumber: '001096007654', fullName: 'A' },
      nguoiLamChung: [{ nguoi: { idNumber: '001 198 004321', fullName: 'B' } }, { nguoi: { idNumber: 'x', fullName: 'C' } }],
    };
    expect(personIdNumbers(def, values)).toEqual([
      { path: 'benNam', idNumber: '001096007654' },
      { path: 'nguoiLamChung[0].nguoi', idNumber: '001198004321' },
    ]);
    expect(personIdNumbers(def, { ...values, coBenNam: false }).map((p) => p.path)).toEqual(['nguoiLamChung[0].nguoi']);
  });

  it('file: well-formed references, allowed types and sizes, counts', () => {
    const f: FormField = {
      key: 'tep',
      type: 'file',
      label: 'Giấy chứng sinh',
      validation: { accept: ['application/pdf', 'image/*'], maxSize: 5 * 1024 * 1024 },
    };
    expect(codes(f, file)).toEqual([]);
    expect(codes(f, { ...file, mime: 'image/jpeg', name: 'anh.jpg' })).toEqual([]);
    expect(run(f, { ...file, mime: 'application/zip', name: 'a.zip' })[0]).toMatchObject({
      code: 'file_type',
      message: 'Giấy chứng sinh: tệp "a.zip" không đúng loại cho phép (PDF, image).',
    });
    expect(run(f, { ...file, size: 6 * 1024 * 1024 })[0].message).toBe('Giấy chứng sinh: tệp "giay-chung-sinh.pdf" vượt quá dung lượng tối đa 5 MB.');
    expect(codes(f, { ...file, size: 0 })).toEqual(['file_size']);
    expect(codes(f, { fileId: 'f1' })).toEqual(['file']);
    expect(codes(f, { ...file, sha256: 'xyz' })).toEqual(['file']);
    expect(codes(f, { ...file, size: -1 })).toEqual(['file']);
    expect(codes(f, [file, file])).toEqual(['file_count']);
    expect(
      codes({ key: 'ext', type: 'file', label: 'Ảnh', validation: { accept: ['.jpg', '.png'] } }, { ...file, name: 'ANH.JPG', mime: 'image/jpeg' }),
    ).toEqual([]);
    const many: FormField = { key: 'tep', type: 'file', label: 'Bản sao giấy tờ', validation: { minFiles: 2, maxFiles: 3 } };
    expect(codes(many, [file, { ...file, fileId: 'f2' }])).toEqual([]);
    expect(codes(many, [file])).toEqual(['file_count']);
    expect(codes(many, [file, file, file, file])).toEqual(['file_count']);
  });
});

describe('repeated groups', () => {
  const def = form([
    { key: 'coCon', type: 'yes_no', label: 'Có con chung', required: true },
    {
      key: 'children',
      type: 'group',
      label: 'Các con chung',
      minItems: 1,
      maxItems: 3,
      required: true,
      showIf: { field: 'coCon', equals: true },
      fields: [
        { key: 'fullName', type: 'text', label: 'Họ và tên con', required: true },
        { key: 'birthDate', type: 'date', label: 'Ngày sinh của con', required: true, validation: { notFuture: true } },
        { key: 'idNumber', type: 'id_number', label: 'Số định danh của con', validation: { birthDateField: './birthDate' } },
        { key: 'dangHoc', type: 'yes_no', label: 'Đang đi học' },
        { key: 'truong', type: 'text', label: 'Tên trường', requireIf: { field: './dangHoc', equals: true } },
      ],
    },
  ]);
  const err = (values: Record<string, unknown>) => validateForm(def, values, ctx).errors.map((e) => `${e.path}:${e.code}`);

  it('validates each item with item-relative paths and messages naming the item', () => {
    const values = {
      coCon: true,
      children: [
        { fullName: 'Nguyễn Minh Khang', birthDate: '2026-11-13', idNumber: '075226012347' },
        { fullName: '', birthDate: '2030-01-01', dangHoc: true },
        { fullName: 'Nguyễn Thị Lan', birthDate: '2018-05-01', idNumber: '075319000001', dangHoc: false },
      ],
    };
    expect(err(values)).toEqual([
      'children[1].fullName:required',
      'children[1].birthDate:future',
      'children[1].truong:required',
      'children[2].idNumber:id_number_birth_year',
    ]);
    const message = validateForm(def, values, ctx).errors[0].message;
    expect(message).toBe('Họ và tên con (Các con chung, mục 2) là bắt buộc.');
  });

  it('counts items, refuses what is not a list of items, and skips a hidden group', () => {
    expect(err({ coCon: true, children: [] })).toEqual(['children:required']);
    expect(err({ coCon: true })).toEqual(['children:required']);
    const item = { fullName: 'A', birthDate: '2020-01-01' };
    expect(err({ coCon: true, children: [item, item, item, item] })).toEqual(['children:max_items']);
    expect(err({ coCon: true, children: 'An, Bình' })).toEqual(['children:type']);
    expect(err({ coCon: true, children: [item, 'Bình'] })).toEqual(['children[1]:type', 'children[1].fullName:required', 'children[1].birthDate:required']);
    expect(err({ coCon: false, children: [{ fullName: '' }] })).toEqual([]);
  });

  it('checks minItems only when items are given on an optional group', () => {
    const opt = form([{ key: 'g', type: 'group', label: 'Người làm chứng', minItems: 2, fields: [{ key: 'ten', type: 'text', label: 'Tên' }] }]);
    expect(validateForm(opt, {}, ctx).errors).toEqual([]);
    expect(validateForm(opt, { g: [{ ten: 'A' }] }, ctx).errors.map((e) => e.code)).toEqual(['min_items']);
  });
});

describe('validating one page', () => {
  it('checks only that page but reads conditions from the whole form', () => {
    const def: FormDefinition = {
      id: 'pg',
      version: 1,
      pages: [
        { key: 'a', title: 'A', fields: [{ key: 'loai', type: 'select', label: 'Loại', required: true, options: [{ value: 'x', label: 'X' }] }] },
        { key: 'b', title: 'B', fields: [{ key: 'chiTiet', type: 'text', label: 'Chi tiết', requireIf: { field: 'loai', equals: 'x' } }] },
      ],
    };
    expect(validateForm(def, { loai: 'x' }, ctx, 'b').errors.map((e) => e.path)).toEqual(['chiTiet']);
    expect(validateForm(def, {}, ctx, 'b').errors).toEqual([]);
    expect(validateForm(def, {}, ctx, 'a').errors.map((e) => e.path)).toEqual(['loai']);
  });
});
