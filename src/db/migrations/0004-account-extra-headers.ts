import type { Kysely } from 'kysely';

// Extra request headers an account sends upstream (OpenRouter's HTTP-Referer and X-Title, a vendor's
// organisation header…), as JSON. Stored sealed: vendors put credentials in headers too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('extra_headers_sealed', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('extra_headers_sealed').execute();
}
