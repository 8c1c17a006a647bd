import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseInferenceProblems, caseRuleInForce, inferCase, type CaseInferenceRule } from './case-inference.ts';
import { ProcedureDefinition } from './schema.ts';

const read = (code: string) =>
  ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL(`../../../data/catalogue/procedures/${code}.json`, import.meta.url), 'utf8')));
const birth = read('1.001193');

describe('case inference from the catalogue data (birth registration 1.001193)', () => {
  const today = '2026-12-07';
  it('born at most 60 days before today: on time; 61 days or more: late', () => {
    expect(inferCase(birth, { ngaySinhTre: '2026-12-07' }, today)).toMatchObject({ caseCode: 'dung-han', days: 0, field: 'ngaySinhTre' });
    expect(inferCase(birth, { ngaySinhTre: '2026-10-08' }, today)).toMatchObject({ caseCode: 'dung-han', days: 60 });
    expect(inferCase(birth, { ngaySinhTre: '2026-10-07' }, today)).toMatchObject({ caseCode: 'qua-han', days: 61 });
    expect(inferCase(birth, { ngaySinhTre: '2019-05-01' }, today)?.caseCode).toBe('qua-han');
  });
  it('counts calendar days across a leap day and a year end', () => {
    expect(inferCase(birth, { ngaySinhTre: '2027-12-31' }, '2028-02-29')).toMatchObject({ caseCode: 'dung-han', days: 60 });
    expect(inferCase(birth, { ngaySinhTre: '2027-12-30' }, '2028-02-29')).toMatchObject({ caseCode: 'qua-han', days: 61 });
  });
  it('gives the legal basis from the data', () => {
    expect(inferCase(birth, { ngaySinhTre: '2026-12-01' }, today)?.basis).toMatch(/Luật Hộ tịch/);
  });
  it('decides nothing without a usable date: missing, not a date, impossible day, in the future', () => {
    for (const v of [undefined, '', 42, '07/12/2026', '2026-02-30', '2026-12-08', '2026-12-07\u0000', 'x'.repeat(10_000)])
      expect(inferCase(birth, { ngaySinhTre: v }, today)).toBeNull();
  });
  it('decides nothing before the rule is in force', () => {
    expect(inferCase(birth, { ngaySinhTre: '2015-12-01' }, '2015-12-31')).toBeNull();
  });
  it('a procedure without rules (one case or a free choice) decides nothing', () => {
    const marital = read('1.004873');
    expect(marital.caseInference).toBeUndefined();
    expect(inferCase(marital, { ngaySinhTre: '2026-12-01' }, today)).toBeNull();
  });
  it('every catalogue procedure with rules passes the check', () => {
    const dir = new URL('../../../data/catalogue/procedures/', import.meta.url);
    for (const f of fs.readdirSync(dir)) expect(caseInferenceProblems(read(f.replace(/\.json$/, '')))).toEqual([]);
  });
});

describe('rules with effective dates', () => {
  const old: CaseInferenceRule = {
    field: 'd',
    bands: [
      { caseCode: 'a', minDays: 0, maxDays: 60 },
      { caseCode: 'b', minDays: 61 },
    ],
    basis: 'luật cũ',
    effectiveFrom: '2016-01-01',
    effectiveTo: '2027-06-30',
  };
  const next: CaseInferenceRule = {
    ...old,
    bands: [
      { caseCode: 'a', minDays: 0, maxDays: 90 },
      { caseCode: 'b', minDays: 91 },
    ],
    basis: 'luật mới',
    effectiveFrom: '2027-07-01',
    effectiveTo: undefined,
  };
  const proc = {
    cases: [
      { code: 'a', form: {} },
      { code: 'b', form: {} },
    ],
    caseInference: [next, old],
  };
  it('the rule in force on the day applies (a law changing 60 days to 90 is a new rule, not new code)', () => {
    expect(caseRuleInForce(proc.caseInference, '2027-06-30')?.basis).toBe('luật cũ');
    expect(caseRuleInForce(proc.caseInference, '2027-07-01')?.basis).toBe('luật mới');
    expect(caseRuleInForce(proc.caseInference, '2015-01-01')).toBeNull();
    expect(inferCase(proc, { d: '2027-04-15' }, '2027-06-30')?.caseCode).toBe('b');
    expect(inferCase(proc, { d: '2027-04-15' }, '2027-07-01')?.caseCode).toBe('a');
  });
  it('a band naming a case without an e-form is not chosen', () => {
    expect(inferCase({ ...proc, cases: [{ code: 'a', form: {} }, { code: 'b' }] }, { d: '2020-01-01' }, '2026-01-01')).toBeNull();
  });
  it('the check refuses unknown cases, missing date fields, gaps, overlaps and open ends', () => {
    const form = (key: string, type = 'date') => ({ pages: [{ fields: [{ key, type }] }] });
    const cases = [
      { code: 'a', form: form('d') },
      { code: 'b', form: form('d') },
    ];
    expect(caseInferenceProblems({ cases, caseInference: [old] })).toEqual([]);
    expect(caseInferenceProblems({ cases: [cases[0]], caseInference: [old] }).join()).toMatch(/không có trường hợp b/);
    expect(caseInferenceProblems({ cases: [cases[0], { code: 'b', form: form('d', 'text') }], caseInference: [old] }).join()).toMatch(/không có trường ngày/);
    const gap = {
      ...old,
      bands: [
        { caseCode: 'a', minDays: 0, maxDays: 60 },
        { caseCode: 'b', minDays: 62 },
      ],
    };
    expect(caseInferenceProblems({ cases, caseInference: [gap] }).join()).toMatch(/không liền nhau/);
    const overlap = {
      ...old,
      bands: [
        { caseCode: 'a', minDays: 0, maxDays: 60 },
        { caseCode: 'b', minDays: 60 },
      ],
    };
    expect(caseInferenceProblems({ cases, caseInference: [overlap] }).join()).toMatch(/không liền nhau/);
    const closed = {
      ...old,
      bands: [
        { caseCode: 'a', minDays: 0, maxDays: 60 },
        { caseCode: 'b', minDays: 61, maxDays: 100 },
      ],
    };
    expect(caseInferenceProblems({ cases, caseInference: [closed] }).join()).toMatch(/không phủ hết/);
  });
  it('the catalogue schema refuses a procedure whose rule names an unknown case', () => {
    const raw = JSON.parse(fs.readFileSync(new URL('../../../data/catalogue/procedures/1.001193.json', import.meta.url), 'utf8'));
    raw.caseInference[0].bands[1].caseCode = 'khong-co';
    const r = ProcedureDefinition.safeParse(raw);
    expect(r.success).toBe(false);
  });
});
