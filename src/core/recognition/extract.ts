/**
 * Finds a template's labelled fields in recognised lines. Labels are matched in folded text (see `fold`) by approximate
 * substring search (Sellers' algorithm), so a slipped diacritic or letter does not lose the label; several labels on one
 * line split it into segments; the value is the segment after its label, normalised and validated by its kind.
 */
import { validateIdNumberStructure } from '../identity/id-number.ts';
import type { RecognisedField } from './fields.ts';
import type { DocumentTemplate, FieldKind, FieldTemplate } from './templates.ts';

export interface RecognisedLine {
  text: string;
  /** 0..1, the recogniser's confidence for the line. */
  confidence: number;
}

/**
 * Folded text with, for each folded char, its position in the original. For label matching (`forLabels`) the letters
 * tesseract confuses most in Vietnamese (a/ă/â read as o/ô/ơ) fold to one letter and stray symbols are dropped.
 */
function foldChars(line: string, forLabels = false): { folded: string; origin: number[] } {
  const chars = [...line];
  let folded = '';
  const origin: number[] = [];
  let pos = 0;
  for (const c of chars) {
    let base = c
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    if (forLabels) base = base.replace(/a/g, 'o').replace(/[^a-z0-9 ,.:;()/-]/g, '');
    for (const b of base) {
      folded += b;
      origin.push(pos);
    }
    pos += c.length;
  }
  origin.push(line.length);
  return { folded, origin };
}

/** Best approximate occurrence of `pattern` in `text`: {start, end, distance} (end exclusive), or null. */
export function approximateFind(pattern: string, text: string): { start: number; end: number; distance: number } | null {
  const m = pattern.length;
  if (m === 0) return null;
  // Column-wise DP; each cell also carries the start index of its alignment.
  let prevD = Array.from({ length: m + 1 }, (_, i) => i);
  let prevS = Array.from({ length: m + 1 }, () => 0);
  let best: { start: number; end: number; distance: number } | null = null;
  for (let j = 1; j <= text.length; j++) {
    const curD = [0];
    const curS = [j];
    for (let i = 1; i <= m; i++) {
      const sub = (prevD[i - 1] as number) + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      const del = (curD[i - 1] as number) + 1;
      const ins = (prevD[i] as number) + 1;
      if (sub <= del && sub <= ins) {
        curD[i] = sub;
        curS[i] = prevS[i - 1] as number;
      } else if (ins <= del) {
        curD[i] = ins;
        curS[i] = prevS[i] as number;
      } else {
        curD[i] = del;
        curS[i] = curS[i - 1] as number;
      }
    }
    const d = curD[m] as number;
    if (!best || d < best.distance) best = { start: curS[m] as number, end: j, distance: d };
    prevD = curD;
    prevS = curS;
  }
  return best;
}

const tolerance = (label: string) => Math.max(1, Math.floor(label.length * 0.15));
const isBoundary = (s: string, i: number) => i <= 0 || /[\s,.;:()]/.test(s[i - 1] as string);

interface LabelHit {
  field: FieldTemplate;
  start: number;
  end: number;
  distance: number;
  labelLength: number;
}

function labelHits(template: DocumentTemplate, folded: string): LabelHit[] {
  const candidates: LabelHit[] = [];
  for (const field of template.fields) {
    for (const label of field.labels) {
      const l = foldChars(label.normalize('NFC'), true).folded;
      const hit = approximateFind(l, folded);
      if (hit && hit.distance <= tolerance(l) && isBoundary(folded, hit.start)) candidates.push({ field, ...hit, labelLength: l.length });
    }
  }
  // Longer labels first ("họ, chữ đệm, tên người mẹ" before "họ, chữ đệm, tên"), each slip costing four characters so
  // that "tên người cha" does not take a line that reads "tên người mẹ".
  const score = (h: LabelHit) => h.labelLength - 4 * h.distance;
  candidates.sort((a, b) => score(b) - score(a));
  const chosen: LabelHit[] = [];
  for (const c of candidates) {
    if (chosen.some((h) => h.field.name === c.field.name)) continue;
    if (chosen.some((h) => c.start < h.end && h.start < c.end)) continue;
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Common Vietnamese family names (upper case): a surname read without its marks (NGUYÊN, PHAM) is restored. */
const SURNAMES = [
  'NGUYỄN',
  'TRẦN',
  'LÊ',
  'PHẠM',
  'HOÀNG',
  'HUỲNH',
  'PHAN',
  'VŨ',
  'VÕ',
  'ĐẶNG',
  'BÙI',
  'ĐỖ',
  'HỒ',
  'NGÔ',
  'DƯƠNG',
  'LÝ',
  'ĐÀO',
  'ĐINH',
  'TRỊNH',
  'LÂM',
  'LƯƠNG',
  'TRƯƠNG',
  'HÀ',
  'TÔ',
  'CAO',
  'QUÁCH',
  'LƯU',
  'THÁI',
  'KIỀU',
  'TẠ',
];
const bare = (w: string) => foldChars(w).folded;

export function correctSurname(word: string): string {
  if (SURNAMES.includes(word)) return word;
  const found = SURNAMES.filter((s) => bare(s) === bare(word));
  return found.length === 1 ? (found[0] as string) : word;
}

export interface NormalisedValue {
  value: string;
  valid: boolean;
}

/** Cleans and checks a value of the given kind (OCR look-alikes in digits: O→0, l/I→1). */
export function normaliseValue(kind: FieldKind, raw: string): NormalisedValue {
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  const digits = (s: string) => s.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1');
  switch (kind) {
    case 'name': {
      const words = text
        .replace(/[^\p{L} ]/gu, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLocaleUpperCase('vi')
        .split(' ');
      words[0] = correctSurname(words[0] as string);
      const v = words.join(' ');
      return { value: v, valid: v.split(' ').length >= 2 };
    }
    case 'date': {
      const m = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(digits(text));
      if (!m) return { value: '', valid: false };
      const [dd, mm, yyyy] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const d = new Date(Date.UTC(yyyy, mm - 1, dd));
      const ok = d.getUTCFullYear() === yyyy && d.getUTCMonth() === mm - 1 && d.getUTCDate() === dd;
      return { value: ok ? `${yyyy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}` : '', valid: ok };
    }
    case 'personal-id': {
      const v = digits(text).replace(/[\s.]/g, '').replace(/\D.*$/, '');
      return { value: v, valid: /^\d{12}$/.test(v) && validateIdNumberStructure(v) };
    }
    case 'sex': {
      const w = foldChars(text).folded.replace(/[^a-z]/g, '');
      if (w.startsWith('nam')) return { value: 'Nam', valid: true };
      if (w.startsWith('nu')) return { value: 'Nữ', valid: true };
      // One slipped letter of "Nam" (Ngm, Nom): still Nam, but marked not valid so the confidence is halved.
      if (w.length === 3 && [...w].filter((c, i) => c !== 'nam'[i]).length === 1) return { value: 'Nam', valid: false };
      return { value: text, valid: false };
    }
    case 'number': {
      const v = digits(text).replace(/\D.*$/, '');
      return { value: v, valid: /^\d+$/.test(v) };
    }
    case 'year': {
      const m = /(19|20)\d{2}/.exec(digits(text));
      return { value: m ? m[0] : '', valid: Boolean(m) };
    }
    case 'area': {
      const m = /\d+(?:[.,]\d+)?/.exec(digits(text));
      return { value: m ? m[0].replace('.', ',') : '', valid: Boolean(m) };
    }
    case 'code': {
      const v = text.replace(/\s+/g, '').toLocaleUpperCase('vi');
      return { value: v, valid: /^[\p{Lu}\d/.-]+$/u.test(v) };
    }
    case 'text': {
      const v = text.replace(/^[\s:;,.]+|[\s;,.]+$/g, '');
      return { value: v, valid: v.length > 0 };
    }
  }
}

/**
 * The template's fields found in the lines; a field not found has an empty value and confidence 0. `correct` (e.g. the
 * lexicon's correctText) is applied to free-text values; rawText stays the line as recognised.
 */
export function extractFields(template: DocumentTemplate, lines: RecognisedLine[], correct: (text: string) => string = (t) => t): RecognisedField[] {
  const found = new Map<string, RecognisedField>();
  for (const line of lines) {
    const text = line.text.normalize('NFC');
    const { folded, origin } = foldChars(text, true);
    const hits = labelHits(template, folded);
    hits.forEach((hit, k) => {
      if (found.has(hit.field.name)) return;
      const from = origin[hit.end] as number;
      const next = hits[k + 1];
      const to = next ? (origin[next.start] as number) : text.length;
      const segment = text.slice(from, to).replace(/^\s*[:;.]?\s*/, '');
      const { value, valid } = normaliseValue(hit.field.kind, hit.field.kind === 'text' ? correct(segment) : segment);
      const confidence = Math.max(0, Math.min(1, line.confidence)) * (valid ? 1 : 0.5) * (hit.distance === 0 ? 1 : 0.9);
      found.set(hit.field.name, {
        name: hit.field.name,
        label: hit.field.labels[0] as string,
        value,
        source: 'ocr',
        confidence: Math.round(confidence * 100) / 100,
        rawText: text,
      });
    });
  }
  return template.fields.map(
    (f) => found.get(f.name) ?? { name: f.name, label: f.labels[0] as string, value: '', source: 'ocr' as const, confidence: 0, rawText: '' },
  );
}
