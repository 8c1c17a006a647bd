import { OFFICIAL_ROLES, STEP_ROLES } from '../../core/workflow/roles.ts';

/** A back-office menu entry, shown to officials who hold one of its roles (any role when empty). */
export interface StaffNavItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  roles: string[];
}

/** Officials who work with dossiers (a catalogue administrator alone does not). */
const OFFICIALS: string[] = OFFICIAL_ROLES.filter((r) => r !== 'catalogue_admin' && r !== 'community_helper' && r !== 'feedback_moderator');

/** The back office's own pages in the menu, with the roles that may use each. */
export const staffNav: StaffNavItem[] = [
  { to: '/can-bo', label: 'staff.nav.home', roles: [] },
  { to: '/can-bo/ho-so-can-xu-ly', label: 'staff.nav.inbox', roles: [...STEP_ROLES] },
  { to: '/can-bo/tiep-nhan', label: 'staff.nav.reception', roles: ['reception'] },
  { to: '/can-bo/tra-cuu', label: 'staff.nav.search', roles: OFFICIALS },
  { to: '/can-bo/so-theo-doi', label: 'staff.nav.register', roles: ['reception', 'leader', 'supervisor'] },
  { to: '/can-bo/doi-soat', label: 'payments.nav.reconcile', roles: ['reception', 'unit_admin', 'supervisor', 'system_admin'] },
  { to: '/can-bo/lien-thong', label: 'lienthong.nav.staff', roles: [...STEP_ROLES, 'supervisor', 'unit_admin'] },
  { to: '/can-bo/dong-bo-dvcqg', label: 'sync.nav.reconcile', roles: ['leader', 'supervisor', 'unit_admin', 'system_admin'] },
  { to: '/can-bo/thong-bao-loi', label: 'notifications.nav.failed', roles: ['reception', 'leader'] },
  { to: '/can-bo/phan-anh', label: 'feedback.nav', roles: ['reception', 'clerk', 'specialist', 'leader', 'system_admin', 'feedback_moderator'] },
  { to: '/can-bo/cong-dong', label: 'community.nav.home', roles: ['community_helper'] },
  { to: '/can-bo/cong-dong/bang-theo-doi', label: 'community.nav.dashboard', roles: ['leader', 'unit_admin', 'supervisor', 'system_admin'] },
];
