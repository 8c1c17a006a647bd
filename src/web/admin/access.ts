/** Who may open each administration page (the server checks every request again: docs/administration.md). */
export const PAGE_ROLES = {
  procedures: ['catalogue_admin', 'system_admin'],
  units: ['system_admin', 'unit_admin', 'supervisor'],
  officials: ['system_admin', 'unit_admin', 'supervisor'],
  calendar: ['system_admin', 'unit_admin', 'supervisor'],
  changes: ['system_admin', 'unit_admin', 'supervisor', 'catalogue_admin'],
} as const satisfies Record<string, readonly string[]>;

/** Every role that opens at least one administration page. */
export const ADMIN_ROLES = [...new Set(Object.values(PAGE_ROLES).flat())];

/** Roles that change units and officials (supervisors only read). */
export const UNIT_WRITERS = ['system_admin', 'unit_admin'];
/** The only role that edits the working calendar and working hours. */
export const CALENDAR_WRITERS = ['system_admin'];
