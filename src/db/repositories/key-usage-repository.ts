import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
}

/**
 * One key's usage totals since a point in time, for the key's own lookup page. Charged requests only
 * (failed attempts that cost nothing are not the key holder's usage), as the budgets count them.
 */
export function createKeyUsageRepository(db: Kysely<Database>) {
  return {
    async totalsSince(keyId: string, from: number): Promise<UsageTotals> {
      const row = await db
        .selectFrom('usage_records')
        .select([
          sql<number>`count(*)`.as('requests'),
          sql<number>`coalesce(sum(input_tokens), 0)`.as('inputTokens'),
          sql<number>`coalesce(sum(output_tokens), 0)`.as('outputTokens'),
          sql<number>`coalesce(sum(cache_read_tokens), 0)`.as('cacheReadTokens'),
          sql<number>`coalesce(sum(cache_write_tokens), 0)`.as('cacheWriteTokens'),
          sql<number>`coalesce(sum(cost), 0)`.as('cost'),
        ])
        .where('key_id', '=', keyId)
        .where('charged', '=', 1)
        .where('created_at', '>=', from)
        .executeTakeFirst();
      // PostgreSQL answers sums and counts as strings (bigint, numeric).
      return {
        requests: Number(row?.requests ?? 0),
        inputTokens: Number(row?.inputTokens ?? 0),
        outputTokens: Number(row?.outputTokens ?? 0),
        cacheReadTokens: Number(row?.cacheReadTokens ?? 0),
        cacheWriteTokens: Number(row?.cacheWriteTokens ?? 0),
        cost: Number(row?.cost ?? 0),
      };
    },
  };
}

export type KeyUsageRepository = ReturnType<typeof createKeyUsageRepository>;
