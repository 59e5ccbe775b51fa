import { useTranslation } from 'react-i18next';
import { formatCost, formatNumber } from '../../lib/format';
import { type LimitValues, limitFields } from './limits-editor';

/** The limits that are set (flat API fields) and any model rules, as a definition list. */
export function LimitSummary({
  limits,
  empty,
}: {
  limits: Partial<LimitValues> & { allowedModels?: string[]; deniedModels?: string[] };
  empty: string;
}) {
  const { t } = useTranslation('limits');
  const set = limitFields.filter((field) => typeof limits[field] === 'number');
  const rules = [
    ['allowedModels', limits.allowedModels ?? []],
    ['deniedModels', limits.deniedModels ?? []],
  ] as const;
  if (set.length === 0 && rules.every(([, models]) => models.length === 0))
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {set.map((field) => (
        <div
          key={field}
          className="flex items-baseline justify-between gap-3 border-b border-zinc-100 pb-2 dark:border-zinc-800"
        >
          <dt className="text-zinc-500 dark:text-zinc-400">{t(`fields.${field}`)}</dt>
          <dd className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">
            {/Cost|Budget/.test(field)
              ? formatCost(limits[field] as number)
              : formatNumber(limits[field] as number)}
          </dd>
        </div>
      ))}
      {rules.map(([name, models]) =>
        models.length === 0 ? null : (
          <div key={name} className="border-b border-zinc-100 pb-2 sm:col-span-2 dark:border-zinc-800">
            <dt className="text-zinc-500 dark:text-zinc-400">{t(name)}</dt>
            <dd className="mt-1 flex flex-wrap gap-1">
              {models.map((model) => (
                <code key={model} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
                  {model}
                </code>
              ))}
            </dd>
          </div>
        ),
      )}
    </dl>
  );
}
