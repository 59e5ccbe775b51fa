import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the storage tests create their databases on; CI runs PostgreSQL 15 here. */
export const ADMIN_URL =
  process.env.GATEHOUSE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  /** The new database's URL: the admin URL with its database name replaced. */
  url: string;
  /** Drops the database, closing any connection a test left open. */
  drop(): Promise<void>;
}

async function withAdminClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    // Never a skip: the PostgreSQL half of storage is untested without a server, and CI has one.
    throw new Error(
      `PostgreSQL is not reachable at ${new URL(ADMIN_URL).host} (${String(error)}). The storage tests ` +
        'need a PostgreSQL server: start one on 127.0.0.1:5432 with trust auth, or set ' +
        'GATEHOUSE_TEST_POSTGRES_URL to an admin URL that may create databases.',
      { cause: error },
    );
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty, uniquely named database; call `drop()` when the test is done with it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `gatehouse_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      // WITH (FORCE) (PostgreSQL 13+) ends sessions still connected, e.g. a pool a failed test left.
      await withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** Names of leftover test databases (tests assert their own cleanup with it). */
export async function listTestDatabases(): Promise<string[]> {
  return withAdminClient(async (client) => {
    const result = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'gatehouse\\_test\\_%'",
    );
    return result.rows.map((row) => row.datname);
  });
}
