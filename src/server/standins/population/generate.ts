/**
 * Deterministic synthetic residents for the population-database stand-in. Pure: the same seed, size, commune
 * list and reference date always give the same people. Households hold couples (spouse links both ways),
 * children linked to both parents, grandparents, single adults and newborns (born in the 60 days before the
 * reference date, with a personal id number already assigned, as happens at birth registration).
 */
import { composeIdNumber } from '../../../core/identity/id-number.ts';
import type { PopulationAddress } from '../../adapters/population.ts';
import { DEMO_RESIDENTS, DEMO_COMMUNES, demoIdNumber, type DemoResidentSpec } from './demo-residents.ts';
import { bloodTypes, ethnicities, familyNames, femaleGiven, femaleMiddle, maleGiven, maleMiddle, mobilePrefixes, religions } from './names.ts';

export interface Commune {
  code: string;
  name: string;
}

export interface GeneratedResident {
  id_number: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  full_name: string;
  birth_date: string;
  sex: 'Nam' | 'Nữ';
  ethnicity: string;
  religion: string;
  nationality: string;
  marital_status: string;
  blood_type: string;
  birth_place: PopulationAddress;
  home_town: PopulationAddress;
  permanent_address: PopulationAddress;
  current_address: PopulationAddress;
  father_id: string | null;
  mother_id: string | null;
  spouse_id: string | null;
  household_id: string;
  relation_to_head: string;
  phone: string | null;
  email: string | null;
}

export interface GeneratedHousehold {
  id: string;
  household_book_no: string;
  head_id: string;
  address: PopulationAddress;
}

export interface GenerateOptions {
  seed: number;
  /** Minimum number of residents. */
  size: number;
  province: { code: string; name: string };
  communes: Commune[];
  /** Ages and newborns are computed against this date (yyyy-mm-dd). */
  referenceDate: string;
}

/** mulberry32: small, fast, deterministic 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export function foldAscii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export function generatePopulation(opts: GenerateOptions): { residents: GeneratedResident[]; households: GeneratedHousehold[] } {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const weighted = (xs: [string, number][]) => {
    const total = xs.reduce((n, [, w]) => n + w, 0);
    let r = rnd() * total;
    for (const [v, w] of xs) if ((r -= w) <= 0) return v;
    return xs[xs.length - 1][0];
  };
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const refYear = Number(opts.referenceDate.slice(0, 4));
  const usedIds = new Set<string>();
  const residents: GeneratedResident[] = [];
  const households: GeneratedHousehold[] = [];
  const communeByCode = new Map(opts.communes.map((c) => [c.code, c]));
  // Phú Riềng weighted heavily, Xuân Thành next, the rest of the province spread out.
  const homeCommune = () => {
    const r = rnd();
    if (r < 0.4 && communeByCode.has(DEMO_COMMUNES.phuRieng)) return communeByCode.get(DEMO_COMMUNES.phuRieng)!;
    if (r < 0.5 && communeByCode.has(DEMO_COMMUNES.xuanThanh)) return communeByCode.get(DEMO_COMMUNES.xuanThanh)!;
    return pick(opts.communes);
  };
  const address = (c: Commune, detail?: string): PopulationAddress => ({
    maTinhThanh: opts.province.code,
    tenTinhThanh: opts.province.name,
    maPhuongXa: c.code,
    tenPhuongXa: c.name,
    chiTiet: detail ?? `Số ${int(1, 250)}, ${rnd() < 0.5 ? 'Thôn' : 'Ấp'} ${int(1, 14)}`,
    quocGia: 'Việt Nam',
  });
  const birthProvinceCode = (c: Commune) => (c.code === DEMO_COMMUNES.phuRieng || rnd() < 0.3 ? '070' : '075'); // Bình Phước / Đồng Nai
  const newId = (provinceCode: string, year: number, sex: 'Nam' | 'Nữ') => {
    for (;;) {
      const id = composeIdNumber(provinceCode, year, sex, int(0, 999_999));
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const dateInYear = (year: number) => addDays(`${year}-01-01`, int(0, 364));
  const phone = () => `${pick(mobilePrefixes)}${String(int(0, 9_999_999)).padStart(7, '0')}`;

  interface PersonInput {
    sex: 'Nam' | 'Nữ';
    birthDate: string;
    family?: string;
    middle?: string;
    given?: string;
    commune: Commune;
    addr: PopulationAddress;
    household: string;
    relation: string;
    marital: string;
    fatherId?: string | null;
    motherId?: string | null;
    idNumber?: string;
    ethnicity?: string;
    religion?: string;
    phone?: string | null;
    email?: string | null;
  }
  const person = (p: PersonInput): GeneratedResident => {
    const family = p.family ?? weighted(familyNames);
    const middle = p.middle ?? pick(p.sex === 'Nam' ? maleMiddle : femaleMiddle);
    const given = p.given ?? pick(p.sex === 'Nam' ? maleGiven : femaleGiven);
    const year = Number(p.birthDate.slice(0, 4));
    const id = p.idNumber ?? newId(birthProvinceCode(p.commune), year, p.sex);
    usedIds.add(id);
    const adult = refYear - year >= 18;
    const fullName = `${family} ${middle} ${given}`.replace(/\s+/g, ' ');
    const r: GeneratedResident = {
      id_number: id,
      family_name: family,
      middle_name: middle,
      given_name: given,
      full_name: fullName,
      birth_date: p.birthDate,
      sex: p.sex,
      ethnicity: p.ethnicity ?? weighted(ethnicities),
      religion: p.religion ?? weighted(religions),
      nationality: 'Việt Nam',
      marital_status: p.marital,
      blood_type: weighted(bloodTypes),
      birth_place: address(p.commune, ''),
      home_town: address(rnd() < 0.7 ? p.commune : pick(opts.communes), ''),
      permanent_address: p.addr,
      current_address: p.addr,
      father_id: p.fatherId ?? null,
      mother_id: p.motherId ?? null,
      spouse_id: null,
      household_id: p.household,
      relation_to_head: p.relation,
      phone: p.phone !== undefined ? p.phone : adult ? phone() : null,
      email:
        p.email !== undefined
          ? p.email
          : adult && rnd() < 0.3
            ? `${foldAscii(given).toLowerCase()}.${foldAscii(family).toLowerCase()}${int(1, 999)}@example.vn`
            : null,
    };
    residents.push(r);
    return r;
  };
  const marry = (a: GeneratedResident, b: GeneratedResident) => {
    a.spouse_id = b.id_number;
    b.spouse_id = a.id_number;
  };
  let householdSeq = 0;
  const newHousehold = (c: Commune, addr: PopulationAddress) => {
    householdSeq++;
    const id = `HH${String(householdSeq).padStart(6, '0')}`;
    const h: GeneratedHousehold = { id, household_book_no: `${c.code}-${String(householdSeq).padStart(6, '0')}`, head_id: '', address: addr };
    households.push(h);
    return h;
  };

  // 1. The fixed demo residents, so demos and tests can rely on them.
  const demoIds = new Map<string, GeneratedResident>();
  const demoHouseholds = new Map<string, GeneratedHousehold>();
  for (const spec of DEMO_RESIDENTS as DemoResidentSpec[]) {
    const c = communeByCode.get(spec.commune) ?? opts.communes[0];
    let h = demoHouseholds.get(spec.household);
    if (!h) {
      h = newHousehold(c, address(c, spec.addressDetail));
      demoHouseholds.set(spec.household, h);
    }
    const birthDate = spec.birthDate ?? addDays(opts.referenceDate, -(spec.ageDays ?? 0));
    const idNumber = demoIdNumber(spec, opts.referenceDate);
    const r = person({
      sex: spec.sex,
      birthDate,
      family: spec.family,
      middle: spec.middle,
      given: spec.given,
      commune: c,
      addr: h.address,
      household: h.id,
      relation: spec.relation,
      marital: spec.marital,
      idNumber,
      ethnicity: 'Kinh',
      phone: spec.phone ?? null,
      email: spec.email ?? null,
      fatherId: spec.father ? demoIds.get(spec.father)?.id_number : null,
      motherId: spec.mother ? demoIds.get(spec.mother)?.id_number : null,
    });
    demoIds.set(spec.key, r);
    if (spec.relation === 'Chủ hộ') h.head_id = r.id_number;
    if (spec.spouse && demoIds.get(spec.spouse)) marry(r, demoIds.get(spec.spouse)!);
  }

  // 2. Synthetic households until the size is reached.
  while (residents.length < opts.size) {
    const c = homeCommune();
    const addr = address(c);
    const h = newHousehold(c, addr);
    const kind = rnd();
    const headAge = int(24, 70);
    const headSex: 'Nam' | 'Nữ' = rnd() < 0.8 ? 'Nam' : 'Nữ';
    if (kind < 0.68) {
      // a couple with children, sometimes a grandparent
      const husband = person({
        sex: 'Nam',
        birthDate: dateInYear(refYear - headAge),
        commune: c,
        addr,
        household: h.id,
        relation: 'Chủ hộ',
        marital: 'Đã kết hôn',
      });
      const wifeAge = Math.max(20, headAge + int(-6, 2));
      const wife = person({ sex: 'Nữ', birthDate: dateInYear(refYear - wifeAge), commune: c, addr, household: h.id, relation: 'Vợ', marital: 'Đã kết hôn' });
      marry(husband, wife);
      h.head_id = husband.id_number;
      const children = wifeAge < 24 ? int(0, 1) : int(1, 3);
      for (let i = 0; i < children; i++) {
        const motherAgeAtBirth = int(19, Math.min(42, wifeAge));
        const childYear = refYear - wifeAge + motherAgeAtBirth;
        let birthDate = dateInYear(childYear);
        if (birthDate > opts.referenceDate) birthDate = addDays(opts.referenceDate, -int(1, 300));
        // about 1 in 40 couples with a young mother has a newborn still to register
        if (i === children - 1 && wifeAge <= 38 && rnd() < 0.04) birthDate = addDays(opts.referenceDate, -int(1, 60));
        const sex: 'Nam' | 'Nữ' = rnd() < 0.51 ? 'Nam' : 'Nữ';
        person({
          sex,
          birthDate,
          family: husband.family_name,
          commune: c,
          addr,
          household: h.id,
          relation: sex === 'Nam' ? 'Con trai' : 'Con gái',
          marital: 'Chưa kết hôn',
          fatherId: husband.id_number,
          motherId: wife.id_number,
          ethnicity: husband.ethnicity,
          religion: husband.religion,
        });
      }
      if (rnd() < 0.15) {
        const sex: 'Nam' | 'Nữ' = rnd() < 0.4 ? 'Nam' : 'Nữ';
        person({
          sex,
          birthDate: dateInYear(refYear - headAge - int(22, 32)),
          family: sex === 'Nam' ? husband.family_name : undefined,
          commune: c,
          addr,
          household: h.id,
          relation: sex === 'Nam' ? 'Bố' : 'Mẹ',
          marital: 'Góa',
        });
      }
    } else if (kind < 0.8) {
      const head = person({
        sex: headSex,
        birthDate: dateInYear(refYear - int(20, 40)),
        commune: c,
        addr,
        household: h.id,
        relation: 'Chủ hộ',
        marital: 'Chưa kết hôn',
      });
      h.head_id = head.id_number;
    } else if (kind < 0.9) {
      const age = int(60, 88);
      const husband = person({
        sex: 'Nam',
        birthDate: dateInYear(refYear - age),
        commune: c,
        addr,
        household: h.id,
        relation: 'Chủ hộ',
        marital: 'Đã kết hôn',
      });
      const wife = person({
        sex: 'Nữ',
        birthDate: dateInYear(refYear - age + int(0, 5)),
        commune: c,
        addr,
        household: h.id,
        relation: 'Vợ',
        marital: 'Đã kết hôn',
      });
      marry(husband, wife);
      h.head_id = husband.id_number;
    } else {
      // a divorced or widowed parent with children
      const mother = person({
        sex: 'Nữ',
        birthDate: dateInYear(refYear - int(28, 55)),
        commune: c,
        addr,
        household: h.id,
        relation: 'Chủ hộ',
        marital: rnd() < 0.5 ? 'Ly hôn' : 'Góa',
      });
      h.head_id = mother.id_number;
      const n = int(1, 2);
      for (let i = 0; i < n; i++) {
        const age = Math.min(refYear - Number(mother.birth_date.slice(0, 4)) - 19, int(1, 20));
        const sex: 'Nam' | 'Nữ' = rnd() < 0.5 ? 'Nam' : 'Nữ';
        person({
          sex,
          birthDate: dateInYear(refYear - Math.max(0, age)) > opts.referenceDate ? addDays(opts.referenceDate, -200) : dateInYear(refYear - Math.max(0, age)),
          commune: c,
          addr,
          household: h.id,
          relation: sex === 'Nam' ? 'Con trai' : 'Con gái',
          marital: 'Chưa kết hôn',
          motherId: mother.id_number,
        });
      }
    }
  }
  return { residents, households };
}
