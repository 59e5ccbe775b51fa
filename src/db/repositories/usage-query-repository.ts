import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';

/** The dimensions usage can be grouped or filtered by, and their roll-up columns. */
export const usageDimensions = {
  key: 'key_id',
  user: 'user_id',
  model: 'model',
  account: 'account_id',
  client: 'client_family',
  surface: 'surface',
} as const;

export type UsageDimension = keyof typeof usageDimensions;

export interface UsageFilter {
  from: number;
  to: number;
  keyId?: string | undefined;
  userId?: string | undefined;
  accountId?: string | undefined;
  model?: string | undefined;
  client?: string | undefined;
  surface?: string | undefined;
}

export interface UsageSums {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
  durationMsSum: number;
  ttfbMsSum: number;
  ttfbCount: number;
}

export const usageSortFields = ['requests', 'errors', 'inputTokens', 'outputTokens', 'cost'] as const;
export type UsageSortField = (typeof usageSortFields)[number];

const sums = [
  sql<number>`sum(requests)`.as('requests'),
  sql<number>`sum(errors)`.as('errors'),
  sql<number>`sum(input_tokens)`.as('inputTokens'),
  sql<number>`sum(output_tokens)`.as('outputTokens'),
  sql<number>`sum(cache_read_tokens)`.as('cacheReadTokens'),
  sql<number>`sum(cache_write_tokens)`.as('cacheWriteTokens'),
  sql<number>`sum(cost)`.as('cost'),
  sql<number>`sum(duration_ms_sum)`.as('durationMsSum'),
  sql<number>`sum(ttfb_ms_sum)`.as('ttfbMsSum'),
  sql<number>`sum(ttfb_count)`.as('ttfbCount'),
];

function numeric<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const [name, value] of Object.entries(out))
    if (name !== 'value') out[name] = value === null ? 0 : Number(value);
  return out as T;
}

/** Reads hourly roll-ups: totals, per-hour series and groups, with the same filters everywhere. */
export function createUsageQueryRepository(db: Kysely<Database>) {
  function filtered(filter: UsageFilter): SelectQueryBuilder<Database, 'usage_rollups', object> {
    let query = db
      .selectFrom('usage_rollups')
      .where('granularity', '=', 'hour')
      .where('bucket_start', '>=', filter.from)
      .where('bucket_start', '<', filter.to);
    if (filter.keyId !== undefined) query = query.where('key_id', '=', filter.keyId);
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
    if (filter.model !== undefined) query = query.where('model', '=', filter.model);
    if (filter.client !== undefined) query = query.where('client_family', '=', filter.client);
    if (filter.surface !== undefined) query = query.where('surface', '=', filter.surface);
    return query;
  }

  return {
    async totals(filter: UsageFilter): Promise<UsageSums> {
      const row = await filtered(filter).select(sums).executeTakeFirstOrThrow();
      return numeric(row as UsageSums);
    },
    async hourly(filter: UsageFilter): Promise<(UsageSums & { bucketStart: number })[]> {
      const rows = await filtered(filter)
        .select([sql<number>`bucket_start`.as('bucketStart'), ...sums])
        .groupBy('bucket_start')
        .orderBy('bucket_start')
        .execute();
      return rows.map((row) => numeric(row as UsageSums & { bucketStart: number }));
    },
    async groups(
      filter: UsageFilter,
      dimension: UsageDimension,
      page: { sort: UsageSortField; order: 'asc' | 'desc'; limit: number; offset: number },
    ): Promise<{ total: number; groups: (UsageSums & { value: string })[] }> {
      const column = usageDimensions[dimension];
      const grouped = filtered(filter)
        .select([sql<string>`${sql.ref(column)}`.as('value'), ...sums])
        .groupBy(column);
      const counted = await db
        .selectFrom(grouped.as('grouped'))
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      const rows = await grouped
        .orderBy(sql.ref(page.sort), page.order)
        .orderBy(column)
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return {
        total: Number(counted.n),
        groups: rows.map((row) => numeric(row as UsageSums & { value: string })),
      };
    },
  };
}

export type UsageQueryRepository = ReturnType<typeof createUsageQueryRepository>;
