/**
 * The form engine's validation messages in Vietnamese (the default, and what the server sends) and, through
 * `messages.en.ts` registered on demand (the browser loads it with the rest of the English), in English.
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
  id_format: 'phải gồm đúng 12 chữ số.',
  id_province: 'không hợp lệ: 3 chữ số đầu là mã tỉnh nơi đăng ký khai sinh, từ 001 đến 096 (nhận được {got}).',
  id_birth_year_future: 'không hợp lệ: chữ số thế kỷ và năm sinh ({digits}) cho năm sinh {year}, sau năm hiện tại.',
  id_birth_year_mismatch: 'không khớp với năm sinh {known} (số này mã hóa năm sinh {year}).',
  id_sex_mismatch: 'không khớp với giới tính {sex} (chữ số thứ tư mã hóa giới tính {encoded}).',
} as const satisfies Record<string, string>;

export type IdNumberProblemKey = keyof typeof FRAGMENTS;

export const FORM_MESSAGES_VI = {
  required: '{label} là bắt buộc.',
  required_question: 'Vui lòng trả lời câu hỏi: {label}',
  invalid_characters: '{label} có ký tự điều khiển không hợp lệ.',
  text_type: '{label} phải là chữ.',
  too_short: '{label} phải có ít nhất {min} ký tự.',
  too_long: '{label} không được quá {max} ký tự.',
  // The catalogue's own words for a pattern are Vietnamese only: English says what it can.
  pattern: '{label} {patternMessage}.',
  number_type: '{label} phải là một số.',
  integer: '{label} phải là số nguyên.',
  decimals: '{label} chỉ được có tối đa {decimals} chữ số thập phân.',
  min: '{label} không được nhỏ hơn {min}.',
  max: '{label} không được lớn hơn {max}.',
  date: '{label} không phải ngày hợp lệ.',
  future: '{label} không được sau ngày hôm nay ({today}).',
  past: '{label} không được trước ngày hôm nay ({today}).',
  min_date: '{label} không được trước ngày {date}.',
  max_date: '{label} không được sau ngày {date}.',
  option: '{label}: lựa chọn không có trong danh sách.',
  yes_no_type: '{label}: vui lòng chọn Có hoặc Không.',
  must_be_true: '{label}: cần chọn "Có" để tiếp tục.',
  id_number: '{label} {problem}',
  phone_mobile: '{label} phải là số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912345678).',
  phone_any: '{label} phải là số điện thoại Việt Nam: di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 hoặc cố định 11 chữ số bắt đầu bằng 02.',
  email: '{label} không phải địa chỉ thư điện tử hợp lệ (ví dụ ten@example.vn).',
  address: '{label}: địa chỉ không hợp lệ.',
  address_province_missing: '{label}: vui lòng chọn tỉnh, thành phố.',
  address_province_unknown: '{label}: tỉnh, thành phố không có trong danh mục đơn vị hành chính.',
  address_province_not_allowed: '{label}: chỉ chấp nhận địa chỉ thuộc tỉnh, thành phố nơi tiếp nhận hồ sơ.',
  address_commune_missing: '{label}: vui lòng chọn xã, phường.',
  address_commune_mismatch: '{label}: xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn.',
  address_detail_invalid: '{label}: số nhà, thôn/ấp, đường không hợp lệ.',
  address_detail_missing: '{label}: vui lòng nhập số nhà, thôn/ấp/khu phố, đường.',
  address_detail_too_long: '{label}: số nhà, thôn/ấp, đường không được quá 300 ký tự.',
  person: '{label}: thông tin người không hợp lệ.',
  person_id_missing: '{label}: vui lòng nhập số định danh cá nhân.',
  person_id_number: '{label}: số định danh cá nhân {problem}',
  person_name_missing: '{label}: vui lòng nhập họ và tên.',
  person_name_too_long: '{label}: họ và tên không được quá 100 ký tự.',
  person_birth_date_invalid: '{label}: ngày sinh không phải ngày hợp lệ.',
  person_birth_date_future: '{label}: ngày sinh không được sau ngày hôm nay.',
  person_birth_date_missing: '{label}: vui lòng nhập ngày sinh.',
  person_not_found: '{label}: không tìm thấy số định danh cá nhân {idNumber} trong Cơ sở dữ liệu quốc gia về dân cư.',
  person_name_mismatch: '{label}: họ và tên không khớp với Cơ sở dữ liệu quốc gia về dân cư.',
  person_birth_date_mismatch: '{label}: ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư.',
  person_sex: '{label}: người có số định danh này không phải giới tính {sex}.',
  file_single: '{label}: chỉ đính kèm 1 tệp.',
  file_min: '{label}: cần ít nhất {min} tệp.',
  file_max: '{label}: tối đa {max} tệp.',
  file_invalid: '{label}: tệp đính kèm không hợp lệ, vui lòng tải lên lại.',
  file_type: '{label}: tệp "{name}" không đúng loại cho phép ({accept}).',
  file_too_big: '{label}: tệp "{name}" vượt quá dung lượng tối đa {size}.',
  file_empty: '{label}: tệp "{name}" rỗng.',
  group_type: '{label}: dữ liệu không hợp lệ (cần một danh sách).',
  min_items: '{label}: cần ít nhất {min} mục.',
  max_items: '{label}: tối đa {max} mục.',
  group_item: '{label}, mục {n}: dữ liệu không hợp lệ.',
} as const satisfies Record<string, string>;

export type FormMessageKey = keyof typeof FORM_MESSAGES_VI;

/** The English sentences (`messages.en.ts`), loaded on demand by the browser; until registered, English falls back to Vietnamese. */
export interface EnglishFormMessages {
  messages: Record<FormMessageKey, string>;
  fragments: Record<IdNumberProblemKey, string>;
}
let english: EnglishFormMessages | null = null;

/** Makes the English sentences available (the browser's English loader, the tests). */
export function registerEnglishFormMessages(tables: EnglishFormMessages): void {
  english = tables;
}

const fragmentIn = (key: IdNumberProblemKey, lang: FormLanguage): string => (lang === 'en' && english ? english.fragments[key] : FRAGMENTS[key]);
const messageIn = (key: FormMessageKey, lang: FormLanguage): string => (lang === 'en' && english ? english.messages[key] : FORM_MESSAGES_VI[key]);

/** 'Nam' / 'Nữ' as English words, for the sex parameters. */
export const sexInEnglish = (sex: string): string => (sex === 'Nam' ? 'male' : sex === 'Nữ' ? 'female' : sex);

const fill = (template: string, params: MessageParams, lang: FormLanguage): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'problem' && typeof params.problem === 'string' && params.problem in FRAGMENTS) {
      return fill(fragmentIn(params.problem as IdNumberProblemKey, lang), params, lang);
    }
    const v = params[name];
    return v === undefined ? whole : String(v);
  });

/** A message in the given language. */
export function formatFormMessage(key: FormMessageKey, params: MessageParams, lang: FormLanguage = 'vi'): string {
  return fill(messageIn(key, lang), params, lang);
}

/** An identity-number problem's words, in the given language (what follows the label). */
export function formatIdNumberProblem(key: IdNumberProblemKey, params: MessageParams, lang: FormLanguage = 'vi'): string {
  return fill(fragmentIn(key, lang), params, lang);
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
  if (!e.messageKey || !(e.messageKey in FORM_MESSAGES_VI)) return e.message;
  const params = e.params ?? {};
  const label = labelForMessage(def, params, lang) ?? params.label;
  return formatFormMessage(e.messageKey, { ...params, ...(label !== undefined ? { label } : {}) }, lang);
}
