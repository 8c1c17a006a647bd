/** The official's session in the back office: who is logged in, with which roles in which units. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.ts';

export interface StaffUser {
  id: string;
  username: string;
  fullName: string;
  roles: { code: string; name: string }[];
  memberships: { unitId: string; role: string }[];
}

interface StaffSessionState {
  /** undefined while loading, null when nobody (or a citizen) is logged in. */
  user: StaffUser | null | undefined;
  reload: () => Promise<void>;
  logout: () => Promise<void>;
  hasRole: (...roles: string[]) => boolean;
}

const Ctx = createContext<StaffSessionState>({ user: undefined, reload: async () => undefined, logout: async () => undefined, hasRole: () => false });

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<StaffUser | null | undefined>(undefined);
  const reload = useCallback(async () => {
    try {
      setUser((await api<{ user: StaffUser }>('/api/staff/me')).user);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) setUser(null);
      else throw err;
    }
  }, []);
  const logout = useCallback(async () => {
    await api('/api/staff/logout', { method: 'POST', body: {} });
    setUser(null);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const hasRole = useCallback((...roles: string[]) => !!user?.memberships.some((m) => roles.includes(m.role)), [user]);
  return <Ctx.Provider value={{ user, reload, logout, hasRole }}>{children}</Ctx.Provider>;
}

export const useStaff = () => useContext(Ctx);
