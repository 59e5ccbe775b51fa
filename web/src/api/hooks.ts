import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useToast } from '../components/toast';
import { api, errorMessage, type RequestOptions } from './client';

/** GET a JSON path; the path is the query key, so every page reading it shares one cache entry. */
export function useApi<T>(path: string | null, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api<T>(path as string, { signal }),
    enabled: path !== null,
    refetchInterval: options.refetchInterval,
  });
}

interface ActionOptions<T, V> {
  /** Paths (query keys) whose data this change makes stale; prefixes match. */
  invalidates?: string[];
  /** Toast shown on success (already translated). */
  success?: string | ((data: T, variables: V) => string);
  onSuccess?: (data: T, variables: V) => void;
}

/** Any state-changing work: errors always reach the user as a toast; stale queries are refreshed. */
export function useAction<T, V = void>(run: (variables: V) => Promise<T>, options: ActionOptions<T, V> = {}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { t } = useTranslation('common');
  return useMutation({
    mutationFn: run,
    onSuccess: (data, variables) => {
      const message =
        typeof options.success === 'function' ? options.success(data, variables) : options.success;
      if (message) toast.success(message);
      options.onSuccess?.(data, variables);
    },
    onError: (error) => toast.error(t('requestFailed'), errorMessage(error)),
    onSettled: () => {
      for (const prefix of options.invalidates ?? []) {
        void queryClient.invalidateQueries({ predicate: (query) => keyStartsWith(query.queryKey, prefix) });
      }
    },
  });
}

/** One API call as an action: `request` names the path and body (POST unless a method is given). */
export function useApiMutation<T, V = void>(
  request: (variables: V) => { path: string } & RequestOptions,
  options: ActionOptions<T, V> = {},
) {
  return useAction<T, V>((variables) => {
    const { path, ...rest } = request(variables);
    return api<T>(path, { method: 'POST', ...rest });
  }, options);
}

function keyStartsWith(key: QueryKey, prefix: string): boolean {
  const first = key[0];
  return typeof first === 'string' && first.startsWith(prefix);
}
