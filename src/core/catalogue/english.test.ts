import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseLanguage, englishCoverage, englishProblems, localiseProcedure } from './english.ts';
import { ProcedureDefinition } from './schema.ts';

const file = (code: string) => JSON.parse(readFileSync(new URL(`../../../data/catalogue/procedures/${code}.json`, import.meta.url), 'utf8'));
const marital = () => ProcedureDefinition.parse(file('1.004873'));

describe('chooseLanguage', () => {
  it('takes ?lang= first: vi, en, a regional tag, any case', () => {
    expect(chooseLanguage('en', 'vi')).toBe('en');
    expect(chooseLanguage('EN-gb', undefined)).toBe('en');
    expect(chooseLanguage('en_US', undefined)).toBe('en');
    expect(chooseLanguage('vi', 'en')).toBe('vi');
  });
  it('gives Vietnamese, the legal text, for an unknown ?lang=, never an error', () => {
    for (const garbage of ['fr', 'xx', 'english', '\u0000', '../../etc', 'e'.repeat(5000), ' ']) expect(chooseLanguage(garbage, 'en')).toBe('vi');
  });
  it('reads Accept-Language by q-value, then order, when there is no ?lang=', () => {
    expect(chooseLanguage(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(chooseLanguage('', 'en-US,en;q=0.9')).toBe('en');
    expect(chooseLanguage(undefined, 'fr-FR, en;q=0.5, vi;q=0.8')).toBe('vi');
    expect(chooseLanguage(undefined, 'vi;q=0.2, en;q=0.7')).toBe('en');
    expect(chooseLanguage(undefined, 'en, vi')).toBe('en');
    expect(chooseLanguage(undefined, 'vi-VN, en')).toBe('vi');
    expect(chooseLanguage(undefined, 'en;q=0')).toBe('vi');
    expect(chooseLanguage(undefined, 'de, fr;q=0.9, *;q=0.1')).toBe('vi');
    expect(chooseLanguage(undefined, 'en;q=abc')).toBe('en');
    expect(chooseLanguage(undefined, undefined)).toBe('vi');
    expect(chooseLanguage(undefined, `${'x,'.repeat(100)}en`)).toBe('vi');
  });
});

describe('English content validation', () => {
  it('accepts the marital-status certificate, whose English covers everything a person meets', () => {
    const d = marital();
    expect(englishProblems(d)).toEqual([]);
    expect(englishCoverage(d)).toBe('full');
  });

  it('refuses a translation with another number of steps, a missing condition, or a legal basis the procedure does not cite', () => {
    const raw = file('1.004873');
    raw.en.guide.steps = raw.en.guide.steps.slice(1);
    delete raw.en.guide.conditions;
    raw.en.legalBasis.push({ number: 'Luật Đất đai 2024', title: 'Land Law' });
    const r = ProcedureDefinition.safeParse(raw);
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages).toContain(
      `en.guide.steps: Bản tiếng Anh có ${raw.en.guide.steps.length} bước, bản tiếng Việt có ${raw.guide.steps.length} bước: phải bằng nhau`,
    );
    expect(messages).toContain('en.guide.conditions: Bản tiếng Anh thiếu điều kiện (bản tiếng Việt có)');
    expect(messages).toContain(
      `en.legalBasis.${raw.en.legalBasis.length - 1}.number: Căn cứ pháp lý "Luật Đất đai 2024" không có trong bản tiếng Việt của thủ tục`,
    );
  });

  it('refuses unknown keys, empty texts and an English note without a Vietnamese one', () => {
    const raw = file('1.004873');
    raw.en.summary = 'misplaced';
    raw.en.guide.whoNeedsIt = '';
    raw.cases[0].timeLimit.noteEn = 'Three working days';
    const r = ProcedureDefinition.safeParse(raw);
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['en', 'en.guide.whoNeedsIt', 'cases.0.timeLimit.noteEn']));
  });

  it('counts coverage: none without `en`, partial when a case text lacks English', () => {
    const d = marital();
    expect(englishCoverage({ ...d, en: undefined })).toBe('none');
    const noResult = { ...d, cases: [{ ...d.cases[0], result: { ...d.cases[0].result, nameEn: undefined } }] };
    expect(englishCoverage(noResult)).toBe('partial');
    const page = d.cases[0].form?.pages[0];
    if (!page) throw new Error('the marital-status form has pages');
    const untranslatedField = { ...page, fields: [...page.fields, { key: 'x', type: 'text' as const, label: 'Ghi chú' }] };
    const noLabel = { ...d, cases: [{ ...d.cases[0], form: { ...d.cases[0].form, id: 'x', version: 1, pages: [untranslatedField] } }] };
    expect(englishCoverage(noLabel)).toBe('partial');
  });
});

describe('the demo catalogue in English', () => {
  it('has full English for birth registration, the marital-status certificate and permanent residence', () => {
    for (const code of ['1.001193', '1.004873', '1.004194']) {
      const d = ProcedureDefinition.parse(file(code));
      expect(englishProblems(d), code).toEqual([]);
      expect(englishCoverage(d), code).toBe('full');
    }
  });
});

describe('localiseProcedure', () => {
  it('gives the English name and guide in English, each legal basis title with its language', () => {
    const d = marital();
    const en = localiseProcedure(d, 'en');
    expect(en).toMatchObject({ lang: 'en', english: 'full', textLang: 'en', name: d.en?.name, guide: d.en?.guide });
    expect(en.fieldName).toEqual({ text: d.en?.fieldName, lang: 'en' });
    expect(en.legalBasis[0]).toEqual({ number: d.legalBasis[0].number, title: { text: d.en?.legalBasis[0].title, lang: 'en' } });
  });

  it('gives the Vietnamese in Vietnamese, and in English where the procedure has none', () => {
    const d = marital();
    const vi = localiseProcedure(d, 'vi');
    expect(vi).toMatchObject({ lang: 'vi', english: 'full', textLang: 'vi', name: d.name, guide: d.guide, fieldName: { text: d.field.name, lang: 'vi' } });
    const lienThong = ProcedureDefinition.parse(file('1.000656'));
    expect(lienThong.en).toBeUndefined();
    const asked = localiseProcedure(lienThong, 'en');
    expect(asked).toMatchObject({ lang: 'en', english: 'none', textLang: 'vi', name: lienThong.name, guide: lienThong.guide });
    expect(asked.legalBasis.every((l) => l.title.lang === 'vi')).toBe(true);
  });

  it('falls back piece by piece: an untranslated legal basis title stays Vietnamese', () => {
    const d = marital();
    const partial = { ...d, en: d.en && { ...d.en, legalBasis: d.en.legalBasis.slice(1) } };
    const r = localiseProcedure(partial, 'en');
    expect(r.legalBasis[0].title).toEqual({ text: d.legalBasis[0].title, lang: 'vi' });
    expect(r.legalBasis[1].title.lang).toBe('en');
    expect(r.english).toBe('partial');
  });
});
