/** The official's session in the back office: who is logged in, with which roles in which units (GET /api/staff/me, a query). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../data/keys.ts';
import { staffQueries } from './queries.ts';

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
  /** Why the session could not be read (not a refusal: a lost connection, a server error). */
  error: Error | null;
  /** Reads the session again, after a login: everything cached for the previous official is dropped first. */
  reload: () => Promise<void>;
  logout: () => Promise<void>;
  hasRole: (...roles: string[]) => boolean;
}

const Ctx = createContext<StaffSessionState>({
  user: undefined,
  error: null,
  reload: async () => undefined,
  logout: async () => undefined,
  hasRole: () => false,
});

/** What an official sees depends on who they are: a login or logout drops every back-office answer kept so far. */
const officialData = (key: readonly unknown[]) =>
  ['staff', 'admin', 'metrics', 'payments'].includes(String(key[0])) && !(key[0] === 'staff' && key[1] === 'me');

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery(staffQueries.me());
  const user = query.data;
  const reload = useCallback(async () => {
    qc.removeQueries({ predicate: (q) => officialData(q.queryKey) });
    await qc.invalidateQueries({ queryKey: keys.staff.me });
  }, [qc]);
  const logout = useCallback(async () => {
    await api('/api/staff/logout', { method: 'POST', body: {} });
    qc.removeQueries({ predicate: (q) => officialData(q.queryKey) });
    qc.setQueryData(keys.staff.me, null);
  }, [qc]);
  const hasRole = useCallback((...roles: string[]) => !!user?.memberships.some((m) => roles.includes(m.role)), [user]);
  return <Ctx.Provider value={{ user, error: query.error, reload, logout, hasRole }}>{children}</Ctx.Provider>;
}

export const useStaff = () => useContext(Ctx);
