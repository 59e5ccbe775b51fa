import type { Kysely } from 'kysely';

// Column types are chosen to mean the same on SQLite and PostgreSQL (see db/schema.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_suffix', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('expires_at', 'bigint')
    .addColumn('allowed_models', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('denied_models', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ip_allowlist', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rpm_limit', 'integer')
    .addColumn('concurrency_limit', 'integer')
    .addColumn('group_name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('credential_sealed', 'text', (c) => c.notNull())
    .addColumn('models', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('concurrency_limit', 'integer')
    .addColumn('group_name', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('usage_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('surface', 'text', (c) => c.notNull())
    .addColumn('upstream_format', 'text')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('upstream_model', 'text')
    .addColumn('input_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_read_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_write_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cache_write_1h_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cost', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('charged', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('error_class', 'text')
    .addColumn('stream', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ttfb_ms', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('client_family', 'text', (c) => c.notNull())
    .addColumn('upstream_request_id', 'text')
    .execute();

  // The admin usage list reads newest first, filtered by key, account or model.
  await db.schema.createIndex('usage_records_created_at').on('usage_records').column('created_at').execute();
  await db.schema
    .createIndex('usage_records_key_created_at')
    .on('usage_records')
    .columns(['key_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('usage_records_account_created_at')
    .on('usage_records')
    .columns(['account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['usage_records', 'accounts', 'api_keys', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
