/**
 * Field-by-field differences between two JSON values, in words: a procedure definition before it is saved as a new
 * version, a change-log entry's `before` and `after`. Lists of objects are matched by their key (`key`, `code`,
 * unit and role, `number`, `day`), so a step moved or removed reads as such instead of as every field shifted.
 */
import type { TFunction } from 'i18next';
import { canonicalJson } from '../../core/canonical-json.ts';
import { formatDateTime, formatMoney } from '../format.ts';

export interface DiffRow {
  /** Where the difference is, e.g. "Trường hợp «…» › Quy trình nội bộ › «Thẩm định» › Định mức thời gian › Số lượng". */
  where: string;
  kind: 'added' | 'removed' | 'changed' | 'moved';
  before: string;
  after: string;
}

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: Json) => v === undefined || v === null || v === '';

/** Keys compared as a whole (a change shows as "changed", not field by field). */
const OPAQUE = new Set(['form', 'definitionSha256', 'showIf', 'requireIf', 'validation']);

/** Enumerated values with a name of their own, whatever the key. */
const ENUM_KEYS = new Set(['kind', 'level', 'unit', 'status', 'origin', 'source', 'competentLevel', 'prefillPolicy']);

function identity(item: Json): string | undefined {
  if (!isObj(item)) return undefined;
  if (typeof item.key === 'string') return `key:${item.key}`;
  if (typeof item.code === 'string') return `code:${item.code}`;
  if (typeof item.unitId === 'string' && typeof item.role === 'string') return `m:${item.unitId}|${item.role}`;
  if (typeof item.number === 'string') return `n:${item.number}`;
  if (typeof item.day === 'string') return `d:${item.day}`;
  if (typeof item.fromUnit === 'number') return `u:${item.fromUnit}`;
  return undefined;
}

/** `labels` names keys whose meaning depends on the thing changed (a procedure's `active` is its version in force). */
export function diffValues(before: Json, after: Json, t: TFunction, labels: Record<string, string> = {}): DiffRow[] {
  const rows: DiffRow[] = [];
  const named: TFunction = ((key: string, opts?: Record<string, unknown>) => {
    const m = /^admin\.field\.(.+)$/.exec(key);
    return m && labels[m[1]] !== undefined ? labels[m[1]] : t(key, opts);
  }) as TFunction;
  walk([], [], before, after, named, rows);
  return rows;
}

/** A key's name; an amount is money in a fee line, money off in an online reduction, a shorter time limit online, a count elsewhere. */
function label(key: string, t: TFunction, parents: string[] = []): string {
  if (key === 'amount' && parents.includes('onlineReductions')) return t('admin.field.amountOff');
  if (key === 'amount' && parents.includes('onlineTimeLimits')) return t('admin.field.onlineAmount');
  if (key === 'amount' && parents.includes('fees')) return t('admin.field.money');
  return t(`admin.field.${key}`, { defaultValue: key });
}

function itemLabel(item: Json, index: number, t: TFunction): string {
  if (isObj(item)) {
    const name = item.name ?? item.number ?? item.title ?? item.label ?? item.key ?? item.code;
    if (typeof name === 'string' && name) return `«${name}»`;
    if (typeof item.unitId === 'string') return formatMembership(item, t);
    if (typeof item.fromUnit === 'number') return t('admin.diff.fromUnit', { n: item.fromUnit });
    // A dated rule (an online reduction, an online time limit) by the day it takes effect.
    if (typeof item.effectiveFrom === 'string') return t('admin.diff.fromDay', { day: formatValue(['effectiveFrom'], item.effectiveFrom, t) });
  }
  return t('admin.diff.itemN', { n: index + 1 });
}

function walk(keys: string[], where: string[], b: Json, a: Json, t: TFunction, rows: DiffRow[]): void {
  const key = keys[keys.length - 1] ?? '';
  const place = () => where.join(' › ') || t('admin.diff.whole');
  if (isEmpty(b) && isEmpty(a)) return;
  if (OPAQUE.has(key)) {
    if (canonicalJson(b ?? null) !== canonicalJson(a ?? null)) {
      rows.push({
        where: place(),
        kind: isEmpty(b) ? 'added' : isEmpty(a) ? 'removed' : 'changed',
        before: formatValue(keys, b, t),
        after: formatValue(keys, a, t),
      });
    }
    return;
  }
  if ((isObj(b) || isEmpty(b)) && (isObj(a) || isEmpty(a)) && (isObj(a) || isObj(b))) {
    const bo = isObj(b) ? b : {};
    const ao = isObj(a) ? a : {};
    const all = [...Object.keys(bo), ...Object.keys(ao).filter((k) => !(k in bo))];
    for (const k of all) walk([...keys, k], [...where, label(k, t, keys)], bo[k], ao[k], t, rows);
    return;
  }
  if ((Array.isArray(b) || isEmpty(b)) && (Array.isArray(a) || isEmpty(a))) {
    const ba = Array.isArray(b) ? b : [];
    const aa = Array.isArray(a) ? a : [];
    const objects = [...ba, ...aa].some((x) => isObj(x));
    if (!objects) {
      if (canonicalJson(ba) !== canonicalJson(aa))
        rows.push({
          where: place(),
          kind: ba.length === 0 ? 'added' : aa.length === 0 ? 'removed' : 'changed',
          before: formatValue(keys, b, t),
          after: formatValue(keys, a, t),
        });
      return;
    }
    walkList(keys, where, ba, aa, t, rows);
    return;
  }
  if (canonicalJson(b ?? null) !== canonicalJson(a ?? null)) {
    rows.push({
      where: place(),
      kind: isEmpty(b) ? 'added' : isEmpty(a) ? 'removed' : 'changed',
      before: formatValue(keys, b, t),
      after: formatValue(keys, a, t),
    });
  }
}

function walkList(keys: string[], where: string[], ba: Json[], aa: Json[], t: TFunction, rows: DiffRow[]): void {
  const ids = (list: Json[]) => list.map(identity);
  let bi = ids(ba);
  let ai = ids(aa);
  const unique = (list: (string | undefined)[]) => list.every((x) => x !== undefined) && new Set(list).size === list.length;
  if (!unique(bi) || !unique(ai)) {
    bi = ba.map((_, i) => `i:${i}`);
    ai = aa.map((_, i) => `i:${i}`);
  }
  const beforeById = new Map(bi.map((id, i) => [id!, i]));
  const afterIds = new Set(ai);
  ai.forEach((id, i) => {
    const j = beforeById.get(id!);
    const itemWhere = [...where, itemLabel(aa[i], i, t)];
    if (j === undefined) rows.push({ where: itemWhere.join(' › '), kind: 'added', before: '—', after: formatItem(keys, aa[i], t) });
    else walk([...keys, '[]'], itemWhere, ba[j], aa[i], t, rows);
  });
  bi.forEach((id, j) => {
    if (!afterIds.has(id))
      rows.push({ where: [...where, itemLabel(ba[j], j, t)].join(' › '), kind: 'removed', before: formatItem(keys, ba[j], t), after: '—' });
  });
  const keptBefore = bi.filter((id) => afterIds.has(id));
  const keptAfter = ai.filter((id) => beforeById.has(id!));
  if (keptBefore.join('\n') !== keptAfter.join('\n')) {
    const names = (list: Json[], order: (string | undefined)[], all: (string | undefined)[]) =>
      order.map((id) => itemLabel(list[all.indexOf(id)], all.indexOf(id), t)).join(', ');
    rows.push({ where: [...where, t('admin.diff.order')].join(' › '), kind: 'moved', before: names(ba, keptBefore, bi), after: names(aa, keptAfter, ai) });
  }
}

function formatMembership(m: Obj, t: TFunction): string {
  return `${String(m.unitId)} – ${t(`admin.role.${String(m.role)}`, { defaultValue: String(m.role) })}`;
}

function formatItem(keys: string[], item: Json, t: TFunction): string {
  if (!isObj(item)) return formatValue(keys, item, t);
  if (typeof item.unitId === 'string' && typeof item.role === 'string') return formatMembership(item, t);
  return Object.entries(item)
    .filter(([, v]) => !isEmpty(v) && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${label(k, t, [...keys, '[]'])}: ${formatValue([...keys, '[]', k], v, t)}`)
    .join('; ');
}

/** A value for people: dates dd/mm/yyyy, đồng amounts in fees, names of roles and enumerated values, yes/no. */
export function formatValue(keys: string[], v: Json, t: TFunction): string {
  const key = keys[keys.length - 1] ?? '';
  if (isEmpty(v)) return '—';
  if (typeof v === 'boolean') return v ? t('admin.common.yes') : t('admin.common.no');
  if (key === 'form' && isObj(v)) return t('admin.diff.formSummary', { id: String(v.id ?? ''), pages: Array.isArray(v.pages) ? v.pages.length : 0 });
  if (OPAQUE.has(key)) return typeof v === 'string' ? (v.length > 16 ? `${v.slice(0, 12)}…` : v) : t('admin.diff.defined');
  if (key === 'role' && typeof v === 'string') return t(`admin.role.${v}`, { defaultValue: v });
  if (ENUM_KEYS.has(key) && typeof v === 'string') return t(`admin.enum.${v}`, { defaultValue: v });
  if (typeof v === 'number' && keys.includes('fees') && (key === 'amount' || key === 'maxPerCopy')) return formatMoney(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v);
  if (Array.isArray(v)) {
    if (v.every((x) => Array.isArray(x) && x.length === 2 && x.every((y) => typeof y === 'string')))
      return (v as string[][]).map(([s, e]) => `${s}–${e}`).join('; ');
    return v.map((x) => (isObj(x) ? formatItem(keys, x, t) : formatValue(keys, x, t))).join('; ');
  }
  if (isObj(v)) return formatItem(keys, v, t);
  return String(v);
}
