/**
 * Answers of the e-form as a result prints them: dates as dd/mm/yyyy (and in words for a birth date), addresses
 * with the names of the commune and province, persons, yes/no, select labels. A missing answer is printed as a
 * dotted line, as on a paper form — never as "undefined".
 *
 * Pure: the names of the places a coded address refers to come with the data (`ResultData.places`, loaded by the
 * caller from the administrative units; see `placeCodes` and `withPlaceNames`), never from a file or the database.
 */
import type { FormDefinition, FormField } from '../../../../core/catalogue/schema.ts';
import { localDay } from '../../../../core/time/local.ts';

/** What a paper form shows where an answer is missing. */
export const DOTS = '…………………………';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  return !!m && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/** YYYY-MM-DD + n months (the same day number, or the month's last day when it has fewer days). */
export function addMonths(day: string, months: number): string {
  if (!isIsoDay(day)) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** 0–999 in words; `full` keeps "không trăm" / "linh" when a higher group precedes. */
function hundreds(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(`${DIGITS[h]} trăm`);
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) out.push('linh');
  } else if (t === 1) out.push('mười');
  else out.push(`${DIGITS[t]} mươi`);
  if (u > 0) {
    if (u === 1 && t >= 2) out.push('mốt');
    else if (u === 5 && t >= 1) out.push('lăm');
    else if (u === 4 && t >= 2) out.push('tư');
    else out.push(DIGITS[u]);
  }
  return out.join(' ');
}

/** A whole number from 0 to 999 999 in Vietnamese words: 2026 → "hai nghìn không trăm hai mươi sáu". */
export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberInWords: ${n}`);
  if (n === 0) return 'không';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (!thousands) return hundreds(rest, false);
  const head = `${hundreds(thousands, false)} nghìn`;
  return rest ? `${head} ${hundreds(rest, true)}` : head;
}

/** "Ngày hai mươi, tháng hai, năm hai nghìn không trăm hai mươi sáu" — how a birth certificate writes a date in words. */
export function dateInWords(day: string): string {
  if (!isIsoDay(day)) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  const [y, m, d] = day.split('-').map(Number);
  return `Ngày ${numberInWords(d)}, tháng ${numberInWords(m)}, năm ${numberInWords(y)}`;
}

/** YYYY-MM-DD → 05/03/2026. */
export function isoToVn(day: string): string {
  if (!isIsoDay(day)) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

const isCodedAddress = (o: Record<string, unknown>) => 'communeCode' in o || 'provinceCode' in o;

/** Every province and commune code the coded addresses among the answers refer to (at any depth), sorted. */
export function placeCodes(values: unknown): string[] {
  const codes = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object' && !(v instanceof Date)) {
      const o = v as Record<string, unknown>;
      if (isCodedAddress(o)) for (const c of [o.provinceCode, o.communeCode]) if (typeof c === 'string' && c) codes.add(c);
      Object.values(o).forEach(walk);
    }
  };
  walk(values);
  return [...codes].sort();
}

/**
 * The answers with each coded address ({provinceCode, communeCode, detail}) given the names of its commune and
 * province (`communeName`, `provinceName`) from `places` (code → name, e.g. '25252' → 'Xã Phú Riềng'). A code
 * missing from `places` gets no name, and the address prints without it. The input is not changed.
 */
export function withPlaceNames<T>(values: T, places: Readonly<Record<string, string>>): T {
  const name = (code: unknown) => (typeof code === 'string' && Object.hasOwn(places, code) ? places[code] : undefined);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object' || v instanceof Date) return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    if (!isCodedAddress(o)) return o;
    const communeName = name(o.communeCode);
    const provinceName = name(o.provinceCode);
    return { ...o, ...(communeName ? { communeName } : {}), ...(provinceName ? { provinceName } : {}) };
  };
  return walk(values) as T;
}

const clean = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[ \t]+/g, ' ')
    .trim();
const nonEmpty = (parts: unknown[]) => parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map(clean);

/** Groups the digits of a number by thousands with dots, as Vietnamese writes them: 1250000 → "1.250.000". */
function groupDigits(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/**
 * One answer as text, or undefined when it is blank. Knows the e-form shapes: YYYY-MM-DD dates, addresses
 * ({provinceCode, communeCode, detail} with the names `withPlaceNames` gave it, or the national {chiTiet, tenPhuongXa,
 * tenTinhThanh}), persons ({fullName, idNumber, birthDate}), file references (their names), yes/no, numbers and lists.
 */
export function formatValue(v: unknown, optionLabels?: Record<string, string>): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    const s = clean(v);
    if (!s) return undefined;
    if (optionLabels?.[s]) return optionLabels[s];
    return isIsoDay(s) ? isoToVn(s) : s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? (optionLabels?.[String(v)] ?? groupDigits(v)) : undefined;
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : isoToVn(localDay(v));
  if (Array.isArray(v)) {
    const parts = v.map((x) => formatValue(x, optionLabels)).filter((x): x is string => !!x);
    return parts.length ? parts.join('; ') : undefined;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (isCodedAddress(o) || 'detail' in o) {
      const parts = nonEmpty([o.detail, o.communeName, o.provinceName]);
      return parts.length ? parts.join(', ') : undefined;
    }
    if ('chiTiet' in o || 'tenPhuongXa' in o || 'tenTinhThanh' in o) {
      const parts = nonEmpty([o.chiTiet, o.tenPhuongXa, o.tenTinhThanh]);
      return parts.length ? parts.join(', ') : undefined;
    }
    if ('fullName' in o || 'idNumber' in o) {
      const parts = nonEmpty([
        o.fullName,
        typeof o.idNumber === 'string' && o.idNumber ? `số định danh cá nhân ${o.idNumber}` : undefined,
        typeof o.birthDate === 'string' && isIsoDay(o.birthDate) ? `sinh ngày ${isoToVn(o.birthDate)}` : undefined,
      ]);
      return parts.length ? parts.join(', ') : undefined;
    }
    if ('fileId' in o && typeof o.name === 'string') return clean(o.name) || undefined;
    if ('text' in o && typeof o.text === 'string') return clean(o.text) || undefined;
    return undefined;
  }
  return undefined;
}

/** The answer as printed: its text, or the dotted line when it is missing. */
export function show(v: unknown, optionLabels?: Record<string, string>): string {
  return formatValue(v, optionLabels) ?? DOTS;
}

/** The year of a YYYY-MM-DD date (a birth year), or undefined. */
export function yearOf(v: unknown): string | undefined {
  if (typeof v === 'string' && /^\d{4}(-\d{2}-\d{2})?$/.test(v.trim())) return v.trim().slice(0, 4);
  if (typeof v === 'number' && Number.isInteger(v) && v > 1800 && v < 3000) return String(v);
  return undefined;
}

/** The first answer that is not blank among the given keys (e.g. a value the caller added, then the form's). */
export function pick(values: Record<string, unknown>, ...keys: string[]): unknown {
  for (const k of keys) if (formatValue(values[k]) !== undefined) return values[k];
  return undefined;
}

/**
 * Labels of the facts the templates read beyond the catalogue forms (the caller adds them from the population or
 * residence database): the last resort of the generic template's labels.
 */
export const COMMON_LABELS: Readonly<Record<string, string>> = {
  hoTen: 'Họ, chữ đệm và tên',
  ngaySinh: 'Ngày, tháng, năm sinh',
  gioiTinh: 'Giới tính',
  danToc: 'Dân tộc',
  tonGiao: 'Tôn giáo',
  quocTich: 'Quốc tịch',
  queQuan: 'Quê quán',
  soDinhDanh: 'Số định danh cá nhân',
  noiThuongTru: 'Nơi thường trú',
  noiTamTru: 'Nơi tạm trú',
  noiOHienTai: 'Nơi ở hiện tại',
  hoTenChuHo: 'Họ, chữ đệm và tên chủ hộ',
  quanHeVoiChuHo: 'Quan hệ với chủ hộ',
  thanhVienHo: 'Thành viên hộ gia đình',
  soDinhDanhTre: 'Số định danh cá nhân của trẻ',
  quocTichMe: 'Quốc tịch của người mẹ',
  quocTichCha: 'Quốc tịch của người cha',
  danTocCha: 'Dân tộc của người cha',
};

/**
 * Labels and select-option labels from a case's form definition, in the form's order, for `ResultData.labels` and
 * `ResultData.options`. Sub-fields of repeated groups are keyed "group.field"; file uploads are left out (they are
 * documents, not answers to print).
 */
export function formLabels(form: FormDefinition | undefined): { labels: Record<string, string>; options: Record<string, Record<string, string>> } {
  const labels: Record<string, string> = {};
  const options: Record<string, Record<string, string>> = {};
  const walk = (fields: FormField[], prefix: string) => {
    for (const f of fields) {
      if (f.type === 'file') continue;
      const key = `${prefix}${f.key}`;
      labels[key] = f.label;
      if (f.options?.length) options[key] = Object.fromEntries(f.options.map((o) => [o.value, o.label]));
      if (f.type === 'group' && f.fields) walk(f.fields, `${key}.`);
    }
  };
  for (const page of form?.pages ?? []) walk(page.fields, '');
  return { labels, options };
}

/** The Vietnam calendar day (UTC+7) of an instant, YYYY-MM-DD. */
export function vnDay(d: Date): string {
  return localDay(d);
}

/** Upper-case in NFC (names in the civil-status documents are printed in capitals). */
export function upper(v: unknown): string | undefined {
  const s = formatValue(v);
  return s ? s.toLocaleUpperCase('vi-VN') : undefined;
}

/** "03" for 3: counts of pages and copies as documents write them. */
export function twoDigits(v: unknown): string | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? String(n).padStart(2, '0') : undefined;
}

/** "số định danh cá nhân" for a 12-digit personal number, "mã số" for an organisation's code. */
export function idLabel(idNumber: string): string {
  return /^\d{12}$/.test(idNumber) ? 'số định danh cá nhân' : 'mã số';
}
