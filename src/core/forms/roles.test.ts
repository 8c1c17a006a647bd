import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../catalogue/schema.ts';
import { basicRoles, populationRoles, prefillRoleProblems, type ApplicantRecords, type PrefillRoleDeriver } from './roles.ts';
import { household, hung, lan, mai, newborn, TODAY } from './test-fixtures.ts';

const records: ApplicantRecords = { self: mai, spouse: hung, children: [lan, newborn], household, today: TODAY };

/** A deriver of this test only: the engine knows no procedure. */
const eldest: PrefillRoleDeriver = {
  name: 'eldest-child',
  roles: ['eldest'],
  derive: (r) => ({ eldest: [...r.children].sort((a, b) => (a.ngaySinh ?? '').localeCompare(b.ngaySinh ?? ''))[0] ?? null }),
};
const registry = new Map([[eldest.name, eldest]]);

const form = (fields: FormDefinition['pages'][number]['fields'], prefillRoles?: string): FormDefinition => ({
  id: 'f',
  version: 1,
  ...(prefillRoles ? { prefillRoles } : {}),
  pages: [{ key: 'p', title: 'P', fields }],
});

describe('population roles', () => {
  it('gives the basic roles, and nothing when the applicant has no record', () => {
    expect(basicRoles(records)).toEqual({ self: mai, spouse: hung, children: [lan, newborn], household });
    expect(basicRoles({ ...records, household: undefined })).toEqual({ self: mai, spouse: hung, children: [lan, newborn] });
    expect(basicRoles({ ...records, self: null })).toEqual({});
  });

  it('adds the roles of the deriver the form names, and only those', () => {
    expect(populationRoles(form([], 'eldest-child'), records, registry)).toEqual({ ...basicRoles(records), eldest: lan });
    expect(populationRoles(form([]), records, registry)).toEqual(basicRoles(records));
    expect(populationRoles(form([], 'unknown'), records, registry)).toEqual(basicRoles(records));
    expect(populationRoles(form([], 'eldest-child'), { ...records, self: null }, registry)).toEqual({});
  });

  it('reports an unknown deriver and bindings to roles nobody fills, inside groups too', () => {
    const fields = [
      { key: 'a', type: 'text' as const, label: 'A', prefill: 'population.self.hoTen' },
      { key: 'b', type: 'text' as const, label: 'B', prefill: 'population.eldest.hoTen' },
      { key: 'c', type: 'text' as const, label: 'C', prefill: 'eid.HoVaTen' },
      {
        key: 'g',
        type: 'group' as const,
        label: 'G',
        prefill: 'population.household.members',
        fields: [{ key: 'x', type: 'text' as const, label: 'X', prefill: 'population.mother.hoTen' }],
      },
    ];
    expect(prefillRoleProblems(form(fields, 'eldest-child'), registry)).toEqual([
      'trang "p", trường "g" › trường "x": vai trò "mother" của nguồn "population.mother.hoTen" không có; bộ suy "eldest-child" cho: self, spouse, children, household, eldest.',
    ]);
    expect(prefillRoleProblems(form(fields), registry)).toEqual([
      'trang "p", trường "b": vai trò "eldest" của nguồn "population.eldest.hoTen" không có; vai trò cơ bản: self, spouse, children, household; vai trò riêng của thủ tục cần "prefillRoles".',
      'trang "p", trường "g" › trường "x": vai trò "mother" của nguồn "population.mother.hoTen" không có; vai trò cơ bản: self, spouse, children, household; vai trò riêng của thủ tục cần "prefillRoles".',
    ]);
    expect(prefillRoleProblems(form(fields.slice(0, 3), 'khai-sinh'), registry)[0]).toBe(
      'prefillRoles: không có bộ suy vai trò "khai-sinh"; dùng một trong: eldest-child.',
    );
    expect(prefillRoleProblems(form(fields.slice(0, 3), 'eldest-child'), registry)).toEqual([]);
  });
});
