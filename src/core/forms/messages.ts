/**
 * The form engine's validation messages in Vietnamese (the default, and what the server sends) and English.
 *
 * Each problem found by `validateForm` carries, besides its Vietnamese `message`, a `messageKey` naming the
 * sentence below and the `params` filled into it, so that the browser can say the same thing in the interface
 * language. The field's label is a parameter: in Vietnamese the catalogue's label, in English the catalogue's
 * English label where it has one (`labelEn`), else the Vietnamese one; a field inside a repeated group also names
 * the group and the item ("Full name (Children, item 2)").
 *
 * Placeholders are written `{name}`. `{problem}` is a fragment (the identity-number problems below) rendered with
 * the same parameters.
 */
import type { FormDefinition, FormField } from '../catalogue/schema.ts';

export type FormLanguage = 'vi' | 'en';
export type MessageParams = Record<string, string | number>;

const FRAGMENTS = {
  // What is wrong with an identity number; each follows the label ("… phải gồm đúng 12 chữ số.").
  id_format: { vi: 'phải gồm đúng 12 chữ số.', en: 'must have exactly 12 digits.' },
  id_province: {
    vi: 'không hợp lệ: 3 chữ số đầu là mã tỉnh nơi đăng ký khai sinh, từ 001 đến 096 (nhận được {got}).',
    en: 'is not valid: its first 3 digits are the code of the province where the birth was registered, from 001 to 096 (got {got}).',
  },
  id_birth_year_future: {
    vi: 'không hợp lệ: chữ số thế kỷ và năm sinh ({digits}) cho năm sinh {year}, sau năm hiện tại.',
    en: 'is not valid: its century and birth-year digits ({digits}) give the birth year {year}, after the current year.',
  },
  id_birth_year_mismatch: {
    vi: 'không khớp với năm sinh {known} (số này mã hóa năm sinh {year}).',
    en: 'does not match the year of birth {known} (this number encodes the year of birth {year}).',
  },
  id_sex_mismatch: {
    vi: 'không khớp với giới tính {sex} (chữ số thứ tư mã hóa giới tính {encoded}).',
    en: 'does not match the sex {sexEn} (its fourth digit encodes {encodedEn}).',
  },
} as const satisfies Record<string, Record<FormLanguage, string>>;

export type IdNumberProblemKey = keyof typeof FRAGMENTS;

export const FORM_MESSAGES = {
  required: { vi: '{label} là bắt buộc.', en: '{label} is required.' },
  required_question: { vi: 'Vui lòng trả lời câu hỏi: {label}', en: 'Please answer the question: {label}' },
  invalid_characters: { vi: '{label} có ký tự điều khiển không hợp lệ.', en: '{label} contains control characters that are not allowed.' },
  text_type: { vi: '{label} phải là chữ.', en: '{label} must be text.' },
  too_short: { vi: '{label} phải có ít nhất {min} ký tự.', en: '{label} must have at least {min} characters.' },
  too_long: { vi: '{label} không được quá {max} ký tự.', en: '{label} must not be longer than {max} characters.' },
  // The catalogue's own words for a pattern are Vietnamese only: English says what it can.
  pattern: { vi: '{label} {patternMessage}.', en: '{label} is not in the expected format.' },
  number_type: { vi: '{label} phải là một số.', en: '{label} must be a number.' },
  integer: { vi: '{label} phải là số nguyên.', en: '{label} must be a whole number.' },
  decimals: { vi: '{label} chỉ được có tối đa {decimals} chữ số thập phân.', en: '{label} may have at most {decimals} decimal places.' },
  min: { vi: '{label} không được nhỏ hơn {min}.', en: '{label} must not be less than {min}.' },
  max: { vi: '{label} không được lớn hơn {max}.', en: '{label} must not be greater than {max}.' },
  date: { vi: '{label} không phải ngày hợp lệ.', en: '{label} is not a valid date.' },
  future: { vi: '{label} không được sau ngày hôm nay ({today}).', en: '{label} must not be after today ({today}).' },
  past: { vi: '{label} không được trước ngày hôm nay ({today}).', en: '{label} must not be before today ({today}).' },
  min_date: { vi: '{label} không được trước ngày {date}.', en: '{label} must not be before {date}.' },
  max_date: { vi: '{label} không được sau ngày {date}.', en: '{label} must not be after {date}.' },
  option: { vi: '{label}: lựa chọn không có trong danh sách.', en: '{label}: the choice is not in the list.' },
  yes_no_type: { vi: '{label}: vui lòng chọn Có hoặc Không.', en: '{label}: please choose Yes or No.' },
  must_be_true: { vi: '{label}: cần chọn "Có" để tiếp tục.', en: '{label}: you need to choose "Yes" to continue.' },
  id_number: { vi: '{label} {problem}', en: '{label} {problem}' },
  phone_mobile: {
    vi: '{label} phải là số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912345678).',
    en: '{label} must be a Vietnamese mobile number of 10 digits starting with 03, 05, 07, 08 or 09 (for example 0912345678).',
  },
  phone_any: {
    vi: '{label} phải là số điện thoại Việt Nam: di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 hoặc cố định 11 chữ số bắt đầu bằng 02.',
    en: '{label} must be a Vietnamese phone number: a mobile of 10 digits starting with 03, 05, 07, 08, 09 or a landline of 11 digits starting with 02.',
  },
  email: {
    vi: '{label} không phải địa chỉ thư điện tử hợp lệ (ví dụ ten@example.vn).',
    en: '{label} is not a valid e-mail address (for example name@example.vn).',
  },
  address: { vi: '{label}: địa chỉ không hợp lệ.', en: '{label}: the address is not valid.' },
  address_province_missing: { vi: '{label}: vui lòng chọn tỉnh, thành phố.', en: '{label}: please choose the province or city.' },
  address_province_unknown: {
    vi: '{label}: tỉnh, thành phố không có trong danh mục đơn vị hành chính.',
    en: '{label}: the province or city is not in the list of administrative units.',
  },
  address_province_not_allowed: {
    vi: '{label}: chỉ chấp nhận địa chỉ thuộc tỉnh, thành phố nơi tiếp nhận hồ sơ.',
    en: '{label}: only addresses in the province or city that receives the application are accepted.',
  },
  address_commune_missing: { vi: '{label}: vui lòng chọn xã, phường.', en: '{label}: please choose the commune or ward.' },
  address_commune_mismatch: {
    vi: '{label}: xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn.',
    en: '{label}: the chosen commune or ward is not in the chosen province or city.',
  },
  address_detail_invalid: { vi: '{label}: số nhà, thôn/ấp, đường không hợp lệ.', en: '{label}: the house number, hamlet and street are not valid.' },
  address_detail_missing: {
    vi: '{label}: vui lòng nhập số nhà, thôn/ấp/khu phố, đường.',
    en: '{label}: please enter the house number, hamlet or quarter, and street.',
  },
  address_detail_too_long: {
    vi: '{label}: số nhà, thôn/ấp, đường không được quá 300 ký tự.',
    en: '{label}: the house number, hamlet and street must not be longer than 300 characters.',
  },
  person: { vi: '{label}: thông tin người không hợp lệ.', en: '{label}: the person’s details are not valid.' },
  person_id_missing: { vi: '{label}: vui lòng nhập số định danh cá nhân.', en: '{label}: please enter the personal identification number.' },
  person_id_number: { vi: '{label}: số định danh cá nhân {problem}', en: '{label}: the personal identification number {problem}' },
  person_name_missing: { vi: '{label}: vui lòng nhập họ và tên.', en: '{label}: please enter the full name.' },
  person_name_too_long: { vi: '{label}: họ và tên không được quá 100 ký tự.', en: '{label}: the full name must not be longer than 100 characters.' },
  person_birth_date_invalid: { vi: '{label}: ngày sinh không phải ngày hợp lệ.', en: '{label}: the date of birth is not a valid date.' },
  person_birth_date_future: { vi: '{label}: ngày sinh không được sau ngày hôm nay.', en: '{label}: the date of birth must not be after today.' },
  person_birth_date_missing: { vi: '{label}: vui lòng nhập ngày sinh.', en: '{label}: please enter the date of birth.' },
  person_not_found: {
    vi: '{label}: không tìm thấy số định danh cá nhân {idNumber} trong Cơ sở dữ liệu quốc gia về dân cư.',
    en: '{label}: the personal identification number {idNumber} is not in the National Population Database.',
  },
  person_name_mismatch: {
    vi: '{label}: họ và tên không khớp với Cơ sở dữ liệu quốc gia về dân cư.',
    en: '{label}: the full name does not match the National Population Database.',
  },
  person_birth_date_mismatch: {
    vi: '{label}: ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư.',
    en: '{label}: the date of birth does not match the National Population Database.',
  },
  person_sex: {
    vi: '{label}: người có số định danh này không phải giới tính {sex}.',
    en: '{label}: the person with this identification number is not {sexEn}.',
  },
  file_single: { vi: '{label}: chỉ đính kèm 1 tệp.', en: '{label}: attach only 1 file.' },
  file_min: { vi: '{label}: cần ít nhất {min} tệp.', en: '{label}: at least {min} files are needed.' },
  file_max: { vi: '{label}: tối đa {max} tệp.', en: '{label}: at most {max} files.' },
  file_invalid: { vi: '{label}: tệp đính kèm không hợp lệ, vui lòng tải lên lại.', en: '{label}: the attached file is not valid, please upload it again.' },
  file_type: { vi: '{label}: tệp "{name}" không đúng loại cho phép ({accept}).', en: '{label}: the file "{name}" is not of an accepted type ({accept}).' },
  file_too_big: { vi: '{label}: tệp "{name}" vượt quá dung lượng tối đa {size}.', en: '{label}: the file "{name}" is larger than the maximum of {size}.' },
  file_empty: { vi: '{label}: tệp "{name}" rỗng.', en: '{label}: the file "{name}" is empty.' },
  group_type: { vi: '{label}: dữ liệu không hợp lệ (cần một danh sách).', en: '{label}: the data is not valid (a list is expected).' },
  min_items: { vi: '{label}: cần ít nhất {min} mục.', en: '{label}: at least {min} items are needed.' },
  max_items: { vi: '{label}: tối đa {max} mục.', en: '{label}: at most {max} items.' },
  group_item: { vi: '{label}, mục {n}: dữ liệu không hợp lệ.', en: '{label}, item {n}: the data is not valid.' },
} as const satisfies Record<string, Record<FormLanguage, string>>;

export type FormMessageKey = keyof typeof FORM_MESSAGES;

/** 'Nam' / 'Nữ' as English words, for the sex parameters. */
export const sexInEnglish = (sex: string): string => (sex === 'Nam' ? 'male' : sex === 'Nữ' ? 'female' : sex);

const fill = (template: string, params: MessageParams, lang: FormLanguage): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'problem' && typeof params.problem === 'string' && params.problem in FRAGMENTS) {
      return fill(FRAGMENTS[params.problem as IdNumberProblemKey][lang], params, lang);
    }
    const v = params[name];
    return v === undefined ? whole : String(v);
  });

/** A message in the given language. */
export function formatFormMessage(key: FormMessageKey, params: MessageParams, lang: FormLanguage = 'vi'): string {
  return fill(FORM_MESSAGES[key][lang], params, lang);
}

/** An identity-number problem's words, in the given language (what follows the label). */
export function formatIdNumberProblem(key: IdNumberProblemKey, params: MessageParams, lang: FormLanguage = 'vi'): string {
  return fill(FRAGMENTS[key][lang], params, lang);
}

/** The label of a field in a language: the catalogue's English label where it has one, else the Vietnamese one. */
export const localLabel = (f: Pick<FormField, 'label' | 'labelEn'>, lang: FormLanguage): string => (lang === 'en' && f.labelEn ? f.labelEn : f.label);

/** The field at a key path ("con.hoTen": the field hoTen of the group con), searching every page. */
function fieldAt(def: FormDefinition, keyPath: string): { field: FormField; group?: FormField } | undefined {
  const [first, ...rest] = keyPath.split('.');
  let list: FormField[] = def.pages.flatMap((p) => p.fields);
  let field = list.find((f) => f.key === first);
  let group: FormField | undefined;
  for (const key of rest) {
    if (!field?.fields) return undefined;
    group = field;
    list = field.fields;
    field = list.find((f) => f.key === key);
  }
  return field ? { field, group } : undefined;
}

/**
 * The label as a message shows it, in a language: `field` is the key path without item indices, `item` the 1-based
 * item number when the field is inside a repeated group.
 */
export function labelForMessage(def: FormDefinition, params: MessageParams, lang: FormLanguage): string | undefined {
  if (typeof params.field !== 'string') return undefined;
  const at = fieldAt(def, params.field);
  if (!at) return undefined;
  const label = localLabel(at.field, lang);
  if (at.group && typeof params.item === 'number') {
    return lang === 'en' ? `${label} (${localLabel(at.group, lang)}, item ${params.item})` : `${label} (${at.group.label}, mục ${params.item})`;
  }
  return label;
}

/**
 * A problem found by `validateForm`, said in a language: the English (or Vietnamese) sentence with the localised
 * label; problems without a message key (a pluggable check's own words) keep their Vietnamese message.
 */
export function localiseFieldError(
  def: FormDefinition,
  e: { message: string; messageKey?: FormMessageKey; params?: MessageParams },
  lang: FormLanguage,
): string {
  if (!e.messageKey || !(e.messageKey in FORM_MESSAGES)) return e.message;
  const params = e.params ?? {};
  const label = labelForMessage(def, params, lang) ?? params.label;
  return formatFormMessage(e.messageKey, { ...params, ...(label !== undefined ? { label } : {}) }, lang);
}
