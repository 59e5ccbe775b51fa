import type { Kysely, Selectable, Updateable } from 'kysely';
import type { User, UserRole } from '../../domain/user.js';
import { fromFlag, toFlag, toNumber } from '../json-column.js';
import type { Database, UsersTable } from '../schema.js';

export interface StoredUser extends User {
  passwordHash: string | null;
}

export interface UserInsert {
  id: string;
  username: string;
  role: UserRole;
  passwordHash: string | null;
  enabled?: boolean;
  email?: string | null;
  displayName?: string | null;
}

export type UserChanges = Partial<Omit<StoredUser, 'id' | 'createdAt' | 'updatedAt'>>;

function fromRow(row: Selectable<UsersTable>): StoredUser {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    enabled: fromFlag(row.enabled),
    email: row.email ?? null,
    displayName: row.display_name ?? null,
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}

function toColumns(changes: UserChanges): Updateable<UsersTable> {
  const columns: Updateable<UsersTable> = {};
  if (changes.username !== undefined) columns.username = changes.username;
  if (changes.role !== undefined) columns.role = changes.role;
  if (changes.passwordHash !== undefined) columns.password_hash = changes.passwordHash;
  if (changes.enabled !== undefined) columns.enabled = toFlag(changes.enabled);
  if (changes.email !== undefined) columns.email = changes.email;
  if (changes.displayName !== undefined) columns.display_name = changes.displayName;
  return columns;
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
    async list(): Promise<StoredUser[]> {
      const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(fromRow);
    },
    async insert(user: UserInsert, now: number): Promise<StoredUser> {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          role: user.role,
          password_hash: user.passwordHash,
          enabled: toFlag(user.enabled ?? true),
          email: user.email ?? null,
          display_name: user.displayName ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return (await this.get(user.id))!;
    },
    async update(id: string, changes: UserChanges, now: number): Promise<StoredUser | undefined> {
      const result = await db
        .updateTable('users')
        .set({ ...toColumns(changes), updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      return this.get(id);
    },
    async setPassword(id: string, passwordHash: string, now: number): Promise<void> {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    /** Enabled admins other than `exceptId`: the guard against locking everyone out. */
    async countOtherEnabledAdmins(exceptId: string): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('role', '=', 'admin')
        .where('enabled', '=', toFlag(true))
        .where('id', '<>', exceptId)
        .executeTakeFirstOrThrow();
      return toNumber(row.count);
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
