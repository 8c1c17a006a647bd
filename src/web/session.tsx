import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api/client.ts';
import type { SessionInfo } from './api/types.ts';

interface SessionState {
  session: SessionInfo | null;
  reload: () => Promise<void>;
  logout: () => Promise<void>;
}

const Ctx = createContext<SessionState>({ session: null, reload: async () => undefined, logout: async () => undefined });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const reload = useCallback(async () => {
    try {
      setSession(await api<SessionInfo>('/api/session'));
    } catch {
      setSession({ authenticated: false, kind: null, user: null, loginAt: null, expiresAt: null });
    }
  }, []);
  const logout = useCallback(async () => {
    const r = await api<{ redirectTo?: string }>('/auth/logout', { method: 'POST', body: {} });
    window.location.assign(r?.redirectTo ?? '/');
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return <Ctx.Provider value={{ session, reload, logout }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);

export function loginHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}
