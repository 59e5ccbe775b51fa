import type { Kysely } from 'kysely';

// An optional outbound proxy per account. Sealed like the credential: proxy URLs often carry a password.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('proxy_sealed', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('proxy_sealed').execute();
}
