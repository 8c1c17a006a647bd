import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition, type FormDefinition } from '../../catalogue/schema.ts';
import { checkFormDefinition } from '../../forms/definition-schema.ts';
import { resolvePrefill } from '../../forms/prefill.ts';
import { household, hung, mai, maiClaims, newborn, TODAY } from '../../forms/test-fixtures.ts';
import { populationRolesFor, prefillRoleDerivers, procedureRoleProblems } from './index.ts';

describe('the prefill-role registry', () => {
  it('holds the birth and marriage derivers under the names the catalogue uses', () => {
    expect([...prefillRoleDerivers.keys()]).toEqual(['birth-registration', 'marriage-registration']);
  });

  it('every catalogue procedure binds only roles that are filled: basic ones, or those of the deriver its form names', () => {
    const dir = new URL('../../../../data/catalogue/procedures/', import.meta.url);
    const found: Record<string, unknown> = {};
    const named: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const def = ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8')));
      const p = procedureRoleProblems(def);
      if (p.length) found[file] = p;
      for (const c of def.cases) if (c.form?.prefillRoles) named.push(`${def.code} ${c.code} ${c.form.prefillRoles}`);
    }
    expect(found).toEqual({});
    expect(named).toEqual([
      '1.000894 trong-nuoc marriage-registration',
      '1.001193 dung-han birth-registration',
      '1.001193 qua-han birth-registration',
      '2.000986 mac-dinh birth-registration',
    ]);
  });

  it('finds a form that binds a procedure role without naming its deriver', () => {
    const def = ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL('../../../../data/catalogue/procedures/1.001193.json', import.meta.url), 'utf8')));
    const { prefillRoles: _dropped, ...form } = def.cases[0].form!;
    const problems = procedureRoleProblems({ cases: [{ ...def.cases[0], form }] });
    expect(problems.length).toBeGreaterThan(5);
    expect(problems[0]).toMatchObject({ path: 'cases.0.form' });
    expect(problems[0].message).toMatch(/^trường hợp "dung-han": trang "[^"]+", trường "[^"]+": vai trò "(newborn|mother|father)"/);
  });
});

describe('docs/forms.md', () => {
  it('gives an example birth-registration form the engine accepts, filled as the text says', () => {
    const md = fs.readFileSync(new URL('../../../../docs/forms.md', import.meta.url), 'utf8');
    const json = md.slice(md.indexOf('## Example: birth registration')).match(/```json\n([\s\S]*?)```/)![1];
    const def = JSON.parse(json) as FormDefinition;
    expect(checkFormDefinition(def)).toEqual([]);
    expect(procedureRoleProblems({ cases: [{ code: 'x', form: def } as never] })).toEqual([]);
    const { values } = resolvePrefill(def, {
      eid: maiClaims,
      population: populationRolesFor(def, { self: mai, spouse: hung, children: [newborn], household, today: TODAY }),
    });
    expect(values).toMatchObject({
      hoTenTre: 'Nguyễn Minh Khang',
      hoTenMe: 'Trần Thị Mai',
      soDinhDanhMe: '075195012346',
      noiCuTruMe: { provinceCode: '75', communeCode: '25252', detail: 'Số 12, Thôn Phú Bình' },
      coThongTinCha: true,
      cha: { idNumber: '075090012345', fullName: 'Nguyễn Văn Hùng', birthDate: '1990-03-15' },
    });
  });
});
