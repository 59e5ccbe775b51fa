import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { ApiError, api, bearerToken, setBearerToken, setCsrfToken } from './client';

export type Role = 'admin' | 'user';

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  email?: string | null;
  displayName?: string | null;
}

export interface SessionAnswer {
  user: SessionUser;
  csrfToken: string;
}

interface SessionState {
  /** null when nobody is signed in. */
  user: SessionUser | null;
  /** Signed in with an API token rather than a cookie session. */
  viaToken: boolean;
  loading: boolean;
  /** Apply a login answer (password or one-time code). */
  signedIn(answer: SessionAnswer): void;
  /** Check an admin API token and, if it works, use it for this tab. */
  signInWithToken(token: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

const tokenUser: SessionUser = { id: 'api-token', username: 'API token', role: 'admin' };

async function loadSession(): Promise<{ user: SessionUser | null; viaToken: boolean }> {
  if (bearerToken()) {
    try {
      await api('/admin/api/providers');
      return { user: tokenUser, viaToken: true };
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setBearerToken(null);
      else throw error;
    }
  }
  try {
    const answer = await api<SessionAnswer>('/api/auth/session');
    setCsrfToken(answer.csrfToken);
    return { user: answer.user, viaToken: false };
  } catch (error) {
    // 401: nobody signed in. 404: this server has no console sessions (yet); sign in with a token.
    if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
      return { user: null, viaToken: false };
    }
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: loadSession, staleTime: 60_000, retry: 1 });

  const signedIn = useCallback(
    (answer: SessionAnswer) => {
      setCsrfToken(answer.csrfToken);
      queryClient.setQueryData(['session'], { user: answer.user, viaToken: false });
    },
    [queryClient],
  );

  const signInWithToken = useCallback(
    async (token: string) => {
      setBearerToken(token);
      try {
        await api('/admin/api/providers');
      } catch (error) {
        setBearerToken(null);
        throw error;
      }
      queryClient.setQueryData(['session'], { user: tokenUser, viaToken: true });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    const viaToken = bearerToken() !== null;
    setBearerToken(null);
    if (!viaToken) {
      await api('/api/auth/logout', { method: 'POST', body: {} }).catch(() => undefined);
    }
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(['session'], { user: null, viaToken: false });
  }, [queryClient]);

  const value = useMemo<SessionState>(
    () => ({
      user: session.data?.user ?? null,
      viaToken: session.data?.viaToken ?? false,
      loading: session.isPending,
      signedIn,
      signInWithToken,
      signOut,
    }),
    [session.data, session.isPending, signedIn, signInWithToken, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
