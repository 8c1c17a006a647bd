/**
 * Every result of the catalogue renders: one test per `result.template` value found in data/catalogue/procedures
 * (cases without one are named by their result code), and one per case with answers made from its form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition, type FormField } from '../../../../core/catalogue/schema.ts';
import { birth, PUBLIC_URL } from './test-fixtures.ts';
import { pdfLayoutText, pdfQrPayload, pdfText, writeTemp } from './test-pdf.ts';
import { renderResultPdf, resolveTemplate } from './templates.ts';
import { ResultIncompleteError } from './completeness.ts';
import type { ResultData } from './types.ts';
import { DOTS, formLabels } from './values.ts';

const dir = path.resolve('data/catalogue/procedures');
const procedures = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ProcedureDefinition.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
const cases = procedures.flatMap((p) => p.cases.map((c, i) => ({ procedure: p, kase: c, index: i })));

/** A plausible answer for each field of a form, by type. */
function answers(fields: FormField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f.type) {
      case 'date':
        out[f.key] = '2026-02-20';
        break;
      case 'number':
        out[f.key] = 2;
        break;
      case 'id_number':
        out[f.key] = '070195012346';
        break;
      case 'phone':
        out[f.key] = '0912345678';
        break;
      case 'email':
        out[f.key] = 'tranthimai@example.vn';
        break;
      case 'yes_no':
        out[f.key] = true;
        break;
      case 'select':
        out[f.key] = f.options?.[0]?.value ?? 'Khác';
        break;
      case 'address':
        out[f.key] = { provinceCode: '75', communeCode: '25252', detail: 'Thôn Phú Thịnh' };
        break;
      case 'person':
        out[f.key] = { fullName: 'Nguyễn Văn Hùng', idNumber: '070090012345', birthDate: '1990-11-02' };
        break;
      case 'file':
        out[f.key] = { fileId: '0b7e', sha256: 'a'.repeat(64), name: 'ban-chup.pdf', size: 1024, mime: 'application/pdf' };
        break;
      case 'group':
        out[f.key] = [answers(f.fields ?? [])];
        break;
      default:
        out[f.key] = f.key.startsWith('hoTen') ? 'Trần Thị Mai' : 'Phú Riềng, tỉnh Đồng Nai';
    }
  }
  return out;
}

function dataFor(c: (typeof cases)[number]): ResultData {
  const { procedure, kase } = c;
  const fields = kase.form?.pages.flatMap((p) => p.fields) ?? [];
  return {
    ...birth,
    template: kase.result.template ?? '',
    resultCode: kase.result.code,
    title: kase.result.name,
    number: `${10 + c.index}/KQ`,
    dossier: { code: `000.00.52.H19-260305-${procedure.code.replace(/\D/g, '').slice(-4)}`, procedureCode: procedure.code, procedureName: procedure.name },
    values: answers(fields),
    ...formLabels(kase.form),
    verifyUrl: `${PUBLIC_URL}/verify/${procedure.code}-${kase.code}`,
  };
}

/**
 * Cases whose e-form does not collect what their result prints: issuing refuses, naming the blank fields, until the
 * form asks them (docs/results.md). Every other case must render complete.
 */
const REFUSED: Readonly<Record<string, string>> = {
  // Empty since form 2 of 1.004884 Đăng ký lại khai sinh asks the person and the parents (issue 18).
};

describe('every catalogue result template value renders', () => {
  const byTemplate = new Map<string, (typeof cases)[number]>();
  for (const c of cases) {
    if (REFUSED[c.procedure.code]) continue;
    const key = c.kase.result.template ?? `(none: ${c.kase.result.code})`;
    if (!byTemplate.has(key)) byTemplate.set(key, c);
  }

  it('the catalogue names templates', () => {
    expect([...byTemplate.keys()].filter((k) => !k.startsWith('('))).toEqual(expect.arrayContaining(['giay-khai-sinh', 'giay-chung-nhan-ket-hon']));
  });

  for (const [key, c] of byTemplate)
    it(`template ${key}`, async () => {
      const data = dataFor(c);
      const file = writeTemp(`template-${key.replace(/[^\w.-]+/g, '_')}.pdf`, await renderResultPdf(data));
      const text = pdfText(file);
      expect(text).toContain(data.title.toLocaleUpperCase('vi-VN'));
      expect(text).toContain(`Số: ${data.number}`);
      expect(text).not.toMatch(/undefined|\[object|NaN/);
      if (c.kase.result.template) expect(resolveTemplate(data).key).toBe(c.kase.result.template);
      expect(pdfQrPayload(file)).toMatchObject({ maTTHC: c.procedure.code, tenGiayTo: data.title, url: data.verifyUrl });
    });
});

describe('every catalogue case renders its result', () => {
  for (const c of cases)
    it(`${c.procedure.code} ${c.kase.code} → ${resolveTemplate({ template: c.kase.result.template, resultCode: c.kase.result.code }).key}`, async () => {
      const data = dataFor(c);
      if (REFUSED[c.procedure.code]) {
        const refused = await renderResultPdf(data).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(refused).toBeInstanceOf(ResultIncompleteError);
        expect((refused as ResultIncompleteError).blanks.length).toBeGreaterThan(0);
        return;
      }
      const file = writeTemp(`case-${c.procedure.code}-${c.kase.code}.pdf`, await renderResultPdf(data));
      const text = pdfText(file);
      expect(text).toContain(data.title.toLocaleUpperCase('vi-VN'));
      expect(text).not.toMatch(/undefined|\[object|NaN/);
      // Complete: no dotted placeholder and no labelled field left empty ("Quốc tịch: Nơi cư trú: …").
      expect(text).not.toContain(DOTS.slice(0, 3));
      const emptyLabels = pdfLayoutText(file)
        .split('\n')
        .filter((l) => /(^|\s{2,})(?=\p{Lu}[^:]*\p{Ll})\p{Lu}[^:.]{0,40}:( {2,}|\s*$)/u.test(l));
      expect(emptyLabels).toEqual([]);
    });
});
