import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * Applies every pending migration and returns the names it applied (none when the schema is current).
 * Safe when several instances start at once: on PostgreSQL Kysely's Migrator holds an advisory lock
 * while it reads the applied list and migrates, so exactly one instance applies each migration and
 * the others find nothing left to do. SQLite is one process's file, serialised by its own write lock.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
