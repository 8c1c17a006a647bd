import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition, type FormDefinition, type FormField } from '../catalogue/schema.ts';
import { compileForm } from './definition.ts';
import { checkFormDefinition, EngineFormDefinition, FieldValidationSchemas } from './definition-schema.ts';
import { parseBinding } from './bindings.ts';
import { birthForm, marriageForm } from './test-fixtures.ts';

const problems = (fields: FormField[]) => checkFormDefinition({ id: 'x', version: 1, pages: [{ key: 'p', title: 'P', fields }] });

/**
 * Catalogue forms the engine refuses, with the reason; the catalogue owner fixes them (then remove the entry,
 * the test fails until it is removed).
 */
const KNOWN_CATALOGUE_PROBLEMS: Record<string, string[]> = {};

describe('form definitions', () => {
  it('accepts every catalogue form (except the known problems, reported to the catalogue)', () => {
    const dir = new URL('../../../data/catalogue/procedures/', import.meta.url);
    const found: Record<string, string[]> = {};
    let forms = 0;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const def = ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')));
      for (const c of def.cases) {
        if (!c.form) continue;
        forms++;
        const p = checkFormDefinition(c.form);
        if (p.length) found[`${file} ${c.code}`] = p;
      }
    }
    expect(forms).toBeGreaterThan(20);
    expect(found).toEqual(KNOWN_CATALOGUE_PROBLEMS);
  });

  it('accepts the test forms and caches the compiled form', () => {
    expect(checkFormDefinition(birthForm)).toEqual([]);
    expect(checkFormDefinition(marriageForm)).toEqual([]);
    expect(compileForm(birthForm)).toBe(compileForm(birthForm));
    expect(EngineFormDefinition.safeParse(birthForm).success).toBe(true);
  });

  it('checks validation objects against the schema of the field type', () => {
    expect(problems([{ key: 'd', type: 'date', label: 'D', validation: { notFuture: true, max: 3 } }])[0]).toBe(
      'trang "p", trường "d", validation: khóa không được hỗ trợ cho kiểu "date": "max"; dùng: notFuture, notPast, minDate, maxDate.',
    );
    expect(problems([{ key: 'd', type: 'date', label: 'D', validation: { minDate: '01/01/2000' } }])[0]).toBe(
      'trang "p", trường "d", validation.minDate: ngày phải có dạng YYYY-MM-DD',
    );
    expect(problems([{ key: 't', type: 'text', label: 'T', validation: { pattern: '([' } }])[0]).toMatch(
      /validation.pattern: biểu thức chính quy không hợp lệ/,
    );
    expect(problems([{ key: 's', type: 'select', label: 'S', options: [{ value: 'a', label: 'A' }], validation: { min: 1 } }])[0]).toMatch(
      /kiểu này không có quy tắc riêng/,
    );
    expect(problems([{ key: 'i', type: 'id_number', label: 'I', validation: { birthDateField: 'khongCo' } }])[0]).toMatch(
      /validation.birthDateField: tham chiếu "khongCo" không trỏ tới trường nào/,
    );
    expect(
      problems([
        { key: 't', type: 'text', label: 'T' },
        { key: 'i', type: 'id_number', label: 'I', validation: { birthDateField: 't' } },
      ])[0],
    ).toMatch(/"t" không phải trường ngày/);
    expect(Object.keys(FieldValidationSchemas).sort()).toEqual([
      'address',
      'date',
      'email',
      'file',
      'group',
      'id_number',
      'number',
      'person',
      'phone',
      'select',
      'text',
      'textarea',
      'yes_no',
    ]);
  });

  it('checks options, groups, keys and bindings', () => {
    expect(problems([{ key: 's', type: 'select', label: 'S' }])[0]).toMatch(/phải có danh sách "options"/);
    expect(
      problems([
        {
          key: 's',
          type: 'select',
          label: 'S',
          options: [
            { value: 'a', label: 'A' },
            { value: 'a', label: 'B' },
          ],
        },
      ])[0],
    ).toMatch(/bị trùng/);
    expect(problems([{ key: 't', type: 'text', label: 'T', options: [{ value: 'a', label: 'A' }] }])[0]).toMatch(/chỉ trường chọn/);
    expect(problems([{ key: 'g', type: 'group', label: 'G' }])[0]).toMatch(/phải có danh sách "fields"/);
    expect(problems([{ key: 'g', type: 'group', label: 'G', minItems: 3, maxItems: 2, fields: [{ key: 'a', type: 'text', label: 'A' }] }])[0]).toMatch(
      /minItems \(3\) lớn hơn maxItems \(2\)/,
    );
    expect(
      problems([
        {
          key: 'g',
          type: 'group',
          label: 'G',
          fields: [
            { key: 'a', type: 'text', label: 'A' },
            { key: 'a', type: 'text', label: 'A' },
          ],
        },
      ])[0],
    ).toMatch(/trùng trong nhóm "g"/);
    expect(problems([{ key: 't', type: 'text', label: 'T', minItems: 1 }])[0]).toMatch(/chỉ nhóm lặp/);
    expect(problems([{ key: 't', type: 'text', label: 'T', prefill: 'vneid.HoVaTen' }])[0]).toMatch(/nguồn điền sẵn "vneid.HoVaTen" không hợp lệ/);
    expect(problems([{ key: 't', type: 'text', label: 'T', prefill: 'item.hoTen' }])[0]).toMatch(/chỉ dùng trong nhóm lặp có nguồn điền sẵn/);
    expect(problems([{ key: 't', type: 'text', label: 'T', prefillPolicy: 'locked' }])[0]).toMatch(/không có nguồn "prefill"/);
    expect(problems([{ key: 'f', type: 'file', label: 'F', prefill: 'eid.Anh' }])[0]).toMatch(/không điền sẵn được/);
    expect(checkFormDefinition({ id: 'x', pages: [] })[0]).toMatch(/^pages:/);
    const twoPages: FormDefinition = {
      id: 'x',
      version: 1,
      pages: [
        { key: 'a', title: 'A', fields: [{ key: 'k', type: 'text', label: 'K' }] },
        { key: 'a', title: 'B', fields: [{ key: 'k', type: 'text', label: 'K' }] },
      ],
    };
    expect(checkFormDefinition(twoPages)).toEqual([
      'trang "a": khóa trang bị trùng.',
      'trang "a", trường "k": khóa trường bị trùng (khóa phải duy nhất trong cả biểu mẫu).',
    ]);
    const bad = EngineFormDefinition.safeParse(twoPages);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(checkFormDefinition(twoPages));
  });

  it('parses the binding syntax', () => {
    expect(parseBinding('eid.HoVaTen')).toEqual({ root: 'eid', steps: ['HoVaTen'], text: 'eid.HoVaTen' });
    expect(parseBinding('population.self.me.hoVaTen')).toMatchObject({ root: 'population', steps: ['self', 'me', 'hoVaTen'] });
    expect(parseBinding('population.household.members[0].hoTen')).toMatchObject({ steps: ['household', 'members', 0, 'hoTen'] });
    expect(parseBinding('item')).toMatchObject({ root: 'item', steps: [] });
    for (const bad of ['eid', 'population', 'population[0].x', 'db.self.hoTen', 'eid..x', '']) expect(parseBinding(bad)).toBeNull();
  });
});
