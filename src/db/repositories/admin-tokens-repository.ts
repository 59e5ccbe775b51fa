import type { Kysely, Selectable } from 'kysely';
import type { AdminScope } from '../../auth/principal.js';
import { fromJsonColumn, toJsonColumn, toNumber } from '../json-column.js';
import type { AdminTokensTable, Database } from '../schema.js';

export interface StoredAdminToken {
  id: string;
  name: string;
  tokenHash: string;
  tokenSuffix: string;
  scopes: AdminScope[];
  /** The admin who created it; the token acts as that user and dies with their admin rights. */
  userId: string | null;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const orNull = (value: number | string | bigint | null) => (value === null ? null : toNumber(value));

function fromRow(row: Selectable<AdminTokensTable>): StoredAdminToken {
  return {
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    tokenSuffix: row.token_suffix,
    scopes: fromJsonColumn<AdminScope[]>(row.scopes, []),
    userId: row.user_id,
    createdAt: toNumber(row.created_at),
    expiresAt: orNull(row.expires_at),
    lastUsedAt: orNull(row.last_used_at),
    revokedAt: orNull(row.revoked_at),
  };
}

export function createAdminTokensRepository(db: Kysely<Database>) {
  return {
    async insert(token: Omit<StoredAdminToken, 'lastUsedAt' | 'revokedAt'>): Promise<StoredAdminToken> {
      await db
        .insertInto('admin_tokens')
        .values({
          id: token.id,
          name: token.name,
          token_hash: token.tokenHash,
          token_suffix: token.tokenSuffix,
          scopes: toJsonColumn(token.scopes),
          user_id: token.userId,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
        })
        .execute();
      return { ...token, lastUsedAt: null, revokedAt: null };
    },
    async list(): Promise<StoredAdminToken[]> {
      const rows = await db
        .selectFrom('admin_tokens')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(fromRow);
    },
    async get(id: string): Promise<StoredAdminToken | undefined> {
      const row = await db.selectFrom('admin_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async findByHash(tokenHash: string): Promise<StoredAdminToken | undefined> {
      const row = await db
        .selectFrom('admin_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async revoke(id: string, at: number): Promise<boolean> {
      const result = await db
        .updateTable('admin_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async setLastUsed(id: string, at: number): Promise<void> {
      await db.updateTable('admin_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

export type AdminTokensRepository = ReturnType<typeof createAdminTokensRepository>;
