/**
 * The shapes of answers and their normal form. Values are one flat object keyed by field key (pages only group
 * questions); a repeated group is a list of such objects. Normalising trims text, puts it in Unicode NFC,
 * writes phone numbers as 0xxxxxxxxx, turns numeric text into numbers, keeps only the known parts of
 * addresses, persons and file references, and drops blank answers. Values that cannot be normalised are kept
 * as they are, for validation to report.
 */
import type { FormDefinition } from '../catalogue/schema.ts';
import { isEmpty } from './conditions.ts';
import { compileForm, type CompiledField, type ScopeDef } from './definition.ts';
import { FormState, type Values } from './runtime.ts';

export interface AddressValue {
  /** Province code of the 2025 units (2 digits). */
  provinceCode: string;
  /** Commune code of the 2025 units (5 digits). */
  communeCode: string;
  /** Street, hamlet (thôn/ấp/khu phố), house number. */
  detail: string;
}

export interface PersonValue {
  /** 12-digit personal identification number. */
  idNumber: string;
  fullName: string;
  /** yyyy-mm-dd. */
  birthDate?: string;
}

export interface FileRef {
  fileId: string;
  /** Hex SHA-256 of the content (64 lowercase hex digits). */
  sha256: string;
  name: string;
  /** Bytes. */
  size: number;
  mime: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : v);
/** Trims, NFC, and collapses runs of spaces (names and one-line answers). */
export const cleanLine = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** A Vietnamese phone number in national form: "+84 912 345 678", "84912345678" → "0912345678". */
export function normalisePhone(s: string): string {
  const compact = s.replace(/[\s.\-()]/g, '');
  if (/^\+84\d{9,10}$/.test(compact)) return `0${compact.slice(3)}`;
  if (/^84\d{9,10}$/.test(compact)) return `0${compact.slice(2)}`;
  return compact;
}

const pick = (o: Record<string, unknown>, keys: string[]) => {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && !(typeof o[k] === 'string' && (o[k] as string).trim() === '')) out[k] = o[k];
  return out;
};

function normaliseFile(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const f = v as Record<string, unknown>;
  return pick(
    {
      fileId: str(f.fileId),
      sha256: typeof f.sha256 === 'string' ? f.sha256.trim().toLowerCase() : f.sha256,
      name: str(f.name),
      size: f.size,
      mime: typeof f.mime === 'string' ? f.mime.trim().toLowerCase() : f.mime,
    },
    ['fileId', 'sha256', 'name', 'size', 'mime'],
  );
}

/** The normal form of one (non-group) answer; undefined when blank. */
export function normaliseFieldValue(field: Pick<CompiledField, 'type' | 'validation'>, value: unknown): unknown {
  if (isEmpty(value)) return undefined;
  switch (field.type) {
    case 'text':
    case 'select':
      return typeof value === 'string' ? cleanLine(value) : value;
    case 'textarea':
      return typeof value === 'string' ? value.normalize('NFC').replace(/\r\n?/g, '\n').trim() : value;
    case 'date':
      return str(value);
    case 'id_number':
      return typeof value === 'string' ? value.replace(/[\s.]/g, '') : value;
    case 'phone':
      return typeof value === 'string' ? normalisePhone(value.trim()) : value;
    case 'email': {
      if (typeof value !== 'string') return value;
      const s = value.normalize('NFC').trim();
      const at = s.lastIndexOf('@');
      return at < 0 ? s : `${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`;
    }
    case 'number':
      if (typeof value === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(value)) return Number(value.trim().replace(',', '.'));
      return value;
    case 'yes_no':
      return value;
    case 'address': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const a = value as Record<string, unknown>;
      return pick(
        { provinceCode: str(a.provinceCode), communeCode: str(a.communeCode), detail: typeof a.detail === 'string' ? cleanLine(a.detail) : a.detail },
        ['provinceCode', 'communeCode', 'detail'],
      );
    }
    case 'person': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const p = value as Record<string, unknown>;
      return pick(
        {
          idNumber: typeof p.idNumber === 'string' ? p.idNumber.replace(/[\s.]/g, '') : p.idNumber,
          fullName: typeof p.fullName === 'string' ? cleanLine(p.fullName) : p.fullName,
          birthDate: str(p.birthDate),
        },
        ['idNumber', 'fullName', 'birthDate'],
      );
    }
    case 'file':
      return Array.isArray(value) ? value.map(normaliseFile) : normaliseFile(value);
    case 'group':
      return value;
  }
}

/** Normal form of every defined answer of a scope, visible or not (groups item by item); unknown keys dropped. */
export function normaliseScope(scope: ScopeDef, values: unknown): Values {
  const src = values !== null && typeof values === 'object' && !Array.isArray(values) ? (values as Values) : {};
  const out: Values = {};
  for (const f of scope.order) {
    const v = src[f.key];
    if (f.type === 'group') {
      if (Array.isArray(v))
        out[f.key] = v.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? normaliseScope(f.item!, item) : item));
      else if (!isEmpty(v)) out[f.key] = v;
      continue;
    }
    const n = normaliseFieldValue(f, v);
    if (n !== undefined) out[f.key] = n;
  }
  return out;
}

/**
 * The state of a form over answers in normal form. `validateForm`, `normaliseValues` and `checkPrefill` build it from
 * the answers they are given, or take it built: the server builds it once per submission and gives it to all three
 * (each built it, issue 17). The state keeps what it works out (which fields are visible), so it is for answers that
 * no longer change.
 */
export function answersState(def: FormDefinition, values: Values): FormState {
  const form = compileForm(def);
  return new FormState(form, normaliseScope(form.root, values));
}

/** The answers' state: the one given (which must be of this form), or one built from the answers. */
export function stateOf(def: FormDefinition, answers: Values | FormState): FormState {
  if (!(answers instanceof FormState)) return answersState(def, answers);
  if (answers.form !== compileForm(def)) throw new Error('The answers’ state is of another form');
  return answers;
}

/**
 * The answers to submit: only visible, defined fields, in normal form. Hidden answers (showIf false) are
 * dropped, so a citizen who says "the father is not known" does not send the father's details.
 */
export function normaliseValues(def: FormDefinition, values: Values | FormState): Values {
  const state = stateOf(def, values);
  const form = state.form;
  const strip = (scope: ScopeDef, inst: (typeof state)['root']): Values => {
    const out: Values = {};
    for (const f of scope.order) {
      if (!state.isVisible(f, inst) || inst.values[f.key] === undefined) continue;
      out[f.key] = f.type === 'group' && Array.isArray(inst.values[f.key]) ? state.items(f, inst).map((item) => strip(f.item!, item)) : inst.values[f.key];
    }
    return out;
  };
  return strip(form.root, state.root);
}
