import type { Kysely, Selectable } from 'kysely';
import type { Account, AccountModelRule } from '../../domain/account.js';
import { fromFlag, fromJsonColumn, toFlag, toJsonColumn, toNumber } from '../json-column.js';
import type { AccountsTable, Database } from '../schema.js';

export interface StoredAccount extends Account {
  credentialSealed: string;
  proxySealed: string | null;
  extraHeadersSealed: string | null;
}

export type AccountInsert = Omit<StoredAccount, 'createdAt' | 'updatedAt'>;
export type AccountChanges = Partial<Omit<StoredAccount, 'id' | 'createdAt' | 'updatedAt'>>;

function fromRow(row: Selectable<AccountsTable>): StoredAccount {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    baseUrl: row.base_url,
    credentialSealed: row.credential_sealed,
    proxySealed: row.proxy_sealed,
    extraHeadersSealed: row.extra_headers_sealed,
    models: fromJsonColumn<AccountModelRule[]>(row.models, []),
    priority: row.priority,
    weight: row.weight,
    concurrencyLimit: row.concurrency_limit,
    group: row.group_name,
    enabled: fromFlag(row.enabled),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}

function toColumns(changes: AccountChanges): Partial<AccountsTable> {
  const columns: Partial<AccountsTable> = {};
  if (changes.name !== undefined) columns.name = changes.name;
  if (changes.type !== undefined) columns.type = changes.type;
  if (changes.baseUrl !== undefined) columns.base_url = changes.baseUrl;
  if (changes.credentialSealed !== undefined) columns.credential_sealed = changes.credentialSealed;
  if (changes.proxySealed !== undefined) columns.proxy_sealed = changes.proxySealed;
  if (changes.extraHeadersSealed !== undefined) columns.extra_headers_sealed = changes.extraHeadersSealed;
  if (changes.models !== undefined) columns.models = toJsonColumn(changes.models);
  if (changes.priority !== undefined) columns.priority = changes.priority;
  if (changes.weight !== undefined) columns.weight = changes.weight;
  if (changes.concurrencyLimit !== undefined) columns.concurrency_limit = changes.concurrencyLimit;
  if (changes.group !== undefined) columns.group_name = changes.group;
  if (changes.enabled !== undefined) columns.enabled = toFlag(changes.enabled);
  return columns;
}

export function createAccountsRepository(db: Kysely<Database>) {
  return {
    async list(): Promise<StoredAccount[]> {
      const rows = await db.selectFrom('accounts').selectAll().orderBy('created_at').execute();
      return rows.map(fromRow);
    },
    async get(id: string): Promise<StoredAccount | undefined> {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async insert(account: AccountInsert, now: number): Promise<StoredAccount> {
      const columns = toColumns(account) as AccountsTable;
      await db
        .insertInto('accounts')
        .values({ ...columns, id: account.id, created_at: now, updated_at: now })
        .execute();
      return { ...account, createdAt: now, updatedAt: now };
    },
    async update(id: string, changes: AccountChanges, now: number): Promise<StoredAccount | undefined> {
      const result = await db
        .updateTable('accounts')
        .set({ ...toColumns(changes), updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      return this.get(id);
    },
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
