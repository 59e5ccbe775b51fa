import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/db/connect.js';
import { DEFAULT_POOL_SIZE, parsePostgresUrl } from '../../src/db/postgres-url.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

describe('parsePostgresUrl', () => {
  it('passes the URL on untouched and uses the default pool without ?pool=', () => {
    const url = 'postgres://gate:p%40ss@db.internal:6543/gatehouse?sslmode=require';
    expect(parsePostgresUrl(url)).toEqual({
      connectionString: url,
      poolSize: DEFAULT_POOL_SIZE,
      location: 'db.internal:6543/gatehouse',
    });
  });

  it('takes ?pool= for itself and keeps the other parameters', () => {
    const parsed = parsePostgresUrl('postgresql://gate@db/gatehouse?pool=25&sslmode=require');
    expect(parsed.poolSize).toBe(25);
    expect(parsed.connectionString).toBe('postgresql://gate@db/gatehouse?sslmode=require');
    expect(parsed.location).toBe('db:5432/gatehouse');
  });

  it.each(['0', '-1', '2.5', 'ten', '', '1001'])('rejects pool=%j', (pool) => {
    expect(() => parsePostgresUrl(`postgres://db/gatehouse?pool=${pool}`)).toThrow(/pool must be/);
  });
});

describe('openStorage choosing a backend', () => {
  it('names an unknown scheme without repeating the password', async () => {
    const attempt = openStorage({ dataDir: '/nonexistent', databaseUrl: 'mysql://gate:hunter2@db/x' });
    await expect(attempt).rejects.toThrow('got mysql:');
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('says which server it could not reach, without the password', async () => {
    const attempt = openStorage({
      dataDir: '/nonexistent',
      databaseUrl: 'postgres://gate:hunter2@127.0.0.1:1/gatehouse',
    });
    await expect(attempt).rejects.toThrow('cannot connect to PostgreSQL at 127.0.0.1:1/gatehouse');
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});

describe('PostgreSQL storage', () => {
  let database: TestDatabase;
  let storage: Storage;
  beforeAll(async () => {
    database = await createTestDatabase();
    // postgresql:// is the other spelling libpq accepts; ?pool= must not reach node-postgres.
    storage = await openStorage({
      dataDir: '/nonexistent',
      databaseUrl: `${database.url.replace(/^postgres:/, 'postgresql:')}?pool=3`,
    });
  });
  afterAll(async () => {
    try {
      await storage?.close();
    } finally {
      await database?.drop();
    }
  });

  it('has no fast usage insert and answers ping', async () => {
    expect(storage.dialect).toBe('postgres');
    expect(storage.usageBulkInsert).toBeUndefined();
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  it('reads bigint, numeric and double precision as numbers', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select 1767225600000::bigint as epoch, count(*) as counted, sum(x) as summed,
             12.5::numeric / 4 as quotient, 0.1::double precision + 0.2 as float
      from (values (2::bigint), (3::bigint)) as t(x)`.execute(storage.db);
    expect(rows[0]).toEqual({
      epoch: 1767225600000,
      counted: 2,
      summed: 5,
      quotient: 3.125,
      float: 0.1 + 0.2,
    });
  });

  it('fails a query rather than round a bigint beyond 2^53', async () => {
    await expect(sql`select 9007199254740993::bigint as big`.execute(storage.db)).rejects.toThrow(
      /outside JavaScript's safe integer range/,
    );
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  it('leaves the process-wide pg type parsers alone', () => {
    expect(pg.types.getTypeParser(pg.types.builtins.INT8, 'text')('42')).toBe('42');
  });

  it('uses the pool size from ?pool=', async () => {
    const busy = Array.from({ length: 6 }, () => sql`select pg_sleep(0.05)`.execute(storage.db));
    const seen = sql<{ n: number }>`
      select count(*) as n from pg_stat_activity
      where datname = current_database() and application_name = 'gatehouse'`.execute(storage.db);
    await Promise.all(busy);
    expect((await seen).rows[0]?.n).toBeLessThanOrEqual(3);
  });
});

describe('closing PostgreSQL storage', () => {
  it('ends every connection of the pool', async () => {
    const database = await createTestDatabase();
    const admin = new pg.Client({ connectionString: database.url });
    try {
      const storage = await openStorage({ dataDir: '/nonexistent', databaseUrl: database.url });
      await Promise.all([storage.ping(), storage.ping(), storage.ping()]);
      await storage.close();
      await expect(storage.ping()).rejects.toThrow();
      await admin.connect();
      const { rows } = await admin.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where datname = current_database() and application_name = 'gatehouse'",
      );
      expect(rows[0]?.n).toBe('0');
    } finally {
      await admin.end();
      await database.drop();
    }
  });
});
