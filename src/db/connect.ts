import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import { usageRecordColumns } from './repositories/usage-repository.js';
import type { Database, UsageRecordsTable } from './schema.js';
import { type BulkInsert, createSqliteBulkInsert } from './sqlite-bulk-insert.js';

export interface StorageOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Called for every query that runs; tests use it to prove the request path runs none. */
  onQuery?: (sql: string) => void;
}

export interface Storage {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** The fast batch insert for usage records, where the dialect has one. */
  usageBulkInsert: BulkInsert<UsageRecordsTable> | undefined;
  /** Cheap liveness query for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl && !options.databaseUrl.startsWith('sqlite:')) {
    throw new Error(
      'DATABASE_URL: only SQLite is built in so far (sqlite:<path>); PostgreSQL comes with cluster mode',
    );
  }
  const file = options.databaseUrl
    ? options.databaseUrl.slice('sqlite:'.length)
    : join(options.dataDir, 'gatehouse.db');
  if (!options.databaseUrl) mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets the usage writer commit while readers (admin API) read; NORMAL sync is durable in WAL
  // mode against process crashes, which is what SPEC §6 asks for.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: onQuery ? (event: LogEvent) => onQuery(event.query.sql) : undefined,
  });
  await migrateToLatest(db);
  return {
    db,
    dialect: 'sqlite',
    usageBulkInsert: createSqliteBulkInsert<UsageRecordsTable>(
      sqlite,
      'usage_records',
      usageRecordColumns,
      onQuery,
    ),
    async ping() {
      sqlite.prepare('select 1').get();
    },
    async close() {
      await db.destroy();
    },
  };
}

async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
