import type { Kysely } from 'kysely';

// Key policy of SPEC §5 beyond the first release (tags, services, clients, token and cost windows,
// total budget), user-level limits shared by all of a user's keys, and the approval workflow. Lists
// and limit sets are JSON text so the same columns work on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('allowed_services', 'text', (c) => c.notNull().defaultTo('["all"]'))
    .execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('allowed_clients', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('window_limits', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('api_keys').addColumn('total_budget', 'double precision').execute();
  await db.schema
    .alterTable('users')
    .addColumn('policy', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reviewer_comment', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('applications_user')
    .on('applications')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('applications_status')
    .on('applications')
    .columns(['status', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('applications').execute();
  await db.schema.alterTable('users').dropColumn('policy').execute();
  for (const column of ['total_budget', 'window_limits', 'allowed_clients', 'allowed_services', 'tags'])
    await db.schema.alterTable('api_keys').dropColumn(column).execute();
}
