/**
 * Autofill: fields bound (`prefill`) to the e-ID claims and to population-database records are filled before
 * the citizen sees the form, so nobody types what the state already knows. Binding syntax: bindings.ts.
 *
 * Sources are what the server has at hand when a draft starts:
 *   eid         the userinfo claims of the e-ID login (HoVaTen, SoDinhDanh, NgayThangNamSinh yyyyMMdd, …)
 *   population  records of the national population database (domain-and-law §5.4 shape) by role: the basic
 *               roles (self, spouse, children, household) and those the form's procedure derives from them
 *               through the named extension point `prefillRoles` (roles.ts; the derivers are in
 *               src/core/procedures/prefill-roles): mother, father, newborn, bride, groom … A role set to null is
 *               known to be absent (e.g. no father recorded); a role left out was not looked up.
 *
 * Values are converted to the form's shapes by the type of the target field: national addresses
 * {maTinhThanh, maPhuongXa, chiTiet} → {provinceCode, communeCode, detail}; dates yyyyMMdd (or
 * {ngayThangNam}) → yyyy-mm-dd; names {ho, chuDem, ten} → "Nguyễn Văn Hùng"; records and relatives
 * {soDinhDanh, hoVaTen} → person {idNumber, fullName, birthDate}; select answers matched to an option by value
 * or label. A value that does not fit the field is left for the citizen.
 *
 * Every filled value keeps its provenance: { source: 'eid' | 'population', path inside the source, hash }.
 */
import { canonicalJson } from '../canonical-json.ts';
import type { FormDefinition } from '../catalogue/schema.ts';
import { isEmpty } from './conditions.ts';
import { bindingSource, type Binding } from './bindings.ts';
import { compileForm, type CompiledField, type ScopeDef } from './definition.ts';
import { formatPath, type Step } from './paths.ts';
import type { Values } from './runtime.ts';
import { sha256Hex } from './sha256.ts';
import { cleanLine, normaliseFieldValue, normalisePhone, type AddressValue, type PersonValue } from './values.ts';
import { isRealDate } from './validate.ts';

/** Name as the national database gives it: written out, or in parts. */
export type NationalName = string | { ho?: string; chuDem?: string; ten?: string };

export interface NationalAddress {
  maTinhThanh: string;
  maPhuongXa: string;
  maQuanHuyen?: string;
  tenTinhThanh?: string;
  tenPhuongXa?: string;
  chiTiet?: string;
  quocGia?: string;
}

export interface NationalRelative {
  soDinhDanh: string;
  hoVaTen?: NationalName;
  hoTen?: string;
  quocTich?: string;
  soCMND?: string;
}

/**
 * A person as the population database describes them (src/server/adapters/population.ts PopulationRecord fits;
 * so does the raw national shape with hoVaTen in parts and ngayThangNamSinh {nam, ngayThangNam}).
 */
export interface NationalPerson {
  soDinhDanh: string;
  hoTen?: string;
  hoVaTen?: NationalName;
  /** yyyy-mm-dd. */
  ngaySinh?: string;
  ngayThangNamSinh?: string | { nam?: string; ngayThangNam?: string };
  gioiTinh?: string;
  danToc?: string;
  tonGiao?: string;
  quocTich?: string;
  tinhTrangHonNhan?: string;
  noiDangKyKhaiSinh?: NationalAddress;
  queQuan?: NationalAddress;
  thuongTru?: NationalAddress;
  noiOHienTai?: NationalAddress;
  cha?: NationalRelative;
  me?: NationalRelative;
  voChong?: NationalRelative;
  chuHo?: NationalRelative & { quanHe?: string };
  soSoHoKhau?: string;
}

/** @deprecated Old name of NationalPerson. */
export type PersonRecord = NationalPerson;

export interface NationalHousehold {
  soSoHoKhau?: string;
  diaChi?: NationalAddress;
  members?: (NationalPerson & { quanHeVoiChuHo?: string })[];
}

export interface PrefillSources {
  eid?: Record<string, unknown>;
  /** Records by role; null = known to be absent, missing = not looked up. */
  population?: Record<string, unknown>;
}

export interface Provenance {
  /** The source system. */
  source: 'eid' | 'population';
  /** Where in the source: the binding without its root, with item indexes (`mother.hoTen`, `household.members[1].hoTen`). */
  path: string;
  /** Hex SHA-256 of the canonical JSON of { source: "<source>.<path>", value }. */
  hash: string;
}

export interface PrefillResult {
  values: Values;
  /** By value path of the filled field. */
  provenance: Record<string, Provenance>;
  /** Value paths of bound fields the sources had no usable value for (left for the citizen). */
  unresolved: string[];
}

/** The fingerprint of a prefilled value with its source. */
export function prefillHash(p: Pick<Provenance, 'source' | 'path'>, value: unknown): string {
  return sha256Hex(canonicalJson({ source: `${p.source}.${p.path}`, value }));
}

// ---- reading the national shapes ---------------------------------------------------------------------------

/** "Nguyễn Văn Hùng" from a name written out or in parts. */
export function nationalName(v: unknown): string | undefined {
  if (typeof v === 'string') return cleanLine(v) || undefined;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const n = v as { ho?: unknown; chuDem?: unknown; ten?: unknown };
    const parts = [n.ho, n.chuDem, n.ten].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    return parts.length ? cleanLine(parts.join(' ')) : undefined;
  }
  return undefined;
}

/** yyyy-mm-dd from yyyyMMdd, yyyy-mm-dd(T…), dd/mm/yyyy or {ngayThangNam}; undefined when not a full real date. */
export function nationalDate(v: unknown): string | undefined {
  let iso: string | undefined;
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^\d{8}$/.test(s)) iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    else if (/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s)) iso = s.slice(0, 10);
    else if (/^\d{2}\/\d{2}\/\d{4}$/.test(s)) iso = s.split('/').reverse().join('-');
  } else if (v && typeof v === 'object' && 'ngayThangNam' in v) {
    return nationalDate((v as { ngayThangNam?: unknown }).ngayThangNam);
  }
  return iso && isRealDate(iso) ? iso : undefined;
}

/** The form's address from a national address (or a household, through its diaChi). */
export function nationalAddress(v: unknown): AddressValue | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const a = v as Record<string, unknown>;
  if (typeof a.maTinhThanh === 'string' && typeof a.maPhuongXa === 'string') {
    return { provinceCode: a.maTinhThanh, communeCode: a.maPhuongXa, detail: typeof a.chiTiet === 'string' ? cleanLine(a.chiTiet) : '' };
  }
  if (typeof a.provinceCode === 'string' && typeof a.communeCode === 'string') {
    return { provinceCode: a.provinceCode, communeCode: a.communeCode, detail: typeof a.detail === 'string' ? cleanLine(a.detail) : '' };
  }
  if ('diaChi' in a) return nationalAddress(a.diaChi);
  return undefined;
}

/** One line for a text field: "Số 12, Thôn Phú Bình, Xã Phú Riềng, Tỉnh Đồng Nai". */
function addressLine(a: Record<string, unknown>): string | undefined {
  const parts = [a.chiTiet, a.tenPhuongXa, a.tenTinhThanh].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return parts.length ? cleanLine(parts.join(', ')) : undefined;
}

/** The form's person value from a record or a relative reference. */
export function nationalPerson(v: unknown): PersonValue | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const p = v as Record<string, unknown>;
  const idNumber = typeof p.soDinhDanh === 'string' ? p.soDinhDanh : typeof p.idNumber === 'string' ? p.idNumber : undefined;
  const fullName = nationalName(p.hoTen ?? p.hoVaTen ?? p.fullName);
  if (!idNumber || !fullName) return undefined;
  const birthDate = nationalDate(p.ngaySinh ?? p.ngayThangNamSinh ?? p.birthDate);
  return birthDate ? { idNumber, fullName, birthDate } : { idNumber, fullName };
}

/** Attributes the national shapes give under another name. */
function derived(obj: Record<string, unknown>, name: string): unknown {
  if (name === 'hoTen' && 'hoVaTen' in obj) return nationalName(obj.hoVaTen);
  if (name === 'hoVaTen' && 'hoTen' in obj) return obj.hoTen;
  if (name === 'ngaySinh' && 'ngayThangNamSinh' in obj) return nationalDate(obj.ngayThangNamSinh);
  return undefined;
}

/**
 * Reads steps from a source root. With a final `exists`: true when the object is there, false when it is known
 * to be absent (null, or missing from a record that is there), undefined when it was not looked up. The first
 * `recordFrom` steps select records among the sources (population roles), where missing means "not looked up";
 * below them a missing attribute means the record has none.
 */
export function readSource(root: unknown, steps: readonly Step[], recordFrom = 1): unknown {
  const exists = steps.length > 0 && steps[steps.length - 1] === 'exists';
  const path = exists ? steps.slice(0, -1) : steps;
  let cur = root;
  for (let i = 0; i < path.length; i++) {
    const s = path[i];
    if (cur === undefined) return undefined;
    if (cur === null) return exists ? false : undefined;
    if (typeof s === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
      if (cur === undefined && exists && i >= recordFrom) return false;
      continue;
    }
    if (typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const obj = cur as Record<string, unknown>;
    const next = Object.hasOwn(obj, s) ? obj[s] : derived(obj, s);
    // A record that is there and lacks the attribute says the thing is absent.
    if (next === undefined && exists && i >= recordFrom) return false;
    cur = next;
  }
  if (exists) return cur === undefined ? undefined : cur !== null && !isEmpty(cur);
  return cur;
}

const fold = (s: string) => cleanLine(s).toLocaleLowerCase('vi');

/** Converts a source value to the answer shape of a field; undefined when it does not fit. */
export function convertForField(field: Pick<CompiledField, 'type' | 'validation' | 'field'>, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  let v: unknown;
  switch (field.type) {
    case 'text':
    case 'textarea':
      if (typeof raw === 'string') v = raw;
      else if (typeof raw === 'number') v = String(raw);
      else if (raw && typeof raw === 'object' && ('ho' in raw || 'ten' in raw)) v = nationalName(raw);
      else if (raw && typeof raw === 'object' && 'maPhuongXa' in raw) v = addressLine(raw as Record<string, unknown>);
      break;
    case 'date':
      v = nationalDate(raw);
      break;
    case 'address':
      v = nationalAddress(raw);
      break;
    case 'person':
      v = nationalPerson(raw);
      break;
    case 'yes_no':
      v = typeof raw === 'boolean' ? raw : undefined;
      break;
    case 'number':
      v = typeof raw === 'number' && Number.isFinite(raw) ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : undefined;
      break;
    case 'select': {
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') break;
      const s = fold(String(raw));
      const options = field.field.options ?? [];
      v = (
        options.find((o) => o.value === String(raw).normalize('NFC')) ??
        options.find((o) => fold(o.value) === s) ??
        options.find((o) => fold(o.label) === s)
      )?.value;
      break;
    }
    case 'id_number': {
      const s = typeof raw === 'string' ? raw.replace(/[\s.]/g, '') : undefined;
      v = s && /^\d{12}$/.test(s) ? s : undefined;
      break;
    }
    case 'phone':
      v = typeof raw === 'string' ? normalisePhone(raw) : undefined;
      break;
    case 'email':
      v = typeof raw === 'string' && raw.includes('@') ? raw : undefined;
      break;
    case 'group':
    case 'file':
      v = undefined;
  }
  return v === undefined ? undefined : normaliseFieldValue(field, v);
}

// ---- filling a form ----------------------------------------------------------------------------------------

interface SourcePoint {
  source: 'eid' | 'population';
  /** Steps from the source root to the current element (for provenance paths). */
  steps: Step[];
  element: unknown;
}

function rootOf(sources: PrefillSources, b: Binding): unknown {
  return b.root === 'eid' ? sources.eid : sources.population;
}

/** Fills every bound field that has a usable value in the sources. */
export function resolvePrefill(def: FormDefinition, sources: PrefillSources): PrefillResult {
  const form = compileForm(def);
  const values: Values = {};
  const provenance: Record<string, Provenance> = {};
  const unresolved: string[] = [];

  const locate = (b: Binding, item: SourcePoint | undefined): { source: 'eid' | 'population'; steps: Step[]; raw: unknown } | null => {
    if (b.root === 'item') {
      if (!item) return null;
      return { source: item.source, steps: [...item.steps, ...b.steps], raw: readSource(item.element, b.steps, 0) };
    }
    return { source: bindingSource(b), steps: b.steps, raw: readSource(rootOf(sources, b), b.steps) };
  };

  const fill = (scope: ScopeDef, target: Values, prefix: string, item: SourcePoint | undefined) => {
    for (const f of scope.order) {
      const path = prefix === '' ? f.key : `${prefix}.${f.key}`;
      if (f.type === 'group') {
        if (!f.binding) continue;
        const at = locate(f.binding, item);
        if (!at || !Array.isArray(at.raw) || at.raw.length === 0) {
          unresolved.push(path);
          continue;
        }
        const list = f.field.maxItems !== undefined ? at.raw.slice(0, f.field.maxItems) : at.raw;
        target[f.key] = list.map((element, i) => {
          const itemValues: Values = {};
          fill(f.item!, itemValues, `${path}[${i}]`, { source: at.source, steps: [...at.steps, i], element });
          return itemValues;
        });
        continue;
      }
      if (!f.binding) continue;
      const at = locate(f.binding, item);
      const value = at ? convertForField(f, at.raw) : undefined;
      if (!at || value === undefined) {
        unresolved.push(path);
        continue;
      }
      target[f.key] = value;
      const p = { source: at.source, path: formatPath(at.steps) };
      provenance[path] = { ...p, hash: prefillHash(p, value) };
    }
  };
  fill(form.root, values, '', undefined);
  return { values, provenance, unresolved };
}
