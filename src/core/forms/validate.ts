/**
 * E-form validation, identical in the browser and on the server: the browser checks each page as the citizen
 * goes, the server checks everything again at submission. Hidden fields (showIf false) are not validated.
 * Every message is Vietnamese and names the field, e.g. "Họ, chữ đệm và tên người mẹ là bắt buộc."
 *
 * What differs between browser and server is only what the context supplies: today's date, the 2025
 * administrative units (commune → province), an identity-number structure check, and population-database facts
 * about persons named in the form (the server looks them up; see `personIdNumbers`).
 */
import type { FormDefinition } from '../catalogue/schema.ts';
import { parseIdNumber } from '../identity/id-number.ts';
import { localDay } from '../time/local.ts';
import { isEmpty } from './conditions.ts';
import { compileForm, type CompiledField } from './definition.ts';
import { FormState, fieldPath, type Instance, type Values } from './runtime.ts';
import { cleanLine, normaliseScope, type AddressValue, type FileRef, type PersonValue } from './values.ts';

export type { Values } from './runtime.ts';
export type { AddressValue, FileRef, PersonValue } from './values.ts';

export interface FieldError {
  /** Value path: `hoTenMe`, `con[1].hoTen`. */
  path: string;
  code: string;
  message: string;
  /** Page the field is on. */
  page?: string;
  /** Part of a composite answer the error is about (address: communeCode; person: idNumber …). */
  part?: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: FieldError[];
}

/** A problem found in an identity number; `message` follows the field label ("… phải gồm đúng 12 chữ số."). */
export interface IdNumberProblem {
  code: string;
  message: string;
}

export interface IdNumberFacts {
  /** The holder's birth date, when the form has it (yyyy-mm-dd). */
  birthDate?: string;
  sex?: 'Nam' | 'Nữ';
  today: string;
}

/** Pluggable structure check of a 12-digit personal identification number; null when acceptable. */
export type IdNumberValidator = (idNumber: string, known: IdNumberFacts) => IdNumberProblem | null;

/** What the population database says about a person named in the form. */
export interface PersonFacts {
  fullName: string;
  birthDate?: string;
  sex?: 'Nam' | 'Nữ';
}

export interface ValidationContext {
  /** Today in Vietnam, yyyy-mm-dd. Default: the current date in Asia/Ho_Chi_Minh (UTC+7). */
  today?: string;
  /** Whether a commune code belongs to a province (2025 units). Absent: only the code shapes are checked. */
  communeInProvince?: (communeCode: string, provinceCode: string) => boolean;
  /** Whether a province code exists (2025 units). */
  provinceExists?: (provinceCode: string) => boolean;
  /** Replaces the default identity-number structure check (`checkIdNumberStructure`). */
  idNumber?: IdNumberValidator;
  /**
   * Population-database facts for person fields, by identity number: facts, null when the number is not in the
   * database, undefined when not looked up (then only the shape is checked).
   */
  persons?: (idNumber: string) => PersonFacts | null | undefined;
}

/** Today's date in Vietnam (UTC+7, no daylight saving), yyyy-mm-dd. */
export const vnToday = (now: number = Date.now()): string => localDay(new Date(now));

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date written yyyy-mm-dd (years 1000–9999). */
export function isRealDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/** yyyy-mm-dd → dd/mm/yyyy, as dates are read in Vietnam. */
export const displayDate = (iso: string) => iso.split('-').reverse().join('/');

/** The default structure check: 12 digits, province code 001–096, century/sex digit agreeing with what is known. */
export function checkIdNumberStructure(id: string, known: IdNumberFacts): IdNumberProblem | null {
  if (!/^\d{12}$/.test(id)) return { code: 'id_number_format', message: 'phải gồm đúng 12 chữ số.' };
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) {
    return { code: 'id_number_province', message: `không hợp lệ: 3 chữ số đầu là mã tỉnh nơi đăng ký khai sinh, từ 001 đến 096 (nhận được ${id.slice(0, 3)}).` };
  }
  const parts = parseIdNumber(id)!;
  if (parts.birthYear > Number(known.today.slice(0, 4))) {
    return { code: 'id_number_birth_year', message: `không hợp lệ: chữ số thế kỷ và năm sinh (${id.slice(3, 6)}) cho năm sinh ${parts.birthYear}, sau năm hiện tại.` };
  }
  if (known.birthDate && isRealDate(known.birthDate) && Number(known.birthDate.slice(0, 4)) !== parts.birthYear) {
    return { code: 'id_number_birth_year', message: `không khớp với năm sinh ${known.birthDate.slice(0, 4)} (số này mã hóa năm sinh ${parts.birthYear}).` };
  }
  if (known.sex && known.sex !== parts.sex) {
    return { code: 'id_number_sex', message: `không khớp với giới tính ${known.sex} (chữ số thứ tư mã hóa giới tính ${parts.sex}).` };
  }
  return null;
}

const PHONE_MOBILE = /^0[35789]\d{8}$/;
const PHONE_LANDLINE = /^02\d{9}$/;
/** Dot-atom local part, host names of letters, digits and inner hyphens, a top-level domain of letters. */
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const SHA256 = /^[0-9a-f]{64}$/;

const sameName = (a: string, b: string) => cleanLine(a).toLocaleLowerCase('vi') === cleanLine(b).toLocaleLowerCase('vi');

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} byte`;
}

function acceptsFile(accept: string[], f: FileRef): boolean {
  const mime = f.mime.toLowerCase();
  const name = f.name.toLowerCase();
  return accept.some((a) => {
    const x = a.toLowerCase();
    if (x.startsWith('.')) return name.endsWith(x);
    if (x.endsWith('/*')) return mime.startsWith(x.slice(0, -1));
    return mime === x;
  });
}

const acceptLabel = (accept: string[]) => accept.map((a) => (a.startsWith('.') ? a.slice(1).toUpperCase() : a.endsWith('/*') ? a.slice(0, -2) : a.split('/')[1]?.toUpperCase() ?? a)).join(', ');

class Validator {
  readonly errors: FieldError[] = [];
  readonly today: string;
  constructor(
    readonly state: FormState,
    readonly ctx: ValidationContext,
  ) {
    this.today = ctx.today ?? vnToday();
  }

  /** The label as shown in messages; item fields say which item. */
  labelOf(f: CompiledField, inst: Instance): string {
    if (inst.index === undefined || !inst.def.group) return f.label;
    return `${f.label} (${inst.def.group.label}, mục ${inst.index + 1})`;
  }

  field(f: CompiledField, inst: Instance): void {
    const path = fieldPath(inst, f.key);
    const label = this.labelOf(f, inst);
    const value = inst.values[f.key];
    const err = (code: string, message: string, part?: string) => {
      this.errors.push({ path, code, message, page: f.pageKey, ...(part ? { part } : {}) });
    };
    const v = f.validation;

    if (isEmpty(value)) {
      if (this.state.isRequired(f, inst)) {
        err('required', /[?？]\s*$/.test(label) ? `Vui lòng trả lời câu hỏi: ${label}` : `${label} là bắt buộc.`);
      }
      return;
    }
    if (typeof value === 'string' && CONTROL.test(value)) return err('invalid_characters', `${label} có ký tự điều khiển không hợp lệ.`);

    switch (f.type) {
      case 'text':
      case 'textarea': {
        if (typeof value !== 'string') return err('type', `${label} phải là chữ.`);
        const length = [...value].length;
        const max = v.maxLength ?? (f.type === 'text' ? 200 : 2000);
        if (v.minLength !== undefined && length < v.minLength) err('too_short', `${label} phải có ít nhất ${v.minLength} ký tự.`);
        if (length > max) err('too_long', `${label} không được quá ${max} ký tự.`);
        if (v.pattern && !new RegExp(`^(?:${v.pattern})$`, 'u').test(value)) err('pattern', `${label} ${v.patternMessage ?? 'không đúng định dạng'}.`);
        return;
      }
      case 'number': {
        if (typeof value !== 'number' || !Number.isFinite(value)) return err('type', `${label} phải là một số.`);
        const decimals = v.decimals ?? 0;
        if (decimals === 0 && !Number.isInteger(value)) err('integer', `${label} phải là số nguyên.`);
        else if (decimals > 0 && Math.abs(Math.round(value * 10 ** decimals) - value * 10 ** decimals) > 1e-6) err('decimals', `${label} chỉ được có tối đa ${decimals} chữ số thập phân.`);
        if (v.min !== undefined && value < v.min) err('min', `${label} không được nhỏ hơn ${v.min}.`);
        if (v.max !== undefined && value > v.max) err('max', `${label} không được lớn hơn ${v.max}.`);
        return;
      }
      case 'date': {
        if (!isRealDate(value)) return err('date', `${label} không phải ngày hợp lệ.`);
        if (v.notFuture && value > this.today) err('future', `${label} không được sau ngày hôm nay (${displayDate(this.today)}).`);
        if (v.notPast && value < this.today) err('past', `${label} không được trước ngày hôm nay (${displayDate(this.today)}).`);
        if (v.minDate && value < v.minDate) err('min_date', `${label} không được trước ngày ${displayDate(v.minDate)}.`);
        if (v.maxDate && value > v.maxDate) err('max_date', `${label} không được sau ngày ${displayDate(v.maxDate)}.`);
        return;
      }
      case 'select':
        if (typeof value !== 'string' || !(f.field.options ?? []).some((o) => o.value === value)) err('option', `${label}: lựa chọn không có trong danh sách.`);
        return;
      case 'yes_no':
        if (typeof value !== 'boolean') return err('type', `${label}: vui lòng chọn Có hoặc Không.`);
        if (v.mustBeTrue && value !== true) err('must_be_true', `${label}: cần chọn "Có" để tiếp tục.`);
        return;
      case 'id_number': {
        if (typeof value !== 'string') return err('id_number_format', `${label} phải gồm đúng 12 chữ số.`);
        const birthDate = f.refs.birthDate ? this.state.resolve(f.refs.birthDate, inst) : undefined;
        const sexValue = f.refs.sex ? this.state.resolve(f.refs.sex, inst) : undefined;
        const sex = v.sex ?? (sexValue === 'Nam' || sexValue === 'Nữ' ? sexValue : undefined);
        const problem = this.idNumber(value, { birthDate: typeof birthDate === 'string' ? birthDate : undefined, sex });
        if (problem) err(problem.code, `${label} ${problem.message}`);
        return;
      }
      case 'phone': {
        const ok = typeof value === 'string' && (PHONE_MOBILE.test(value) || (v.allowLandline === true && PHONE_LANDLINE.test(value)));
        if (!ok) {
          err('phone', v.allowLandline
            ? `${label} phải là số điện thoại Việt Nam: di động 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09 hoặc cố định 11 chữ số bắt đầu bằng 02.`
            : `${label} phải là số điện thoại di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912345678).`);
        }
        return;
      }
      case 'email':
        if (typeof value !== 'string' || value.length > (v.maxLength ?? 254) || !EMAIL.test(value)) err('email', `${label} không phải địa chỉ thư điện tử hợp lệ (ví dụ ten@example.vn).`);
        return;
      case 'address':
        return this.address(value, label, v, err);
      case 'person':
        return this.person(value, label, v, err);
      case 'file':
        return this.file(value, label, v, err);
      case 'group': {
        if (!Array.isArray(value)) return err('type', `${label}: dữ liệu không hợp lệ (cần một danh sách).`);
        if (f.field.minItems !== undefined && value.length < f.field.minItems) err('min_items', `${label}: cần ít nhất ${f.field.minItems} mục.`);
        if (f.field.maxItems !== undefined && value.length > f.field.maxItems) err('max_items', `${label}: tối đa ${f.field.maxItems} mục.`);
        value.forEach((item, i) => {
          if (item === null || typeof item !== 'object' || Array.isArray(item)) {
            this.errors.push({ path: `${path}[${i}]`, code: 'type', message: `${label}, mục ${i + 1}: dữ liệu không hợp lệ.`, page: f.pageKey });
          }
        });
        return;
      }
    }
  }

  idNumber(id: string, known: Omit<IdNumberFacts, 'today'>): IdNumberProblem | null {
    return (this.ctx.idNumber ?? checkIdNumberStructure)(id, { ...known, today: this.today });
  }

  address(value: unknown, label: string, v: CompiledField['validation'], err: (code: string, message: string, part?: string) => void): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return err('address', `${label}: địa chỉ không hợp lệ.`);
    const a = value as Partial<AddressValue>;
    if (typeof a.provinceCode !== 'string' || !/^\d{2}$/.test(a.provinceCode)) return err('address_province', `${label}: vui lòng chọn tỉnh, thành phố.`, 'provinceCode');
    if (this.ctx.provinceExists && !this.ctx.provinceExists(a.provinceCode)) return err('address_province', `${label}: tỉnh, thành phố không có trong danh mục đơn vị hành chính.`, 'provinceCode');
    if (v.provinces && !v.provinces.includes(a.provinceCode)) return err('address_province_not_allowed', `${label}: chỉ chấp nhận địa chỉ thuộc tỉnh, thành phố nơi tiếp nhận hồ sơ.`, 'provinceCode');
    if (typeof a.communeCode !== 'string' || !/^\d{5}$/.test(a.communeCode)) err('address_commune', `${label}: vui lòng chọn xã, phường.`, 'communeCode');
    else if (this.ctx.communeInProvince && !this.ctx.communeInProvince(a.communeCode, a.provinceCode)) err('address_commune', `${label}: xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn.`, 'communeCode');
    if (a.detail !== undefined && typeof a.detail !== 'string') err('address_detail', `${label}: số nhà, thôn/ấp, đường không hợp lệ.`, 'detail');
    else if ((v.detailRequired ?? true) && isEmpty(a.detail)) err('address_detail', `${label}: vui lòng nhập số nhà, thôn/ấp/khu phố, đường.`, 'detail');
    else if (typeof a.detail === 'string' && [...a.detail].length > 300) err('address_detail', `${label}: số nhà, thôn/ấp, đường không được quá 300 ký tự.`, 'detail');
  }

  person(value: unknown, label: string, v: CompiledField['validation'], err: (code: string, message: string, part?: string) => void): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return err('person', `${label}: thông tin người không hợp lệ.`);
    const p = value as Partial<PersonValue>;
    let ok = true;
    if (typeof p.idNumber !== 'string' || isEmpty(p.idNumber)) {
      err('required', `${label}: vui lòng nhập số định danh cá nhân.`, 'idNumber');
      ok = false;
    } else {
      const problem = this.idNumber(p.idNumber, { birthDate: isRealDate(p.birthDate) ? p.birthDate : undefined, sex: v.sex });
      if (problem) {
        err(problem.code, `${label}: số định danh cá nhân ${problem.message}`, 'idNumber');
        ok = false;
      }
    }
    if (typeof p.fullName !== 'string' || isEmpty(p.fullName)) {
      err('person_name', `${label}: vui lòng nhập họ và tên.`, 'fullName');
      ok = false;
    } else if ([...p.fullName].length > 100) {
      err('person_name', `${label}: họ và tên không được quá 100 ký tự.`, 'fullName');
      ok = false;
    }
    if (p.birthDate !== undefined && !isRealDate(p.birthDate)) {
      err('date', `${label}: ngày sinh không phải ngày hợp lệ.`, 'birthDate');
      ok = false;
    } else if (p.birthDate !== undefined && p.birthDate > this.today) {
      err('future', `${label}: ngày sinh không được sau ngày hôm nay.`, 'birthDate');
      ok = false;
    } else if (p.birthDate === undefined && v.birthDateRequired) {
      err('required', `${label}: vui lòng nhập ngày sinh.`, 'birthDate');
      ok = false;
    }
    if (!ok || v.lookup === false || !this.ctx.persons) return;
    const facts = this.ctx.persons(p.idNumber!);
    if (facts === undefined) return;
    if (facts === null) return err('person_not_found', `${label}: không tìm thấy số định danh cá nhân ${p.idNumber} trong Cơ sở dữ liệu quốc gia về dân cư.`, 'idNumber');
    if (!sameName(facts.fullName, p.fullName!)) return err('person_mismatch', `${label}: họ và tên không khớp với Cơ sở dữ liệu quốc gia về dân cư.`, 'fullName');
    if (p.birthDate && facts.birthDate && p.birthDate !== facts.birthDate) return err('person_mismatch', `${label}: ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư.`, 'birthDate');
    if (v.sex && facts.sex && facts.sex !== v.sex) err('person_sex', `${label}: người có số định danh này không phải giới tính ${v.sex}.`, 'idNumber');
  }

  file(value: unknown, label: string, v: CompiledField['validation'], err: (code: string, message: string, part?: string) => void): void {
    const maxFiles = v.maxFiles ?? 1;
    const list = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && maxFiles === 1 && value.length > 1) return err('file_count', `${label}: chỉ đính kèm 1 tệp.`);
    if (v.minFiles !== undefined && list.length < v.minFiles) err('file_count', `${label}: cần ít nhất ${v.minFiles} tệp.`);
    if (list.length > maxFiles) err('file_count', `${label}: tối đa ${maxFiles} tệp.`);
    list.forEach((raw) => {
      const f = raw as Partial<FileRef> | null;
      const wellFormed =
        f !== null &&
        typeof f === 'object' &&
        typeof f.fileId === 'string' && f.fileId.length > 0 && f.fileId.length <= 100 &&
        typeof f.sha256 === 'string' && SHA256.test(f.sha256) &&
        typeof f.name === 'string' && f.name.trim() !== '' && f.name.length <= 255 &&
        typeof f.size === 'number' && Number.isInteger(f.size) && f.size >= 0 &&
        typeof f.mime === 'string' && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(f.mime);
      if (!wellFormed) return err('file', `${label}: tệp đính kèm không hợp lệ, vui lòng tải lên lại.`);
      const ref = f as FileRef;
      if (v.accept && !acceptsFile(v.accept, ref)) err('file_type', `${label}: tệp "${ref.name}" không đúng loại cho phép (${acceptLabel(v.accept)}).`);
      if (v.maxSize !== undefined && ref.size > v.maxSize) err('file_size', `${label}: tệp "${ref.name}" vượt quá dung lượng tối đa ${formatBytes(v.maxSize)}.`);
      if (ref.size === 0) err('file_size', `${label}: tệp "${ref.name}" rỗng.`);
    });
  }
}

/**
 * Validates every visible field, or only the fields of one page (conditions still read the whole form).
 * Values are normalised first (trimmed, NFC, phone +84 → 0 …), so what is checked is what will be stored.
 */
export function validateForm(def: FormDefinition, values: Values, ctx: ValidationContext = {}, pageKey?: string): ValidationResult {
  const form = compileForm(def);
  const state = new FormState(form, normaliseScope(form.root, values));
  const v = new Validator(state, ctx);
  const fields = pageKey === undefined ? form.root.order : (form.pages.find((p) => p.key === pageKey)?.fields ?? []);
  state.walkVisible((f, inst) => v.field(f, inst), fields);
  return { valid: v.errors.length === 0, errors: v.errors };
}

/**
 * The identity numbers of the visible person fields, with their paths: what the server looks up in the
 * population database to give `ctx.persons` before validating.
 */
export function personIdNumbers(def: FormDefinition, values: Values): { path: string; idNumber: string }[] {
  const form = compileForm(def);
  const state = new FormState(form, normaliseScope(form.root, values));
  const out: { path: string; idNumber: string }[] = [];
  state.walkVisible((f, inst) => {
    if (f.type !== 'person' || f.validation.lookup === false) return;
    const id = (inst.values[f.key] as Partial<PersonValue> | undefined)?.idNumber;
    if (typeof id === 'string' && /^\d{12}$/.test(id)) out.push({ path: fieldPath(inst, f.key), idNumber: id });
  });
  return out;
}
