import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/field';

/**
 * The limit fields keys and users share (src/contracts/usage-limits.ts), flat as the API takes them.
 * Token limits count every kind of token; costs and the total budget are USD; null means no limit.
 */
export const limitFields = [
  'rpmLimit',
  'concurrencyLimit',
  'hourlyTokenLimit',
  'dailyTokenLimit',
  'weeklyTokenLimit',
  'monthlyTokenLimit',
  'hourlyCostLimit',
  'dailyCostLimit',
  'weeklyCostLimit',
  'monthlyCostLimit',
  'totalBudget',
] as const;

export type LimitField = (typeof limitFields)[number];
export type LimitValues = Record<LimitField, number | null>;
export type LimitForm = Record<LimitField, string>;

/** Counts take whole numbers; money takes decimals. */
const isCount = (field: LimitField) => !/Cost|Budget/.test(field);

export function limitsToForm(values: Partial<LimitValues> | null | undefined): LimitForm {
  return Object.fromEntries(
    limitFields.map((field) => {
      const value = values?.[field];
      return [field, typeof value === 'number' ? String(value) : ''];
    }),
  ) as LimitForm;
}

/** Form text → the API's fields ('' = no limit); fields that are not a positive number are named. */
export function limitsFromForm(form: LimitForm): { limits: LimitValues; invalid: LimitField[] } {
  const limits = {} as LimitValues;
  const invalid: LimitField[] = [];
  for (const field of limitFields) {
    const text = form[field].trim();
    const value = text === '' ? null : Number(text);
    const bad =
      value !== null &&
      (!Number.isFinite(value) || value <= 0 || (isCount(field) && !Number.isInteger(value)));
    if (bad) invalid.push(field);
    limits[field] = value;
  }
  return { limits, invalid };
}

/** A grid of optional limits; empty means unlimited. */
export function LimitsEditor({
  values,
  onChange,
  invalid = [],
}: {
  values: LimitForm;
  onChange: (values: LimitForm) => void;
  invalid?: readonly LimitField[];
}) {
  const { t } = useTranslation(['limits', 'common']);
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t('title')}</legend>
      <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">{t('hint')}</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {limitFields.map((field) => (
          <TextField
            key={field}
            label={t(`fields.${field}`)}
            inputMode={isCount(field) ? 'numeric' : 'decimal'}
            placeholder={t('common:unlimited')}
            value={values[field]}
            error={invalid.includes(field) ? t(isCount(field) ? 'invalidCount' : 'invalid') : undefined}
            onChange={(event) => onChange({ ...values, [field]: event.target.value })}
          />
        ))}
      </div>
    </fieldset>
  );
}
