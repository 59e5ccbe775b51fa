import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';
import { EmptyState } from './states';

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable. */
  sortValue?: (row: T) => string | number | null;
  className?: string;
}

export interface Filter<T> {
  id: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  matches: (row: T, value: string) => boolean;
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: ReadonlyArray<Column<T>>;
  rowKey: (row: T) => string;
  /** Text the search box matches against; no search box without it. */
  searchText?: (row: T) => string;
  filters?: ReadonlyArray<Filter<T>>;
  pageSize?: number;
  /** Row selection for batch actions. */
  selected?: ReadonlySet<string>;
  onSelectedChange?: (selected: Set<string>) => void;
  toolbar?: ReactNode;
  empty?: ReactNode;
  label: string;
}

/** A client-side table: search, filters, sort, pagination and optional selection. */
export function DataTable<T>(props: DataTableProps<T>) {
  const {
    rows,
    columns,
    rowKey,
    searchText,
    filters = [],
    pageSize = 20,
    selected,
    onSelectedChange,
  } = props;
  const { t } = useTranslation('common');
  const [search, setSearch] = useState('');
  const [filterValues, setFilterValues] = useState<Record<string, string>>({});
  const [sort, setSort] = useState<{ id: string; descending: boolean } | null>(null);
  const [page, setPage] = useState(0);

  const visible = useMemo(() => {
    const needle = search.trim().toLowerCase();
    let result = rows.filter(
      (row) =>
        (!needle || !searchText || searchText(row).toLowerCase().includes(needle)) &&
        filters.every(
          (filter) => !filterValues[filter.id] || filter.matches(row, filterValues[filter.id] as string),
        ),
    );
    const column = sort && columns.find((candidate) => candidate.id === sort.id);
    if (sort && column?.sortValue) {
      const value = column.sortValue;
      result = [...result].sort((a, b) => compare(value(a), value(b)) * (sort.descending ? -1 : 1));
    }
    return result;
  }, [rows, search, searchText, filters, filterValues, sort, columns]);

  const pages = Math.max(1, Math.ceil(visible.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = visible.slice(current * pageSize, (current + 1) * pageSize);
  const selectable = selected !== undefined && onSelectedChange !== undefined;
  const allShownSelected = shown.length > 0 && shown.every((row) => selected?.has(rowKey(row)));

  function toggleAll() {
    const next = new Set(selected);
    for (const row of shown) {
      if (allShownSelected) next.delete(rowKey(row));
      else next.add(rowKey(row));
    }
    onSelectedChange?.(next);
  }

  function toggle(key: string) {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onSelectedChange?.(next);
  }

  return (
    <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60">
      {(searchText || filters.length > 0 || props.toolbar) && (
        <div className="flex flex-col gap-2 border-b border-zinc-100 p-3 sm:flex-row sm:items-center dark:border-zinc-800">
          {searchText && (
            <div className="relative sm:w-72">
              <Icon
                name="search"
                className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-zinc-400"
              />
              <input
                type="search"
                value={search}
                onChange={(event) => {
                  setSearch(event.target.value);
                  setPage(0);
                }}
                placeholder={t('search')}
                aria-label={t('search')}
                className="h-9 w-full rounded-md border border-zinc-300 bg-white pr-3 pl-8 text-sm placeholder:text-zinc-400 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/20 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950"
              />
            </div>
          )}
          {filters.map((filter) => (
            <select
              key={filter.id}
              aria-label={filter.label}
              value={filterValues[filter.id] ?? ''}
              onChange={(event) => {
                setFilterValues((values) => ({ ...values, [filter.id]: event.target.value }));
                setPage(0);
              }}
              className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            >
              <option value="">{filter.label}</option>
              {filter.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ))}
          <div className="flex flex-1 flex-wrap items-center justify-end gap-2">{props.toolbar}</div>
        </div>
      )}
      {/* relative: an absolutely placed sr-only header (an actions column) must scroll with the table,
          not widen the whole page on a phone. */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label={props.label}>
          <thead className="bg-zinc-50/80 text-xs font-medium text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              {selectable && (
                <th className="w-10 px-3 py-2.5">
                  <input
                    type="checkbox"
                    checked={allShownSelected}
                    onChange={toggleAll}
                    aria-label={t('selectAll')}
                  />
                </th>
              )}
              {columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  className={`px-3 py-2.5 whitespace-nowrap ${column.className ?? ''}`}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100"
                      onClick={() =>
                        setSort((now) =>
                          now?.id === column.id
                            ? { id: column.id, descending: !now.descending }
                            : { id: column.id, descending: false },
                        )
                      }
                    >
                      {column.header}
                      {sort?.id === column.id && (
                        <span aria-hidden="true">{sort.descending ? '↓' : '↑'}</span>
                      )}
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {shown.map((row) => {
              const key = rowKey(row);
              return (
                <tr key={key} className="hover:bg-zinc-50/70 dark:hover:bg-zinc-800/40" data-row={key}>
                  {selectable && (
                    <td className="px-3 py-2.5">
                      <input
                        type="checkbox"
                        checked={selected?.has(key) ?? false}
                        onChange={() => toggle(key)}
                        aria-label={t('selectRow')}
                      />
                    </td>
                  )}
                  {columns.map((column) => (
                    <td key={column.id} className={`px-3 py-2.5 align-middle ${column.className ?? ''}`}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {shown.length === 0 &&
          (props.empty ?? <EmptyState title={rows.length === 0 ? t('empty') : t('noMatches')} />)}
      </div>
      {visible.length > pageSize && (
        <div className="flex items-center justify-between border-t border-zinc-100 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800">
          <span>{t('pageOf', { page: current + 1, pages, count: visible.length })}</span>
          <div className="flex gap-1">
            <button
              type="button"
              disabled={current === 0}
              onClick={() => setPage(current - 1)}
              aria-label={t('previousPage')}
              className="rounded p-1 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800"
            >
              <Icon name="chevronLeft" />
            </button>
            <button
              type="button"
              disabled={current >= pages - 1}
              onClick={() => setPage(current + 1)}
              aria-label={t('nextPage')}
              className="rounded p-1 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800"
            >
              <Icon name="chevronRight" />
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
