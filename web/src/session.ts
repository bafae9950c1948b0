import { QueryCache, QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchMe, isApiError, signIn, signOut, updateMe } from "./api";
import type { TMe } from "./contracts";
import { chooseLanguage, hasChosenLanguage, type Language } from "./i18n";

export const meQueryKey = ["me"] as const;

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A 401 from anything but /me means the session ended (expired, signed out in another tab):
        // forget the user so the header and guarded pages update.
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== meQueryKey[0]) {
          client.setQueryData<TMe | null>(meQueryKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Problems the client caused (4xx) will not go away by asking again.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  return client;
}

/** The signed-in user (`null` when signed out), shared by every component through the `["me"]` query. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal) });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: async (me) => {
      queryClient.setQueryData<TMe | null>(meQueryKey, me);
      // The account's own language applies unless the reader already chose one in this browser.
      if (!hasChosenLanguage()) await chooseLanguage(me.user.locale);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      // Whatever the server said, nothing of the previous user may stay in the cache.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData<TMe | null>(meQueryKey, null);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

/** Switches the language and, for a signed-in user, saves it as their preference (best effort). */
export function useSwitchLanguage(): (lang: Language) => Promise<void> {
  const queryClient = useQueryClient();
  return async (lang) => {
    await chooseLanguage(lang);
    const me = queryClient.getQueryData<TMe | null>(meQueryKey);
    if (me && me.user.locale !== lang) {
      updateMe({ locale: lang }).then(
        (updated) => queryClient.setQueryData<TMe | null>(meQueryKey, updated),
        (error: unknown) => console.warn("Could not save the language preference", error),
      );
    }
  };
}
