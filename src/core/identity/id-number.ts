/**
 * Structure of the 12-digit personal identification number (số định danh cá nhân, Circular 59/2021/TT-BCA):
 *   PPP C YY NNNNNN
 *   PPP    code of the province where the birth was registered (001–096)
 *   C      century and sex: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099, 4/5 = 2100–2199 …
 *   YY     last two digits of the year of birth
 *   NNNNNN random digits
 */
export interface IdNumberParts {
  provinceCode: string;
  sex: 'Nam' | 'Nữ';
  birthYear: number;
  serial: string;
}

export function parseIdNumber(id: string): IdNumberParts | null {
  if (!/^\d{12}$/.test(id)) return null;
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) return null;
  const c = Number(id[3]);
  if (c > 9) return null;
  const century = 1900 + Math.floor(c / 2) * 100;
  return { provinceCode: id.slice(0, 3), sex: c % 2 === 0 ? 'Nam' : 'Nữ', birthYear: century + Number(id.slice(4, 6)), serial: id.slice(6) };
}

export function centurySexDigit(birthYear: number, sex: 'Nam' | 'Nữ'): number {
  const centuryIndex = Math.floor((birthYear - 1900) / 100);
  if (centuryIndex < 0 || centuryIndex > 4) throw new Error(`birth year out of range: ${birthYear}`);
  return centuryIndex * 2 + (sex === 'Nữ' ? 1 : 0);
}

export function composeIdNumber(provinceCode: string, birthYear: number, sex: 'Nam' | 'Nữ', serial: number): string {
  return `${provinceCode.padStart(3, '0')}${centurySexDigit(birthYear, sex)}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

/** Whether the number is well formed and agrees with the birth date and sex when they are known. */
export function validateIdNumberStructure(id: string, known: { birthDate?: string; sex?: 'Nam' | 'Nữ' } = {}): boolean {
  const p = parseIdNumber(id);
  if (!p) return false;
  if (known.birthDate && Number(known.birthDate.slice(0, 4)) !== p.birthYear) return false;
  if (known.sex && known.sex !== p.sex) return false;
  return true;
}
