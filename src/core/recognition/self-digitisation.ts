/**
 * Self-digitisation (issue 16 item 2), the pure parts: which recognition template reads a component of a procedure
 * (by the catalogue's `documentType`), which e-form fields the recognised fields fill, and the citizen's field-by-field
 * confirmation, which keeps the recognised original of every value the citizen changed so the official sees
 * "đã sửa: <original> → <new>" with where the original came from.
 *
 * A photographed paper is a *photo copy*: not a certified copy and not digitised until an official compared it with
 * the original at the counter (NĐ 137/2024 Art 4).
 */
import { type FieldSource, LOW_CONFIDENCE, type RecognisedField } from './fields.ts';
import { procedureFillsFor } from './form-fills.ts';
import type { RecognisableType } from './templates.ts';

export { RECOGNITION_TYPE_OF_DOCUMENT, recognitionTypeFor, STORE_DOCUMENT_TYPE_OF } from './document-types.ts';

/**
 * For each recognition type, the e-form field keys a recognised field may fill, in order of preference (the forms of
 * the catalogue name the same fact differently per procedure: the child of a residence registration, the person of a
 * re-registration). Only keys the form has are filled.
 */
export const FORM_FIELDS_OF: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'birth-certificate': {
    fullName: ['hoTenTre', 'hoTenNguoiDuocKhaiSinh', 'hoTen'],
    personalId: ['soDinhDanhTre', 'soDinhDanhNguoiDuocKhaiSinh', 'soDinhDanh'],
    dateOfBirth: ['ngaySinhTre', 'ngaySinhNguoiDuocKhaiSinh', 'ngaySinh'],
    sex: ['gioiTinhTre', 'gioiTinh'],
    placeOfBirth: ['noiSinhTre', 'noiSinh'],
    motherName: ['hoTenMe'],
    fatherName: ['hoTenCha'],
  },
  'marriage-certificate': {
    husbandName: ['hoTenChong'],
    husbandPersonalId: ['soDinhDanhChong'],
    wifeName: ['hoTenVo'],
    wifePersonalId: ['soDinhDanhVo'],
  },
  'residence-confirmation': {
    fullName: ['hoTen'],
    personalId: ['soDinhDanh'],
    dateOfBirth: ['ngaySinh'],
  },
  'citizen-id-card': {
    fullName: ['hoTen'],
    personalId: ['soDinhDanh'],
    dateOfBirth: ['ngaySinh'],
  },
};

export interface FormFill {
  /** The recognised field's name. */
  name: string;
  /** The e-form field it fills. */
  formKey: string;
}

/**
 * The candidate form keys of each recognised field for a type: the procedure's own mapping (PROCEDURE_FORM_FILLS in
 * form-fills.ts) when it has one for the type, else the generic FORM_FIELDS_OF.
 */
export function fieldMappingFor(type: string, procedureCode?: string | null): Readonly<Record<string, readonly string[]>> {
  const own = procedureFillsFor(procedureCode, type);
  if (own) return Object.fromEntries(Object.entries(own).map(([name, key]) => [name, [key]]));
  return FORM_FIELDS_OF[type] ?? {};
}

/** Every form key a paper of the type may fill in the procedure's form (to show the photo where it helps). */
export const mappedFormKeys = (type: string, procedureCode?: string | null): string[] => Object.values(fieldMappingFor(type, procedureCode)).flat();

/** Which form fields the recognised fields fill: the first key of each mapping that the form has, each key once. */
export function formFillsFor(
  type: string,
  fields: readonly Pick<RecognisedField, 'name' | 'value'>[],
  formKeys: readonly string[],
  procedureCode?: string | null,
): FormFill[] {
  const mapping = fieldMappingFor(type, procedureCode);
  const have = new Set(formKeys);
  const used = new Set<string>();
  const fills: FormFill[] = [];
  for (const f of fields) {
    if (!f.value) continue;
    const key = (mapping[f.name] ?? []).find((k) => have.has(k) && !used.has(k));
    if (!key) continue;
    used.add(key);
    fills.push({ name: f.name, formKey: key });
  }
  return fills;
}

/** A field as the citizen confirmed it. */
export interface ConfirmedField {
  name: string;
  label: string;
  value: string;
  /** `typed` when the citizen changed the recognised value, else the recognised source. */
  source: FieldSource;
  confidence: number;
  /** Highlighted for the citizen and the official (confidence below LOW_CONFIDENCE). */
  low: boolean;
  /** The recognised value the citizen replaced, with where it came from. */
  original?: { value: string; source: FieldSource; confidence: number };
}

export class ConfirmationError extends Error {
  constructor(
    readonly code: 'FIELD_NOT_CONFIRMED' | 'FIELD_UNKNOWN' | 'FIELD_DUPLICATE',
    message: string,
  ) {
    super(message);
  }
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * The citizen's answers checked against what was recognised: every recognised field must be answered once (it is
 * confirmed one by one); an answer equal to the recognised value (spaces and Unicode form aside) keeps its source
 * and confidence; a changed one becomes `typed` and keeps the original. Throws ConfirmationError (Vietnamese).
 */
export function confirmFields(recognised: readonly RecognisedField[], answers: readonly { name: string; value: string }[]): ConfirmedField[] {
  const byName = new Map<string, string>();
  for (const a of answers) {
    if (!recognised.some((r) => r.name === a.name)) throw new ConfirmationError('FIELD_UNKNOWN', `Trường "${a.name}" không có trong kết quả nhận dạng.`);
    if (byName.has(a.name)) throw new ConfirmationError('FIELD_DUPLICATE', `Trường "${a.name}" được xác nhận hai lần.`);
    byName.set(a.name, norm(a.value));
  }
  return recognised.map((r) => {
    const value = byName.get(r.name);
    if (value === undefined) throw new ConfirmationError('FIELD_NOT_CONFIRMED', `Vui lòng xác nhận trường "${r.label}".`);
    const low = r.confidence < LOW_CONFIDENCE;
    if (value === norm(r.value)) return { name: r.name, label: r.label, value, source: r.source, confidence: r.confidence, low };
    return {
      name: r.name,
      label: r.label,
      value,
      source: 'typed',
      confidence: 1,
      low,
      original: { value: r.value, source: r.source, confidence: r.confidence },
    };
  });
}

const SOURCE_NAME: Record<FieldSource, string> = { qr: 'mã QR', ocr: 'OCR', typed: 'nhập tay', population: 'CSDL dân cư' };

/** What the official reads for a field: "đã sửa: <original> → <new> (gốc: OCR)", or the value with its source. */
export function changeNote(f: ConfirmedField): string {
  if (f.original) return `đã sửa: ${f.original.value || '(trống)'} → ${f.value || '(trống)'} (gốc: ${SOURCE_NAME[f.original.source]}, người dân sửa: nhập tay)`;
  return `${f.value || '(trống)'} (${SOURCE_NAME[f.source]})`;
}

/** The form values the confirmed fields fill (values as confirmed, dates as YYYY-MM-DD). */
export function formValuesFrom(
  type: string,
  confirmed: readonly ConfirmedField[],
  formKeys: readonly string[],
  procedureCode?: string | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const fill of formFillsFor(type, confirmed, formKeys, procedureCode)) out[fill.formKey] = confirmed.find((c) => c.name === fill.name)!.value;
  return out;
}
