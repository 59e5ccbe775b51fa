import type { Kysely, Selectable } from 'kysely';
import type { ApiKey, KeyService } from '../../domain/api-key.js';
import { noPeriodLimits, type PeriodLimits } from '../../limits/usage-limits.js';
import { fromFlag, fromJsonColumn, toFlag, toJsonColumn, toNumber } from '../json-column.js';
import type { ApiKeysTable, Database } from '../schema.js';

export interface StoredKey extends ApiKey {
  keyHash: string;
}

export type KeyInsert = Omit<StoredKey, 'createdAt' | 'updatedAt' | 'deletedAt'>;
export type KeyChanges = Partial<
  Omit<StoredKey, 'id' | 'keyHash' | 'keySuffix' | 'createdAt' | 'updatedAt' | 'tokenLimits' | 'costLimits'>
> & { tokenLimits?: Partial<PeriodLimits>; costLimits?: Partial<PeriodLimits> };

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
    tags: fromJsonColumn<string[]>(row.tags, []),
    allowedServices: fromJsonColumn<KeyService[]>(row.allowed_services, ['all']),
    allowedClients: fromJsonColumn<string[]>(row.allowed_clients, []),
    ...fromWindowLimits(row.window_limits),
    totalBudget: row.total_budget === null ? null : Number(row.total_budget),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
    deletedAt: row.deleted_at === null ? null : toNumber(row.deleted_at),
  };
}

function fromWindowLimits(text: string): { tokenLimits: PeriodLimits; costLimits: PeriodLimits } {
  const stored = fromJsonColumn<{ tokens?: Partial<PeriodLimits>; cost?: Partial<PeriodLimits> }>(text, {});
  return {
    tokenLimits: { ...noPeriodLimits, ...stored.tokens },
    costLimits: { ...noPeriodLimits, ...stored.cost },
  };
}

function toColumns(changes: Omit<KeyChanges, 'tokenLimits' | 'costLimits'>): Partial<ApiKeysTable> {
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
  if (changes.tags !== undefined) columns.tags = toJsonColumn(changes.tags);
  if (changes.allowedServices !== undefined) columns.allowed_services = toJsonColumn(changes.allowedServices);
  if (changes.allowedClients !== undefined) columns.allowed_clients = toJsonColumn(changes.allowedClients);
  if (changes.totalBudget !== undefined) columns.total_budget = changes.totalBudget;
  return columns;
}

/** Window limits live in one JSON column, so a change of either set rewrites both from the merged key. */
function windowLimitsColumn(tokenLimits: PeriodLimits, costLimits: PeriodLimits): string {
  return toJsonColumn({ tokens: tokenLimits, cost: costLimits });
}

function insertValues(key: KeyInsert, now: number): ApiKeysTable {
  const { tokenLimits, costLimits, ...rest } = key;
  return {
    ...(toColumns(rest) as ApiKeysTable),
    id: key.id,
    key_hash: key.keyHash,
    key_suffix: key.keySuffix,
    window_limits: windowLimitsColumn(tokenLimits, costLimits),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
}

export function createKeysRepository(db: Kysely<Database>) {
  async function update(id: string, changes: KeyChanges, now: number): Promise<StoredKey | undefined> {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || (row.deleted_at !== null && changes.deletedAt !== null)) return undefined;
      const { tokenLimits, costLimits, ...rest } = changes;
      const columns = toColumns(rest);
      if (tokenLimits !== undefined || costLimits !== undefined) {
        const current = fromWindowLimits(row.window_limits);
        columns.window_limits = windowLimitsColumn(
          { ...current.tokenLimits, ...tokenLimits },
          { ...current.costLimits, ...costLimits },
        );
      }
      await trx
        .updateTable('api_keys')
        .set({ ...columns, updated_at: now })
        .where('id', '=', id)
        .execute();
      const updated = await trx
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return fromRow(updated);
    });
  }

  return {
    update,
    /** One change to several keys, in one transaction; undefined (nothing changed) when any id is unknown. */
    async updateMany(
      ids: readonly string[],
      changes: KeyChanges,
      now: number,
    ): Promise<StoredKey[] | undefined> {
      const unique = [...new Set(ids)];
      const live = await db
        .selectFrom('api_keys')
        .select('id')
        .where('id', 'in', unique)
        .where('deleted_at', 'is', null)
        .execute();
      if (live.length !== unique.length) return undefined;
      const results: StoredKey[] = [];
      for (const id of unique) {
        const updated = await update(id, changes, now);
        if (updated) results.push(updated);
      }
      return results;
    },
    /** Soft-deleted keys, newest deletion first (the trash). */
    async listDeleted(): Promise<StoredKey[]> {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('deleted_at', 'is not', null)
        .orderBy('deleted_at', 'desc')
        .execute();
      return rows.map(fromRow);
    },
    async listByUser(userId: string): Promise<StoredKey[]> {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('user_id', '=', userId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute();
      return rows.map(fromRow);
    },
    /** Several keys in one transaction: all are created or none. */
    async insertMany(keys: readonly KeyInsert[], now: number): Promise<StoredKey[]> {
      await db.transaction().execute(async (trx) => {
        for (const key of keys) await trx.insertInto('api_keys').values(insertValues(key, now)).execute();
      });
      return keys.map((key) => ({ ...key, createdAt: now, updatedAt: now, deletedAt: null }));
    },
    /** A new secret for the same key: the old hash stops matching at once. */
    async replaceSecret(
      id: string,
      keyHash: string,
      keySuffix: string,
      now: number,
    ): Promise<StoredKey | undefined> {
      const result = await db
        .updateTable('api_keys')
        .set({ key_hash: keyHash, key_suffix: keySuffix, updated_at: now })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      return this.get(id);
    },
    /** Keys whose expiry has passed but that are still enabled (the expiry job disables them). */
    async disableExpired(now: number): Promise<number> {
      const result = await db
        .updateTable('api_keys')
        .set({ enabled: toFlag(false), updated_at: now })
        .where('enabled', '=', toFlag(true))
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', now)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
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
      await db.insertInto('api_keys').values(insertValues(key, now)).execute();
      return { ...key, createdAt: now, updatedAt: now, deletedAt: null };
    },
  };
}

export type KeysRepository = ReturnType<typeof createKeysRepository>;
