/**
 * The browser compiles forms without zod (definition.ts); the server checks definitions with zod where they enter
 * the catalogue (definition-schema.ts). For every form of the catalogue both paths must give the same compiled rules
 * and the same answers to the same inputs: the same errors with the same messages, in Vietnamese and English.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition, type FormDefinition, type FormField } from '../catalogue/schema.ts';
import { build, compileForm, FormDefinitionError } from './definition.ts';
import { checkFormDefinition, EngineFormDefinition, zodValidationChecker } from './definition-schema.ts';
import { ENGLISH_FORM_MESSAGES } from './messages.en.ts';
import { formatFormMessage, registerEnglishFormMessages } from './messages.ts';
import { validateForm } from './validate.ts';

registerEnglishFormMessages(ENGLISH_FORM_MESSAGES);

const dir = new URL('../../../data/catalogue/procedures/', import.meta.url);
const forms: { name: string; raw: unknown; server: FormDefinition }[] = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const raw = JSON.parse(fs.readFileSync(new URL(f, dir), 'utf8'));
    const def = ProcedureDefinition.parse(raw);
    return def.cases.flatMap((c, i) => (c.form ? [{ name: `${def.code} ${c.code}`, raw: raw.cases[i].form, server: EngineFormDefinition.parse(c.form) }] : []));
  });

/** What the browser gets: the server's parsed definition as JSON over the API. */
const overTheWire = (def: FormDefinition): FormDefinition => JSON.parse(JSON.stringify(def));

const topFields = (def: FormDefinition): FormField[] => def.pages.flatMap((p) => p.fields);

/** Odd inputs put in every field at once: wrong types, NUL bytes, huge strings, impossible and future dates. */
const ODD: unknown[] = [
  '',
  '   ',
  42,
  -1.5,
  true,
  {},
  [],
  [{}],
  'a\u0000b',
  'x'.repeat(20_000),
  '2026-02-30',
  '2999-01-01',
  '1800-01-01',
  '07/12/2026',
  '000000000000',
  '0912345678',
  'khong-phai-email',
  { provinceCode: '75', communeCode: '99999', detail: '' },
  { idNumber: '123', fullName: '' },
  { fileId: 'x', sha256: 'y', name: 'z', size: -1, mime: 'text/html' },
];

describe('browser and server compile paths agree on every catalogue form', () => {
  it('the catalogue has forms to compare', () => {
    expect(forms.length).toBeGreaterThan(20);
  });

  for (const { name, raw, server } of forms)
    it(name, () => {
      expect(checkFormDefinition(raw)).toEqual([]);
      const browser = overTheWire(server);
      const checked = build(server, zodValidationChecker);
      if (checked instanceof FormDefinitionError) throw checked;
      const compiled = compileForm(browser);
      // The same fields with the same rules.
      const rules = (order: typeof compiled.root.order) => order.map((f) => ({ key: f.key, type: f.type, validation: f.validation, policy: f.policy }));
      expect(rules(compiled.root.order)).toEqual(rules(checked.root.order));

      const ctx = { today: '2026-12-07', communeInProvince: (commune: string, province: string) => commune === '25252' && province === '75' };
      const inputs: Record<string, unknown>[] = [{}, ...ODD.map((v) => Object.fromEntries(topFields(server).map((f) => [f.key, v])))];
      for (const values of inputs) {
        const a = validateForm(server, values, ctx);
        const b = validateForm(browser, values, ctx);
        expect(b).toEqual(a);
        // The same messages in both languages (the browser shows them from the key and params).
        const messages = (r: typeof a, lang: 'vi' | 'en') =>
          r.errors.map((e) => (e.messageKey ? formatFormMessage(e.messageKey, e.params ?? {}, lang) : e.message));
        expect(messages(b, 'vi')).toEqual(messages(a, 'vi'));
        expect(messages(b, 'en')).toEqual(messages(a, 'en'));
      }
      // Page by page as the browser validates each step.
      for (const p of server.pages) expect(validateForm(browser, {}, ctx, p.key)).toEqual(validateForm(server, {}, ctx, p.key));
    });

  it('a bad validation object is refused where definitions enter (zod), with the engine message', () => {
    const bad = {
      id: 'x',
      version: 1,
      pages: [{ key: 'p', title: 'P', fields: [{ key: 'a', type: 'text', label: 'A', validation: { maxLength: '5', colour: 'do' } }] }],
    };
    const problems = checkFormDefinition(bad);
    expect(problems.join('\n')).toMatch(/khóa không được hỗ trợ cho kiểu "text": "colour"/);
    expect(EngineFormDefinition.safeParse(bad).success).toBe(false);
  });
});
