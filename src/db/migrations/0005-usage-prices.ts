import type { Kysely } from 'kysely';

// Price overrides set through the admin API, kept as versions: each row takes effect at
// `effective_from`, and a removal is a row with null prices, so what any past moment cost stays known.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('price_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('prices', 'text')
    .addColumn('effective_from', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('price_overrides_model_effective')
    .on('price_overrides')
    .columns(['model', 'effective_from'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('price_overrides').ifExists().execute();
}
