/**
 * E-form validation, identical in the browser and on the server: the browser checks each page as the citizen
 * goes, the server checks everything again at submission. Hidden fields (showIf false) are not validated.
 * Every message is Vietnamese and names the field, e.g. "Họ, chữ đệm và tên người mẹ là bắt buộc."; each problem
 * also carries the message's key and parameters, so the browser can say it in English (messages.ts).
 *
 * What differs between browser and server is only what the context supplies: today's date, the 2025
 * administrative units (commune → province), an identity-number structure check, and population-database facts
 * about persons named in the form (the server looks them up; see `personIdNumbers`).
 */
import type { FormDefinition } from '../catalogue/schema.ts';
import { parseIdNumber } from '../identity/id-number.ts';
import { localDay } from '../time/local.ts';
import { isEmpty } from './conditions.ts';
import type { CompiledField } from './definition.ts';
import { type FormState, fieldPath, type Instance, type Values } from './runtime.ts';
import { formatFormMessage, formatIdNumberProblem, sexInEnglish, type FormMessageKey, type IdNumberProblemKey, type MessageParams } from './messages.ts';
import { answersState, cleanLine, stateOf, type AddressValue, type FileRef, type PersonValue } from './values.ts';

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
  /**
   * The sentence (messages.ts) and its values, to say the message in another language: `label` is the Vietnamese
   * label, `field` the field's key path without item numbers, `item` the 1-based item of a repeated group.
   * Absent when a pluggable check (`ctx.idNumber`) gave its own words.
   */
  messageKey?: FormMessageKey;
  params?: MessageParams;
}

export interface ValidationResult {
  valid: boolean;
  errors: FieldError[];
}

/** A problem found in an identity number; `message` follows the field label ("… phải gồm đúng 12 chữ số."). */
export interface IdNumberProblem {
  code: string;
  message: string;
  /** The problem's words in messages.ts and their values (absent for a pluggable check's own words). */
  key?: IdNumberProblemKey;
  params?: MessageParams;
}

const idProblem = (code: string, key: IdNumberProblemKey, params: MessageParams = {}): IdNumberProblem => ({
  code,
  key,
  params,
  message: formatIdNumberProblem(key, params),
});

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
  if (!/^\d{12}$/.test(id)) return idProblem('id_number_format', 'id_format');
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) return idProblem('id_number_province', 'id_province', { got: id.slice(0, 3) });
  const parts = parseIdNumber(id)!;
  if (parts.birthYear > Number(known.today.slice(0, 4))) {
    return idProblem('id_number_birth_year', 'id_birth_year_future', { digits: id.slice(3, 6), year: parts.birthYear });
  }
  if (known.birthDate && isRealDate(known.birthDate) && Number(known.birthDate.slice(0, 4)) !== parts.birthYear) {
    return idProblem('id_number_birth_year', 'id_birth_year_mismatch', { known: known.birthDate.slice(0, 4), year: parts.birthYear });
  }
  if (known.sex && known.sex !== parts.sex) {
    return idProblem('id_number_sex', 'id_sex_mismatch', {
      sex: known.sex,
      sexEn: sexInEnglish(known.sex),
      encoded: parts.sex,
      encodedEn: sexInEnglish(parts.sex),
    });
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

const acceptLabel = (accept: string[]) =>
  accept.map((a) => (a.startsWith('.') ? a.slice(1).toUpperCase() : a.endsWith('/*') ? a.slice(0, -2) : (a.split('/')[1]?.toUpperCase() ?? a))).join(', ');

/** Records a problem of the field being checked: its stable code, its sentence (messages.ts) and values, the part it is about. */
type Complain = (code: string, key: FormMessageKey, params?: MessageParams, part?: string) => void;

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
    // What names the field in a message, in any language (messages.ts: labelForMessage).
    const named: MessageParams = {
      label,
      field: path.replace(/\[\d+\]/g, ''),
      ...(inst.index !== undefined && inst.def.group ? { item: inst.index + 1 } : {}),
    };
    const err: Complain = (code, key, params = {}, part) => {
      const all = { ...named, ...params };
      this.errors.push({ path, code, message: formatFormMessage(key, all), page: f.pageKey, ...(part ? { part } : {}), messageKey: key, params: all });
    };
    const v = f.validation;

    if (isEmpty(value)) {
      if (this.state.isRequired(f, inst)) err('required', /[?？]\s*$/.test(label) ? 'required_question' : 'required');
      return;
    }
    if (typeof value === 'string' && CONTROL.test(value)) return err('invalid_characters', 'invalid_characters');

    switch (f.type) {
      case 'text':
      case 'textarea': {
        if (typeof value !== 'string') return err('type', 'text_type');
        const length = [...value].length;
        const max = v.maxLength ?? (f.type === 'text' ? 200 : 2000);
        if (v.minLength !== undefined && length < v.minLength) err('too_short', 'too_short', { min: v.minLength });
        if (length > max) err('too_long', 'too_long', { max });
        if (v.pattern && !new RegExp(`^(?:${v.pattern})$`, 'u').test(value))
          err('pattern', 'pattern', { patternMessage: v.patternMessage ?? 'không đúng định dạng' });
        return;
      }
      case 'number': {
        if (typeof value !== 'number' || !Number.isFinite(value)) return err('type', 'number_type');
        const decimals = v.decimals ?? 0;
        if (decimals === 0 && !Number.isInteger(value)) err('integer', 'integer');
        else if (decimals > 0 && Math.abs(Math.round(value * 10 ** decimals) - value * 10 ** decimals) > 1e-6) err('decimals', 'decimals', { decimals });
        if (v.min !== undefined && value < v.min) err('min', 'min', { min: v.min });
        if (v.max !== undefined && value > v.max) err('max', 'max', { max: v.max });
        return;
      }
      case 'date': {
        if (!isRealDate(value)) return err('date', 'date');
        if (v.notFuture && value > this.today) err('future', 'future', { today: displayDate(this.today) });
        if (v.notPast && value < this.today) err('past', 'past', { today: displayDate(this.today) });
        if (v.minDate && value < v.minDate) err('min_date', 'min_date', { date: displayDate(v.minDate) });
        if (v.maxDate && value > v.maxDate) err('max_date', 'max_date', { date: displayDate(v.maxDate) });
        return;
      }
      case 'select':
        if (typeof value !== 'string' || !(f.field.options ?? []).some((o) => o.value === value)) err('option', 'option');
        return;
      case 'yes_no':
        if (typeof value !== 'boolean') return err('type', 'yes_no_type');
        if (v.mustBeTrue && value !== true) err('must_be_true', 'must_be_true');
        return;
      case 'id_number': {
        if (typeof value !== 'string') return err('id_number_format', 'id_number', { problem: 'id_format' });
        const birthDate = f.refs.birthDate ? this.state.resolve(f.refs.birthDate, inst) : undefined;
        const sexValue = f.refs.sex ? this.state.resolve(f.refs.sex, inst) : undefined;
        const sex = v.sex ?? (sexValue === 'Nam' || sexValue === 'Nữ' ? sexValue : undefined);
        const problem = this.idNumber(value, { birthDate: typeof birthDate === 'string' ? birthDate : undefined, sex });
        if (problem?.key) err(problem.code, 'id_number', { ...problem.params, problem: problem.key });
        else if (problem) this.errors.push({ path, code: problem.code, message: `${label} ${problem.message}`, page: f.pageKey });
        return;
      }
      case 'phone': {
        const ok = typeof value === 'string' && (PHONE_MOBILE.test(value) || (v.allowLandline === true && PHONE_LANDLINE.test(value)));
        if (!ok) err('phone', v.allowLandline ? 'phone_any' : 'phone_mobile');
        return;
      }
      case 'email':
        if (typeof value !== 'string' || value.length > (v.maxLength ?? 254) || !EMAIL.test(value)) err('email', 'email');
        return;
      case 'address':
        return this.address(value, v, err);
      case 'person':
        return this.person(value, label, v, err, (problem, part) =>
          this.errors.push({ path, code: problem.code, message: `${label}: số định danh cá nhân ${problem.message}`, page: f.pageKey, part }),
        );
      case 'file':
        return this.file(value, v, err);
      case 'group': {
        if (!Array.isArray(value)) return err('type', 'group_type');
        if (f.field.minItems !== undefined && value.length < f.field.minItems) err('min_items', 'min_items', { min: f.field.minItems });
        if (f.field.maxItems !== undefined && value.length > f.field.maxItems) err('max_items', 'max_items', { max: f.field.maxItems });
        value.forEach((item, i) => {
          if (item === null || typeof item !== 'object' || Array.isArray(item)) {
            const params = { ...named, n: i + 1 };
            this.errors.push({
              path: `${path}[${i}]`,
              code: 'type',
              message: formatFormMessage('group_item', params),
              page: f.pageKey,
              messageKey: 'group_item',
              params,
            });
          }
        });
        return;
      }
    }
  }

  idNumber(id: string, known: Omit<IdNumberFacts, 'today'>): IdNumberProblem | null {
    return (this.ctx.idNumber ?? checkIdNumberStructure)(id, { ...known, today: this.today });
  }

  address(value: unknown, v: CompiledField['validation'], err: Complain): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return err('address', 'address');
    const a = value as Partial<AddressValue>;
    if (typeof a.provinceCode !== 'string' || !/^\d{2}$/.test(a.provinceCode)) return err('address_province', 'address_province_missing', {}, 'provinceCode');
    if (this.ctx.provinceExists && !this.ctx.provinceExists(a.provinceCode)) return err('address_province', 'address_province_unknown', {}, 'provinceCode');
    if (v.provinces && !v.provinces.includes(a.provinceCode)) return err('address_province_not_allowed', 'address_province_not_allowed', {}, 'provinceCode');
    if (typeof a.communeCode !== 'string' || !/^\d{5}$/.test(a.communeCode)) err('address_commune', 'address_commune_missing', {}, 'communeCode');
    else if (this.ctx.communeInProvince && !this.ctx.communeInProvince(a.communeCode, a.provinceCode))
      err('address_commune', 'address_commune_mismatch', {}, 'communeCode');
    if (a.detail !== undefined && typeof a.detail !== 'string') err('address_detail', 'address_detail_invalid', {}, 'detail');
    else if ((v.detailRequired ?? true) && isEmpty(a.detail)) err('address_detail', 'address_detail_missing', {}, 'detail');
    else if (typeof a.detail === 'string' && [...a.detail].length > 300) err('address_detail', 'address_detail_too_long', {}, 'detail');
  }

  /** `ownWords` reports an identity-number problem a pluggable check gave in its own (Vietnamese) words. */
  person(value: unknown, label: string, v: CompiledField['validation'], err: Complain, ownWords: (problem: IdNumberProblem, part: string) => void): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return err('person', 'person');
    const p = value as Partial<PersonValue>;
    let ok = true;
    if (typeof p.idNumber !== 'string' || isEmpty(p.idNumber)) {
      err('required', 'person_id_missing', {}, 'idNumber');
      ok = false;
    } else {
      const problem = this.idNumber(p.idNumber, { birthDate: isRealDate(p.birthDate) ? p.birthDate : undefined, sex: v.sex });
      if (problem?.key) err(problem.code, 'person_id_number', { ...problem.params, problem: problem.key }, 'idNumber');
      else if (problem) ownWords(problem, 'idNumber');
      if (problem) ok = false;
    }
    if (typeof p.fullName !== 'string' || isEmpty(p.fullName)) {
      err('person_name', 'person_name_missing', {}, 'fullName');
      ok = false;
    } else if ([...p.fullName].length > 100) {
      err('person_name', 'person_name_too_long', {}, 'fullName');
      ok = false;
    }
    if (p.birthDate !== undefined && !isRealDate(p.birthDate)) {
      err('date', 'person_birth_date_invalid', {}, 'birthDate');
      ok = false;
    } else if (p.birthDate !== undefined && p.birthDate > this.today) {
      err('future', 'person_birth_date_future', {}, 'birthDate');
      ok = false;
    } else if (p.birthDate === undefined && v.birthDateRequired) {
      err('required', 'person_birth_date_missing', {}, 'birthDate');
      ok = false;
    }
    if (!ok || v.lookup === false || !this.ctx.persons) return;
    const facts = this.ctx.persons(p.idNumber!);
    if (facts === undefined) return;
    if (facts === null) return err('person_not_found', 'person_not_found', { idNumber: p.idNumber! }, 'idNumber');
    if (!sameName(facts.fullName, p.fullName!)) return err('person_mismatch', 'person_name_mismatch', {}, 'fullName');
    if (p.birthDate && facts.birthDate && p.birthDate !== facts.birthDate) return err('person_mismatch', 'person_birth_date_mismatch', {}, 'birthDate');
    if (v.sex && facts.sex && facts.sex !== v.sex) err('person_sex', 'person_sex', { sex: v.sex, sexEn: sexInEnglish(v.sex) }, 'idNumber');
  }

  file(value: unknown, v: CompiledField['validation'], err: Complain): void {
    const maxFiles = v.maxFiles ?? 1;
    const list = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && maxFiles === 1 && value.length > 1) return err('file_count', 'file_single');
    if (v.minFiles !== undefined && list.length < v.minFiles) err('file_count', 'file_min', { min: v.minFiles });
    if (list.length > maxFiles) err('file_count', 'file_max', { max: maxFiles });
    list.forEach((raw) => {
      const f = raw as Partial<FileRef> | null;
      const wellFormed =
        f !== null &&
        typeof f === 'object' &&
        typeof f.fileId === 'string' &&
        f.fileId.length > 0 &&
        f.fileId.length <= 100 &&
        typeof f.sha256 === 'string' &&
        SHA256.test(f.sha256) &&
        typeof f.name === 'string' &&
        f.name.trim() !== '' &&
        f.name.length <= 255 &&
        typeof f.size === 'number' &&
        Number.isInteger(f.size) &&
        f.size >= 0 &&
        typeof f.mime === 'string' &&
        /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(f.mime);
      if (!wellFormed) return err('file', 'file_invalid');
      const ref = f as FileRef;
      if (v.accept && !acceptsFile(v.accept, ref)) err('file_type', 'file_type', { name: ref.name, accept: acceptLabel(v.accept) });
      if (v.maxSize !== undefined && ref.size > v.maxSize) err('file_size', 'file_too_big', { name: ref.name, size: formatBytes(v.maxSize) });
      if (ref.size === 0) err('file_size', 'file_empty', { name: ref.name });
    });
  }
}

/**
 * Validates every visible field, or only the fields of one page (conditions still read the whole form).
 * Values are normalised first (trimmed, NFC, phone +84 → 0 …), so what is checked is what will be stored. The answers
 * may be given as their state (answersState in values.ts), built once for several checks.
 */
export function validateForm(def: FormDefinition, values: Values | FormState, ctx: ValidationContext = {}, pageKey?: string): ValidationResult {
  const state = stateOf(def, values);
  const form = state.form;
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
  const state = answersState(def, values);
  const out: { path: string; idNumber: string }[] = [];
  state.walkVisible((f, inst) => {
    if (f.type !== 'person' || f.validation.lookup === false) return;
    const id = (inst.values[f.key] as Partial<PersonValue> | undefined)?.idNumber;
    if (typeof id === 'string' && /^\d{12}$/.test(id)) out.push({ path: fieldPath(inst, f.key), idNumber: id });
  });
  return out;
}
