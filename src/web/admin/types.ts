/**
 * Shapes of the administration API's answers (docs/administration.md, docs/catalogue.md): the types of
 * src/contract/admin.ts, under the names the pages import; the role list from src/core/workflow/roles.ts.
 */
export type { ProcedureSummary, ProcedureVersion } from '../../contract/catalogue.ts';
export type { ValidationIssue } from '../../contract/http.ts';
export type { AdminUnit as AdminUnitRef, Installation } from '../../contract/reference.ts';
export {
  CALENDAR_KINDS,
  ENTITY_KINDS,
  type CalendarDay,
  type CalendarKind,
  type ChainCheck,
  type ChangeEntry,
  type EntityKind,
  type LunarDate,
  type Membership,
  type Official,
  type OrgUnit,
  type PublicCalendarDay,
  type WorkingTime,
} from '../../contract/admin.ts';
export { OFFICIAL_ROLES as ALL_ROLES, RESERVED_ROLES, type OfficialRole as RoleCode } from '../../core/workflow/roles.ts';

/** One page of a paged list. */
export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}
