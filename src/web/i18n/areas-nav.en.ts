import type { areasNavVi } from './areas-nav.vi.ts';

/** English menu labels of the areas that load on demand (see areas-nav.vi.ts). */
export const areasNavEn: typeof areasNavVi = {
  admin: {
    nav: {
      procedures: 'Procedures',
      proceduresHint: 'Find procedures, see their versions and edit a procedure as a new version.',
      units: 'Units',
      unitsHint: 'The organisation tree: add, edit and close units, with their history.',
      officials: 'Officials',
      officialsHint: 'Official accounts, roles in units, deactivation, unlocking, passwords, two-factor authentication.',
      calendar: 'Working calendar',
      calendarHint: 'Public holidays, compensatory days off, make-up working days and working hours.',
      changes: 'Administration log',
      changesHint: 'Every administrative change with its before and after; hash-chain check.',
    },
  },
  metrics: {
    nav: { dashboard: 'Service quality', public: 'Service quality' },
  },
  payments: {
    nav: { reconcile: 'Payment reconciliation' },
  },
  sync: {
    nav: { reconcile: 'National portal sync' },
  },
  lienthong: {
    nav: { staff: 'Linked dossiers' },
  },
  notifications: {
    nav: { profile: 'Account and notifications', failed: 'Failed notifications' },
  },
};
