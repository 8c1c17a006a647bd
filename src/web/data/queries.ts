/**
 * The portal's and the citizen's GETs as query options (key + fetch), used with `useQuery(…)`. The back office,
 * administration and metrics have their own (staff/queries.ts, admin/queries.ts, metrics/queries.ts).
 */
import type { ProcedureDetail, ProcedureSummary, PublicResult, StoreItem } from '../api/types.ts';
import type { DossierPaymentView } from '../payments/types.ts';
import { keys, qs } from './keys.ts';
import { apiQuery } from './query.ts';

export interface ProcedureField {
  code: string;
  name: string;
  count: number;
}

export interface AdminUnit {
  code: string;
  name: string;
}

/** Reference data changes with a new release of the catalogue, not while a page is open. */
const REFERENCE_STALE = 60 * 60_000;

export const catalogueQueries = {
  fields: () => ({ ...apiQuery<ProcedureField[]>(keys.catalogue.fields, '/api/procedure-fields'), staleTime: REFERENCE_STALE }),
  search: (params: { q?: string; field?: string; level?: string; pageSize?: number; lang?: 'vi' | 'en' }) =>
    apiQuery<{ total: number; items: ProcedureSummary[] }>(keys.catalogue.search(params), `/api/procedures?${qs(params)}`),
  /** `lang`: the language of the procedure's content (`content`: name, guide…); the definition is the same in both. */
  procedure: (code: string, lang: 'vi' | 'en' = 'vi') => ({
    ...apiQuery<ProcedureDetail>(keys.catalogue.procedure(code, lang), `/api/procedures/${encodeURIComponent(code)}?lang=${lang}`),
    staleTime: 10 * 60_000,
  }),
};

/** Who runs the portal (GET /api/installation): its header and help box. */
export interface PortalInstallation {
  provinceName: string;
  name: string;
  defaultUnitName: string | null;
  portal?: {
    unitName: string;
    communeName: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
    hotline: string | null;
  } | null;
}

export const referenceQueries = {
  installation: () => ({ ...apiQuery<PortalInstallation>(keys.reference.installation, '/api/installation'), staleTime: REFERENCE_STALE }),
  /** The provinces (parent null) or the communes of a province (2025 administrative units). */
  adminUnits: (parent: string | null) => ({
    ...apiQuery<AdminUnit[]>(
      keys.reference.adminUnits(parent),
      parent ? `/api/admin-units?parent=${encodeURIComponent(parent)}` : '/api/admin-units?level=province',
    ),
    staleTime: REFERENCE_STALE,
  }),
};

export const paymentQueries = {
  dossier: (dossierId: string) => apiQuery<DossierPaymentView>(keys.payments.dossier(dossierId), `/api/dossiers/${encodeURIComponent(dossierId)}/payment`),
};

export const storeQueries = {
  mine: () => apiQuery<{ items: StoreItem[] }>(keys.citizen.store, '/api/my/store'),
};

export const publicQueries = {
  result: (id: string) => apiQuery<PublicResult>(keys.public.result(id), `/api/public/results/${encodeURIComponent(id)}`),
};
