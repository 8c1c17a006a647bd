/**
 * The administration's GETs as query options (keys under `admin`, data/keys.ts). Every administrative change made
 * through `useSubmit` (ui.tsx) marks all of them stale, with the reference data and the catalogue they feed.
 */
import type { ProcedureSummary } from '../api/types.ts';
import { keys, qs } from '../data/keys.ts';
import { apiQuery } from '../data/query.ts';
import type {
  AdminUnitRef,
  CalendarDay,
  ChangeEntry,
  Installation,
  Official,
  OrgUnit,
  Page,
  ProcedureVersion,
  PublicCalendarDay,
  WorkingTime,
} from './types.ts';

type Params = Record<string, string | number | undefined>;
const HOUR = 60 * 60_000;

export const adminQueries = {
  /** GET /api/admin/units?status=open|all */
  units: (status: 'open' | 'all') => apiQuery<{ items: OrgUnit[] }>(keys.admin.resource('units', { status }), `/api/admin/units?status=${status}`),
  unit: (id: string) => apiQuery<{ unit: OrgUnit; history: ChangeEntry[] }>(keys.admin.resource('unit', { id }), `/api/admin/units/${encodeURIComponent(id)}`),
  officials: (params: Params) => apiQuery<Page<Official>>(keys.admin.resource('officials', params), `/api/admin/officials?${qs(params)}`),
  official: (id: string) => apiQuery<Official>(keys.admin.resource('official', { id }), `/api/admin/officials/${encodeURIComponent(id)}`),
  changes: (params: Params) => apiQuery<Page<ChangeEntry>>(keys.admin.resource('changes', params), `/api/admin/changes?${qs(params)}`),
  versions: (code: string) =>
    apiQuery<ProcedureVersion[]>(keys.admin.resource('versions', { code }), `/api/admin/procedures/${encodeURIComponent(code)}/versions`),
  calendar: (year: number) => apiQuery<{ year: number; days: CalendarDay[] }>(keys.admin.resource('calendar', { year }), `/api/admin/calendar?year=${year}`),
  workingTime: () => apiQuery<WorkingTime>(keys.admin.resource('working-time'), '/api/admin/working-time'),
};

/** Reference data and the catalogue as the administration reads them. */
export const adminReferenceQueries = {
  installation: () => ({ ...apiQuery<Installation>(keys.reference.installation, '/api/installation'), staleTime: HOUR }),
  communes: (province: string) => ({
    ...apiQuery<AdminUnitRef[]>(keys.reference.adminUnits(province), `/api/admin-units?parent=${encodeURIComponent(province)}`),
    staleTime: HOUR,
  }),
  /** Every unit of the installation (their kinds name the workflow steps' units). */
  orgUnits: () => apiQuery<{ kind: string }[]>(keys.reference.orgUnits(), '/api/org-units'),
  /** The public working calendar of a year, with lunar dates. */
  publicCalendar: (year: number) => apiQuery<PublicCalendarDay[]>(keys.reference.calendar(year), `/api/calendar?year=${year}`),
  procedures: (q: string) => apiQuery<Page<ProcedureSummary>>(keys.catalogue.search({ pageSize: 100, q }), `/api/procedures?${qs({ pageSize: 100, q })}`),
};
