import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/field';

export type Limits = Record<string, unknown>;

/**
 * The limits SPEC §5 names, as dotted paths into a `limits` object. Whatever other numeric limits the
 * server returns are shown too (see limitPaths), so a new limit never disappears from the form.
 */
const knownPaths = [
  'rpmLimit',
  'concurrencyLimit',
  'tokenLimits.hour',
  'tokenLimits.day',
  'tokenLimits.week',
  'tokenLimits.month',
  'costLimits.hour',
  'costLimits.day',
  'costLimits.week',
  'costLimits.month',
  'totalBudget',
];

function leaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([name, inner]) => leaves(inner, prefix ? `${prefix}.${name}` : name));
}

export function limitPaths(limits: Limits | null | undefined): string[] {
  const extra = leaves(limits ?? {}).filter((path) => {
    const value = readPath(limits ?? {}, path);
    return (typeof value === 'number' || value === null) && !knownPaths.includes(path);
  });
  return [...knownPaths, ...extra];
}

export function readPath(limits: Limits, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, part) => (value && typeof value === 'object' ? (value as Limits)[part] : undefined),
      limits,
    );
}

/** Form text per path ('' = no limit) → the nested object the API takes (null = no limit). */
export function limitsFromForm(values: Record<string, string>): { limits: Limits; invalid: string[] } {
  const limits: Limits = {};
  const invalid: string[] = [];
  for (const [path, text] of Object.entries(values)) {
    const trimmed = text.trim();
    const number = trimmed === '' ? null : Number(trimmed);
    if (number !== null && (!Number.isFinite(number) || number < 0)) invalid.push(path);
    const parts = path.split('.');
    let target = limits;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Limits;
    }
    target[parts.at(-1) as string] = number;
  }
  return { limits, invalid };
}

export function limitsToForm(limits: Limits | null | undefined): Record<string, string> {
  return Object.fromEntries(
    limitPaths(limits).map((path) => {
      const value = readPath(limits ?? {}, path);
      return [path, typeof value === 'number' ? String(value) : ''];
    }),
  );
}

/** A grid of optional numbers; empty means unlimited. */
export function LimitsEditor({
  values,
  onChange,
  invalid = [],
}: {
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  invalid?: string[];
}) {
  const { t } = useTranslation('limits');
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('title')}</legend>
      <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">{t('hint')}</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Object.keys(values).map((path) => (
          <TextField
            key={path}
            label={t(`fields.${path}`, { defaultValue: path })}
            inputMode="decimal"
            placeholder={t('common:unlimited')}
            value={values[path] ?? ''}
            error={invalid.includes(path) ? t('invalid') : undefined}
            onChange={(event) => onChange({ ...values, [path]: event.target.value })}
          />
        ))}
      </div>
    </fieldset>
  );
}
