import type { Kysely } from 'kysely';
import type { Database, UsageRecordsTable } from './schema.js';
import type { BulkInsert } from './sqlite-bulk-insert.js';

export interface StorageOptions {
  dataDir: string;
  /**
   * Unset: SQLite in `dataDir`. `sqlite:<path>`: SQLite at that path. `postgres://…` or
   * `postgresql://…`: PostgreSQL (cluster mode), with an optional `?pool=<n>` connection count.
   */
  databaseUrl?: string | undefined;
  /** Called for every query that runs; tests use it to prove the request path runs none. */
  onQuery?: (sql: string) => void;
  /**
   * Called when an idle PostgreSQL connection fails (server restart, network cut). The pool drops the
   * connection and the next query opens a new one, so this is for logging only.
   */
  onConnectionError?: (error: Error) => void;
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
