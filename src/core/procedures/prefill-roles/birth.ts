/**
 * The roles of a birth registration (đăng ký khai sinh, and the linked procedures that start with one), derived
 * from the logged-in parent's population records. Selected by a form with `"prefillRoles": "birth-registration"`.
 */
import { nationalDate, type NationalHousehold, type NationalPerson, type NationalRelative } from '../../forms/prefill.ts';
import type { PrefillRoleDeriver } from '../../forms/roles.ts';

const relativeOf = (p: NationalPerson | null | undefined, who: 'cha' | 'me' | 'voChong'): NationalRelative | undefined => (p ? p[who] : undefined);

/**
 * The applicant is the mother or the father (by sex); the other parent is the spouse (full record when looked up,
 * else the recorded relative); the newborn is the youngest child born within the last year, whose own record, when
 * it names a parent, wins over the spouse. The household (address, members) is passed through.
 */
export function birthRegistrationRoles(
  self: NationalPerson | null,
  spouse: NationalPerson | null,
  children: NationalPerson[],
  today: string,
  household?: NationalHousehold | null,
): Record<string, unknown> {
  if (!self) return {};
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const born = (c: NationalPerson) => c.ngaySinh ?? nationalDate(c.ngayThangNamSinh) ?? '';
  const newborn = [...children].filter((c) => born(c) >= yearAgo && born(c) <= today).sort((x, y) => born(y).localeCompare(born(x)))[0] ?? null;
  const other = (recorded: NationalRelative | undefined): NationalPerson | NationalRelative | null => {
    if (recorded && spouse && recorded.soDinhDanh !== spouse.soDinhDanh) return recorded;
    return spouse ?? recorded ?? relativeOf(self, 'voChong') ?? null;
  };
  const isMother = self.gioiTinh === 'Nữ';
  const roles: Record<string, unknown> = {
    self,
    spouse,
    newborn,
    children,
    mother: isMother ? self : other(relativeOf(newborn, 'me')),
    father: isMother ? other(relativeOf(newborn, 'cha')) : self,
  };
  if (household !== undefined) roles.household = household;
  return roles;
}

export const birthRegistration: PrefillRoleDeriver = {
  name: 'birth-registration',
  roles: ['mother', 'father', 'newborn'],
  derive: (r) => birthRegistrationRoles(r.self, r.spouse, r.children, r.today, r.household),
};
