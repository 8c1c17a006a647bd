import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../core/catalogue/schema.ts';
import { adminVi } from '../i18n/admin.vi.ts';
import { diffValues } from './diff.ts';
import { checkFormText, formToText } from './procedures/form-check.ts';

const procedure = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../data/catalogue/procedures/2.000907.json'), 'utf8'),
) as ProcedureDefinition;

let t: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'vi', resources: { vi: { translation: { admin: adminVi } } }, interpolation: { escapeValue: false } });
  t = i18n.t;
});

describe('differences in words', () => {
  it('finds nothing between a definition and its copy', () => {
    expect(diffValues(procedure, structuredClone(procedure), t)).toEqual([]);
  });

  it('names a step by its name, and a quota change with its values', () => {
    const next = structuredClone(procedure);
    next.cases[0].workflow[1].quota.amount = 4;
    expect(diffValues(procedure, next, t)).toEqual([
      {
        where: 'Các trường hợp › «Chứng thực bản sao giấy từ bản chính» › Quy trình nội bộ › «Thẩm định, trình ký» › Định mức thời gian › Số lượng',
        kind: 'changed',
        before: '3',
        after: '4',
      },
    ]);
  });

  it('names a shorter online time limit and its change in words', () => {
    const before = structuredClone(procedure);
    before.cases[0].timeLimit.amount = 3;
    before.cases[0].onlineTimeLimits = [{ amount: 2, effectiveFrom: '2026-01-01', basis: 'Quyết định 12/2025/QĐ-UBND' }];
    const next = structuredClone(before);
    next.cases[0].onlineTimeLimits![0].amount = 1;
    expect(diffValues(before, next, t)).toEqual([
      {
        where:
          'Các trường hợp › «Chứng thực bản sao giấy từ bản chính» › Thời hạn rút ngắn khi nộp trực tuyến › Từ ngày 01/01/2026 › Thời hạn khi nộp trực tuyến',
        kind: 'changed',
        before: '2',
        after: '1',
      },
    ]);
  });

  it('reads a moved step as a change of order, not as every field shifted', () => {
    const next = structuredClone(procedure);
    const steps = next.cases[0].workflow;
    [steps[1], steps[2]] = [steps[2], steps[1]];
    const rows = diffValues(procedure, next, t);
    expect(rows).toHaveLength(1);
    expect(rows[0].kind).toBe('moved');
    expect(rows[0].where).toContain('Quy trình nội bộ › Thứ tự');
    expect(rows[0].after.indexOf('«Lãnh đạo phê duyệt, ký số»')).toBeLessThan(rows[0].after.indexOf('«Thẩm định, trình ký»'));
  });

  it('writes fee amounts in đồng, dates as dd/mm/yyyy, and added or removed items whole', () => {
    const next = structuredClone(procedure);
    next.cases[0].fees[0].amount = 2500;
    next.effectiveFrom = '2026-01-15';
    next.cases[0].documents.pop();
    next.legalBasis.push({ number: 'Nghị quyết 01/2026/NQ-HĐND', title: 'Mức thu phí' });
    const rows = diffValues(procedure, next, t);
    expect(rows).toContainEqual(expect.objectContaining({ kind: 'changed', before: '2.000 đ', after: '2.500 đ' }));
    expect(rows).toContainEqual({ where: 'Hiệu lực từ ngày', kind: 'changed', before: '01/07/2025', after: '15/01/2026' });
    expect(rows).toContainEqual(expect.objectContaining({ kind: 'removed', where: expect.stringContaining('«Bản sao cần chứng thực') }));
    expect(rows).toContainEqual(
      expect.objectContaining({
        kind: 'added',
        where: 'Căn cứ pháp lý › «Nghị quyết 01/2026/NQ-HĐND»',
        after: 'Số, ký hiệu văn bản: Nghị quyết 01/2026/NQ-HĐND; Chức danh, trích yếu: Mức thu phí',
      }),
    );
  });

  it('shows a change-log entry field by field: memberships, roles, booleans, a creation', () => {
    expect(
      diffValues(
        { username: 'a', memberships: [{ unitId: 'dni.x', role: 'specialist' }] },
        { username: 'a', memberships: [{ unitId: 'dni.x', role: 'leader' }] },
        t,
      ),
    ).toEqual([
      { where: 'Vai trò tại đơn vị › dni.x – Lãnh đạo', kind: 'added', before: '—', after: 'dni.x – Lãnh đạo' },
      { where: 'Vai trò tại đơn vị › dni.x – Chuyên viên thụ lý', kind: 'removed', before: 'dni.x – Chuyên viên thụ lý', after: '—' },
    ]);
    expect(diffValues({ active: true }, { active: false }, t)).toEqual([{ where: 'Đang hoạt động', kind: 'changed', before: 'Có', after: 'Không' }]);
    expect(diffValues(null, { day: '2027-07-15', kind: 'compensatory_day_off' }, t)).toEqual([
      { where: 'Ngày', kind: 'added', before: '—', after: '15/07/2027' },
      { where: 'Loại', kind: 'added', before: '—', after: 'Nghỉ bù, nghỉ hoán đổi' },
    ]);
    expect(diffValues({ active: { version: 1 } }, { active: { version: 2 } }, t, { active: 'Phiên bản đang áp dụng' })[0].where).toBe(
      'Phiên bản đang áp dụng › Số phiên bản',
    );
  });
});

describe('the e-form as JSON', () => {
  it('accepts the catalogue form and counts its pages and fields', () => {
    const r = checkFormText(formToText(procedure.cases[0].form), t);
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatch(/^Biểu mẫu hợp lệ: \d+ trang, \d+ trường\.$/);
  });
  it('explains JSON that does not parse and a form the engine refuses', () => {
    expect(checkFormText('{ "id": ', t).problems[0]).toMatch(/^Biểu mẫu không phải JSON hợp lệ: /);
    expect(checkFormText(JSON.stringify({ id: 'x', pages: [] }), t).problems.length).toBeGreaterThan(0);
    expect(checkFormText('', t)).toEqual({ form: undefined, problems: [], summary: 'Trường hợp này không có biểu mẫu điện tử.' });
  });
});
