import type { Kysely } from 'kysely';
import { toNumber } from '../json-column.js';
import type { Database } from '../schema.js';

export interface StoredLoginCode {
  codeHash: string;
  expiresAt: number;
  failedAttempts: number;
}

/** One live one-time login code per user (a new one replaces the old), kept only as a keyed hash. */
export function createLoginCodesRepository(db: Kysely<Database>) {
  return {
    async replace(userId: string, codeHash: string, expiresAt: number, now: number): Promise<void> {
      const values = { code_hash: codeHash, expires_at: expiresAt, failed_attempts: 0, created_at: now };
      await db
        .insertInto('login_codes')
        .values({ user_id: userId, ...values })
        .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
        .execute();
    },
    async get(userId: string): Promise<StoredLoginCode | undefined> {
      const row = await db
        .selectFrom('login_codes')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row
        ? {
            codeHash: row.code_hash,
            expiresAt: toNumber(row.expires_at),
            failedAttempts: row.failed_attempts,
          }
        : undefined;
    },
    /**
     * Counts one attempt against a live code, in one statement so concurrent guesses cannot exceed the
     * limit; false when the code is gone, expired or out of attempts.
     */
    async takeAttempt(userId: string, maxAttempts: number, now: number): Promise<boolean> {
      const result = await db
        .updateTable('login_codes')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('user_id', '=', userId)
        .where('failed_attempts', '<', maxAttempts)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    /** Deletes the code if it matches: true exactly once for a right code, which makes it single use. */
    async consume(userId: string, codeHash: string): Promise<boolean> {
      const result = await db
        .deleteFrom('login_codes')
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    /** Drops codes that expired unused. */
    async pruneExpired(now: number): Promise<void> {
      await db.deleteFrom('login_codes').where('expires_at', '<=', now).execute();
    },
    async remove(userId: string): Promise<void> {
      await db.deleteFrom('login_codes').where('user_id', '=', userId).execute();
    },
  };
}

export type LoginCodesRepository = ReturnType<typeof createLoginCodesRepository>;
