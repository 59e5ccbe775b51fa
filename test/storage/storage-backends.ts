import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openStorage, type Storage } from '../../src/db/connect.js';
import { createTestDatabase } from '../support/postgres.js';

/** Where a test store lives, so a test can open it a second time. */
function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'gatehouse-storage-'));
}

export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string;
}

export interface TestStore {
  storage: Storage;
  location: StoreLocation;
  /** Closes the storage and deletes the data dir and, for PostgreSQL, the database. */
  dispose(): Promise<void>;
}

export interface StorageBackend {
  name: 'sqlite' | 'postgres';
  create(onQuery?: (sql: string) => void): Promise<TestStore>;
}

async function createSqliteStore(onQuery?: (sql: string) => void): Promise<TestStore> {
  const dataDir = temporaryDirectory();
  const storage = await openStorage({ dataDir, onQuery });
  return {
    storage,
    location: { dataDir },
    async dispose() {
      try {
        await storage.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function createPostgresStore(onQuery?: (sql: string) => void): Promise<TestStore> {
  const database = await createTestDatabase();
  // The data dir is never written for PostgreSQL; it exists only because StorageOptions asks for one.
  const dataDir = temporaryDirectory();
  const location = { dataDir, databaseUrl: database.url };
  try {
    const storage = await openStorage({ ...location, onQuery });
    return {
      storage,
      location,
      async dispose() {
        try {
          await storage.close();
        } finally {
          await database.drop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export const backends: StorageBackend[] = [
  { name: 'sqlite', create: createSqliteStore },
  { name: 'postgres', create: createPostgresStore },
];

/** Children before parents, so foreign keys never block the clean-up. */
const tables = [
  'usage_records',
  'usage_rollups',
  'usage_rollup_state',
  'price_overrides',
  'api_keys',
  'accounts',
  'users',
] as const;

/**
 * One store per backend for a whole describe block, emptied before each test so tests stay
 * independent without paying for a new database (and a migration) each.
 */
export function useTestStore(backend: StorageBackend, onQuery?: (sql: string) => void): () => TestStore {
  let store: TestStore | undefined;
  beforeAll(async () => {
    store = await backend.create(onQuery);
  });
  afterAll(async () => {
    await store?.dispose();
  });
  beforeEach(async () => {
    for (const table of tables) await current().storage.db.deleteFrom(table).execute();
  });
  function current(): TestStore {
    if (!store) throw new Error(`the ${backend.name} test store did not open`);
    return store;
  }
  return current;
}
