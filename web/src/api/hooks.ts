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

interface MutationOptions<T, V> {
  /** Paths (query keys) whose data this change makes stale; prefixes match. */
  invalidates?: string[];
  /** Toast shown on success (already translated). */
  success?: string | ((data: T, variables: V) => string);
  onSuccess?: (data: T, variables: V) => void;
}

/** A state-changing call: errors always reach the user as a toast. */
export function useApiMutation<T, V = void>(
  request: (variables: V) => { path: string } & RequestOptions,
  options: MutationOptions<T, V> = {},
) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { t } = useTranslation('common');
  return useMutation({
    mutationFn: (variables: V) => {
      const { path, ...rest } = request(variables);
      return api<T>(path, { method: 'POST', ...rest });
    },
    onSuccess: (data, variables) => {
      for (const prefix of options.invalidates ?? []) {
        void queryClient.invalidateQueries({ predicate: (query) => keyStartsWith(query.queryKey, prefix) });
      }
      const message =
        typeof options.success === 'function' ? options.success(data, variables) : options.success;
      if (message) toast.success(message);
      options.onSuccess?.(data, variables);
    },
    onError: (error) => toast.error(t('requestFailed'), errorMessage(error)),
  });
}

function keyStartsWith(key: QueryKey, prefix: string): boolean {
  const first = key[0];
  return typeof first === 'string' && first.startsWith(prefix);
}
