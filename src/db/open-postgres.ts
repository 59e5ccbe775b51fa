import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate-to-latest.js';
import { postgresTypes } from './postgres-types.js';
import { parsePostgresUrl } from './postgres-url.js';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

export interface PostgresOptions {
  url: string;
  onQuery?: ((sql: string) => void) | undefined;
  onConnectionError?: ((error: Error) => void) | undefined;
}

// Bounds both opening a connection and waiting for a free one, so start-up and /ready fail with an
// error instead of hanging when the database is unreachable or the pool is exhausted.
const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * PostgreSQL for cluster mode. The usage batch insert is the portable Kysely one (usage-repository.ts):
 * one multi-row insert per 1,000 records inside a transaction, which PostgreSQL handles well.
 */
export async function openPostgres(options: PostgresOptions): Promise<Storage> {
  const { connectionString, poolSize, location } = parsePostgresUrl(options.url);
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    types: postgresTypes,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    // Names the connections in pg_stat_activity; an application_name in the URL takes precedence.
    application_name: 'gatehouse',
  });
  // Without a listener an idle connection's error (server restart) would crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: onQuery ? (event: LogEvent) => onQuery(event.query.sql) : undefined,
  });
  try {
    await sql`select 1`.execute(db).catch((error: unknown) => {
      throw new Error(`cannot connect to PostgreSQL at ${location}`, { cause: error });
    });
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect: 'postgres',
    usageBulkInsert: undefined,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      // Ends the pool: waits for checked-out connections to be released, then closes them all.
      await db.destroy();
    },
  };
}
