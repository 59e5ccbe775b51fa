import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { calendarPeriods, calendarWindow } from './calendar-window.js';
import type { LimitStore } from './limit-store.js';

type Scope = 'key' | 'user';
const columnOf = { key: 'key_id', user: 'user_id' } as const;

/**
 * Budgets are charged from usage records (SPEC §6), so at start the budget counters of the current
 * windows (and the lifetime totals) are rebuilt from them: a restart never hands out a budget again.
 * `seedCounter` never overwrites a counter the store already holds (a shared Redis in a cluster).
 * Runs once at start, never on the request path.
 */
export async function seedBudgetCounters(
  db: Kysely<Database>,
  store: LimitStore,
  timeZone: string,
  now: number,
): Promise<void> {
  const tokens = sql<number>`sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens)`;
  const cost = sql<number>`sum(cost)`;
  async function sums(scope: Scope, since: number | undefined) {
    const column = columnOf[scope];
    let query = db
      .selectFrom('usage_records')
      .select([`${column} as owner`, tokens.as('tokens'), cost.as('cost')])
      .where('charged', '=', 1)
      .where(column, 'is not', null)
      .groupBy(column);
    if (since !== undefined) query = query.where('created_at', '>=', since);
    return query.execute();
  }
  for (const scope of ['key', 'user'] as const) {
    for (const period of calendarPeriods) {
      const window = calendarWindow(period, now, timeZone);
      for (const row of await sums(scope, window.start)) {
        const prefix = `budget:${scope}:${row.owner}`;
        await store.seedCounter(`${prefix}:tokens:${period}:${window.start}`, Number(row.tokens), window.end);
        await store.seedCounter(`${prefix}:cost:${period}:${window.start}`, Number(row.cost), window.end);
      }
    }
    for (const row of await sums(scope, undefined))
      await store.seedCounter(`budget:${scope}:${row.owner}:cost:total`, Number(row.cost), null);
  }
}
