/** The portal session (GET /api/session, a query under `keys.session`); login and logout are full-page navigations. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './api/client.ts';
import type { SessionInfo } from './api/types.ts';
import { keys } from './data/keys.ts';

/** Anyone whose session cannot be read is treated as not logged in. */
const fetchSession = ({ signal }: { signal: AbortSignal }) =>
  api<SessionInfo>('/api/session', { signal }).catch((e: unknown) => {
    if ((e as Error).name === 'AbortError') throw e;
    return { authenticated: false, kind: null, user: null, loginAt: null, expiresAt: null } satisfies SessionInfo;
  });

export function useSession(): { session: SessionInfo | null; reload: () => Promise<void>; logout: () => Promise<void> } {
  const qc = useQueryClient();
  // The session changes only by logging in or out, both full-page navigations: no need to ask again.
  const { data } = useQuery({ queryKey: keys.session, queryFn: fetchSession, staleTime: Infinity });
  const reload = useCallback(() => qc.invalidateQueries({ queryKey: keys.session }), [qc]);
  const logout = useCallback(async () => {
    const r = await api<{ redirectTo?: string }>('/auth/logout', { method: 'POST', body: {} });
    window.location.assign(r?.redirectTo ?? '/');
  }, []);
  return { session: data ?? null, reload, logout };
}

export function loginHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}
