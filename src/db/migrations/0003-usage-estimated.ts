import type { Kysely } from 'kysely';

// Marks usage records whose token counts Gatehouse estimated because the upstream reported none.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('usage_records')
    .addColumn('estimated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_records').dropColumn('estimated').execute();
}
