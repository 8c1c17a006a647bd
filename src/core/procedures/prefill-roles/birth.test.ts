import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition } from '../../catalogue/schema.ts';
import { resolvePrefill } from '../../forms/prefill.ts';
import { birthForm, ctx, household, hung, lan, mai, maiBirthRoles, maiClaims, newborn, TODAY } from '../../forms/test-fixtures.ts';
import { validateForm } from '../../forms/validate.ts';
import { birthRegistration, birthRegistrationRoles } from './birth.ts';
import { populationRolesFor } from './index.ts';

const catalogue = (code: string) =>
  ProcedureDefinition.parse(JSON.parse(fs.readFileSync(new URL(`../../../../data/catalogue/procedures/${code}.json`, import.meta.url), 'utf8')));

describe('birth-registration roles', () => {
  it('derives the roles from the logged-in parent: she is the mother, her husband the father, the youngest child the newborn', () => {
    const population = birthRegistrationRoles(mai, hung, [lan, newborn], TODAY, household);
    expect(population).toEqual(maiBirthRoles);
    expect(population.mother).toBe(mai);
    expect(population.father).toBe(hung);
    expect(population.newborn).toBe(newborn);
    const fromFather = birthRegistrationRoles(hung, mai, [newborn], TODAY);
    expect(fromFather.mother).toBe(mai);
    expect(fromFather.father).toBe(hung);
    // Not married, no spouse looked up: the father is whoever the child's record names, if anyone.
    const single = { ...mai, voChong: undefined, tinhTrangHonNhan: 'Chưa kết hôn' };
    expect(birthRegistrationRoles(single, null, [{ ...newborn, cha: undefined }], TODAY).father).toBeNull();
    expect(birthRegistrationRoles(single, null, [newborn], TODAY).father).toEqual(newborn.cha);
    // A child born more than a year ago is not a newborn.
    expect(birthRegistrationRoles(mai, hung, [lan], TODAY).newborn).toBeNull();
    expect(birthRegistrationRoles(null, null, [], TODAY)).toEqual({});
  });

  it('is the deriver named "birth-registration", adding mother, father and newborn', () => {
    expect(birthRegistration.name).toBe('birth-registration');
    expect(birthRegistration.derive({ self: mai, spouse: hung, children: [lan, newborn], household, today: TODAY })).toEqual(maiBirthRoles);
    expect(populationRolesFor(birthForm, { self: mai, spouse: hung, children: [lan, newborn], household, today: TODAY })).toEqual(maiBirthRoles);
  });

  it('when no father is recorded, says so and fills none of his details', () => {
    const single = { ...mai, voChong: undefined };
    const r = resolvePrefill(birthForm, { eid: maiClaims, population: birthRegistrationRoles(single, null, [{ ...newborn, cha: undefined }], TODAY) });
    expect(r.values.coCha).toBe(false);
    expect(r.values.cha).toBeUndefined();
    expect(r.unresolved).toEqual(expect.arrayContaining(['cha', 'ngaySinhCha', 'diaChiHo', 'thanhVien']));
  });

  it('fills the catalogue birth-registration form (1.001193), which names this deriver', () => {
    const form = catalogue('1.001193').cases[0].form!;
    expect(form.prefillRoles).toBe('birth-registration');
    const r = resolvePrefill(form, { eid: maiClaims, population: populationRolesFor(form, { self: mai, spouse: hung, children: [newborn], today: TODAY }) });
    expect(r.values).toMatchObject({
      hoTenTre: 'Nguyễn Minh Khang',
      gioiTinhTre: 'Nam',
      hoTenMe: 'Trần Thị Mai',
      soDinhDanhMe: '075195012346',
      coThongTinCha: true,
      hoTenCha: 'Nguyễn Văn Hùng',
      ngaySinhCha: '1990-03-15',
      noiCuTruCha: { provinceCode: '75', communeCode: '25252', detail: 'Số 12 Thôn Phú Bình' },
      hoTenNguoiNop: 'Trần Thị Mai',
      soDinhDanhNguoiNop: '075195012346',
    });
    expect(validateForm(form, { ...r.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' }, ctx)).toEqual({ valid: true, errors: [] });
  });

  it('fills the linked birth procedure (2.000986) the same way', () => {
    const form = catalogue('2.000986').cases[0].form!;
    expect(form.prefillRoles).toBe('birth-registration');
    const r = resolvePrefill(form, { eid: maiClaims, population: populationRolesFor(form, { self: mai, spouse: hung, children: [newborn], today: TODAY }) });
    expect(Object.values(r.provenance).filter((p) => /^(mother|father|newborn)\./.test(p.path)).length).toBeGreaterThan(3);
  });
});
