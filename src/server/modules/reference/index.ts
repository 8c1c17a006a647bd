/**
 * The reference-data module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as referenceRoutes } from './routes.ts';
export { cachedCalendar, invalidateCalendar, loadCalendar } from './calendar.ts';
export { AGENCY_CODE, insertBatched, readAdminUnits, readHolidayData, seedReferenceData } from './seed.ts';
