import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../api/client';
import { useApi } from '../../../api/hooks';
import { Badge } from '../../../components/badge';
import { type Column, DataTable } from '../../../components/data-table';
import { inputClass } from '../../../components/field';
import { QueryState } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';

interface AuditEntry {
  id: string;
  createdAt: string | number;
  actorName?: string | null;
  actorKind?: string;
  action: string;
  method?: string;
  route?: string;
  targetId?: string | null;
  summary?: string | null;
  ip?: string | null;
  status?: number;
}

/** Every admin action: who, what, when and from where. */
export function AuditSection() {
  const { t } = useTranslation('settings');
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const path = useMemo(
    () => `/admin/api/audit${query({ actor: actor.trim(), action: action.trim(), limit: 200 })}`,
    [actor, action],
  );
  const audit = useApi<{ entries?: AuditEntry[]; audit?: AuditEntry[]; events?: AuditEntry[] }>(path);
  const columns: Column<AuditEntry>[] = [
    {
      id: 'time',
      header: t('audit.time'),
      sortValue: (e) => new Date(e.createdAt).getTime(),
      cell: (e) => <span className="whitespace-nowrap text-zinc-500">{formatDateTime(e.createdAt)}</span>,
    },
    {
      id: 'actor',
      header: t('audit.actor'),
      cell: (e) => <span className="font-medium">{e.actorName ?? e.actorKind ?? '—'}</span>,
    },
    { id: 'action', header: t('audit.action'), cell: (e) => <code className="text-xs">{e.action}</code> },
    {
      id: 'target',
      header: t('audit.target'),
      cell: (e) => (
        <span className="text-zinc-600 dark:text-zinc-300">{e.summary ?? e.targetId ?? e.route ?? '—'}</span>
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
      cell: (e) =>
        e.status === undefined ? '—' : <Badge tone={e.status < 400 ? 'green' : 'red'}>{e.status}</Badge>,
    },
  ];
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t('audit.actor')}
          <input className={inputClass} value={actor} onChange={(e) => setActor(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {t('audit.action')}
          <input
            className={inputClass}
            value={action}
            placeholder="keys.create"
            onChange={(e) => setAction(e.target.value)}
          />
        </label>
      </div>
      <QueryState query={audit}>
        {(data) => (
          <DataTable
            label={t('tabs.audit')}
            rows={data.entries ?? data.audit ?? data.events ?? []}
            columns={columns}
            rowKey={(e) => e.id}
            pageSize={25}
            empty={<p className="px-4 py-10 text-center text-sm text-zinc-500">{t('audit.empty')}</p>}
          />
        )}
      </QueryState>
    </div>
  );
}
