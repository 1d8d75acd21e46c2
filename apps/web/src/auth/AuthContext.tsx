import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, sessionStore, type Session } from '../api/client';
import { AREA_OF_ROLE, type Area, type MeView, type Role, type SessionView } from './types';

export interface AuthState {
  me: MeView | null;
  /** True until we know whether the stored session is still good. */
  loading: boolean;
  role: Role | null;
  area: Area | null;
  login(email: string, password: string): Promise<MeView>;
  logout(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export const ME_QUERY_KEY = ['auth', 'me'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => sessionStore.get());
  useEffect(() => sessionStore.subscribe(setSession), []);

  const meQuery = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => api.get<MeView>('/auth/me'),
    enabled: !!session,
    staleTime: 60_000,
    retry: false,
  });
  const me = session ? (meQuery.data ?? null) : null;

  const login = useCallback(
    async (email: string, password: string) => {
      const result = await api.post<SessionView>('/auth/login', { email, password });
      sessionStore.set({ accessToken: result.accessToken, refreshToken: result.refreshToken });
      queryClient.clear();
      return queryClient.fetchQuery({ queryKey: ME_QUERY_KEY, queryFn: () => api.get<MeView>('/auth/me') });
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    const current = sessionStore.get();
    try {
      if (current) await api.post('/auth/logout', { refreshToken: current.refreshToken });
    } finally {
      sessionStore.set(null);
      queryClient.clear();
    }
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    const role = me?.user.role ?? null;
    return {
      me,
      loading: !!session && meQuery.isPending,
      role,
      area: role ? AREA_OF_ROLE[role] : null,
      login,
      logout,
      hasRole: (...roles: Role[]) => !!role && roles.includes(role),
    };
  }, [me, session, meQuery.isPending, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
