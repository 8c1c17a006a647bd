/** The metrics pages in the back-office menu (the menu is drawn before the metrics area itself is loaded). */
import type { StaffNavItem } from '../staff/nav.ts';
import { MANAGE_ROLES, METRICS_ROLES } from './access.ts';

export const metricsNav: StaffNavItem[] = [{ to: '/can-bo/chi-so', label: 'metrics.nav.dashboard', roles: [...METRICS_ROLES, ...MANAGE_ROLES] }];
