import type { Kysely } from 'kysely';
import type { User } from '../../domain/user.js';
import { fromFlag, toNumber } from '../json-column.js';
import type { Database } from '../schema.js';

export interface StoredSession {
  idHash: string;
  user: User;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export function createSessionsRepository(db: Kysely<Database>) {
  return {
    async insert(
      session: {
        idHash: string;
        userId: string;
        expiresAt: number;
        ip: string | null;
        userAgent: string | null;
      },
      now: number,
    ): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          created_at: now,
          last_seen_at: now,
          expires_at: session.expiresAt,
          ip: session.ip,
          user_agent: session.userAgent,
        })
        .execute();
    },
    /** The session with its user as they are now (role, enabled), in one query. */
    async get(idHash: string): Promise<StoredSession | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id_hash',
          'sessions.created_at as session_created_at',
          'sessions.last_seen_at',
          'sessions.expires_at',
          'users.id',
          'users.username',
          'users.role',
          'users.enabled',
          'users.email',
          'users.display_name',
          'users.created_at',
          'users.updated_at',
        ])
        .where('sessions.id_hash', '=', idHash)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        idHash: row.id_hash,
        createdAt: toNumber(row.session_created_at),
        lastSeenAt: toNumber(row.last_seen_at),
        expiresAt: toNumber(row.expires_at),
        user: {
          id: row.id,
          username: row.username,
          role: row.role,
          enabled: fromFlag(row.enabled),
          email: row.email ?? null,
          displayName: row.display_name ?? null,
          createdAt: toNumber(row.created_at),
          updatedAt: toNumber(row.updated_at),
        },
      };
    },
    async touch(idHash: string, lastSeenAt: number): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt })
        .where('id_hash', '=', idHash)
        .execute();
    },
    async remove(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async removeForUser(userId: string): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    /** Drops sessions past their absolute expiry or idle since before `idleBefore`. */
    async removeExpired(now: number, idleBefore: number): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
