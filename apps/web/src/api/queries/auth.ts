// Session: who is logged in, the demo logins, logging in and out.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, unwrap, type User } from '../client';
import { keys } from './keys';

/**
 * The logged-in user, or null when nobody is. Asked of `/api/auth/session`, which answers a
 * visitor 200 with no user: a 401 from `/api/auth/me` on every login page load would be an
 * error in the browser's console.
 */
/** Who is logged in (null: nobody). Also fetched by the routes' loaders (App.tsx), ahead of the screens. */
export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: async (): Promise<User | null> => (await unwrap(api.GET('/api/auth/session'))).user,
  staleTime: Infinity,
});

export function useMe() {
  return useQuery(meQuery);
}

/**
 * What the page the API served says of the install (a meta tag, apps/api/src/web-ui/web-ui.ts):
 * outside a demo the demo logins do not exist, and asking for them would log a 404 in the
 * browser's console on every visit to the login page. A page without the tag (Vite's dev
 * server) asks.
 */
const demoInstall = () => document.querySelector('meta[name="auditdesk-demo"]')?.getAttribute('content') !== 'false';

/** The demo logins, or null when the install is not a demo (404); not asked for where the page says it is not one. */
export function useDemoLogins() {
  return useQuery({
    queryKey: keys.demoLogins,
    enabled: demoInstall(),
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/demo/logins'));
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: (user) => {
      client.clear();
      client.setQueryData(keys.me, user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSettled: () => {
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}

/**
 * Logs the same person back in where their session ended (e.g. mid-edit), without leaving the
 * page: unlike `useLogin` it keeps the page's data and what is typed, and refetches what was
 * refused.
 */
export function useRelogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: (user) => {
      client.setQueryData(keys.me, user);
      void client.invalidateQueries({ predicate: (query) => query.state.status === 'error' });
    },
  });
}
