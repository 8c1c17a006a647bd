/** The back office's GETs as query options (keys in data/keys.ts; invalidation after actions in data/invalidate.ts). */
import { api, ApiError } from '../api/client.ts';
import type { InboxResponse, ReceptionQueueItem, StaffDossier, StaffSearchResponse } from '../api/types.ts';
import { keys, qs } from '../data/keys.ts';
import { apiQuery } from '../data/query.ts';
import type { StaffUser } from './StaffSession.tsx';

export const staffQueries = {
  /** Who is logged in to the back office; nobody (null) when the server says 401/403. */
  me: () => ({
    queryKey: keys.staff.me,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api<{ user: StaffUser }>('/api/staff/me', { signal }).then(
        (r) => r.user,
        (err: unknown) => {
          if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
          throw err;
        },
      ),
    staleTime: 5 * 60_000,
  }),
  inbox: (params: { filter: string; page: number; pageSize: number; q?: string }) =>
    apiQuery<InboxResponse>(keys.staff.inbox(params), `/api/staff/inbox?${qs(params)}`),
  queue: () => apiQuery<{ items: ReceptionQueueItem[] }>(keys.staff.queue(), '/api/staff/reception/queue'),
  dossier: (id: string) => apiQuery<StaffDossier>(keys.staff.dossier(id), `/api/staff/dossiers/${encodeURIComponent(id)}`),
  search: (params: Record<string, string | number | undefined>) =>
    apiQuery<StaffSearchResponse>(keys.staff.search(params), `/api/staff/dossiers?${qs(params)}`),
};
