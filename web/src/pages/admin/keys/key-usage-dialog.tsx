import { useTranslation } from 'react-i18next';
import { query } from '../../../api/client';
import { useApi } from '../../../api/hooks';
import type { ApiKeyView, UsageRecordView } from '../../../api/types';
import { StatCard } from '../../../components/card';
import { Dialog } from '../../../components/dialog';
import { EmptyState, QueryState } from '../../../components/states';
import { formatCompact, formatCost, formatDateTime, formatNumber } from '../../../lib/format';

/** A key's recent requests (newest 200) with their totals. */
export function KeyUsageDialog({ apiKey, onClose }: { apiKey: ApiKeyView | null; onClose: () => void }) {
  const { t } = useTranslation('keys');
  const records = useApi<{ records: UsageRecordView[] }>(
    apiKey ? `/admin/api/usage/records${query({ keyId: apiKey.id, limit: 200 })}` : null,
  );
  return (
    <Dialog
      open={apiKey !== null}
      onClose={onClose}
      size="xl"
      title={t('usage.title', { name: apiKey?.name ?? '' })}
    >
      <QueryState query={records}>
        {({ records: rows }) => {
          if (rows.length === 0) return <EmptyState icon="chart" title={t('usage.empty')} />;
          const tokens = rows.reduce(
            (sum, row) =>
              sum + row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens,
            0,
          );
          const cost = rows.reduce((sum, row) => sum + row.cost, 0);
          const errors = rows.filter((row) => row.status >= 400).length;
          return (
            <div className="flex flex-col gap-4">
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                <StatCard label={t('usage.requests')} value={formatNumber(rows.length)} />
                <StatCard label={t('usage.tokens')} value={formatCompact(tokens)} />
                <StatCard label={t('usage.cost')} value={formatCost(cost)} />
                <StatCard label={t('usage.errors')} value={formatNumber(errors)} />
              </div>
              <p className="text-xs text-zinc-500">{t('usage.latest', { count: rows.length })}</p>
              <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
                <table className="w-full text-left text-sm">
                  <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900">
                    <tr>
                      <th className="px-3 py-2">{t('usage.time')}</th>
                      <th className="px-3 py-2">{t('usage.model')}</th>
                      <th className="px-3 py-2 text-right">{t('usage.input')}</th>
                      <th className="px-3 py-2 text-right">{t('usage.output')}</th>
                      <th className="px-3 py-2 text-right">{t('usage.cost')}</th>
                      <th className="px-3 py-2 text-right">{t('usage.status')}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                    {rows.slice(0, 50).map((row) => (
                      <tr key={row.id}>
                        <td className="px-3 py-2 whitespace-nowrap text-zinc-500">
                          {formatDateTime(row.createdAt)}
                        </td>
                        <td className="px-3 py-2 font-mono text-xs">{row.model}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatNumber(row.inputTokens)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">
                          {formatNumber(row.outputTokens)}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">{formatCost(row.cost)}</td>
                        <td
                          className={`px-3 py-2 text-right tabular-nums ${row.status >= 400 ? 'text-red-600 dark:text-red-400' : ''}`}
                        >
                          {row.status}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        }}
      </QueryState>
    </Dialog>
  );
}
