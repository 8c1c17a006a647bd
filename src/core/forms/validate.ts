/**
 * E-form validation, identical in the browser and on the server. Values are a flat object keyed by field key
 * (pages only group questions); a repeated group is an array of such objects. Hidden fields (showIf false) are
 * neither validated nor kept.
 */
import type { FormDefinition, FormField } from '../catalogue/schema.ts';
import { validateIdNumberStructure } from '../identity/id-number.ts';
import { evaluate, isEmpty, type Values } from './conditions.ts';

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export interface ValidationContext {
  /** Whether a commune code belongs to a province (2025 units); absent = only the shape is checked. */
  communeInProvince?: (communeCode: string, provinceCode: string) => boolean;
  /** Today in Vietnam, yyyy-mm-dd (for "not in the future"). */
  today?: string;
}

export interface FieldValidation {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  notFuture?: boolean;
  minDate?: string;
  maxDate?: string;
  pattern?: string;
}

export interface AddressValue {
  provinceCode: string;
  communeCode: string;
  detail: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isRealDate = (s: string) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const PHONE = /^(0|\+?84)(3|5|7|8|9)\d{8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function normalisePhone(s: string): string {
  const digits = s.replace(/[\s.-]/g, '');
  return digits.replace(/^\+?84/, '0');
}

export function allFields(def: FormDefinition): FormField[] {
  return def.pages.flatMap((p) => p.fields);
}

function checkField(f: FormField, value: unknown, values: Values, ctx: ValidationContext, path: string, item: Values | undefined, errors: FieldError[]): void {
  const required = f.required || (f.requireIf !== undefined && evaluate(f.requireIf, values, item));
  const label = f.label;
  const err = (code: string, message: string): void => {
    errors.push({ path, code, message });
  };
  if (isEmpty(value)) {
    if (required && f.type !== 'yes_no') err('required', `${label}: chưa nhập (bắt buộc).`);
    if (required && f.type === 'yes_no' && value !== false && value !== true) err('required', `${label}: vui lòng chọn Có hoặc Không.`);
    return;
  }
  const v = (f.validation ?? {}) as FieldValidation;
  switch (f.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return err('type', `${label}: phải là chữ.`);
      const max = v.maxLength ?? (f.type === 'text' ? 200 : 2000);
      if (value.trim().length > max) err('too_long', `${label}: tối đa ${max} ký tự.`);
      if (v.minLength && value.trim().length < v.minLength) err('too_short', `${label}: ít nhất ${v.minLength} ký tự.`);
      if (v.pattern && !new RegExp(v.pattern).test(value)) err('pattern', `${label}: không đúng định dạng.`);
      return;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return err('type', `${label}: phải là số.`);
      if (v.min !== undefined && n < v.min) err('min', `${label}: không nhỏ hơn ${v.min}.`);
      if (v.max !== undefined && n > v.max) err('max', `${label}: không lớn hơn ${v.max}.`);
      return;
    }
    case 'date': {
      if (typeof value !== 'string' || !isRealDate(value)) return err('date', `${label}: ngày không hợp lệ.`);
      if (v.notFuture && ctx.today && value > ctx.today) err('future', `${label}: không được sau ngày hôm nay.`);
      if (v.minDate && value < v.minDate) err('min_date', `${label}: không trước ngày ${v.minDate}.`);
      if (v.maxDate && value > v.maxDate) err('max_date', `${label}: không sau ngày ${v.maxDate}.`);
      return;
    }
    case 'select':
      if (!(f.options ?? []).some((o) => o.value === value)) err('option', `${label}: lựa chọn không hợp lệ.`);
      return;
    case 'yes_no':
      if (typeof value !== 'boolean') err('type', `${label}: vui lòng chọn Có hoặc Không.`);
      return;
    case 'id_number':
      if (typeof value !== 'string' || !validateIdNumberStructure(value)) err('id_number', `${label}: số định danh cá nhân gồm 12 chữ số hợp lệ.`);
      return;
    case 'phone':
      if (typeof value !== 'string' || !PHONE.test(value.replace(/[\s.-]/g, ''))) err('phone', `${label}: số điện thoại di động Việt Nam gồm 10 chữ số (ví dụ 0912345678).`);
      return;
    case 'email':
      if (typeof value !== 'string' || !EMAIL.test(value)) err('email', `${label}: địa chỉ thư điện tử không hợp lệ.`);
      return;
    case 'address': {
      const a = value as Partial<AddressValue>;
      if (typeof a !== 'object' || !a || !/^\d{2}$/.test(a.provinceCode ?? '') || !/^\d{5}$/.test(a.communeCode ?? '')) return err('address', `${label}: chọn tỉnh/thành phố và xã/phường.`);
      if (ctx.communeInProvince && !ctx.communeInProvince(a.communeCode!, a.provinceCode!)) err('address_commune', `${label}: xã/phường không thuộc tỉnh/thành phố đã chọn.`);
      if (typeof a.detail !== 'string' || a.detail.trim() === '') err('address_detail', `${label}: nhập số nhà, thôn/ấp, đường.`);
      return;
    }
    case 'person': {
      const p = value as { idNumber?: string; fullName?: string };
      if (typeof p !== 'object' || !p || !validateIdNumberStructure(p.idNumber ?? '')) return err('person', `${label}: số định danh cá nhân gồm 12 chữ số hợp lệ.`);
      if (!p.fullName || !p.fullName.trim()) err('person_name', `${label}: nhập họ và tên.`);
      return;
    }
    case 'file': {
      const files = Array.isArray(value) ? value : [value];
      for (const fl of files as { fileId?: string }[]) if (!fl || typeof fl.fileId !== 'string') err('file', `${label}: tệp đính kèm không hợp lệ.`);
      return;
    }
    case 'group': {
      if (!Array.isArray(value)) return err('type', `${label}: dữ liệu không hợp lệ.`);
      if (f.minItems !== undefined && value.length < f.minItems) err('min_items', `${label}: cần ít nhất ${f.minItems} mục.`);
      if (f.maxItems !== undefined && value.length > f.maxItems) err('max_items', `${label}: tối đa ${f.maxItems} mục.`);
      value.forEach((it, i) => {
        for (const sub of f.fields ?? []) {
          const itemValues = (it ?? {}) as Values;
          if (!evaluate(sub.showIf, values, itemValues)) continue;
          checkField(sub, itemValues[sub.key], values, ctx, `${path}[${i}].${sub.key}`, itemValues, errors);
        }
      });
      return;
    }
  }
}

/** Validates every visible field (or only those of one page). */
export function validateForm(def: FormDefinition, values: Values, ctx: ValidationContext = {}, pageKey?: string): { valid: boolean; errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const page of def.pages) {
    if (pageKey && page.key !== pageKey) continue;
    for (const f of page.fields) {
      if (!evaluate(f.showIf, values)) continue;
      checkField(f, values[f.key], values, ctx, f.key, undefined, errors);
    }
  }
  return { valid: errors.length === 0, errors };
}

/** Keeps only the values of visible, defined fields (trimmed strings), so hidden answers are not submitted. */
export function normaliseValues(def: FormDefinition, values: Values): Values {
  const out: Values = {};
  for (const f of allFields(def)) {
    if (!evaluate(f.showIf, values)) continue;
    const v = values[f.key];
    if (v === undefined) continue;
    out[f.key] = typeof v !== 'string' ? v : f.type === 'phone' ? normalisePhone(v.trim()) : v.trim().normalize('NFC');
  }
  return out;
}

export function visiblePages(def: FormDefinition, values: Values) {
  return def.pages.filter((p) => p.fields.some((f) => evaluate(f.showIf, values)));
}
