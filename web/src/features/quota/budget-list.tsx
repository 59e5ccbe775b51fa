import { useTranslation } from 'react-i18next';
import { formatCompact, formatCost, formatDateTime } from '../../lib/format';

/**
 * One budget in its current window, as `/api/me` and `/api/public/key-usage` report it (read from the
 * same counters admission checks, so what is shown is what the next request is measured against).
 */
export interface BudgetStanding {
  scope: 'key' | 'user';
  unit: 'tokens' | 'cost';
  period: 'hour' | 'day' | 'week' | 'month' | 'total';
  limit: number;
  used: number;
  reserved: number;
  remaining: number;
  /** When the window rolls over; null for a lifetime budget. */
  resetsAt: string | null;
}

const amount = (unit: BudgetStanding['unit'], value: number) =>
  unit === 'cost' ? formatCost(value) : formatCompact(value);

/** Each budget as a bar: used of limit, what is left, and when it resets. */
export function BudgetList({ budgets, empty }: { budgets: readonly BudgetStanding[]; empty: string }) {
  const { t } = useTranslation('limits');
  if (budgets.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <ul className="space-y-4" data-testid="budgets">
      {budgets.map((budget) => {
        const taken = budget.used + budget.reserved;
        const share = budget.limit > 0 ? Math.min(1, taken / budget.limit) : 1;
        const tone = share >= 0.9 ? 'bg-red-500' : share >= 0.7 ? 'bg-amber-500' : 'bg-accent-600';
        const name = t(`budget.${budget.unit}.${budget.period}`);
        return (
          <li key={`${budget.scope}-${budget.unit}-${budget.period}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
              <span className="font-medium text-zinc-800 dark:text-zinc-200">
                {name}
                {budget.scope === 'user' && (
                  <span className="ml-1.5 text-xs font-normal text-zinc-500">{t('budget.shared')}</span>
                )}
              </span>
              <span className="text-zinc-600 tabular-nums dark:text-zinc-300">
                {t('budget.left', { amount: amount(budget.unit, budget.remaining) })}
              </span>
            </div>
            <div
              // The figures below say the same in words; the bar is for the eye only.
              aria-hidden="true"
              className="mt-1.5 h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
            >
              <div className={`h-full rounded-full ${tone}`} style={{ width: `${share * 100}%` }} />
            </div>
            <div className="mt-1 flex flex-wrap justify-between gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
              <span className="tabular-nums">
                {t('budget.usedOf', {
                  used: amount(budget.unit, taken),
                  limit: amount(budget.unit, budget.limit),
                })}
              </span>
              {budget.resetsAt && (
                <span>{t('budget.resets', { date: formatDateTime(budget.resetsAt) })}</span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
