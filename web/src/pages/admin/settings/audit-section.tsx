import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../../api/client';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { type Column, DataTable } from '../../../components/data-table';
import { SelectField } from '../../../components/field';
import { QueryState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';

/** As `GET /admin/api/audit` lists it (newest first). */
interface AuditEntry {
  id: string;
  createdAt: string;
  actorKind: string;
  actorName: string | null;
  /** `METHOD /route/pattern`. */
  action: string;
  targetId: string | null;
  /** The names of the fields sent, never their values. */
  summary: string | null;
  ip: string | null;
  status: number;
}

interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

const pageSize = 200;

/**
 * Every state-changing console and admin request: who, what, when, from where and the outcome. The
 * method and outcome filter on the server; the search box narrows what is loaded; older entries load
 * page by page with the server's cursor.
 */
export function AuditSection() {
  const { t } = useTranslation(['settings', 'common']);
  const [method, setMethod] = useState('');
  const [outcome, setOutcome] = useState('');
  const audit = useInfiniteQuery({
    queryKey: ['/admin/api/audit', method, outcome],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<AuditPage>(`/admin/api/audit${query({ method, outcome, before: pageParam, limit: pageSize })}`, {
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const columns: Column<AuditEntry>[] = [
    {
      id: 'time',
      header: t('audit.time'),
      sortValue: (e) => e.createdAt,
      cell: (e) => <span className="whitespace-nowrap text-zinc-500">{formatDateTime(e.createdAt)}</span>,
    },
    {
      id: 'actor',
      header: t('audit.actor'),
      cell: (e) => <span className="font-medium">{e.actorName ?? e.actorKind}</span>,
    },
    {
      id: 'action',
      header: t('audit.action'),
      cell: (e) => <code className="whitespace-nowrap text-xs">{e.action}</code>,
    },
    {
      id: 'target',
      header: t('audit.target'),
      cell: (e) => (
        // Ids are long (UUIDs) and summaries can list many fields: cut to one line, whole on hover.
        <div className="max-w-56 text-zinc-600 dark:text-zinc-300">
          {e.targetId && (
            <div className="truncate font-mono text-xs" title={e.targetId}>
              {e.targetId}
            </div>
          )}
          {e.summary && (
            <div className="truncate text-xs text-zinc-500" title={e.summary}>
              {e.summary}
            </div>
          )}
          {!e.targetId && !e.summary && '—'}
        </div>
      ),
    },
    {
      id: 'ip',
      header: t('audit.from'),
      cell: (e) => <span className="font-mono text-xs text-zinc-500">{e.ip ?? '—'}</span>,
    },
    {
      id: 'status',
      header: t('audit.status'),
      sortValue: (e) => e.status,
      cell: (e) => <Badge tone={e.status < 400 ? 'green' : 'red'}>{e.status}</Badge>,
    },
  ];
  const loaded = {
    data: audit.data?.pages.flatMap((page) => page.entries),
    error: audit.error,
    isPending: audit.isPending,
    refetch: () => audit.refetch(),
  };
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t('audit.method')}
          value={method}
          onChange={(e) => setMethod(e.target.value)}
          options={[
            { value: '', label: t('audit.anyMethod') },
            ...['POST', 'PUT', 'PATCH', 'DELETE'].map((value) => ({ value, label: value })),
          ]}
        />
        <SelectField
          label={t('audit.outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          options={[
            { value: '', label: t('audit.anyOutcome') },
            { value: 'success', label: t('audit.success') },
            { value: 'failure', label: t('audit.failure') },
          ]}
        />
      </div>
      <QueryState query={loaded}>
        {(entries) => (
          <>
            <DataTable
              label={t('tabs.audit')}
              rows={entries}
              columns={columns}
              rowKey={(e) => e.id}
              searchText={(e) =>
                `${e.actorName ?? e.actorKind} ${e.action} ${e.targetId ?? ''} ${e.ip ?? ''}`
              }
              pageSize={25}
              empty={<p className="px-4 py-10 text-center text-sm text-zinc-500">{t('audit.empty')}</p>}
            />
            {audit.hasNextPage && (
              <div className="flex justify-center">
                <Button size="sm" busy={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()}>
                  {t('audit.older')}
                </Button>
              </div>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
