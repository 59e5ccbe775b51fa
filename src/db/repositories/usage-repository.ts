import type { Kysely, Selectable } from 'kysely';
import type { UsageRecord } from '../../domain/usage-record.js';
import { fromFlag, toFlag, toNumber } from '../json-column.js';
import type { Database, UsageRecordsTable } from '../schema.js';
import type { BulkInsert } from '../sqlite-bulk-insert.js';

export interface UsageQuery {
  keyId?: string | undefined;
  userId?: string | undefined;
  accountId?: string | undefined;
  model?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
}

/**
 * PostgreSQL refuses NUL in text columns and one bad row would hold back its whole batch; texts that
 * come from upstreams (the model that answered, request ids) are cleaned of NUL on the way in.
 */
function storableText<T extends string | null>(text: T): T {
  return (
    typeof text === 'string' && text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text
  ) as T;
}

function toRow(record: UsageRecord): UsageRecordsTable {
  return {
    id: record.id,
    created_at: record.createdAt,
    key_id: record.keyId,
    user_id: record.userId,
    account_id: record.accountId,
    surface: record.surface,
    upstream_format: record.upstreamFormat,
    model: storableText(record.model),
    upstream_model: storableText(record.upstreamModel),
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cache_read_tokens: record.cacheReadTokens,
    cache_write_tokens: record.cacheWriteTokens,
    cache_write_1h_tokens: record.cacheWrite1hTokens,
    cost: record.cost,
    charged: toFlag(record.charged),
    status: record.status,
    error_class: storableText(record.errorClass),
    stream: toFlag(record.stream),
    partial: toFlag(record.partial),
    estimated: toFlag(record.estimated),
    ttfb_ms: record.ttfbMs,
    duration_ms: record.durationMs,
    client_family: record.clientFamily,
    upstream_request_id: storableText(record.upstreamRequestId),
  };
}

function fromRow(row: Selectable<UsageRecordsTable>): UsageRecord {
  return {
    id: row.id,
    createdAt: toNumber(row.created_at),
    keyId: row.key_id,
    userId: row.user_id,
    accountId: row.account_id,
    surface: row.surface,
    upstreamFormat: row.upstream_format,
    model: row.model,
    upstreamModel: row.upstream_model,
    inputTokens: toNumber(row.input_tokens),
    outputTokens: toNumber(row.output_tokens),
    cacheReadTokens: toNumber(row.cache_read_tokens),
    cacheWriteTokens: toNumber(row.cache_write_tokens),
    cacheWrite1hTokens: toNumber(row.cache_write_1h_tokens),
    cost: Number(row.cost),
    charged: fromFlag(row.charged),
    status: row.status,
    errorClass: row.error_class,
    stream: fromFlag(row.stream),
    partial: fromFlag(row.partial),
    estimated: fromFlag(row.estimated),
    ttfbMs: row.ttfb_ms,
    durationMs: row.duration_ms,
    clientFamily: row.client_family,
    upstreamRequestId: row.upstream_request_id,
  };
}

// Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535. 24 columns a row leave
// room for 1,000 rows (24,000 parameters) on both.
const rowsPerInsert = 1000;

/** The columns in insert order, for dialects that insert through a prepared statement. */
export const usageRecordColumns: readonly (keyof UsageRecordsTable)[] = Object.keys(
  toRow({} as UsageRecord),
) as (keyof UsageRecordsTable)[];

/**
 * `bulkInsert`, when given, is a dialect's fast path for the batch insert (see db/sqlite-bulk-insert.ts);
 * without it the portable Kysely insert is used.
 */
export function createUsageRepository(db: Kysely<Database>, bulkInsert?: BulkInsert<UsageRecordsTable>) {
  return {
    /** Writes a batch in one transaction: all of it lands or none of it does. */
    async insertBatch(records: readonly UsageRecord[]): Promise<void> {
      if (records.length === 0) return;
      if (bulkInsert) {
        bulkInsert(records.map(toRow));
        return;
      }
      await db.transaction().execute(async (trx) => {
        for (let start = 0; start < records.length; start += rowsPerInsert) {
          const rows = records.slice(start, start + rowsPerInsert).map(toRow);
          await trx.insertInto('usage_records').values(rows).execute();
        }
      });
    },
    async list(query: UsageQuery): Promise<UsageRecord[]> {
      let select = db.selectFrom('usage_records').selectAll();
      if (query.keyId) select = select.where('key_id', '=', query.keyId);
      if (query.userId) select = select.where('user_id', '=', query.userId);
      if (query.accountId) select = select.where('account_id', '=', query.accountId);
      if (query.model) select = select.where('model', '=', query.model);
      if (query.from !== undefined) select = select.where('created_at', '>=', query.from);
      if (query.to !== undefined) select = select.where('created_at', '<', query.to);
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(fromRow);
    },
  };
}

export type UsageRepository = ReturnType<typeof createUsageRepository>;
