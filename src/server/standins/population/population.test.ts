import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateIdNumberStructure } from '../../../core/identity/id-number.ts';
import { readAdminUnits } from '../../modules/reference/index.ts';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { DEMO_FATHER_ID, DEMO_MOTHER_ID, demoAccounts } from './demo-residents.ts';
import { generatePopulation } from './generate.ts';
import { seedPopulation } from './seed.ts';

const province = readAdminUnits().provinces.find((p) => p.code === '75')!;
const gen = (seed: number, size = 10_000) =>
  generatePopulation({ seed, size, province: { code: '75', name: province.name }, communes: province.communes, referenceDate: '2026-11-01' });

describe('synthetic population generator', () => {
  const a = gen(7);

  it('is deterministic for a seed and differs across seeds', () => {
    expect(gen(7).residents.slice(0, 50)).toEqual(a.residents.slice(0, 50));
    expect(
      gen(8)
        .residents.slice(20, 30)
        .map((r) => r.id_number),
    ).not.toEqual(a.residents.slice(20, 30).map((r) => r.id_number));
  });

  it('makes at least 10,000 residents with unique, well-formed id numbers that agree with birth year and sex', () => {
    expect(a.residents.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(a.residents.map((r) => r.id_number)).size).toBe(a.residents.length);
    for (const r of a.residents) expect(validateIdNumberStructure(r.id_number, { birthDate: r.birth_date, sex: r.sex }), r.id_number).toBe(true);
  });

  it('keeps families consistent', () => {
    const byId = new Map(a.residents.map((r) => [r.id_number, r]));
    for (const r of a.residents) {
      if (r.spouse_id) {
        expect(byId.get(r.spouse_id)?.spouse_id).toBe(r.id_number);
        expect(r.marital_status).toBe('Đã kết hôn');
      }
      for (const parentId of [r.father_id, r.mother_id]) {
        if (!parentId) continue;
        const parent = byId.get(parentId)!;
        expect(parent).toBeDefined();
        expect(Number(r.birth_date.slice(0, 4)) - Number(parent.birth_date.slice(0, 4))).toBeGreaterThanOrEqual(16);
      }
    }
    const heads = new Set(a.households.map((h) => h.head_id));
    expect([...heads].every((id) => byId.has(id))).toBe(true);
  });

  it('uses real commune codes of Đồng Nai and places many residents in Phú Riềng', () => {
    const codes = new Set(province.communes.map((c) => c.code));
    expect(a.residents.every((r) => codes.has(r.permanent_address.maPhuongXa))).toBe(true);
    const phuRieng = a.residents.filter((r) => r.permanent_address.maPhuongXa === '25252').length;
    expect(phuRieng / a.residents.length).toBeGreaterThan(0.3);
  });

  it('includes newborns still to be registered', () => {
    expect(a.residents.filter((r) => r.birth_date > '2026-09-02').length).toBeGreaterThan(5);
  });
});

describe(`population stand-in on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    const { seedReferenceData } = await import('../../modules/reference/seed.ts');
    await seedReferenceData(t.ctx.db);
    const r = await seedPopulation(t.ctx.db, { size: 10_000, referenceDate: '2026-11-01' });
    expect(r.residents).toBeGreaterThanOrEqual(10_000);
    expect((await seedPopulation(t.ctx.db)).skipped).toBe(true);
  });
  afterAll(async () => t?.close());

  const ctx = {
    actorKind: 'official' as const,
    actorId: 'tiepnhan',
    actorUnit: 'dni.phurieng.ttpvhcc',
    purpose: 'counter-identity-check',
    dossierRef: '000.01.52.H19-261101-0001',
  };

  it('finds a demo resident with spouse, household and children, and logs every lookup', async () => {
    const mother = await t.ctx.population.findByIdNumber(DEMO_MOTHER_ID, ctx);
    expect(mother).toMatchObject({ hoTen: 'Trần Thị Mai', gioiTinh: 'Nữ', ngaySinh: '1995-08-20', tinhTrangHonNhan: 'Đã kết hôn' });
    expect(mother!.voChong).toMatchObject({ soDinhDanh: DEMO_FATHER_ID, hoVaTen: 'Nguyễn Văn Hùng' });
    expect(mother!.thuongTru.maPhuongXa).toBe('25252');
    const household = await t.ctx.population.householdOf(DEMO_MOTHER_ID, ctx);
    expect(household!.members.map((m) => m.hoTen)).toEqual(expect.arrayContaining(['Nguyễn Văn Hùng', 'Trần Thị Mai', 'Nguyễn Minh Khang']));
    const children = await t.ctx.population.childrenOf(DEMO_MOTHER_ID, ctx);
    const newborn = demoAccounts('2026-11-01').find((d) => d.fullName === 'Nguyễn Minh Khang')!;
    expect(children.map((c) => c.soDinhDanh)).toContain(newborn.idNumber);
    expect(children[0].cha?.soDinhDanh).toBe(DEMO_FATHER_ID);

    const log = (
      await t.ctx.db.query<{ operation: string; actor_id: string; purpose: string; dossier_ref: string; found: boolean }>(
        'SELECT operation, actor_id, purpose, dossier_ref, found FROM population_lookups WHERE subject_id_number = $1 ORDER BY id',
        [DEMO_MOTHER_ID],
      )
    ).rows;
    expect(log.map((l) => l.operation)).toEqual(['findByIdNumber', 'householdOf', 'childrenOf']);
    expect(log.every((l) => l.actor_id === 'tiepnhan' && l.purpose === 'counter-identity-check' && l.dossier_ref === ctx.dossierRef && l.found)).toBe(true);
  });

  it('returns null for unknown or malformed numbers and still logs the attempt', async () => {
    expect(await t.ctx.population.findByIdNumber('075199999999', ctx)).toBeNull();
    expect(await t.ctx.population.findByIdNumber('abc', ctx)).toBeNull();
    const n = (
      await t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM population_lookups WHERE subject_id_number IN ('075199999999', 'abc') AND NOT found")
    ).rows[0].n;
    expect(n).toBe(2);
  });
});
