import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { createUsersRepository } from '../../src/db/repositories/users-repository.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { backends, type TestStore } from './storage-backends.js';

const appTables = [
  'accounts',
  'admin_tokens',
  'api_keys',
  'applications',
  'audit_log',
  'login_codes',
  'notification_settings',
  'price_overrides',
  'sessions',
  'usage_records',
  'usage_rollup_state',
  'usage_rollups',
  'users',
];
const createsTable = (sql: string) => /^create table "(?!kysely_)/.test(sql);

describe.each(backends)('migrations on $name', (backend) => {
  let store: TestStore | undefined;
  let reopened: Storage | undefined;
  afterEach(async () => {
    try {
      await reopened?.close();
    } finally {
      await store?.dispose();
      reopened = undefined;
      store = undefined;
    }
  });

  it('creates every table and records every migration', async () => {
    store = await backend.create();
    const tables = await store.storage.db.introspection.getTables();
    expect(tables.map((t) => t.name).sort()).toEqual(appTables);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      store.storage.db,
    );
    const known = Object.keys(await migrationProvider.getMigrations()).sort();
    expect(applied.rows.map((row) => row.name)).toEqual(known);
  });

  it('does nothing when run again, and reopening keeps the data', async () => {
    store = await backend.create();
    expect(await migrateToLatest(store.storage.db)).toEqual([]);
    await createUsersRepository(store.storage.db).insert(
      { id: 'u1', username: 'ann', role: 'user', passwordHash: null },
      1,
    );
    const statements: string[] = [];
    reopened = await openStorage({ ...store.location, onQuery: (sql) => statements.push(sql) });
    expect(statements.filter(createsTable)).toEqual([]);
    expect(await createUsersRepository(reopened.db).findByUsername('ann')).toMatchObject({ id: 'u1' });
  });
});

describe('migrations on postgres, several instances starting at once', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('migrate a fresh database exactly once', async () => {
    const fresh = await createTestDatabase();
    database = fresh;
    const statements: string[] = [];
    const instances = await Promise.all(
      Array.from({ length: 6 }, () =>
        openStorage({
          dataDir: '/nonexistent',
          databaseUrl: fresh.url,
          onQuery: (sql) => statements.push(sql),
        }),
      ),
    );
    try {
      // One instance created each table; the others waited for the lock and found nothing to do.
      expect(statements.filter(createsTable)).toHaveLength(appTables.length);
      const tables = await instances[0]!.db.introspection.getTables();
      expect(tables.map((t) => t.name).sort()).toEqual(appTables);
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(
        instances[0]!.db,
      );
      expect(applied.rows).toHaveLength(Object.keys(await migrationProvider.getMigrations()).length);
      for (const instance of instances) await instance.ping();
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });
});
