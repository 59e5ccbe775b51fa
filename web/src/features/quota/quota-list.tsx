import { useTranslation } from 'react-i18next';
import { formatCost, formatNumber } from '../../lib/format';

type Tree = Record<string, unknown>;

function flatten(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Tree).flatMap(([name, inner]) =>
      flatten(inner, prefix ? `${prefix}.${name}` : name),
    );
  }
  return prefix ? [[prefix, value]] : [];
}

function isCost(path: string): boolean {
  return /cost|budget|usd/i.test(path);
}

/**
 * Limits or remaining quota as a definition list, whatever their nesting (`costLimits.day`,
 * `remaining.tokens.month`): known names are translated, null reads as unlimited.
 */
export function QuotaList({ values, empty }: { values: Tree | null | undefined; empty: string }) {
  const { t } = useTranslation(['limits', 'common']);
  const entries = flatten(values ?? {}).filter(([, value]) => typeof value === 'number' || value === null);
  if (entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
      {entries.map(([path, value]) => (
        <div
          key={path}
          className="flex items-baseline justify-between gap-3 border-b border-zinc-100 pb-2 text-sm dark:border-zinc-800"
        >
          <dt className="text-zinc-500 dark:text-zinc-400">{t(`fields.${path}`, { defaultValue: path })}</dt>
          <dd className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">
            {value === null
              ? t('common:unlimited')
              : isCost(path)
                ? formatCost(value as number)
                : formatNumber(value as number)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
