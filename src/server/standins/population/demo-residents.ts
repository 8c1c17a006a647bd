import { composeIdNumber } from '../../../core/identity/id-number.ts';

/**
 * Fixed residents of the demo dataset, present in every generated population (whatever the seed), so that
 * demos, the README and tests can name them. Every resident's e-ID stand-in password is 123456.
 */
export const DEMO_COMMUNES = { phuRieng: '25252', xuanThanh: '26434' } as const;

export interface DemoResidentSpec {
  key: string;
  household: string;
  relation: string;
  family: string;
  middle: string;
  given: string;
  sex: 'Nam' | 'Nữ';
  /** Fixed birth date, or an age in days before the population's reference date (for the newborn). */
  birthDate?: string;
  ageDays?: number;
  idNumber?: string;
  /** For residents whose id depends on the reference date: the serial part of the number. */
  serial?: number;
  marital: string;
  commune: string;
  addressDetail: string;
  father?: string;
  mother?: string;
  spouse?: string;
  phone?: string;
  email?: string;
  description: string;
}

export const DEMO_RESIDENTS: readonly DemoResidentSpec[] = [
  {
    key: 'father',
    household: 'demo-1',
    relation: 'Chủ hộ',
    family: 'Nguyễn',
    middle: 'Văn',
    given: 'Hùng',
    sex: 'Nam',
    birthDate: '1990-03-15',
    idNumber: '070090012345',
    marital: 'Đã kết hôn',
    commune: DEMO_COMMUNES.phuRieng,
    addressDetail: 'Số 12, Thôn Phú Bình',
    phone: '0912345678',
    email: 'nguyen.van.hung@example.vn',
    description: 'Người cha của bé mới sinh (đăng ký khai sinh)',
  },
  {
    key: 'mother',
    household: 'demo-1',
    relation: 'Vợ',
    family: 'Trần',
    middle: 'Thị',
    given: 'Mai',
    sex: 'Nữ',
    birthDate: '1995-08-20',
    idNumber: '070195012346',
    marital: 'Đã kết hôn',
    commune: DEMO_COMMUNES.phuRieng,
    addressDetail: 'Số 12, Thôn Phú Bình',
    spouse: 'father',
    phone: '0987654321',
    email: 'tran.thi.mai@example.vn',
    description: 'Người mẹ vừa sinh con, nộp hồ sơ đăng ký khai sinh trực tuyến',
  },
  {
    key: 'newborn',
    household: 'demo-1',
    relation: 'Con trai',
    family: 'Nguyễn',
    middle: 'Minh',
    given: 'Khang',
    sex: 'Nam',
    ageDays: 10,
    serial: 12347,
    marital: 'Chưa kết hôn',
    commune: DEMO_COMMUNES.phuRieng,
    addressDetail: 'Số 12, Thôn Phú Bình',
    father: 'father',
    mother: 'mother',
    description: 'Bé mới sinh 10 ngày trước ngày tạo dữ liệu (đã có số định danh cá nhân)',
  },
  {
    key: 'groom',
    household: 'demo-2',
    relation: 'Chủ hộ',
    family: 'Lê',
    middle: 'Quang',
    given: 'Vinh',
    sex: 'Nam',
    birthDate: '1996-11-02',
    idNumber: '070096023456',
    marital: 'Chưa kết hôn',
    commune: DEMO_COMMUNES.phuRieng,
    addressDetail: 'Số 45, Thôn Phú Thịnh',
    phone: '0903111222',
    email: 'le.quang.vinh@example.vn',
    description: 'Nam, chưa kết hôn (đăng ký kết hôn, xác nhận tình trạng hôn nhân)',
  },
  {
    key: 'bride',
    household: 'demo-3',
    relation: 'Chủ hộ',
    family: 'Phạm',
    middle: 'Thu',
    given: 'Hà',
    sex: 'Nữ',
    birthDate: '1998-04-09',
    idNumber: '070198034567',
    marital: 'Chưa kết hôn',
    commune: DEMO_COMMUNES.phuRieng,
    addressDetail: 'Số 7, Thôn Phú Hưng',
    phone: '0934555666',
    email: 'pham.thu.ha@example.vn',
    description: 'Nữ, chưa kết hôn (đăng ký kết hôn)',
  },
  {
    key: 'elder',
    household: 'demo-4',
    relation: 'Chủ hộ',
    family: 'Hoàng',
    middle: 'Văn',
    given: 'Tư',
    sex: 'Nam',
    birthDate: '1945-06-01',
    idNumber: '070045045678',
    marital: 'Góa',
    commune: DEMO_COMMUNES.phuRieng,
    addressDetail: 'Số 3, Thôn Phú Lợi',
    phone: '0977888999',
    description: 'Người cao tuổi (trợ cấp xã hội, chứng thực)',
  },
  {
    key: 'xuanthanh',
    household: 'demo-5',
    relation: 'Chủ hộ',
    family: 'Đỗ',
    middle: 'Thị',
    given: 'Lan',
    sex: 'Nữ',
    birthDate: '1988-12-24',
    idNumber: '075188056789',
    marital: 'Chưa kết hôn',
    commune: DEMO_COMMUNES.xuanThanh,
    addressDetail: 'Số 88, Ấp Trung Lương',
    phone: '0945123789',
    email: 'do.thi.lan@example.vn',
    description: 'Cư dân xã Xuân Thành (nộp hồ sơ ở xã khác trong tỉnh)',
  },
];

/** The demo accounts as listed in the README: id number (login), name, what they are for. */
export function demoAccounts(referenceDate: string): { idNumber: string; fullName: string; description: string }[] {
  return DEMO_RESIDENTS.filter((r) => r.idNumber)
    .map((r) => ({ idNumber: r.idNumber!, fullName: `${r.family} ${r.middle} ${r.given}`, description: r.description }))
    .concat(
      DEMO_RESIDENTS.filter((r) => !r.idNumber).map((r) => ({
        idNumber: demoIdNumber(r, referenceDate),
        fullName: `${r.family} ${r.middle} ${r.given}`,
        description: r.description,
      })),
    );
}

/** Id numbers that never change (the newborn's depends on the reference date's year). */
export const DEMO_MOTHER_ID = '070195012346';
export const DEMO_FATHER_ID = '070090012345';
export const DEMO_GROOM_ID = '070096023456';
export const DEMO_BRIDE_ID = '070198034567';
export const DEMO_ELDER_ID = '070045045678';
export const DEMO_XUANTHANH_ID = '075188056789';

/** The id number of a demo resident (computed from the reference date for the newborn). */
export function demoIdNumber(r: DemoResidentSpec, referenceDate: string): string {
  if (r.idNumber) return r.idNumber;
  const birth = new Date(Date.parse(`${referenceDate}T00:00:00Z`) - (r.ageDays ?? 0) * 86_400_000).toISOString().slice(0, 10);
  return composeIdNumber('075', Number(birth.slice(0, 4)), r.sex, r.serial ?? 1);
}
