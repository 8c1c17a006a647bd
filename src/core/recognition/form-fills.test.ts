import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CCCD_FIELDS } from './cccd-qr.ts';
import type { RecognisedField } from './fields.ts';
import { PROCEDURE_FORM_FILLS } from './form-fills.ts';
import { formFillsFor, formValuesFrom, mappedFormKeys } from './self-digitisation.ts';
import { type FieldKind, RECOGNISABLE_TYPES, templateFor } from './templates.ts';

interface Field {
  key: string;
  type: string;
  options?: { value: string }[];
}
interface Procedure {
  code: string;
  cases: { code: string; form: { pages: { fields: Field[] }[] } }[];
}

const DIR = new URL('../../../data/catalogue/procedures/', import.meta.url);
const procedures = new Map<string, Procedure>(
  fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const p = JSON.parse(fs.readFileSync(new URL(f, DIR), 'utf8')) as Procedure;
      return [p.code, p];
    }),
);
const fieldsOf = (p: Procedure, caseCode?: string) =>
  p.cases.filter((c) => !caseCode || c.code === caseCode).flatMap((c) => c.form.pages.flatMap((pg) => pg.fields));

/** The kind of value each recognised field carries (the templates; the identity card's QR). */
function kindOf(type: string, name: string): FieldKind | undefined {
  if (type === 'citizen-id-card') {
    const qr: Record<string, FieldKind> = { personalId: 'personal-id', fullName: 'name', dateOfBirth: 'date', sex: 'sex', issueDate: 'date' };
    return CCCD_FIELDS.some((f) => f.name === name) ? (qr[name] ?? 'text') : undefined;
  }
  return templateFor(type)?.fields.find((f) => f.name === name)?.kind;
}

/** Whether a form field can take a recognised value of that kind as it is. */
function fits(kind: FieldKind, field: Field): boolean {
  switch (kind) {
    case 'date':
      return field.type === 'date';
    case 'personal-id':
      return field.type === 'id_number';
    case 'sex':
      return field.type === 'text' || (field.type === 'select' && ['Nam', 'Nữ'].every((v) => field.options?.some((o) => o.value === v)));
    case 'area':
    case 'number':
      return field.type === 'number' || field.type === 'text';
    default:
      return field.type === 'text' || field.type === 'textarea';
  }
}

const field = (name: string, value: string): RecognisedField => ({ name, label: name, value, rawText: value, source: 'ocr', confidence: 0.95 });

describe('recognised-field mapping per demo procedure (data beside the forms)', () => {
  it('has an entry for every demo procedure, and every one fills the applicant from the identity card', () => {
    expect(Object.keys(PROCEDURE_FORM_FILLS).sort()).toEqual([...procedures.keys()].sort());
    for (const [code, fills] of Object.entries(PROCEDURE_FORM_FILLS)) {
      expect(fills['citizen-id-card'], code).toMatchObject({ fullName: 'hoTenNguoiNop', personalId: 'soDinhDanhNguoiNop' });
      for (const type of Object.keys(fills)) expect(RECOGNISABLE_TYPES as readonly string[], `${code} ${type}`).toContain(type);
    }
  });

  const mappings = Object.entries(PROCEDURE_FORM_FILLS).flatMap(([code, fills]) =>
    Object.entries(fills).map(([type, mapping]) => ({ code, type, mapping: mapping as Record<string, string> })),
  );
  it.each(mappings)('$code $type: only keys the form has, each fed a value it can take', ({ code, type, mapping }) => {
    const p = procedures.get(code);
    expect(p, code).toBeDefined();
    const fields = fieldsOf(p!);
    const used = new Set<string>();
    for (const [name, key] of Object.entries(mapping)) {
      const kind = kindOf(type, name);
      expect(kind, `${type} has no field ${name}`).toBeDefined();
      const f = fields.find((x) => x.key === key);
      expect(f, `${code} has no form field ${key}`).toBeDefined();
      expect(fits(kind!, f!), `${code} ${key} (${f!.type}) cannot take a ${kind}`).toBe(true);
      expect(used.has(key), `${key} filled twice`).toBe(false);
      used.add(key);
    }
    // Filling with a value for every recognised field gives exactly the mapped keys, and nothing outside the form.
    const recognised = Object.keys(mapping).map((n) => field(n, `v-${n}`));
    const keys = fields.map((f) => f.key);
    const fills = formFillsFor(type, recognised, keys, code);
    expect(fills.map((x) => x.formKey).sort()).toEqual(Object.values(mapping).sort());
    expect(fills.every((x) => keys.includes(x.formKey))).toBe(true);
    expect(mappedFormKeys(type, code).sort()).toEqual(Object.values(mapping).sort());
  });

  it('fills a case only with the keys that case’s form has (residence registration: the child only under 6)', () => {
    const p = procedures.get('1.004194')!;
    const child = fieldsOf(p, 'con-duoi-6').map((f) => f.key);
    const home = fieldsOf(p, 'cho-o-hop-phap').map((f) => f.key);
    const recognised = [field('fullName', 'NGUYỄN MINH KHANG'), field('personalId', '075226012347'), field('dateOfBirth', '2026-11-27')];
    expect(formFillsFor('birth-certificate', recognised, child, '1.004194').map((x) => x.formKey)).toEqual(['hoTenTre', 'soDinhDanhTre']);
    expect(formFillsFor('birth-certificate', recognised, home, '1.004194')).toEqual([]);
  });

  it('the parents’ marriage certificate fills the mother and the father of a birth registration', () => {
    const keys = fieldsOf(procedures.get('1.001193')!).map((f) => f.key);
    const recognised = [
      field('husbandName', 'NGUYỄN VĂN HÙNG'),
      field('husbandPersonalId', '075090001234'),
      field('wifeName', 'TRẦN THỊ MAI'),
      field('wifeDateOfBirth', '1995-08-20'),
      field('registrationPlace', 'UBND xã Phú Riềng'),
    ];
    const confirmed = recognised.map((r) => ({ ...r, low: false }));
    expect(formValuesFrom('marriage-certificate', confirmed, keys, '1.001193')).toEqual({
      hoTenCha: 'NGUYỄN VĂN HÙNG',
      soDinhDanhCha: '075090001234',
      hoTenMe: 'TRẦN THỊ MAI',
      ngaySinhMe: '1995-08-20',
    });
  });

  it('a death registration takes the deceased from a residence confirmation, the applicant from the identity card', () => {
    const keys = fieldsOf(procedures.get('1.000656')!).map((f) => f.key);
    const person = [field('fullName', 'LÊ VĂN TÁM'), field('personalId', '075050001111'), field('dateOfBirth', '1950-01-02')];
    expect(formFillsFor('residence-confirmation', person, keys, '1.000656').map((x) => x.formKey)).toEqual(['hoTenNguoiChet', 'soDinhDanhNguoiChet']);
    expect(formFillsFor('citizen-id-card', person, keys, '1.000656').map((x) => x.formKey)).toEqual([
      'hoTenNguoiNop',
      'soDinhDanhNguoiNop',
      'ngaySinhNguoiNop',
    ]);
  });

  it('the land paper fills the parcel of the land-origin confirmation; a procedure without a mapping for a type fills nothing', () => {
    const keys = fieldsOf(procedures.get('DNI.DD.001')!).map((f) => f.key);
    const land = [field('holderName', 'PHẠM VĂN LỘC'), field('parcelNumber', '125'), field('area', '120,5'), field('parcelAddress', 'Thôn 3')];
    expect(formFillsFor('land-certificate', land, keys, 'DNI.DD.001').map((x) => x.formKey)).toEqual(['hoTenNguoiNop', 'soThua', 'dienTich']);
    // Marriage registration has no mapping for a land paper (or a birth certificate): nothing, not the generic guess.
    expect(
      formFillsFor(
        'land-certificate',
        land,
        fieldsOf(procedures.get('1.000894')!).map((f) => f.key),
        '1.000894',
      ),
    ).toEqual([]);
  });
});
