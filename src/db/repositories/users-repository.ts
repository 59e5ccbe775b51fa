import type { Kysely, Selectable } from 'kysely';
import type { User, UserRole } from '../../domain/user.js';
import { fromFlag, toFlag, toNumber } from '../json-column.js';
import type { Database, UsersTable } from '../schema.js';

export interface StoredUser extends User {
  passwordHash: string | null;
}

function fromRow(row: Selectable<UsersTable>): StoredUser {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    enabled: fromFlag(row.enabled),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}

export function createUsersRepository(db: Kysely<Database>) {
  return {
    async findByUsername(username: string): Promise<StoredUser | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async get(id: string): Promise<StoredUser | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },
    async insert(
      user: { id: string; username: string; role: UserRole; passwordHash: string | null },
      now: number,
    ): Promise<void> {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          role: user.role,
          password_hash: user.passwordHash,
          enabled: toFlag(true),
          created_at: now,
          updated_at: now,
        })
        .execute();
    },
    async setPassword(id: string, passwordHash: string, now: number): Promise<void> {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
