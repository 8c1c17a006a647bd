/**
 * The roles of a marriage registration (đăng ký kết hôn). Selected by a form with
 * `"prefillRoles": "marriage-registration"`.
 */
import type { NationalPerson } from '../../forms/prefill.ts';
import type { PrefillRoleDeriver } from '../../forms/roles.ts';

/**
 * The applicant (self) is the bride or the groom by sex; the other party is known only when the server has looked
 * them up (`partner`), otherwise left for the citizen to declare. Bindings such as population.bride.tinhTrangHonNhan
 * carry each party's marital status.
 */
export function marriageRoles(self: NationalPerson | null, partner?: NationalPerson | null): Record<string, unknown> {
  if (!self) return {};
  const roles: Record<string, unknown> = { self, applicant: self };
  const selfRole = self.gioiTinh === 'Nữ' ? 'bride' : 'groom';
  const otherRole = selfRole === 'bride' ? 'groom' : 'bride';
  roles[selfRole] = self;
  if (partner !== undefined) {
    roles.partner = partner;
    roles[otherRole] = partner;
  }
  return roles;
}

/** The server does not look the other party up (yet): only the applicant's own role is filled. */
export const marriageRegistration: PrefillRoleDeriver = {
  name: 'marriage-registration',
  roles: ['applicant', 'bride', 'groom'],
  derive: (r) => marriageRoles(r.self),
};
