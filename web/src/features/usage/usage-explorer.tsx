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
  errorRate,
  groupId,
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
        <UsageResult summary={summary.data} filters={filters} />
      )}
    </>
  );
}

function UsageResult({ summary, filters }: { summary: UsageSummary; filters: UsageFilters }) {
  const { t } = useTranslation('usage-view');
  const { totals } = summary;
  const groupTitle = t('byGroup', { group: t(`groups.${filters.groupBy}`) });
  return (
    <div className="space-y-4" data-testid="usage-result">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
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
          value={formatPercent(errorRate(totals))}
          hint={
            totals.latencyMsP50 != null
              ? t('latencyHint', { ms: formatNumber(Math.round(totals.latencyMsP50)) })
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
              series={summary.series}
              groups={summary.groups}
              interval={filters.interval}
              groupTitle={groupTitle}
            />
          </Suspense>
          <GroupTable groups={summary.groups} title={groupTitle} />
        </>
      )}
    </div>
  );
}

function GroupTable({ groups, title }: { groups: UsageGroup[]; title: string }) {
  const { t } = useTranslation('usage-view');
  const columns: Column<UsageGroup>[] = [
    {
      id: 'group',
      header: t('group'),
      cell: (group) => (
        <span className="font-medium text-zinc-900 dark:text-zinc-100">
          {groupLabel(group) || t('unknownGroup')}
        </span>
      ),
      sortValue: (group) => groupLabel(group),
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
        rowKey={(group) => groupId(group) || 'unknown'}
        label={title}
        searchText={groupLabel}
      />
    </div>
  );
}
