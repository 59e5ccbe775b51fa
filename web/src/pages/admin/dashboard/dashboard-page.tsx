import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../../api/hooks';
import type { AccountView, ApiKeyView } from '../../../api/types';
import { Card, StatCard } from '../../../components/card';
import { Icon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Spinner } from '../../../components/states';
import { Tabs } from '../../../components/tabs';
import { formatCompact, formatCost, formatNumber, formatPercent } from '../../../lib/format';
import { AccountStateBadge } from '../accounts/account-state';
import { LiveFeed } from './live-feed';
import { RequestsChart, TokensChart } from './usage-charts';
import { type GroupRow, type Range, useUsageSummary } from './usage-summary';

function TopList({ rows, label, names }: { rows: GroupRow[]; label: string; names?: Map<string, string> }) {
  const { t } = useTranslation('dashboard');
  if (rows.length === 0) return <EmptyState icon="chart" title={t('noData')} />;
  const max = Math.max(...rows.map((row) => row.requests), 1);
  return (
    <ul className="flex flex-col gap-2.5" aria-label={label}>
      {rows.slice(0, 6).map((row) => (
        <li key={row.group} className="text-sm">
          <div className="mb-1 flex justify-between gap-3">
            <span className="truncate font-medium">{names?.get(row.group) ?? row.group}</span>
            <span className="shrink-0 text-xs text-zinc-500 tabular-nums">
              {formatNumber(row.requests)} · {formatCost(row.cost)}
            </span>
          </div>
          <div className="h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
            <div
              className="h-full rounded-full bg-accent-500"
              style={{ width: `${(row.requests / max) * 100}%` }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

function AccountHealth() {
  const { t } = useTranslation('dashboard');
  const accounts = useApi<{ accounts: AccountView[] }>('/admin/api/accounts', { refetchInterval: 10_000 });
  if (accounts.isPending) return <Spinner />;
  if (accounts.error || !accounts.data) return <ErrorState error={accounts.error} />;
  if (accounts.data.accounts.length === 0) {
    return (
      <EmptyState
        icon="server"
        title={t('noAccounts')}
        action={
          <Link
            to="/accounts"
            className="text-sm font-medium text-accent-600 hover:underline dark:text-accent-400"
          >
            {t('addAccount')}
          </Link>
        }
      />
    );
  }
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {accounts.data.accounts.map((account) => (
        <li key={account.id} className="flex items-center justify-between gap-3 py-2 text-sm">
          <div className="min-w-0">
            <p className="truncate font-medium">{account.name}</p>
            <p className="text-xs text-zinc-500">{t('inFlight', { count: account.inFlight })}</p>
          </div>
          <AccountStateBadge account={account} />
        </li>
      ))}
    </ul>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const [range, setRange] = useState<Range>('24h');
  const summary = useUsageSummary(range);
  const keys = useApi<{ keys: ApiKeyView[] }>('/admin/api/keys');
  const keyNames = new Map((keys.data?.keys ?? []).map((key) => [key.id, key.name]));
  const hourly = range === '24h';
  const data = summary.data;
  const totals = data?.totals;
  const tokens = totals
    ? totals.inputTokens + totals.outputTokens + totals.cacheReadTokens + totals.cacheWriteTokens
    : 0;

  return (
    <>
      <PageHeader
        title={t('title')}
        description={data?.approximate ? t('approximate') : t('description')}
        actions={
          <Tabs<Range>
            label={t('range')}
            value={range}
            onChange={setRange}
            tabs={(['24h', '7d', '30d'] as const).map((value) => ({ value, label: t(`ranges.${value}`) }))}
          />
        }
      />
      {summary.error && <ErrorState error={summary.error} retry={() => summary.refetch()} />}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard
          label={t('requests')}
          icon={<Icon name="activity" />}
          value={totals ? formatNumber(totals.requests) : '—'}
        />
        <StatCard
          label={t('tokens')}
          icon={<Icon name="chart" />}
          value={totals ? formatCompact(tokens) : '—'}
          hint={
            totals &&
            t('tokensHint', {
              input: formatCompact(totals.inputTokens),
              output: formatCompact(totals.outputTokens),
            })
          }
        />
        <StatCard
          label={t('cost')}
          icon={<Icon name="key" />}
          value={totals ? formatCost(totals.cost) : '—'}
        />
        <StatCard
          label={t('errorRate')}
          icon={<Icon name="alert" />}
          value={totals ? formatPercent(totals.requests === 0 ? 0 : totals.errors / totals.requests) : '—'}
          hint={totals && t('errorsHint', { count: totals.errors })}
        />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card title={t('requestsOverTime')}>
          {data ? <RequestsChart series={data.series} hourly={hourly} /> : <Spinner />}
        </Card>
        <Card title={t('tokensOverTime')}>
          {data ? <TokensChart series={data.series} hourly={hourly} /> : <Spinner />}
        </Card>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card title={t('byModel')}>
          {data ? <TopList rows={data.byModel} label={t('byModel')} /> : <Spinner />}
        </Card>
        <Card title={t('topKeys')}>
          {data ? <TopList rows={data.byKey} label={t('topKeys')} names={keyNames} /> : <Spinner />}
        </Card>
        <Card title={t('topUsers')}>
          {data ? <TopList rows={data.byUser} label={t('topUsers')} /> : <Spinner />}
        </Card>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_2fr]">
        <Card title={t('accountHealth')}>
          <AccountHealth />
        </Card>
        <Card title={t('liveFeed')} padded={false}>
          <LiveFeed />
        </Card>
      </div>
    </>
  );
}
