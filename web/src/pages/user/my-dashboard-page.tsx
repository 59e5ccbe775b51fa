import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/hooks';
import { useSession } from '../../api/session';
import { buttonClass } from '../../components/button';
import { Card, StatCard } from '../../components/card';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { ErrorState, QueryState, Spinner } from '../../components/states';
import { LimitSummary } from '../../features/limits/limit-summary';
import type { LimitValues } from '../../features/limits/limits-editor';
import { BudgetList, type BudgetStanding } from '../../features/quota/budget-list';
import {
  defaultFilters,
  errorRate,
  summaryPath,
  totalTokens,
  type UsageSummary,
} from '../../features/usage/usage-query';
import { formatCompact, formatCost, formatNumber, formatPercent } from '../../lib/format';

/** `GET /api/me`: the caller, their limits (shared by all their keys) and each budget's standing. */
interface Me {
  user: { username: string; displayName: string | null };
  limits?: Partial<LimitValues> & { allowedModels?: string[]; deniedModels?: string[] };
  budgets?: BudgetStanding[];
}

/** A user's home: the last 7 days of their usage, what budget is left, and where to go next. */
export default function MyDashboardPage() {
  const { t } = useTranslation('my-dashboard');
  const { user } = useSession();
  const me = useApi<Me>('/api/me');
  const path = useMemo(
    () => summaryPath('/api/usage', { ...defaultFilters, range: '7d', interval: 'day' }),
    [],
  );
  const usage = useApi<UsageSummary>(path);
  return (
    <>
      <PageHeader
        title={t('title', { name: user?.displayName || user?.username || '' })}
        description={t('description')}
        actions={
          <>
            <Link to="/my/keys" className={buttonClass('primary')}>
              <Icon name="key" />
              {t('manageKeys')}
            </Link>
            <Link to="/my/apply" className={buttonClass('secondary')}>
              <Icon name="send" />
              {t('apply')}
            </Link>
          </>
        }
      />
      <div className="space-y-4">
        {usage.isPending ? (
          <Spinner />
        ) : usage.error || !usage.data ? (
          <ErrorState error={usage.error} retry={() => usage.refetch()} />
        ) : (
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <StatCard
              label={t('requests')}
              value={formatNumber(usage.data.totals.requests)}
              hint={t('last7Days')}
            />
            <StatCard
              label={t('tokens')}
              value={formatCompact(totalTokens(usage.data.totals))}
              hint={t('last7Days')}
            />
            <StatCard label={t('cost')} value={formatCost(usage.data.totals.cost)} hint={t('last7Days')} />
            <StatCard
              label={t('errorRate')}
              value={formatPercent(errorRate(usage.data.totals))}
              hint={t('last7Days')}
            />
          </div>
        )}
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t('remaining')}>
            <QueryState query={me}>
              {(data) => <BudgetList budgets={data.budgets ?? []} empty={t('noLimits')} />}
            </QueryState>
          </Card>
          <Card title={t('limits')}>
            <QueryState query={me}>
              {(data) => <LimitSummary limits={data.limits ?? {}} empty={t('noLimits')} />}
            </QueryState>
          </Card>
        </div>
      </div>
    </>
  );
}
