import type { Kysely } from 'kysely';
import { noPeriodLimits, noUserPolicy, type UserPolicy } from '../../limits/usage-limits.js';
import { fromFlag, fromJsonColumn, toJsonColumn } from '../json-column.js';
import type { Database } from '../schema.js';

export interface UserPolicyRow {
  userId: string;
  enabled: boolean;
  policy: UserPolicy;
}

export function parseUserPolicy(text: string): UserPolicy {
  const stored = fromJsonColumn<Partial<UserPolicy>>(text, {});
  return {
    ...noUserPolicy,
    ...stored,
    tokenLimits: { ...noPeriodLimits, ...stored.tokenLimits },
    costLimits: { ...noPeriodLimits, ...stored.costLimits },
  };
}

/**
 * User-level limits and model rules (the `policy` column of `users`). Kept apart from the users
 * repository (login, roles) because the request path and the approval workflow read and write them.
 */
export function createUserPoliciesRepository(db: Kysely<Database>) {
  return {
    async list(): Promise<UserPolicyRow[]> {
      const rows = await db.selectFrom('users').select(['id', 'enabled', 'policy']).execute();
      return rows.map((row) => ({
        userId: row.id,
        enabled: fromFlag(row.enabled),
        policy: parseUserPolicy(row.policy),
      }));
    },
    async get(userId: string): Promise<UserPolicy | undefined> {
      const row = await db.selectFrom('users').select('policy').where('id', '=', userId).executeTakeFirst();
      return row ? parseUserPolicy(row.policy) : undefined;
    },
    /** Applies a change to a user's policy in one transaction (read, merge, write). */
    async change(
      userId: string,
      change: (current: UserPolicy) => UserPolicy,
      now: number,
      executor: Kysely<Database> = db,
    ): Promise<UserPolicy | undefined> {
      const apply = async (trx: Kysely<Database>) => {
        const row = await trx
          .selectFrom('users')
          .select('policy')
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!row) return undefined;
        const next = change(parseUserPolicy(row.policy));
        await trx
          .updateTable('users')
          .set({ policy: toJsonColumn(next), updated_at: now })
          .where('id', '=', userId)
          .execute();
        return next;
      };
      return executor === db ? db.transaction().execute(apply) : apply(executor);
    },
  };
}

export type UserPoliciesRepository = ReturnType<typeof createUserPoliciesRepository>;
