import { useQuery } from '@tanstack/react-query';
import { ApiError, api, query } from '../../../api/client';
import type { UsageRecordView } from '../../../api/types';

export interface SeriesPoint {
  bucket: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  cost: number;
  errors: number;
}

export interface GroupRow extends Omit<SeriesPoint, 'bucket'> {
  group: string;
}

export interface Summary {
  totals: Omit<SeriesPoint, 'bucket'>;
  series: SeriesPoint[];
  byModel: GroupRow[];
  byKey: GroupRow[];
  byUser: GroupRow[];
  /** True when computed in the browser from the newest raw records (no summary API on this server). */
  approximate: boolean;
}

export type Range = '24h' | '7d' | '30d';

const rangeMs: Record<Range, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

function zero(): Omit<SeriesPoint, 'bucket'> {
  return {
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheWriteTokens: 0,
    cacheReadTokens: 0,
    cost: 0,
    errors: 0,
  };
}

function add(into: Omit<SeriesPoint, 'bucket'>, record: UsageRecordView) {
  into.requests += 1;
  into.inputTokens += record.inputTokens;
  into.outputTokens += record.outputTokens;
  into.cacheWriteTokens += record.cacheWriteTokens;
  into.cacheReadTokens += record.cacheReadTokens;
  into.cost += record.cost;
  if (record.status >= 400) into.errors += 1;
}

/** Group rows as the summary API names them; lenient about the label field's name. */
function readGroups(groups: unknown): GroupRow[] {
  if (!Array.isArray(groups)) return [];
  return groups.map((row: Record<string, unknown>) => ({
    ...zero(),
    ...(row as object),
    group: String(row.group ?? row.key ?? row.value ?? row.name ?? row.id ?? '—'),
  })) as GroupRow[];
}

async function fromSummaryApi(range: Range, signal: AbortSignal): Promise<Summary> {
  const to = new Date();
  const from = new Date(to.getTime() - rangeMs[range]);
  const base = {
    from: from.toISOString(),
    to: to.toISOString(),
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    interval: range === '24h' ? 'hour' : 'day',
  };
  const path = (groupBy?: string) => `/admin/api/usage/summary${query({ ...base, groupBy })}`;
  type Answer = { totals: Summary['totals']; series: SeriesPoint[]; groups?: unknown };
  const [all, model, key, user] = await Promise.all([
    api<Answer>(path(), { signal }),
    api<Answer>(path('model'), { signal }),
    api<Answer>(path('key'), { signal }),
    api<Answer>(path('user'), { signal }),
  ]);
  return {
    totals: { ...zero(), ...all.totals },
    series: all.series ?? [],
    byModel: readGroups(model.groups),
    byKey: readGroups(key.groups),
    byUser: readGroups(user.groups),
    approximate: false,
  };
}

/** Without the summary API: the newest 1000 records of the range, added up here. */
async function fromRecords(range: Range, signal: AbortSignal): Promise<Summary> {
  const now = Date.now();
  const from = now - rangeMs[range];
  const { records } = await api<{ records: UsageRecordView[] }>(
    `/admin/api/usage/records${query({ from: new Date(from).toISOString(), limit: 1000 })}`,
    { signal },
  );
  const bucketMs = range === '24h' ? 3_600_000 : 86_400_000;
  const buckets = new Map<number, SeriesPoint>();
  for (let start = Math.floor(from / bucketMs) * bucketMs; start <= now; start += bucketMs) {
    buckets.set(start, { bucket: new Date(start).toISOString(), ...zero() });
  }
  const totals = zero();
  const groups = {
    model: new Map<string, GroupRow>(),
    key: new Map<string, GroupRow>(),
    user: new Map<string, GroupRow>(),
  };
  for (const record of records) {
    add(totals, record);
    const bucket = buckets.get(Math.floor(new Date(record.createdAt).getTime() / bucketMs) * bucketMs);
    if (bucket) add(bucket, record);
    for (const [name, value] of [
      ['model', record.model],
      ['key', record.keyId],
      ['user', record.userId],
    ] as const) {
      if (!value) continue;
      const map = groups[name];
      const row = map.get(value) ?? { group: value, ...zero() };
      add(row, record);
      map.set(value, row);
    }
  }
  const sorted = (map: Map<string, GroupRow>) => [...map.values()].sort((a, b) => b.requests - a.requests);
  return {
    totals,
    series: [...buckets.values()],
    byModel: sorted(groups.model),
    byKey: sorted(groups.key),
    byUser: sorted(groups.user),
    approximate: true,
  };
}

export function useUsageSummary(range: Range) {
  return useQuery({
    queryKey: ['dashboard-summary', range],
    refetchInterval: 30_000,
    queryFn: async ({ signal }) => {
      try {
        return await fromSummaryApi(range, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return fromRecords(range, signal);
        throw error;
      }
    },
  });
}
