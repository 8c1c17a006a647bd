import { describe, expect, it } from 'vitest';
import { type DigitisationFacts, digitisationProblems, dossierRisks, guardMessage } from './guard.ts';
import { dayRule, isoWeekday, type PaperlessRule, paperIntake, ruleProblems } from './paperless.ts';

const clean: DigitisationFacts = {
  channel: 1,
  components: [{ requirementCode: 'TK', name: 'Tờ khai đăng ký khai sinh', hasFile: true }],
  identityChecked: true,
  resultFile: true,
};

describe('digitisation guard (766 points)', () => {
  it('lets every guarded step finish when nothing would be lost', () => {
    for (const a of ['accept', 'forward', 'issue_result', 'return_result'] as const) expect(digitisationProblems(a, clean)).toEqual([]);
    for (const a of ['refuse', 'stop', 'withdraw'] as const) expect(digitisationProblems(a, { ...clean, actionDocument: true })).toEqual([]);
  });

  it('refuses a counter component without its file, naming it, on every step until the result is returned', () => {
    const f = { ...clean, components: [...clean.components, { requirementCode: 'GCS', name: 'Giấy chứng sinh', hasFile: false }] };
    for (const a of ['accept', 'forward', 'issue_result', 'return_result'] as const) {
      const p = digitisationProblems(a, f);
      expect(p.map((x) => x.code)).toEqual(['COMPONENT_WITHOUT_FILE']);
      expect(p[0].vi).toContain('Giấy chứng sinh');
      expect(p[0].vi).not.toContain('Tờ khai');
    }
    expect(digitisationProblems('accept', { ...f, channel: 3 }).map((x) => x.code)).toEqual(['COMPONENT_WITHOUT_FILE']);
    // Online, a component without a file is the submission's business (the portal requires it), not the guard's.
    expect(digitisationProblems('accept', { ...f, channel: 2 })).toEqual([]);
  });

  it('refuses returning a result that has no file, but not issuing it (issuing signs it)', () => {
    const f = { ...clean, resultFile: false };
    expect(digitisationProblems('return_result', f).map((x) => x.code)).toEqual(['RESULT_WITHOUT_FILE']);
    expect(digitisationProblems('issue_result', f)).toEqual([]);
  });

  it('refuses a refusal, stop or withdrawal without its document', () => {
    for (const a of ['refuse', 'stop', 'withdraw'] as const) {
      expect(digitisationProblems(a, { ...clean, actionDocument: false }).map((x) => x.code)).toEqual(['DOCUMENT_MISSING']);
    }
    expect(digitisationProblems('withdraw', { ...clean, actionDocument: false })[0].vi).toContain('văn bản đề nghị rút hồ sơ');
  });

  it('refuses receiving a dossier whose applicant was not identified, and only receiving', () => {
    const f = { ...clean, identityChecked: false };
    expect(digitisationProblems('accept', f).map((x) => x.code)).toEqual(['IDENTITY_NOT_CHECKED']);
    expect(digitisationProblems('forward', f)).toEqual([]);
  });

  it('gathers every problem into one Vietnamese explanation', () => {
    const f = { ...clean, identityChecked: false, components: [{ requirementCode: 'X', name: 'Giấy X', hasFile: false }] };
    const msg = guardMessage(digitisationProblems('accept', f));
    expect(msg).toMatch(/^Chưa thể hoàn thành bước này vì hồ sơ sẽ bị trừ điểm số hóa: /);
    expect(msg).toContain('Cơ sở dữ liệu quốc gia về dân cư');
    expect(msg).toContain('Giấy X');
  });

  it('reports the risks of a dossier as it stands', () => {
    expect(dossierRisks(4, clean)).toEqual([]);
    expect(dossierRisks(4, { ...clean, resultFile: false })).toEqual([]);
    expect(dossierRisks(10, { ...clean, resultFile: false }).map((x) => x.code)).toEqual(['RESULT_WITHOUT_FILE']);
    expect(dossierRisks(7, { ...clean, endedWithoutDocument: 'withdraw' }).map((x) => x.code)).toEqual(['DOCUMENT_MISSING']);
    expect(dossierRisks(2, { ...clean, identityChecked: false }).map((x) => x.code)).toEqual(['IDENTITY_NOT_CHECKED']);
  });
});

const rule = (r: Partial<PaperlessRule>): PaperlessRule => ({
  id: 'r',
  unitId: 'U1',
  kind: 'weekday',
  effectiveFrom: '2026-01-01',
  legalBasis: 'Công văn 9321/UBND-VP ngày 08/7/2024',
  ...r,
});

describe('paperless days and online-only procedures', () => {
  it('knows the ISO weekday of a day (10/12/2026 is a Thursday)', () => {
    expect(isoWeekday('2026-12-10')).toBe(4);
    expect(isoWeekday('2026-12-11')).toBe(5);
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(isoWeekday('2026-12-07')).toBe(1);
  });

  it('a paperless Thursday refuses paper with the legal basis; Friday accepts', () => {
    const rules = [rule({ weekday: 4 })];
    const thu = paperIntake(rules, 'U1', '2026-12-10', 'P1');
    expect(thu.allowed).toBe(false);
    expect(thu.message).toBe(
      'Thứ Năm hằng tuần là ngày không tiếp nhận hồ sơ giấy (Công văn 9321/UBND-VP ngày 08/7/2024). Cán bộ sẽ hỗ trợ ông/bà nộp hồ sơ trực tuyến ngay tại quầy.',
    );
    expect(paperIntake(rules, 'U1', '2026-12-11', 'P1')).toEqual({ allowed: true });
    // Another unit's rule does not apply.
    expect(paperIntake(rules, 'U2', '2026-12-10', 'P1').allowed).toBe(true);
  });

  it('applies a rule only within its effective dates (a future rule does not change today)', () => {
    const rules = [rule({ weekday: 4, effectiveFrom: '2026-12-17' })];
    expect(paperIntake(rules, 'U1', '2026-12-10', 'P1').allowed).toBe(true);
    expect(paperIntake(rules, 'U1', '2026-12-17', 'P1').allowed).toBe(false);
    const ended = [rule({ weekday: 4, effectiveTo: '2026-12-09' })];
    expect(paperIntake(ended, 'U1', '2026-12-10', 'P1').allowed).toBe(true);
  });

  it('a listed date is paperless that day only', () => {
    const rules = [rule({ kind: 'date', day: '2026-12-14' })];
    expect(paperIntake(rules, 'U1', '2026-12-14', 'P1').message).toMatch(/^Hôm nay là ngày không tiếp nhận hồ sơ giấy/);
    expect(paperIntake(rules, 'U1', '2026-12-21', 'P1').allowed).toBe(true);
  });

  it('an online-only procedure is refused on paper every day in its range, allowed after its end', () => {
    const rules = [rule({ kind: 'online_only', procedureCode: 'P1', effectiveTo: '2026-12-31' })];
    for (const day of ['2026-12-10', '2026-12-11', '2026-12-31'])
      expect(paperIntake(rules, 'U1', day, 'P1').message).toMatch(/^Thủ tục này chỉ tiếp nhận hồ sơ trực tuyến/);
    expect(paperIntake(rules, 'U1', '2027-01-01', 'P1').allowed).toBe(true);
    expect(paperIntake(rules, 'U1', '2026-12-10', 'P2').allowed).toBe(true);
    expect(dayRule(rules, 'U1', '2026-12-10')).toMatchObject({ paperless: false, onlineOnly: [{ procedureCode: 'P1' }] });
  });

  it('checks a rule as entered', () => {
    expect(ruleProblems({ unitId: 'U1', kind: 'weekday', weekday: 4, effectiveFrom: '2026-12-01', legalBasis: 'CV 1' })).toEqual([]);
    expect(ruleProblems({ unitId: 'U1', kind: 'weekday', weekday: 9, effectiveFrom: '2026-12-01', legalBasis: ' ' })).toEqual([
      'Vui lòng nêu căn cứ pháp lý (số, ký hiệu văn bản).',
      'Vui lòng chọn thứ trong tuần.',
    ]);
    expect(
      ruleProblems({ unitId: 'U1', kind: 'date', day: '2026-02-30', effectiveFrom: '2026-12-01', effectiveTo: '2026-11-01', legalBasis: 'CV' }),
    ).toHaveLength(2);
    expect(ruleProblems({ unitId: 'U1', kind: 'date', day: '2026-13-01', effectiveFrom: '2026-12-01', legalBasis: 'CV' })).toEqual([
      'Vui lòng chọn ngày không tiếp nhận hồ sơ giấy.',
    ]);
    expect(ruleProblems({ unitId: 'U1', kind: 'online_only', effectiveFrom: '2026-12-01', legalBasis: 'CV' })).toEqual([
      'Vui lòng chọn thủ tục chỉ tiếp nhận trực tuyến.',
    ]);
  });
});
