import { query } from '../../api/client';

export type GroupBy = 'model' | 'key' | 'user' | 'account' | 'client' | 'surface';
export type Interval = 'hour' | 'day';
export type RangePreset = '24h' | '7d' | '30d' | 'custom';

/** The figures the usage API reports for a total, a time bucket or a group. */
export interface UsageFigures {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  cost: number;
  errors: number;
  latencyMsP50?: number | null;
}

export interface UsageBucket extends UsageFigures {
  bucket: string;
}

/** A group's identity: the API names it by `key` (an id or a value) and may add a readable `label`. */
export interface UsageGroup extends UsageFigures {
  key?: string | null;
  group?: string | null;
  value?: string | null;
  label?: string | null;
  name?: string | null;
}

export interface UsageSummary {
  totals: UsageFigures;
  series: UsageBucket[];
  groups: UsageGroup[];
}

export interface UsageFilters {
  range: RangePreset;
  /** `datetime-local` values, used when range is custom. */
  from: string;
  to: string;
  interval: Interval;
  groupBy: GroupBy;
  keyId: string;
  userId: string;
  model: string;
  accountId: string;
}

export const defaultFilters: UsageFilters = {
  range: '7d',
  from: '',
  to: '',
  interval: 'day',
  groupBy: 'model',
  keyId: '',
  userId: '',
  model: '',
  accountId: '',
};

const presetMs: Record<Exclude<RangePreset, 'custom'>, number> = {
  '24h': 24 * 3_600_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** The time range as ISO instants; presets end now, rounded to the minute so the query key is stable. */
export function resolveRange(filters: UsageFilters, now = Date.now()): { from?: string; to?: string } {
  if (filters.range === 'custom') {
    const from = filters.from ? new Date(filters.from) : null;
    const to = filters.to ? new Date(filters.to) : null;
    return {
      from: from && !Number.isNaN(from.getTime()) ? from.toISOString() : undefined,
      to: to && !Number.isNaN(to.getTime()) ? to.toISOString() : undefined,
    };
  }
  const end = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(end - presetMs[filters.range]).toISOString(), to: new Date(end).toISOString() };
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function parameters(filters: UsageFilters, now: number) {
  return {
    ...resolveRange(filters, now),
    tz: browserTimeZone(),
    interval: filters.interval,
    groupBy: filters.groupBy,
    keyId: filters.keyId,
    userId: filters.userId,
    model: filters.model.trim(),
    accountId: filters.accountId,
  };
}

/** `base` is `/admin/api/usage` for admins or `/api/usage` for a user's own usage. */
export function summaryPath(base: string, filters: UsageFilters, now = Date.now()): string {
  return `${base}/summary${query(parameters(filters, now))}`;
}

export function exportPath(
  base: string,
  filters: UsageFilters,
  format: 'csv' | 'xlsx',
  now = Date.now(),
): string {
  return `${base}/export${query({ format, ...parameters(filters, now) })}`;
}

export function groupId(group: UsageGroup): string {
  return group.key ?? group.group ?? group.value ?? group.name ?? '';
}

export function groupLabel(group: UsageGroup): string {
  return group.label ?? group.name ?? groupId(group);
}

export function totalTokens(figures: UsageFigures): number {
  return figures.inputTokens + figures.outputTokens + figures.cacheWriteTokens + figures.cacheReadTokens;
}

export function errorRate(figures: UsageFigures): number | null {
  return figures.requests === 0 ? null : figures.errors / figures.requests;
}
