/**
 * Fixtures for the form-engine tests (not used by the application): a family in the national population
 * database shape, e-ID claims, the 2025 administrative units, and small forms.
 */
import fs from 'node:fs';
import type { FormDefinition } from '../catalogue/schema.ts';
import type { NationalAddress, NationalHousehold, NationalPerson } from './prefill.ts';
import type { ValidationContext } from './validate.ts';

export const TODAY = '2026-11-23';

const units = JSON.parse(fs.readFileSync(new URL('../../../data/admin-units-2025.json', import.meta.url), 'utf8')) as {
  provinces: { code: string; communes: { code: string }[] }[];
};
const communeProvince = new Map(units.provinces.flatMap((p) => p.communes.map((c) => [c.code, p.code] as const)));
const provinceCodes = new Set(units.provinces.map((p) => p.code));

/** What the browser and the server both supply: today and the 2025 units. */
export const ctx: ValidationContext = {
  today: TODAY,
  communeInProvince: (commune, province) => communeProvince.get(commune) === province,
  provinceExists: (province) => provinceCodes.has(province),
};

export const phuRieng: NationalAddress = {
  maTinhThanh: '75',
  maPhuongXa: '25252',
  tenTinhThanh: 'Tỉnh Đồng Nai',
  tenPhuongXa: 'Xã Phú Riềng',
  chiTiet: 'Số 12, Thôn Phú Bình',
  quocGia: 'Việt Nam',
};

/** The logged-in mother, as the population database returns her. */
export const mai: NationalPerson = {
  soDinhDanh: '075195012346',
  hoVaTen: { ho: 'Trần', chuDem: 'Thị', ten: 'Mai' },
  hoTen: 'Trần Thị Mai',
  ngaySinh: '1995-08-20',
  gioiTinh: 'Nữ',
  danToc: 'Kinh',
  tonGiao: 'Không',
  quocTich: 'Việt Nam',
  tinhTrangHonNhan: 'Đã kết hôn',
  noiDangKyKhaiSinh: phuRieng,
  queQuan: { ...phuRieng, chiTiet: 'Thôn Phú Thịnh' },
  thuongTru: phuRieng,
  noiOHienTai: phuRieng,
  cha: { soDinhDanh: '075060000111', hoVaTen: 'Trần Văn Bình', quocTich: 'Việt Nam' },
  me: { soDinhDanh: '075165000222', hoVaTen: 'Lê Thị Hoa', quocTich: 'Việt Nam' },
  voChong: { soDinhDanh: '075090012345', hoVaTen: 'Nguyễn Văn Hùng', quocTich: 'Việt Nam' },
  chuHo: { soDinhDanh: '075090012345', hoVaTen: 'Nguyễn Văn Hùng', quocTich: 'Việt Nam', quanHe: 'Vợ' },
  soSoHoKhau: 'HK-75-000123',
};

/** Her husband, in the raw national shape (name in parts, birth date yyyyMMdd). */
export const hung: NationalPerson = {
  soDinhDanh: '075090012345',
  hoVaTen: { ho: 'Nguyễn', chuDem: 'Văn', ten: 'Hùng' },
  ngayThangNamSinh: { nam: '1990', ngayThangNam: '19900315' },
  gioiTinh: 'Nam',
  danToc: 'Kinh',
  quocTich: 'Việt Nam',
  tinhTrangHonNhan: 'Đã kết hôn',
  thuongTru: { ...phuRieng, chiTiet: 'Số 12 Thôn Phú Bình' },
  voChong: { soDinhDanh: '075195012346', hoVaTen: 'Trần Thị Mai', quocTich: 'Việt Nam' },
};

export const newborn: NationalPerson = {
  soDinhDanh: '075226012347',
  hoTen: 'Nguyễn Minh Khang',
  ngaySinh: '2026-11-13',
  gioiTinh: 'Nam',
  danToc: 'Kinh',
  quocTich: 'Việt Nam',
  thuongTru: phuRieng,
  cha: { soDinhDanh: '075090012345', hoVaTen: 'Nguyễn Văn Hùng' },
  me: { soDinhDanh: '075195012346', hoVaTen: 'Trần Thị Mai' },
};

export const lan: NationalPerson = { ...newborn, soDinhDanh: '075318000001', hoTen: 'Nguyễn Thị Lan', ngaySinh: '2018-05-01', gioiTinh: 'Nữ' };

export const household: NationalHousehold = {
  soSoHoKhau: 'HK-75-000123',
  diaChi: { ...phuRieng, chiTiet: 'Số 12, Thôn Phú Bình (hộ)' },
  members: [
    { ...hung, quanHeVoiChuHo: 'Chủ hộ' },
    { ...mai, quanHeVoiChuHo: 'Vợ' },
    { ...lan, quanHeVoiChuHo: 'Con' },
  ],
};

/** e-ID userinfo claims of the logged-in mother. */
export const maiClaims = {
  sub: 'tech-1',
  TechID: 'tech-1',
  LoaiTaiKhoan: '1',
  HoVaTen: 'Trần Thị Mai',
  SoDinhDanh: '075195012346',
  NgayThangNamSinh: '19950820',
  loginIdp: 'BCA',
};

/** A birth-registration form exercising bindings to roles, the household and groups. */
export const birthForm: FormDefinition = {
  id: 'khai-sinh-test',
  version: 1,
  prefillRoles: 'birth-registration',
  pages: [
    {
      key: 'tre',
      title: 'Thông tin trẻ',
      fields: [
        { key: 'hoTenTre', type: 'text', label: 'Họ, chữ đệm và tên của trẻ', required: true, prefill: 'population.newborn.hoTen', prefillPolicy: 'declared' },
        {
          key: 'ngaySinhTre',
          type: 'date',
          label: 'Ngày sinh của trẻ',
          required: true,
          prefill: 'population.newborn.ngaySinh',
          prefillPolicy: 'declared',
          validation: { notFuture: true },
        },
        {
          key: 'gioiTinhTre',
          type: 'select',
          label: 'Giới tính của trẻ',
          required: true,
          prefill: 'population.newborn.gioiTinh',
          prefillPolicy: 'declared',
          options: [
            { value: 'nam', label: 'Nam' },
            { value: 'nu', label: 'Nữ' },
          ],
        },
        { key: 'noiSinh', type: 'text', label: 'Nơi sinh', required: true },
      ],
    },
    {
      key: 'me',
      title: 'Thông tin người mẹ',
      fields: [
        { key: 'hoTenMe', type: 'text', label: 'Họ và tên của mẹ', required: true, prefill: 'population.mother.hoTen', prefillPolicy: 'locked' },
        {
          key: 'soDinhDanhMe',
          type: 'id_number',
          label: 'Số định danh cá nhân của mẹ',
          required: true,
          prefill: 'population.mother.soDinhDanh',
          prefillPolicy: 'locked',
          validation: { sex: 'Nữ', birthDateField: 'ngaySinhMe' },
        },
        { key: 'ngaySinhMe', type: 'date', label: 'Ngày sinh của mẹ', required: true, prefill: 'population.mother.ngaySinh', prefillPolicy: 'locked' },
        { key: 'danTocMe', type: 'text', label: 'Dân tộc của mẹ', prefill: 'population.mother.danToc', prefillPolicy: 'declared' },
        { key: 'noiCuTruMe', type: 'address', label: 'Nơi cư trú của mẹ', required: true, prefill: 'population.mother.thuongTru', prefillPolicy: 'declared' },
      ],
    },
    {
      key: 'cha',
      title: 'Thông tin người cha',
      fields: [
        {
          key: 'coCha',
          type: 'yes_no',
          label: 'Có xác định được người cha không?',
          required: true,
          prefill: 'population.father.exists',
          prefillPolicy: 'declared',
        },
        {
          key: 'cha',
          type: 'person',
          label: 'Người cha',
          required: true,
          prefill: 'population.father',
          prefillPolicy: 'locked',
          showIf: { field: 'coCha', equals: true },
          validation: { sex: 'Nam' },
        },
        {
          key: 'ngaySinhCha',
          type: 'date',
          label: 'Ngày sinh của cha',
          prefill: 'population.father.ngaySinh',
          prefillPolicy: 'locked',
          showIf: { field: 'coCha', equals: true },
        },
        {
          key: 'hoTenChaTuKhai',
          type: 'text',
          label: 'Họ và tên cha (theo lời khai)',
          showIf: {
            all: [
              { field: 'coCha', equals: true },
              { field: 'cha', notEmpty: false },
            ],
          },
        },
      ],
    },
    {
      key: 'ho',
      title: 'Hộ gia đình',
      fields: [
        { key: 'diaChiHo', type: 'address', label: 'Địa chỉ của hộ', prefill: 'population.household.diaChi', prefillPolicy: 'declared' },
        {
          key: 'thanhVien',
          type: 'group',
          label: 'Thành viên hộ',
          prefill: 'population.household.members',
          maxItems: 10,
          fields: [
            { key: 'hoTen', type: 'text', label: 'Họ và tên', required: true, prefill: 'item.hoTen', prefillPolicy: 'locked' },
            {
              key: 'soDinhDanh',
              type: 'id_number',
              label: 'Số định danh',
              prefill: 'item.soDinhDanh',
              prefillPolicy: 'locked',
              validation: { birthDateField: './ngaySinh' },
            },
            { key: 'ngaySinh', type: 'date', label: 'Ngày sinh', prefill: 'item.ngaySinh', prefillPolicy: 'declared' },
            { key: 'quanHe', type: 'text', label: 'Quan hệ với chủ hộ', prefill: 'item.quanHeVoiChuHo', prefillPolicy: 'declared' },
          ],
        },
      ],
    },
    {
      key: 'nguoi-yeu-cau',
      title: 'Người yêu cầu',
      fields: [
        { key: 'hoTenNguoiNop', type: 'text', label: 'Họ và tên người yêu cầu', required: true, prefill: 'eid.HoVaTen', prefillPolicy: 'locked' },
        { key: 'ngaySinhNguoiNop', type: 'date', label: 'Ngày sinh người yêu cầu', prefill: 'eid.NgayThangNamSinh', prefillPolicy: 'locked' },
        { key: 'dienThoai', type: 'phone', label: 'Số điện thoại', required: true },
      ],
    },
  ],
};

/** A marriage form: each party bound to its role, the applicant's marital status locked. */
export const marriageForm: FormDefinition = {
  id: 'ket-hon-test',
  version: 1,
  prefillRoles: 'marriage-registration',
  pages: [
    {
      key: 'ben-nu',
      title: 'Bên nữ',
      fields: [
        {
          key: 'benNu',
          type: 'person',
          label: 'Bên nữ',
          required: true,
          prefill: 'population.bride',
          prefillPolicy: 'locked',
          validation: { sex: 'Nữ', birthDateRequired: true },
        },
        {
          key: 'noiCuTruNu',
          type: 'address',
          label: 'Nơi cư trú của bên nữ',
          required: true,
          prefill: 'population.bride.thuongTru',
          prefillPolicy: 'declared',
        },
        {
          key: 'tinhTrangHonNhanNu',
          type: 'select',
          label: 'Tình trạng hôn nhân của bên nữ',
          required: true,
          prefill: 'population.bride.tinhTrangHonNhan',
          prefillPolicy: 'locked',
          options: [
            { value: 'chua', label: 'Chưa kết hôn' },
            { value: 'ly-hon', label: 'Ly hôn' },
            { value: 'goa', label: 'Góa' },
            { value: 'da-ket-hon', label: 'Đã kết hôn' },
          ],
        },
      ],
    },
    {
      key: 'ben-nam',
      title: 'Bên nam',
      fields: [
        {
          key: 'benNam',
          type: 'person',
          label: 'Bên nam',
          required: true,
          prefill: 'population.groom',
          prefillPolicy: 'locked',
          validation: { sex: 'Nam', birthDateRequired: true },
        },
        {
          key: 'noiCuTruNam',
          type: 'address',
          label: 'Nơi cư trú của bên nam',
          required: true,
          prefill: 'population.groom.thuongTru',
          prefillPolicy: 'declared',
        },
        {
          key: 'tinhTrangHonNhanNam',
          type: 'select',
          label: 'Tình trạng hôn nhân của bên nam',
          required: true,
          prefill: 'population.groom.tinhTrangHonNhan',
          prefillPolicy: 'locked',
          options: [
            { value: 'chua', label: 'Chưa kết hôn' },
            { value: 'ly-hon', label: 'Ly hôn' },
            { value: 'goa', label: 'Góa' },
            { value: 'da-ket-hon', label: 'Đã kết hôn' },
          ],
        },
      ],
    },
  ],
};

/** Two single people about to marry (the bride logs in). */
export const bride: NationalPerson = {
  soDinhDanh: '001198004321',
  hoVaTen: { ho: 'Phạm', chuDem: 'Thu', ten: 'Hà' },
  ngayThangNamSinh: { nam: '1998', ngayThangNam: '19980412' },
  gioiTinh: 'Nữ',
  quocTich: 'Việt Nam',
  tinhTrangHonNhan: 'Chưa kết hôn',
  thuongTru: { maTinhThanh: '01', maPhuongXa: '00004', tenTinhThanh: 'Thành phố Hà Nội', tenPhuongXa: 'Phường Ba Đình', chiTiet: 'Số 5 phố Đội Cấn' },
};
export const groom: NationalPerson = {
  soDinhDanh: '001096007654',
  hoTen: 'Đỗ Quang Minh',
  ngaySinh: '1996-01-30',
  gioiTinh: 'Nam',
  quocTich: 'Việt Nam',
  tinhTrangHonNhan: 'Ly hôn',
  thuongTru: { maTinhThanh: '01', maPhuongXa: '00008', tenTinhThanh: 'Thành phố Hà Nội', tenPhuongXa: 'Phường Ngọc Hà', chiTiet: 'Ngõ 3 Hoàng Hoa Thám' },
};

export const SECRET = 'test-secret-for-prefill-seals-0123456789';

/**
 * The population source the birth-registration deriver gives for Mai (married to Hùng, Lan and the newborn her
 * children), written out so the engine's tests need no procedure module; src/core/procedures/prefill-roles/birth.test.ts
 * checks that the deriver gives exactly this.
 */
export const maiBirthRoles: Record<string, unknown> = { self: mai, spouse: hung, newborn, children: [lan, newborn], mother: mai, father: hung, household };

/** The marriage-registration roles of the bride as applicant (the groom not looked up); checked in marriage.test.ts. */
export const brideMarriageRoles: Record<string, unknown> = { self: bride, applicant: bride, bride };
