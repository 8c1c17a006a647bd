/**
 * Autofill: form fields bound to the e-ID claims and to population-database records, so nobody types what the
 * state already knows. Bindings:
 *   eid.<Claim>                      e.g. eid.HoVaTen, eid.SoDinhDanh, eid.NgayThangNamSinh (yyyyMMdd → ISO)
 *   population.<who>.<attribute>     who ∈ self, spouse, mother, father, newborn
 *                                    attribute ∈ hoTen, soDinhDanh, ngaySinh, gioiTinh, danToc, quocTich,
 *                                    tinhTrangHonNhan, thuongTru, noiOHienTai, queQuan, exists
 * For a birth registration the logged-in parent is the mother or the father (by sex), the other parent is the
 * spouse, and the newborn is their youngest child born within the last year. Every filled value keeps its source.
 */
import type { FormDefinition } from '../catalogue/schema.ts';
import type { AddressValue } from './validate.ts';
import { allFields } from './validate.ts';

/** The fields of a population record that bindings can read (the national shape, trimmed). */
export interface PersonRecord {
  soDinhDanh: string;
  hoTen: string;
  ngaySinh: string;
  gioiTinh: 'Nam' | 'Nữ';
  danToc?: string;
  quocTich?: string;
  tinhTrangHonNhan?: string;
  thuongTru?: { maTinhThanh: string; maPhuongXa: string; chiTiet: string };
  noiOHienTai?: { maTinhThanh: string; maPhuongXa: string; chiTiet: string };
  queQuan?: { maTinhThanh: string; maPhuongXa: string; chiTiet: string };
}

export interface PrefillSources {
  eid: Record<string, unknown>;
  population: Partial<Record<'self' | 'spouse' | 'mother' | 'father' | 'newborn', PersonRecord | null>>;
}

export interface Provenance {
  source: string;
  value: unknown;
}

const toAddress = (a: { maTinhThanh: string; maPhuongXa: string; chiTiet: string }): AddressValue => ({
  provinceCode: a.maTinhThanh,
  communeCode: a.maPhuongXa,
  detail: a.chiTiet,
});

export function resolveBinding(binding: string, sources: PrefillSources): unknown {
  const [root, a, b] = binding.split('.');
  if (root === 'eid' && a) {
    const v = sources.eid[a];
    if (typeof v === 'string' && /^\d{8}$/.test(v) && /NgayThangNamSinh|Ngay/.test(a)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    return v === undefined || v === null || v === '' ? undefined : v;
  }
  if (root === 'population' && a && b) {
    const person = sources.population[a as keyof PrefillSources['population']];
    if (b === 'exists') return person === undefined ? undefined : person !== null;
    if (!person) return undefined;
    const v = (person as unknown as Record<string, unknown>)[b];
    if (v && typeof v === 'object' && 'maPhuongXa' in (v as object)) return toAddress(v as PersonRecord['thuongTru'] & object);
    return v === undefined || v === null || v === '' ? undefined : v;
  }
  return undefined;
}

/** Fills every bound top-level field that has a value in the sources. */
export function resolvePrefill(def: FormDefinition, sources: PrefillSources): { values: Record<string, unknown>; provenance: Record<string, Provenance> } {
  const values: Record<string, unknown> = {};
  const provenance: Record<string, Provenance> = {};
  for (const f of allFields(def)) {
    if (!f.prefill) continue;
    const v = resolveBinding(f.prefill, sources);
    if (v === undefined) continue;
    values[f.key] = v;
    provenance[f.key] = { source: f.prefill, value: v };
  }
  return { values, provenance };
}

/** The family roles of a birth registration, from the logged-in person's population record. */
export function birthRegistrationRoles(self: PersonRecord | null, spouse: PersonRecord | null, children: PersonRecord[], today: string): PrefillSources['population'] {
  if (!self) return {};
  const mother = self.gioiTinh === 'Nữ' ? self : spouse;
  const father = self.gioiTinh === 'Nam' ? self : spouse;
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const newborn = [...children].filter((c) => c.ngaySinh >= yearAgo).sort((x, y) => y.ngaySinh.localeCompare(x.ngaySinh))[0] ?? null;
  return { self, spouse, mother: mother ?? null, father: father ?? null, newborn };
}
