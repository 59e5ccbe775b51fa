import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { StatCard } from '../../components/card';
import { type Column, DataTable } from '../../components/data-table';
import { EmptyState, ErrorState, Spinner } from '../../components/states';
import { formatCompact, formatCost, formatNumber, formatPercent } from '../../lib/format';
import { ExportButtons } from './export-buttons';
import { type FilterChoices, UsageFiltersBar } from './usage-filters';
import {
  defaultFilters,
  type GroupBy,
  groupLabel,
  summaryPath,
  totalTokens,
  type UsageFilters,
  type UsageGroup,
  type UsageSummary,
} from './usage-query';

const UsageCharts = lazy(() => import('./usage-charts'));

/**
 * Filters, totals, charts, a group table and exports over one usage API: `/admin/api/usage` for the
 * whole gateway, `/api/usage` for a user's own keys.
 */
export function UsageExplorer({
  base,
  choices,
  initial = defaultFilters,
  exportable = true,
}: {
  base: string;
  choices: FilterChoices;
  initial?: UsageFilters;
  exportable?: boolean;
}) {
  const [filters, setFilters] = useState(initial);
  const path = useMemo(() => summaryPath(base, filters), [base, filters]);
  const summary = useApi<UsageSummary>(path);
  const names = useMemo(() => namesFor(filters.groupBy, choices), [filters.groupBy, choices]);

  return (
    <>
      <UsageFiltersBar filters={filters} onChange={setFilters} choices={choices} />
      {exportable && (
        <div className="mb-4 flex justify-end">
          <ExportButtons base={base} filters={filters} />
        </div>
      )}
      {summary.isPending ? (
        <Spinner />
      ) : summary.error || !summary.data ? (
        <ErrorState error={summary.error} retry={() => summary.refetch()} />
      ) : (
        <UsageResult summary={summary.data} filters={filters} names={names} />
      )}
    </>
  );
}

/** Groups by key, user or account carry ids; the filter choices know their names. */
function namesFor(groupBy: GroupBy, choices: FilterChoices): ReadonlyMap<string, string> {
  const lists: Partial<Record<GroupBy, FilterChoices['keys']>> = {
    key: choices.keys,
    user: choices.users,
    account: choices.accounts,
  };
  const list = lists[groupBy];
  return new Map((list ?? []).map((choice) => [choice.value, choice.label]));
}

function UsageResult({
  summary,
  filters,
  names,
}: {
  summary: UsageSummary;
  filters: UsageFilters;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation('usage-view');
  const { totals } = summary;
  const groupTitle = t('byGroup', { group: t(`groups.${filters.groupBy}`) });
  return (
    <div className="space-y-4" data-testid="usage-result">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="usage-totals">
        <StatCard label={t('figure.requests')} value={formatNumber(totals.requests)} />
        <StatCard
          label={t('figure.tokens')}
          value={formatCompact(totalTokens(totals))}
          hint={t('tokensHint', {
            input: formatCompact(totals.inputTokens),
            output: formatCompact(totals.outputTokens),
          })}
        />
        <StatCard label={t('figure.cost')} value={formatCost(totals.cost)} />
        <StatCard
          label={t('figure.errorRate')}
          value={formatPercent(totals.requests === 0 ? null : totals.errorRate)}
          hint={
            totals.latencyMsAvg !== null
              ? t('latencyHint', { ms: formatNumber(totals.latencyMsAvg) })
              : undefined
          }
        />
      </div>
      {totals.requests === 0 ? (
        <EmptyState icon="chart" title={t('noData')} description={t('noDataHint')} />
      ) : (
        <>
          <Suspense fallback={<Spinner />}>
            <UsageCharts
              summary={summary}
              groups={summary.groups}
              names={names}
              interval={filters.interval}
              groupTitle={groupTitle}
            />
          </Suspense>
          <GroupTable groups={summary.groups} names={names} title={groupTitle} />
        </>
      )}
    </div>
  );
}

function GroupTable({
  groups,
  names,
  title,
}: {
  groups: UsageGroup[];
  names: ReadonlyMap<string, string>;
  title: string;
}) {
  const { t } = useTranslation('usage-view');
  const label = (group: UsageGroup) => groupLabel(group, names);
  const columns: Column<UsageGroup>[] = [
    {
      id: 'group',
      header: t('group'),
      cell: (group) => (
        <span className="font-medium text-zinc-900 dark:text-zinc-100">
          {label(group) || t('unknownGroup')}
        </span>
      ),
      sortValue: label,
    },
    {
      id: 'requests',
      header: t('figure.requests'),
      cell: (g) => formatNumber(g.requests),
      sortValue: (g) => g.requests,
      className: 'text-right tabular-nums',
    },
    {
      id: 'input',
      header: t('figure.inputTokens'),
      cell: (g) => formatNumber(g.inputTokens),
      sortValue: (g) => g.inputTokens,
      className: 'text-right tabular-nums',
    },
    {
      id: 'output',
      header: t('figure.outputTokens'),
      cell: (g) => formatNumber(g.outputTokens),
      sortValue: (g) => g.outputTokens,
      className: 'text-right tabular-nums',
    },
    {
      id: 'cache',
      header: t('figure.cacheTokens'),
      cell: (g) => formatNumber(g.cacheReadTokens + g.cacheWriteTokens),
      sortValue: (g) => g.cacheReadTokens + g.cacheWriteTokens,
      className: 'text-right tabular-nums',
    },
    {
      id: 'cost',
      header: t('figure.cost'),
      cell: (g) => formatCost(g.cost),
      sortValue: (g) => g.cost,
      className: 'text-right tabular-nums',
    },
    {
      id: 'errors',
      header: t('figure.errors'),
      cell: (g) => formatNumber(g.errors),
      sortValue: (g) => g.errors,
      className: 'text-right tabular-nums',
    },
  ];
  return (
    <div>
      <h2 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
      <DataTable
        rows={groups}
        columns={columns}
        rowKey={(group) => group.value ?? 'unknown'}
        label={title}
        searchText={label}
      />
    </div>
  );
}
