/**
 * Which e-form fields of each demo procedure a recognised paper fills (issue 16 item 2), as data: procedure code →
 * recognition type → recognised field → form field key. The forms name the same fact differently per procedure (the
 * deceased of a death registration, the person removed from the permanent residence register, the parents of a
 * birth registration), so the mapping is per procedure, next to the catalogue's forms (data/catalogue/procedures).
 *
 * Rules of the table (checked against the catalogue by form-fills.test.ts): every key is a field of that procedure's
 * form; a date fills a `date` field, a personal id an `id_number` field, the sex a `select` offering Nam/Nữ, an area
 * a `number` field, names and other text a `text` field. Address fields (structured: province, commune, detail) and
 * person pickers are never filled from a photo. A procedure without an entry falls back to FORM_FIELDS_OF.
 *
 * The identity card's QR is the applicant's own card: it fills the applicant's fields in every form.
 */
import type { RecognisableType } from './templates.ts';

export type FieldMapping = Readonly<Record<string, string>>;
export type ProcedureFills = Readonly<Partial<Record<RecognisableType, FieldMapping>>>;

export const PROCEDURE_FORM_FILLS: Readonly<Record<string, ProcedureFills>> = {
  // Đăng ký khai tử; its inter-agency bundle (1.006714); funeral support (1.001731): papers of the deceased.
  '1.000656': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenNguoiChet', personalId: 'soDinhDanhNguoiChet' },
    'residence-confirmation': { fullName: 'hoTenNguoiChet', personalId: 'soDinhDanhNguoiChet' },
  },
  // Đăng ký kết hôn: the applicant's own papers (the sides are chosen in the form).
  '1.000894': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop' },
    'residence-confirmation': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop' },
  },
  // Đăng ký nhận cha, mẹ, con: the birth certificate of the person recognised.
  '1.001022': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenNguoiDuocNhan' },
  },
  // Đăng ký khai sinh and its bundle (2.000986): the parents' marriage certificate.
  '1.001193': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop' },
    'marriage-certificate': {
      wifeName: 'hoTenMe',
      wifePersonalId: 'soDinhDanhMe',
      wifeDateOfBirth: 'ngaySinhMe',
      husbandName: 'hoTenCha',
      husbandPersonalId: 'soDinhDanhCha',
      husbandDateOfBirth: 'ngaySinhCha',
    },
  },
  '1.001731': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenNguoiChet', personalId: 'soDinhDanhNguoiChet' },
    'residence-confirmation': { fullName: 'hoTenNguoiChet', personalId: 'soDinhDanhNguoiChet' },
  },
  // Trợ cấp xã hội hằng tháng: the beneficiary's birth certificate or residence confirmation.
  '1.001776': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenDoiTuong', personalId: 'soDinhDanhDoiTuong' },
    'residence-confirmation': { fullName: 'hoTenDoiTuong', personalId: 'soDinhDanhDoiTuong' },
  },
  // Đăng ký thường trú: the child's birth certificate (case con-duoi-6); the applicant's residence confirmation.
  '1.004194': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenTre', personalId: 'soDinhDanhTre' },
    'residence-confirmation': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
  },
  // Đăng ký tạm trú: the applicant's residence confirmation.
  '1.004199': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'residence-confirmation': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
  },
  // Xóa đăng ký thường trú: the residence confirmation of the person removed.
  '1.004206': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'residence-confirmation': { fullName: 'hoTenNguoiBiXoa', personalId: 'soDinhDanhNguoiBiXoa' },
  },
  // Xác nhận thông tin về cư trú: the applicant's own birth certificate or residence confirmation.
  '1.004227': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop', sex: 'gioiTinh' },
    'birth-certificate': {
      fullName: 'hoTenNguoiNop',
      personalId: 'soDinhDanhNguoiNop',
      dateOfBirth: 'ngaySinhNguoiNop',
      sex: 'gioiTinh',
      ethnicity: 'danToc',
      nationality: 'quocTich',
    },
    'residence-confirmation': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop', sex: 'gioiTinh' },
  },
  // Đăng ký giám hộ: the birth certificate of the ward.
  '1.004837': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenNguoiDuocGiamHo' },
  },
  // Thay đổi, cải chính hộ tịch: the applicant's birth certificate.
  '1.004859': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
  },
  // Xác nhận tình trạng hôn nhân: the applicant's own birth certificate or residence confirmation.
  '1.004873': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop', sex: 'gioiTinh' },
    'birth-certificate': {
      fullName: 'hoTenNguoiNop',
      personalId: 'soDinhDanhNguoiNop',
      dateOfBirth: 'ngaySinhNguoiNop',
      sex: 'gioiTinh',
      ethnicity: 'danToc',
      nationality: 'quocTich',
    },
    'residence-confirmation': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop', sex: 'gioiTinh' },
  },
  // Đăng ký lại khai sinh: the earlier birth certificate (copy) of the person re-registered; the parents' marriage.
  '1.004884': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': {
      fullName: 'hoTenTre',
      personalId: 'soDinhDanhTre',
      dateOfBirth: 'ngaySinhTre',
      sex: 'gioiTinhTre',
      ethnicity: 'danTocTre',
      nationality: 'quocTichTre',
      placeOfBirth: 'noiSinhTre',
      hometown: 'queQuanTre',
      motherName: 'hoTenMe',
      fatherName: 'hoTenCha',
    },
    'marriage-certificate': {
      wifeName: 'hoTenMe',
      wifePersonalId: 'soDinhDanhMe',
      wifeDateOfBirth: 'ngaySinhMe',
      husbandName: 'hoTenCha',
      husbandPersonalId: 'soDinhDanhCha',
      husbandDateOfBirth: 'ngaySinhCha',
    },
  },
  '1.006714': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenNguoiChet', personalId: 'soDinhDanhNguoiChet' },
    'residence-confirmation': { fullName: 'hoTenNguoiChet', personalId: 'soDinhDanhNguoiChet' },
  },
  // Cấp bản sao trích lục hộ tịch: the person the extract is about.
  '2.000635': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'birth-certificate': { fullName: 'hoTenNguoiDuocCap' },
  },
  // Certifications (2.000884, 2.000907, 2.000908, 2.002233): the applicant only.
  '2.000884': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
  },
  '2.000907': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
  },
  '2.000908': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
  },
  '2.000986': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop' },
    'marriage-certificate': {
      wifeName: 'hoTenMe',
      wifePersonalId: 'soDinhDanhMe',
      wifeDateOfBirth: 'ngaySinhMe',
      husbandName: 'hoTenCha',
      husbandPersonalId: 'soDinhDanhCha',
      husbandDateOfBirth: 'ngaySinhCha',
    },
  },
  // Chứng thực hợp đồng (a land paper attached): its holder is the applicant.
  '2.001035': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'land-certificate': { holderName: 'hoTenNguoiNop', holderPersonalId: 'soDinhDanhNguoiNop' },
  },
  '2.002233': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
  },
  // Xác nhận nguồn gốc đất: the holder and the parcel from the certificate's first page.
  'DNI.DD.001': {
    'citizen-id-card': { fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop', dateOfBirth: 'ngaySinhNguoiNop' },
    'land-certificate': { holderName: 'hoTenNguoiNop', holderPersonalId: 'soDinhDanhNguoiNop', parcelNumber: 'soThua', area: 'dienTich' },
  },
};

/**
 * The procedure's mapping for a recognition type: empty when the procedure is in the table without one for the type
 * (that paper fills nothing there), undefined for a procedure not in the table (the caller falls back).
 */
export function procedureFillsFor(procedureCode: string | null | undefined, type: string): FieldMapping | undefined {
  const fills = procedureCode ? PROCEDURE_FORM_FILLS[procedureCode] : undefined;
  if (!fills) return undefined;
  return fills[type as RecognisableType] ?? {};
}
