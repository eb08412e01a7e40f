import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { LoginAnswer, Me, Ok } from '../../api/types';

/** The query key of the signed-in user. */
export const meKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me');
    setCsrfToken(me.csrfToken ?? null);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user as RequireAuth last saw them (so children never see a half-logged-out state). */
export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only for components rendered inside RequireAuth. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside RequireAuth');
  return me;
}

/** Logs in and stores the user and CSRF token. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api.post<LoginAnswer>('/api/auth/login', body),
    onSuccess: (answer) => {
      setCsrfToken(answer.csrfToken);
      client.clear();
      client.setQueryData(meKey, { ...answer.user, csrfToken: answer.csrfToken });
    },
  });
}

/** Ends this session (or every session) and forgets cached data. */
export function useLogout(everywhere = false) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Ok>(everywhere ? '/api/auth/logout-all' : '/api/auth/logout'),
    onSuccess: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(meKey, null);
    },
  });
}

/** Changes the caller's password. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<Ok>('/api/auth/password', body),
    onSuccess: () => client.invalidateQueries({ queryKey: meKey }),
  });
}
