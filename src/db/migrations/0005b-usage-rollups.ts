import type { Kysely } from 'kysely';

// Hourly and daily usage aggregates in the configured time zone, one row per bucket and combination
// of key, user, model, account, client and surface ('' stands for none, so the key is never null).
// They outlive the raw records (retention), and are rebuilt idempotently from them (rollups/).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('usage_rollups')
    .addColumn('granularity', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('client_family', 'text', (c) => c.notNull())
    .addColumn('surface', 'text', (c) => c.notNull())
    .addColumn('requests', 'bigint', (c) => c.notNull())
    .addColumn('errors', 'bigint', (c) => c.notNull())
    .addColumn('input_tokens', 'bigint', (c) => c.notNull())
    .addColumn('output_tokens', 'bigint', (c) => c.notNull())
    .addColumn('cache_read_tokens', 'bigint', (c) => c.notNull())
    .addColumn('cache_write_tokens', 'bigint', (c) => c.notNull())
    .addColumn('cost', 'double precision', (c) => c.notNull())
    .addColumn('duration_ms_sum', 'bigint', (c) => c.notNull())
    .addColumn('ttfb_ms_sum', 'bigint', (c) => c.notNull())
    .addColumn('ttfb_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_rollups_pk', [
      'granularity',
      'bucket_start',
      'key_id',
      'user_id',
      'model',
      'account_id',
      'client_family',
      'surface',
    ])
    .execute();
  await db.schema
    .createTable('usage_rollup_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('usage_rollup_state').ifExists().execute();
  await db.schema.dropTable('usage_rollups').ifExists().execute();
}
