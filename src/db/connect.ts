import { join } from 'node:path';
import { openPostgres } from './open-postgres.js';
import { openSqlite } from './open-sqlite.js';
import type { Storage, StorageOptions } from './storage.js';

export type { Storage, StorageOptions } from './storage.js';

/** Opens the store DATABASE_URL names (SQLite in the data dir by default) and migrates it. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const url = options.databaseUrl;
  if (!url) {
    return openSqlite({
      file: join(options.dataDir, 'gatehouse.db'),
      directory: options.dataDir,
      onQuery: options.onQuery,
    });
  }
  if (url.startsWith('sqlite:')) {
    return openSqlite({ file: url.slice('sqlite:'.length), onQuery: options.onQuery });
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return openPostgres({ url, onQuery: options.onQuery, onConnectionError: options.onConnectionError });
  }
  // Only the scheme is echoed: the rest of the URL may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? 'no scheme';
  throw new Error(`DATABASE_URL: expected sqlite:<path>, postgres://… or postgresql://…, got ${scheme}`);
}
