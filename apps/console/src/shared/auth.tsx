import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, currentToken, endSession, setSession, type TokenPair, whenUnauthorized } from './api';

export type Role = 'operator' | 'supervisor' | 'employer' | 'admin';

/** The hotline's user summary (GET /auth/me). */
export interface ConsoleUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgCode: string;
  orgPath: string;
  employerId: string | null;
}

interface AuthState {
  user: ConsoleUser | null;
  /** True until a stored token has been checked. */
  loading: boolean;
  login(username: string, password: string): Promise<ConsoleUser>;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<ConsoleUser | null>(null);
  const [loading, setLoading] = useState(() => currentToken() !== null);
  const queryClient = useQueryClient();

  // Nothing read for one user may be shown to the next on a shared workstation; the server ends the session too.
  const logout = useCallback(() => {
    void endSession();
    queryClient.clear();
    setUser(null);
  }, [queryClient]);

  useEffect(() => {
    whenUnauthorized(logout);
    if (!currentToken()) return;
    api<ConsoleUser>('hotline', '/auth/me')
      .then(setUser, logout)
      .finally(() => setLoading(false));
  }, [logout]);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api<TokenPair & { user: ConsoleUser }>('hotline', '/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      setSession(answer);
      queryClient.clear();
      setUser(answer.user);
      return answer.user;
    },
    [queryClient],
  );

  const value = useMemo(() => ({ user, loading, login, logout }), [user, loading, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; only for pages behind the login. */
export function useUser(): ConsoleUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export const hasAnyRole = (user: ConsoleUser | null, roles: readonly Role[]): boolean =>
  !!user && user.roles.some((role) => roles.includes(role));
