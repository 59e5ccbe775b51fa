import { useTranslation } from 'react-i18next';
import { inputClass } from '../../components/field';
import type { GroupBy, Interval, RangePreset, UsageFilters } from './usage-query';

export interface FilterChoice {
  value: string;
  label: string;
}

/** The pickers an explorer offers; absent lists (a 404 or a user's own view) hide their filter. */
export interface FilterChoices {
  keys?: FilterChoice[];
  users?: FilterChoice[];
  accounts?: FilterChoice[];
  groupBy: readonly GroupBy[];
}

const selectClass = `${inputClass} h-9 py-1.5`;

function Picker({
  label,
  value,
  onChange,
  options,
  allLabel,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<FilterChoice>;
  allLabel?: string;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
      {label}
      <select className={selectClass} value={value} onChange={(event) => onChange(event.target.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function UsageFiltersBar({
  filters,
  onChange,
  choices,
}: {
  filters: UsageFilters;
  onChange: (filters: UsageFilters) => void;
  choices: FilterChoices;
}) {
  const { t } = useTranslation('usage-view');
  const set = <K extends keyof UsageFilters>(name: K, value: UsageFilters[K]) =>
    onChange({ ...filters, [name]: value });
  const ranges: RangePreset[] = ['24h', '7d', '30d', 'custom'];
  return (
    <section
      aria-label={t('filters')}
      className="mb-4 grid grid-cols-2 gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <Picker
        label={t('range')}
        value={filters.range}
        onChange={(value) => {
          const range = value as RangePreset;
          onChange({ ...filters, range, interval: range === '24h' ? 'hour' : filters.interval });
        }}
        options={ranges.map((range) => ({ value: range, label: t(`ranges.${range}`) }))}
      />
      {filters.range === 'custom' && (
        <>
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
            {t('from')}
            <input
              type="datetime-local"
              className={selectClass}
              value={filters.from}
              onChange={(event) => set('from', event.target.value)}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
            {t('to')}
            <input
              type="datetime-local"
              className={selectClass}
              value={filters.to}
              onChange={(event) => set('to', event.target.value)}
            />
          </label>
        </>
      )}
      <Picker
        label={t('interval')}
        value={filters.interval}
        onChange={(value) => set('interval', value as Interval)}
        options={[
          { value: 'hour', label: t('intervals.hour') },
          { value: 'day', label: t('intervals.day') },
        ]}
      />
      <Picker
        label={t('groupBy')}
        value={filters.groupBy}
        onChange={(value) => set('groupBy', value as GroupBy)}
        options={choices.groupBy.map((group) => ({ value: group, label: t(`groups.${group}`) }))}
      />
      {choices.keys && (
        <Picker
          label={t('key')}
          value={filters.keyId}
          onChange={(value) => set('keyId', value)}
          options={choices.keys}
          allLabel={t('all')}
        />
      )}
      {choices.users && (
        <Picker
          label={t('user')}
          value={filters.userId}
          onChange={(value) => set('userId', value)}
          options={choices.users}
          allLabel={t('all')}
        />
      )}
      {choices.accounts && (
        <Picker
          label={t('account')}
          value={filters.accountId}
          onChange={(value) => set('accountId', value)}
          options={choices.accounts}
          allLabel={t('all')}
        />
      )}
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {t('model')}
        <input
          className={selectClass}
          value={filters.model}
          placeholder={t('modelPlaceholder')}
          onChange={(event) => set('model', event.target.value)}
        />
      </label>
    </section>
  );
}
