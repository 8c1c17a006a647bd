import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundleFee,
  bundleForProcedure,
  bundleState,
  dependenciesMet,
  memberValues,
  parseBundleType,
  selectMembers,
  versionInForce,
  type BundleType,
} from './bundle-types.ts';

const DIR = path.resolve(import.meta.dirname, '../../../data/lienthong');
const shipped = fs.readdirSync(DIR).map((f) => parseBundleType(JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'))));
const byCode = (code: string) => shipped.find((t) => t.code === code)!;

describe('bundle types as data', () => {
  it('ships the three bundles of the seeds, each valid', () => {
    expect(shipped.map((t) => t.code).sort()).toEqual(['1.006714', '2.000986', 'DNI.LT.KH-CT']);
    const birth = byCode('2.000986');
    expect(birth.members.map((m) => [m.key, m.agency.code, m.adapter, m.dependsOn])).toEqual([
      ['khai-sinh', 'HOTICH', 'local', []],
      ['thuong-tru', 'CUTRU', 'cutru', []],
      ['bhyt', 'BHXH', 'bhxh', ['khai-sinh']],
    ]);
    expect(bundleFee(birth.members)).toBe(0);
    expect(byCode('DNI.LT.KH-CT')).toMatchObject({ scope: 'local', enabledByDefault: false });
  });

  it('refuses a dependency cycle, an unknown dependency, and reading a result without waiting for it', () => {
    const base = JSON.parse(fs.readFileSync(path.join(DIR, '2.000986.json'), 'utf8')) as BundleType;
    const cyc = structuredClone(base);
    cyc.members[0].dependsOn = ['bhyt'];
    expect(() => parseBundleType(cyc)).toThrow(/cycle/);
    const unknown = structuredClone(base);
    unknown.members[1].dependsOn = ['khong-co'];
    expect(() => parseBundleType(unknown)).toThrow(/unknown member/);
    const early = structuredClone(base);
    early.members[2].dependsOn = [];
    expect(() => parseBundleType(early)).toThrow(/without waiting/);
  });

  it('applies the version in force on the day', () => {
    const v1 = byCode('2.000986');
    const v2 = { ...v1, version: 2, effectiveFrom: '2027-01-01', name: 'v2' };
    const closed = { ...v1, effectiveTo: '2027-01-01' };
    expect(versionInForce([closed, v2], '2.000986', '2026-12-31')?.version).toBe(1);
    expect(versionInForce([closed, v2], '2.000986', '2027-01-01')?.version).toBe(2);
    expect(versionInForce([closed, v2], '2.000986', '2024-06-30')).toBeNull();
    expect(bundleForProcedure(shipped, '2.000986', new Date('2026-12-07T02:00:00Z'))?.code).toBe('2.000986');
    expect(bundleForProcedure(shipped, '1.001193', new Date('2026-12-07T02:00:00Z'))).toBeNull();
  });

  it('branches the death bundle on whether the deceased was insured', () => {
    const death = byCode('1.006714');
    expect(selectMembers(death, { nguoiChetThamGiaBHXH: true }).map((m) => m.key)).toEqual(['khai-tu', 'xoa-thuong-tru', 'tu-tuat-bhxh']);
    expect(selectMembers(death, { nguoiChetThamGiaBHXH: false }).map((m) => m.key)).toEqual(['khai-tu', 'xoa-thuong-tru', 'mai-tang-btxh']);
    // Unanswered, neither branch is created.
    expect(selectMembers(death, {}).map((m) => m.key)).toEqual(['khai-tu', 'xoa-thuong-tru']);
  });

  it("every branch reads a required field of the parent procedure's form, of a type that can equal its value", () => {
    const catalogue = path.resolve(import.meta.dirname, '../../../data/catalogue/procedures');
    let branches = 0;
    for (const type of shipped) {
      const file = path.join(catalogue, `${type.parentProcedureCode}.json`);
      expect(fs.existsSync(file), `${type.code}: catalogue file of ${type.parentProcedureCode}`).toBe(true);
      const procedure = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        cases: { code: string; form: { pages: { fields: { key: string; type: string; required?: boolean }[] }[] } }[];
      };
      for (const m of type.members.filter((x) => x.when)) {
        branches++;
        for (const c of procedure.cases) {
          const field = c.form.pages.flatMap((p) => p.fields).find((f) => f.key === m.when!.field);
          expect(field, `${type.code}/${m.key}: field ${m.when!.field} in the form of case ${c.code}`).toBeDefined();
          expect(field!.required, `${type.code}/${m.key}: ${m.when!.field} is required`).toBe(true);
          if (typeof m.when!.equals === 'boolean') expect(field!.type).toBe('yes_no');
        }
      }
    }
    expect(branches).toBeGreaterThanOrEqual(2);
  });

  it('maps the one form to each member, with the results of the members it waits for', () => {
    const birth = byCode('2.000986');
    const form = {
      hoTenTre: 'Nguyễn Minh An',
      ngaySinhTre: '2026-11-27',
      gioiTinhTre: 'Nam',
      hoTenMe: 'Trần Thị Mai',
      soDinhDanhMe: '070195012346',
      noiCuTruMe: { xa: 'Phú Riềng' },
    };
    const [ks, tt, bhyt] = birth.members;
    expect(memberValues(ks, form)).toEqual(form);
    expect(memberValues(tt, form)).toMatchObject({
      hoTen: 'Nguyễn Minh An',
      noiThuongTru: { xa: 'Phú Riềng' },
      soDinhDanhChuHo: '070195012346',
      quanHeVoiChuHo: 'Con',
    });
    expect(memberValues(bhyt, form).soTrichLucKhaiSinh).toBeUndefined();
    expect(dependenciesMet(bhyt, {})).toBe(false);
    const results = { 'khai-sinh': { number: '15/2026/TLKS', issuedAt: '2026-12-07T03:00:00.000Z' } };
    expect(dependenciesMet(bhyt, results)).toBe(true);
    expect(memberValues(bhyt, form, results)).toMatchObject({ hoTen: 'Nguyễn Minh An', soTrichLucKhaiSinh: '15/2026/TLKS' });
  });

  it('derives the bundle state from its members', () => {
    expect(bundleState(['done', 'done', 'done'])).toBe('done');
    expect(bundleState(['done', 'handed_off', 'waiting'])).toBe('open');
    expect(bundleState(['done', 'failed'])).toBe('partially_done');
    expect(bundleState(['failed', 'failed'])).toBe('failed');
    expect(bundleState(['done', 'rejected'])).toBe('open');
  });
});
