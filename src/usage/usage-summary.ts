import type {
  UsageDimension,
  UsageFilter,
  UsageQueryRepository,
  UsageSortField,
  UsageSums,
} from '../db/repositories/usage-query-repository.js';
import { startOfLocalDay, startOfLocalHour } from './rollups/local-time.js';

/** One row of figures as the API shows it (times ISO 8601, costs in USD). */
export function presentSums(sums: UsageSums) {
  return {
    requests: sums.requests,
    errors: sums.errors,
    errorRate: sums.requests === 0 ? 0 : sums.errors / sums.requests,
    inputTokens: sums.inputTokens,
    outputTokens: sums.outputTokens,
    cacheWriteTokens: sums.cacheWriteTokens,
    cacheReadTokens: sums.cacheReadTokens,
    cost: Math.round(sums.cost * 1e10) / 1e10,
    latencyMsAvg: sums.requests === 0 ? null : Math.round(sums.durationMsSum / sums.requests),
    ttfbMsAvg: sums.ttfbCount === 0 ? null : Math.round(sums.ttfbMsSum / sums.ttfbCount),
  };
}

function addSums(into: UsageSums, row: UsageSums): void {
  into.requests += row.requests;
  into.errors += row.errors;
  into.inputTokens += row.inputTokens;
  into.outputTokens += row.outputTokens;
  into.cacheReadTokens += row.cacheReadTokens;
  into.cacheWriteTokens += row.cacheWriteTokens;
  into.cost += row.cost;
  into.durationMsSum += row.durationMsSum;
  into.ttfbMsSum += row.ttfbMsSum;
  into.ttfbCount += row.ttfbCount;
}

export interface SummaryRequest {
  filter: UsageFilter;
  timeZone: string;
  interval: 'hour' | 'day';
  groupBy: UsageDimension | undefined;
  page: { sort: UsageSortField; order: 'asc' | 'desc'; limit: number; offset: number };
}

/**
 * Totals, a series and groups from the hourly roll-ups. Daily buckets are the requested zone's local
 * days, assembled from hours (exact in every zone whose offset from the configured one is whole hours).
 * The range is widened to whole hours: a record counts in the hour it started.
 */
export async function summarizeUsage(query: UsageQueryRepository, request: SummaryRequest) {
  const filter = {
    ...request.filter,
    from: startOfLocalHour(request.filter.from, request.timeZone),
  };
  const [totals, hours, grouped] = await Promise.all([
    query.totals(filter),
    query.hourly(filter),
    request.groupBy ? query.groups(filter, request.groupBy, request.page) : undefined,
  ]);
  const buckets = new Map<number, UsageSums>();
  for (const { bucketStart, ...sums } of hours) {
    const bucket = request.interval === 'day' ? startOfLocalDay(bucketStart, request.timeZone) : bucketStart;
    const into = buckets.get(bucket);
    if (into) addSums(into, sums);
    else buckets.set(bucket, { ...sums });
  }
  return {
    from: new Date(filter.from).toISOString(),
    to: new Date(filter.to).toISOString(),
    timeZone: request.timeZone,
    interval: request.interval,
    totals: presentSums(totals),
    series: [...buckets.entries()].map(([bucket, sums]) => ({
      bucket: new Date(bucket).toISOString(),
      ...presentSums(sums),
    })),
    groupBy: request.groupBy ?? null,
    totalGroups: grouped?.total ?? 0,
    groups: (grouped?.groups ?? []).map(({ value, ...sums }) => ({ value, ...presentSums(sums) })),
  };
}

export type UsageSummary = Awaited<ReturnType<typeof summarizeUsage>>;
