/** The administration pages in the back-office menu, each with the roles that may use it. */
import type { StaffNavItem } from '../staff/nav.ts';
import { PAGE_ROLES } from './access.ts';

export const adminNav: StaffNavItem[] = [
  { to: '/can-bo/quan-tri/thu-tuc', label: 'admin.nav.procedures', roles: [...PAGE_ROLES.procedures] },
  { to: '/can-bo/quan-tri/don-vi', label: 'admin.nav.units', roles: [...PAGE_ROLES.units] },
  { to: '/can-bo/quan-tri/can-bo', label: 'admin.nav.officials', roles: [...PAGE_ROLES.officials] },
  { to: '/can-bo/quan-tri/lich', label: 'admin.nav.calendar', roles: [...PAGE_ROLES.calendar] },
  { to: '/can-bo/quan-tri/nhat-ky', label: 'admin.nav.changes', roles: [...PAGE_ROLES.changes] },
];
