import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition } from '../../catalogue/schema.ts';
import { resolvePrefill } from '../../forms/prefill.ts';
import { bride, brideMarriageRoles, ctx, groom, marriageForm, TODAY } from '../../forms/test-fixtures.ts';
import { validateForm } from '../../forms/validate.ts';
import { populationRolesFor } from './index.ts';
import { marriageRegistration, marriageRoles } from './marriage.ts';

describe('marriage-registration roles', () => {
  it('makes the applicant the bride or the groom by sex, and the other party only once looked up', () => {
    expect(marriageRoles(bride)).toEqual(brideMarriageRoles);
    expect(marriageRoles(groom)).toEqual({ self: groom, applicant: groom, groom });
    expect(marriageRoles(groom, bride)).toEqual({ self: groom, applicant: groom, groom, partner: bride, bride });
    expect(marriageRoles(null)).toEqual({});
    expect(marriageRegistration.derive({ self: bride, spouse: null, children: [], today: TODAY })).toEqual(brideMarriageRoles);
  });

  it('fills the applicant’s party and marital status; the other party only once looked up', () => {
    const alone = resolvePrefill(marriageForm, { eid: {}, population: marriageRoles(bride) });
    expect(alone.values).toEqual({
      benNu: { idNumber: '001198004321', fullName: 'Phạm Thu Hà', birthDate: '1998-04-12' },
      noiCuTruNu: { provinceCode: '01', communeCode: '00004', detail: 'Số 5 phố Đội Cấn' },
      tinhTrangHonNhanNu: 'chua',
    });
    expect(alone.unresolved).toEqual(['benNam', 'noiCuTruNam', 'tinhTrangHonNhanNam']);
    expect(alone.provenance.tinhTrangHonNhanNu).toMatchObject({ source: 'population', path: 'bride.tinhTrangHonNhan' });

    const both = resolvePrefill(marriageForm, { population: marriageRoles(groom, bride) });
    expect(both.values).toMatchObject({
      benNam: { idNumber: '001096007654', fullName: 'Đỗ Quang Minh', birthDate: '1996-01-30' },
      tinhTrangHonNhanNam: 'ly-hon',
      benNu: { idNumber: '001198004321', fullName: 'Phạm Thu Hà' },
      tinhTrangHonNhanNu: 'chua',
    });
    expect(validateForm(marriageForm, both.values, ctx)).toEqual({ valid: true, errors: [] });
  });

  it('fills the catalogue marriage form (1.000894), which names this deriver, from the applicant', () => {
    const ketHon = ProcedureDefinition.parse(
      JSON.parse(fs.readFileSync(new URL('../../../../data/catalogue/procedures/1.000894.json', import.meta.url), 'utf8')),
    );
    const form = ketHon.cases[0].form!;
    expect(form.prefillRoles).toBe('marriage-registration');
    const r = resolvePrefill(form, { eid: {}, population: populationRolesFor(form, { self: groom, spouse: null, children: [], today: TODAY }) });
    // The applicant's own side (the groom here) and their marital status come from the population database;
    // the bride's side is left for the citizen to declare.
    expect(r.values).toMatchObject({
      hoTenNguoiNop: 'Đỗ Quang Minh',
      soDinhDanhNguoiNop: '001096007654',
      tinhTrangHonNhanNguoiNop: 'Ly hôn',
      hoTenNam: 'Đỗ Quang Minh',
      soDinhDanhNam: '001096007654',
      tinhTrangHonNhanNam: 'Ly hôn',
    });
    expect(r.values.hoTenNu).toBeUndefined();
    expect(r.provenance.tinhTrangHonNhanNam?.source).toBe('population');
  });
});
