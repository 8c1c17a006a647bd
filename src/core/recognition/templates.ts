/**
 * Field templates for printed Vietnamese documents: for each document type, the labels printed on the paper and what
 * kind of value follows each label. Recognised text is matched against the labels after folding (no diacritics, lower
 * case) with a small edit-distance tolerance, because OCR slips most on diacritics (tháng → thóng, nhân → nhôn); the
 * value is whatever follows the label on its line up to the next label.
 *
 * The labels follow the printed forms: Giấy khai sinh and Giấy chứng nhận kết hôn (TT 04/2020/TT-BTP), Giấy xác nhận
 * thông tin về cư trú (mẫu CT07, TT 66/2023/TT-BCA), and the first page of the land-use right certificate
 * (TT 10/2024/TT-BTNMT). The templates name the fields a form needs, not every line of the paper.
 */
export type FieldKind = 'name' | 'date' | 'personal-id' | 'sex' | 'text' | 'number' | 'year' | 'area' | 'code';

export interface FieldTemplate {
  name: string;
  /** The printed label without the trailing colon (the first one is the canonical label). */
  labels: string[];
  kind: FieldKind;
}

export interface DocumentTemplate {
  type: string;
  /** Vietnamese name of the document. */
  title: string;
  /** Folded phrases whose presence identifies the document (any one). */
  markers: string[];
  fields: FieldTemplate[];
}

const f = (name: string, kind: FieldKind, ...labels: string[]): FieldTemplate => ({ name, kind, labels });

export const DOCUMENT_TEMPLATES: DocumentTemplate[] = [
  {
    type: 'birth-certificate',
    title: 'Giấy khai sinh',
    markers: ['giay khai sinh'],
    fields: [
      f('fullName', 'name', 'Họ, chữ đệm, tên'),
      f('dateOfBirth', 'date', 'Ngày, tháng, năm sinh'),
      f('sex', 'sex', 'Giới tính'),
      f('ethnicity', 'text', 'Dân tộc'),
      f('nationality', 'text', 'Quốc tịch'),
      f('placeOfBirth', 'text', 'Nơi sinh'),
      f('hometown', 'text', 'Quê quán'),
      f('personalId', 'personal-id', 'Số định danh cá nhân'),
      f('motherName', 'name', 'Họ, chữ đệm, tên người mẹ'),
      f('fatherName', 'name', 'Họ, chữ đệm, tên người cha'),
    ],
  },
  {
    type: 'marriage-certificate',
    title: 'Giấy chứng nhận kết hôn',
    markers: ['chung nhan ket hon'],
    fields: [
      f('husbandName', 'name', 'Họ, chữ đệm, tên chồng'),
      f('husbandDateOfBirth', 'date', 'Ngày sinh của chồng'),
      f('husbandPersonalId', 'personal-id', 'Số định danh của chồng'),
      f('wifeName', 'name', 'Họ, chữ đệm, tên vợ'),
      f('wifeDateOfBirth', 'date', 'Ngày sinh của vợ'),
      f('wifePersonalId', 'personal-id', 'Số định danh của vợ'),
      f('registrationPlace', 'text', 'Nơi đăng ký kết hôn'),
      f('registrationDate', 'date', 'Ngày đăng ký'),
    ],
  },
  {
    type: 'residence-confirmation',
    title: 'Giấy xác nhận thông tin về cư trú',
    markers: ['xac nhan thong tin ve cu tru'],
    fields: [
      f('fullName', 'name', 'Họ, chữ đệm và tên'),
      f('dateOfBirth', 'date', 'Ngày, tháng, năm sinh'),
      f('sex', 'sex', 'Giới tính'),
      f('personalId', 'personal-id', 'Số định danh cá nhân'),
      f('permanentResidence', 'text', 'Nơi thường trú'),
      f('currentResidence', 'text', 'Nơi ở hiện tại'),
      f('householdHead', 'name', 'Họ, chữ đệm và tên chủ hộ'),
      f('relationToHead', 'text', 'Quan hệ với chủ hộ'),
    ],
  },
  {
    type: 'land-certificate',
    title: 'Giấy chứng nhận quyền sử dụng đất (trang 1)',
    markers: ['quyen su dung dat'],
    fields: [
      f('holderName', 'name', 'Người sử dụng đất'),
      f('holderBirthYear', 'year', 'Năm sinh'),
      f('holderPersonalId', 'personal-id', 'Số định danh cá nhân'),
      f('holderAddress', 'text', 'Địa chỉ thường trú'),
      f('parcelNumber', 'number', 'Thửa đất số'),
      f('mapSheetNumber', 'number', 'Tờ bản đồ số'),
      f('parcelAddress', 'text', 'Địa chỉ thửa đất'),
      f('area', 'area', 'Diện tích'),
      f('registryNumber', 'code', 'Số vào sổ cấp giấy chứng nhận'),
    ],
  },
];

export const DOCUMENT_TYPES = DOCUMENT_TEMPLATES.map((t) => t.type);

/** The back of the chip identity card, read from its QR. */
export const ID_CARD_TYPE = 'citizen-id-card';
/** Every type a caller may ask recognition for. */
export const RECOGNISABLE_TYPES = [ID_CARD_TYPE, 'birth-certificate', 'marriage-certificate', 'residence-confirmation', 'land-certificate'] as const;
export type RecognisableType = (typeof RECOGNISABLE_TYPES)[number];

export function templateFor(type: string): DocumentTemplate | undefined {
  return DOCUMENT_TEMPLATES.find((t) => t.type === type);
}

/** Lower case, no diacritics (đ → d), single spaces: the space in which labels are matched. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** The template whose marker appears in the text (folded), or undefined. */
export function detectDocumentType(text: string): DocumentTemplate | undefined {
  const folded = fold(text);
  return DOCUMENT_TEMPLATES.find((t) => t.markers.some((m) => folded.includes(m)));
}
