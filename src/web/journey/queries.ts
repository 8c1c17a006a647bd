/** The citizen journey's GETs as query options (keys in data/keys.ts). */
import { apiQuery } from '../data/query.ts';
import { keys } from '../data/keys.ts';
import type { DossierDetail, DossierListItem, Draft, DraftSummary, LookupResult } from './types.ts';

export const journeyQueries = {
  drafts: () => apiQuery<{ items: DraftSummary[] }>(keys.citizen.drafts(), '/api/drafts'),
  /**
   * The draft being filled in: read once when the page opens, then kept by the page itself (every change is saved
   * with PUT and the answer put back under this key), so no background refetch may overwrite what is being typed;
   * dropped when the page closes, so that opening it again (perhaps after typing on another device) reads it afresh.
   */
  draft: (id: string) => ({
    ...apiQuery<Draft>(keys.citizen.draft(id), `/api/drafts/${encodeURIComponent(id)}`),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  }),
  dossiers: () => apiQuery<{ items: DossierListItem[] }>(keys.citizen.dossiers(), '/api/my/dossiers'),
  dossier: (id: string) => apiQuery<DossierDetail>(keys.citizen.dossier(id), `/api/my/dossiers/${encodeURIComponent(id)}`),
  lookup: (code: string, last4: string) =>
    apiQuery<LookupResult>(keys.public.lookup(code, last4), `/api/public/dossiers/lookup?code=${encodeURIComponent(code)}&last4=${encodeURIComponent(last4)}`),
};
