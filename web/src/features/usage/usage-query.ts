import { query } from '../../api/client';

export type GroupBy = 'model' | 'key' | 'user' | 'account' | 'client' | 'surface';
export type Interval = 'hour' | 'day';
export type RangePreset = '24h' | '7d' | '30d' | 'custom';

/** The figures the usage API reports for a total, a time bucket or a group (costs in USD). */
export interface UsageFigures {
  requests: number;
  errors: number;
  errorRate: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  cost: number;
  latencyMsAvg: number | null;
  ttfbMsAvg: number | null;
}

export interface UsageBucket extends UsageFigures {
  /** The bucket's start, ISO 8601 (local hours or days of the requested zone). */
  bucket: string;
}

/** One group: `value` is the id (key, user, account) or the value itself (model, client, surface). */
export interface UsageGroup extends UsageFigures {
  value: string | null;
}

/** `GET …/usage/summary`. */
export interface UsageSummary {
  /** The range the server used (widened to whole hours), ISO 8601. */
  from: string;
  to: string;
  totals: UsageFigures;
  series: UsageBucket[];
  groupBy: GroupBy | null;
  totalGroups: number;
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

/** A group's readable name: the key, user or account name when known, else its value. */
export function groupLabel(group: UsageGroup, names?: ReadonlyMap<string, string>): string {
  return (group.value !== null && names?.get(group.value)) || group.value || '';
}

export function totalTokens(figures: UsageFigures): number {
  return figures.inputTokens + figures.outputTokens + figures.cacheWriteTokens + figures.cacheReadTokens;
}

export function errorRate(figures: UsageFigures): number | null {
  return figures.requests === 0 ? null : figures.errors / figures.requests;
}

const noUsage: UsageFigures = {
  requests: 0,
  errors: 0,
  errorRate: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheWriteTokens: 0,
  cacheReadTokens: 0,
  cost: 0,
  latencyMsAvg: null,
  ttfbMsAvg: null,
};

/**
 * Every bucket of the range, empty ones as zeros, so a chart spans the whole range instead of
 * collapsing to the buckets that had traffic. Buckets are the browser's local hours or days: the
 * summary was asked for in the browser's time zone.
 */
export function fillBuckets(summary: UsageSummary, interval: Interval): UsageBucket[] {
  const given = new Map(summary.series.map((bucket) => [new Date(bucket.bucket).getTime(), bucket]));
  const end = new Date(summary.to).getTime();
  const at = new Date(summary.from);
  if (interval === 'day') at.setHours(0, 0, 0, 0);
  else at.setMinutes(0, 0, 0);
  const filled: UsageBucket[] = [];
  // A bound against a pathological range: 31 days of hours is 744 buckets.
  while (at.getTime() < end && filled.length < 2_000) {
    filled.push(given.get(at.getTime()) ?? { ...noUsage, bucket: at.toISOString() });
    given.delete(at.getTime());
    if (interval === 'day') at.setDate(at.getDate() + 1);
    else at.setHours(at.getHours() + 1);
  }
  // Anything the server reported outside the generated steps is kept, in time order.
  return [...filled, ...given.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}
