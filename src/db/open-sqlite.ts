import { mkdirSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrate-to-latest.js';
import { usageRecordColumns } from './repositories/usage-repository.js';
import type { Database, UsageRecordsTable } from './schema.js';
import { createSqliteBulkInsert } from './sqlite-bulk-insert.js';
import type { Storage } from './storage.js';

export interface SqliteOptions {
  file: string;
  /** Created first when given (the default data dir may not exist yet on a first start). */
  directory?: string | undefined;
  onQuery?: ((sql: string) => void) | undefined;
}

export async function openSqlite(options: SqliteOptions): Promise<Storage> {
  if (options.directory) mkdirSync(options.directory, { recursive: true });
  const sqlite = new SqliteDatabase(options.file);
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
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
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
