import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';
import { Button } from './button';
import { Icon } from './icons';

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation('common');
  return (
    <div className="flex items-center justify-center gap-2 py-10 text-sm text-zinc-500" role="status">
      <span className="size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-accent-600 dark:border-zinc-700 dark:border-t-accent-400" />
      {label ?? t('loading')}
    </div>
  );
}

export function EmptyState({
  title,
  description,
  action,
  icon = 'inbox',
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  icon?: 'inbox' | 'key' | 'server' | 'chart' | 'users' | 'activity';
}) {
  return (
    <div className="flex flex-col items-center justify-center px-4 py-12 text-center">
      <div className="mb-3 rounded-full bg-zinc-100 p-3 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
        <Icon name={icon} className="size-5" />
      </div>
      <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      {description && <p className="mt-1 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{description}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/** A failed load: "not available" for a 404 (this server lacks the API), the message otherwise. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation('common');
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div
        className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center dark:border-zinc-700"
        data-testid="not-available"
      >
        <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{t('notAvailable.title')}</p>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t('notAvailable.description')}</p>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 sm:flex-row sm:items-center dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-300"
    >
      <Icon name="alert" />
      <span className="flex-1">{errorMessage(error)}</span>
      {retry && (
        <Button size="sm" onClick={retry}>
          {t('retry')}
        </Button>
      )}
    </div>
  );
}

/** Loading, error or content for one query. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Spinner />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} retry={() => query.refetch()} />;
  return <>{children(query.data)}</>;
}
