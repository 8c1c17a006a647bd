/** Shapes of the administration API's answers (docs/administration.md, docs/catalogue.md). */
import type { ProcedureDefinition } from '../../core/catalogue/schema.ts';

export const ALL_ROLES = ['reception', 'specialist', 'leader', 'clerk', 'unit_admin', 'supervisor', 'system_admin', 'catalogue_admin'] as const;
export type RoleCode = (typeof ALL_ROLES)[number];
/** Roles only a system administrator grants. */
export const RESERVED_ROLES: readonly string[] = ['system_admin', 'catalogue_admin'];

export interface Membership {
  unitId: string;
  role: string;
}

export interface OrgUnit {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  adminUnitCode: string;
  parentId: string | null;
  agencyCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  succeededBy: string | null;
  status: 'open' | 'closed';
}

export interface Official {
  id: string;
  username: string;
  fullName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  memberships: Membership[];
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export const ENTITY_KINDS = ['org_unit', 'official', 'membership', 'calendar_day', 'working_time', 'procedure'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface ChangeEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string;
  entityKind: EntityKind;
  entityId: string;
  action: string;
  unitIds: string[];
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface ChainCheck {
  entries: number;
  problems: { seq: number; problem: string }[];
}

export const CALENDAR_KINDS = ['holiday', 'compensatory_day_off', 'makeup_working_day'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export interface CalendarDay {
  day: string;
  kind: CalendarKind;
  name: string;
  source: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

export interface PublicCalendarDay {
  day: string;
  kind: CalendarKind;
  name: string;
  source: string;
  lunar: LunarDate;
}

export interface WorkingTime {
  workingTime: { intervals: [string, string][]; sameDayCutoff: string; source?: string };
  origin: 'installation' | 'default';
}

export interface ProcedureSummary {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: 'toan_trinh' | 'mot_phan';
  version: number;
  caseCount: number;
}

export interface ProcedureVersion {
  code: string;
  version: number;
  status: 'active' | 'draft' | 'retired';
  effectiveFrom: string;
  effectiveTo: string | null;
  definition: ProcedureDefinition;
  createdAt: string;
  createdBy: string;
}

export interface AdminUnitRef {
  code: string;
  name: string;
  type: string;
  level: 'province' | 'commune';
  parentCode: string | null;
}

export interface Installation {
  provinceCode: string;
  provinceName: string;
  name: string;
  defaultUnitId: string | null;
  defaultUnitName: string | null;
}

/** One problem found by the server's validation (400 VALIDATION_FAILED). */
export interface ValidationIssue {
  path: string;
  message: string;
}
