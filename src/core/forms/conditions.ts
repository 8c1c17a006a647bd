/**
 * The condition language of e-forms (JSON, stored in catalogue files) for `showIf` and `requireIf`:
 *
 *   { "field": "coThongTinCha", "equals": true }          equality (strings compared in Unicode NFC)
 *   { "field": "loai", "in": ["a", "b"] }                   membership
 *   { "field": "x", "notEmpty": true }                      answered (false: not answered)
 *   { "field": "soBan", "gte": 2 }                          gt, gte, lt, lte: numbers, or ISO dates as strings
 *   { "all": [ … ] }   { "any": [ … ] }   { "not": { … } }
 *
 * `field` is a field reference (paths.ts): `x`, `./x`, `../x`, `/x`, with optional steps such as
 * `con[0].ngaySinh` or `noiCuTru.provinceCode`. A leaf has exactly one operator. A hidden field counts as not
 * answered. Malformed conditions are refused with a message saying where and why.
 */
import { parseFieldRef, type FieldRef } from './paths.ts';

export type Scalar = string | number | boolean | null;

export type Condition =
  | { field: string; equals: Scalar }
  | { field: string; in: Scalar[] }
  | { field: string; notEmpty: boolean }
  | { field: string; gt: number | string }
  | { field: string; gte: number | string }
  | { field: string; lt: number | string }
  | { field: string; lte: number | string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type LeafOperator = 'equals' | 'in' | 'notEmpty' | 'gt' | 'gte' | 'lt' | 'lte';
const LEAF_OPERATORS: readonly LeafOperator[] = ['equals', 'in', 'notEmpty', 'gt', 'gte', 'lt', 'lte'];
const GROUP_OPERATORS = ['all', 'any', 'not'] as const;

/** A parsed condition, with field references resolved to their syntax. */
export type CompiledCondition =
  | { kind: 'leaf'; ref: FieldRef; op: LeafOperator; operand: unknown }
  | { kind: 'all' | 'any'; items: CompiledCondition[] }
  | { kind: 'not'; item: CompiledCondition };

const isScalar = (v: unknown): v is Scalar => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DEPTH = 20;

const show = (v: unknown) => {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
};

/**
 * Parses a condition. `where` names its place for messages (e.g. `trường "hoTenCha", showIf`). Returns the
 * compiled condition or the list of problems, each a Vietnamese sentence with the path inside the condition.
 */
export function parseCondition(raw: unknown, where = 'điều kiện'): { ok: true; condition: CompiledCondition } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const walk = (node: unknown, at: string, depth: number): CompiledCondition | null => {
    const here = at === '' ? where : `${where}, tại ${at}`;
    if (depth > MAX_DEPTH) {
      problems.push(`${here}: điều kiện lồng nhau quá ${MAX_DEPTH} cấp.`);
      return null;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      problems.push(`${here}: điều kiện phải là một đối tượng JSON (ví dụ {"field": "x", "equals": true}), nhận được ${show(node)}.`);
      return null;
    }
    const obj = node as Record<string, unknown>;
    const keys = Object.keys(obj);
    const group = keys.filter((k) => (GROUP_OPERATORS as readonly string[]).includes(k));
    if (group.length > 0) {
      if (keys.length !== 1) {
        problems.push(
          `${here}: "${group[0]}" phải đứng một mình trong đối tượng, không kèm ${keys
            .filter((k) => k !== group[0])
            .map((k) => `"${k}"`)
            .join(', ')}.`,
        );
        return null;
      }
      const op = group[0] as (typeof GROUP_OPERATORS)[number];
      if (op === 'not') {
        const item = walk(obj.not, at === '' ? 'not' : `${at}.not`, depth + 1);
        return item && { kind: 'not', item };
      }
      const list = obj[op];
      if (!Array.isArray(list) || list.length === 0) {
        problems.push(`${here}: "${op}" phải là một danh sách điều kiện không rỗng.`);
        return null;
      }
      const items = list.map((c, i) => walk(c, `${at === '' ? '' : `${at}.`}${op}[${i}]`, depth + 1));
      return items.every((x) => x !== null) ? { kind: op, items: items as CompiledCondition[] } : null;
    }
    if (!('field' in obj)) {
      problems.push(
        `${here}: thiếu "field" (hoặc một trong "all", "any", "not"); các khóa nhận được: ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'không có'}.`,
      );
      return null;
    }
    const ref = typeof obj.field === 'string' ? parseFieldRef(obj.field) : null;
    if (!ref) {
      problems.push(
        `${here}: "field" phải là tên trường hợp lệ (ví dụ "coThongTinCha", "./quanHe", "/loai", "con[0].ngaySinh"), nhận được ${show(obj.field)}.`,
      );
      return null;
    }
    const unknown = keys.filter((k) => k !== 'field' && !(LEAF_OPERATORS as readonly string[]).includes(k));
    if (unknown.length > 0) {
      problems.push(
        `${here}: toán tử không được hỗ trợ ${unknown.map((k) => `"${k}"`).join(', ')}; dùng một trong ${LEAF_OPERATORS.map((k) => `"${k}"`).join(', ')}.`,
      );
      return null;
    }
    const ops = keys.filter((k) => k !== 'field') as LeafOperator[];
    if (ops.length !== 1) {
      problems.push(
        ops.length === 0
          ? `${here}: thiếu toán tử so sánh cho trường "${ref.text}" (một trong ${LEAF_OPERATORS.map((k) => `"${k}"`).join(', ')}).`
          : `${here}: mỗi điều kiện chỉ có một toán tử, nhận được ${ops.map((k) => `"${k}"`).join(', ')}; dùng "all" để kết hợp.`,
      );
      return null;
    }
    const op = ops[0];
    const operand = obj[op];
    switch (op) {
      case 'equals':
        if (!isScalar(operand)) {
          problems.push(`${here}: "equals" so sánh với một giá trị đơn (chuỗi, số, true/false hoặc null), nhận được ${show(operand)}.`);
          return null;
        }
        break;
      case 'in':
        if (!Array.isArray(operand) || operand.length === 0 || !operand.every(isScalar)) {
          problems.push(`${here}: "in" phải là danh sách không rỗng các giá trị đơn, nhận được ${show(operand)}.`);
          return null;
        }
        break;
      case 'notEmpty':
        if (typeof operand !== 'boolean') {
          problems.push(`${here}: "notEmpty" nhận true hoặc false, nhận được ${show(operand)}.`);
          return null;
        }
        break;
      default:
        if (!((typeof operand === 'number' && Number.isFinite(operand)) || (typeof operand === 'string' && ISO_DATE.test(operand)))) {
          problems.push(`${here}: "${op}" so sánh với một số hoặc một ngày dạng YYYY-MM-DD, nhận được ${show(operand)}.`);
          return null;
        }
    }
    return { kind: 'leaf', ref, op, operand };
  };
  const condition = walk(raw, '', 0);
  return condition && problems.length === 0 ? { ok: true, condition } : { ok: false, problems };
}

/** Whether a value counts as not answered: nothing, blank text, no items, or an object with no answered part. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isEmpty);
  return false;
}

const nfc = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC') : v);
const same = (a: unknown, b: unknown) => nfc(a) === nfc(b) || (a === undefined && b === null);

function compare(value: unknown, operand: number | string): number | null {
  if (typeof operand === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
    return Number.isFinite(n) ? n - operand : null;
  }
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
  return value < operand ? -1 : value > operand ? 1 : 0;
}

/** Evaluates a compiled condition; `resolve` gives the (visible) value a reference points to. */
export function evaluateCompiled(cond: CompiledCondition, resolve: (ref: FieldRef) => unknown): boolean {
  switch (cond.kind) {
    case 'all':
      return cond.items.every((c) => evaluateCompiled(c, resolve));
    case 'any':
      return cond.items.some((c) => evaluateCompiled(c, resolve));
    case 'not':
      return !evaluateCompiled(cond.item, resolve);
    case 'leaf': {
      const v = resolve(cond.ref);
      switch (cond.op) {
        case 'equals':
          return same(v, cond.operand);
        case 'in': {
          const list = cond.operand as Scalar[];
          return Array.isArray(v) ? v.some((x) => list.some((o) => same(x, o))) : list.some((o) => same(v, o));
        }
        case 'notEmpty':
          return isEmpty(v) !== cond.operand;
        default: {
          const d = compare(v, cond.operand as number | string);
          if (d === null) return false;
          return cond.op === 'gt' ? d > 0 : cond.op === 'gte' ? d >= 0 : cond.op === 'lt' ? d < 0 : d <= 0;
        }
      }
    }
  }
}
