import type { Kysely, Selectable } from 'kysely';
import type { ApiKey } from '../../domain/api-key.js';
import { fromFlag, fromJsonColumn, toFlag, toJsonColumn, toNumber } from '../json-column.js';
import type { ApiKeysTable, Database } from '../schema.js';

export interface StoredKey extends ApiKey {
  keyHash: string;
}

export type KeyInsert = Omit<StoredKey, 'createdAt' | 'updatedAt' | 'deletedAt'>;
export type KeyChanges = Partial<Omit<StoredKey, 'id' | 'keyHash' | 'keySuffix' | 'createdAt' | 'updatedAt'>>;

function fromRow(row: Selectable<ApiKeysTable>): StoredKey {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    keyHash: row.key_hash,
    keySuffix: row.key_suffix,
    enabled: fromFlag(row.enabled),
    expiresAt: row.expires_at === null ? null : toNumber(row.expires_at),
    allowedModels: fromJsonColumn<string[]>(row.allowed_models, []),
    deniedModels: fromJsonColumn<string[]>(row.denied_models, []),
    ipAllowlist: fromJsonColumn<string[]>(row.ip_allowlist, []),
    rpmLimit: row.rpm_limit,
    concurrencyLimit: row.concurrency_limit,
    group: row.group_name,
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
    deletedAt: row.deleted_at === null ? null : toNumber(row.deleted_at),
  };
}

function toColumns(changes: KeyChanges): Partial<ApiKeysTable> {
  const columns: Partial<ApiKeysTable> = {};
  if (changes.name !== undefined) columns.name = changes.name;
  if (changes.userId !== undefined) columns.user_id = changes.userId;
  if (changes.enabled !== undefined) columns.enabled = toFlag(changes.enabled);
  if (changes.expiresAt !== undefined) columns.expires_at = changes.expiresAt;
  if (changes.allowedModels !== undefined) columns.allowed_models = toJsonColumn(changes.allowedModels);
  if (changes.deniedModels !== undefined) columns.denied_models = toJsonColumn(changes.deniedModels);
  if (changes.ipAllowlist !== undefined) columns.ip_allowlist = toJsonColumn(changes.ipAllowlist);
  if (changes.rpmLimit !== undefined) columns.rpm_limit = changes.rpmLimit;
  if (changes.concurrencyLimit !== undefined) columns.concurrency_limit = changes.concurrencyLimit;
  if (changes.group !== undefined) columns.group_name = changes.group;
  if (changes.deletedAt !== undefined) columns.deleted_at = changes.deletedAt;
  return columns;
}

export function createKeysRepository(db: Kysely<Database>) {
  return {
    /** Every key that is not soft-deleted: what the in-memory index is built from. */
    async listLive(): Promise<StoredKey[]> {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
    async get(id: string): Promise<StoredKey | undefined> {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async insert(key: KeyInsert, now: number): Promise<StoredKey> {
      const columns = toColumns(key) as ApiKeysTable;
      await db
        .insertInto('api_keys')
        .values({
          ...columns,
          id: key.id,
          key_hash: key.keyHash,
          key_suffix: key.keySuffix,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { ...key, createdAt: now, updatedAt: now, deletedAt: null };
    },
    async update(id: string, changes: KeyChanges, now: number): Promise<StoredKey | undefined> {
      const result = await db
        .updateTable('api_keys')
        .set({ ...toColumns(changes), updated_at: now })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      return this.get(id);
    },
  };
}

export type KeysRepository = ReturnType<typeof createKeysRepository>;
