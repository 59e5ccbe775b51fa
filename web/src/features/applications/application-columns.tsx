import type { TFunction } from 'i18next';
import { Badge } from '../../components/badge';
import type { Column } from '../../components/data-table';
import { formatDateTime, formatRelative } from '../../lib/format';
import { type Application, describeRequest, statusTone } from './application';

/**
 * The columns the user's own list and the admin's queue share: what kind, what was asked, why (with the
 * reviewer's comment), when, and where it stands. `t` must load the approvals, apply and limits namespaces.
 */
export function applicationColumns(t: TFunction): Column<Application>[] {
  return [
    {
      id: 'kind',
      header: t('approvals:kind'),
      cell: (a) => <Badge tone="violet">{t(`approvals:kinds.${a.kind}`)}</Badge>,
    },
    {
      id: 'change',
      header: t('approvals:requested'),
      cell: (a) => (
        <span className="block min-w-28 text-xs text-zinc-700 dark:text-zinc-300">
          {describeRequest(a, t) || '—'}
        </span>
      ),
    },
    {
      id: 'reason',
      header: t('approvals:reason'),
      cell: (a) => (
        <div className="max-w-xs min-w-40">
          <p className="line-clamp-2 text-zinc-700 dark:text-zinc-300">{a.reason}</p>
          {a.reviewerComment && (
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              {t('approvals:comment')}: {a.reviewerComment}
            </p>
          )}
        </div>
      ),
    },
    {
      id: 'created',
      header: t('approvals:submitted'),
      sortValue: (a) => a.createdAt,
      // Relative ("5 minutes ago") keeps the column narrow; the full time on hover.
      cell: (a) => (
        <span className="whitespace-nowrap text-zinc-500" title={formatDateTime(a.createdAt)}>
          {formatRelative(a.createdAt)}
        </span>
      ),
    },
    {
      id: 'status',
      header: t('approvals:status'),
      cell: (a) => (
        <Badge tone={statusTone[a.status]} dot>
          {t(`approvals:statuses.${a.status}`)}
        </Badge>
      ),
    },
  ];
}
