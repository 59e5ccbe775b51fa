import type { BudgetLimit } from './limit-plan.js';
import type { LimitStore } from './limit-store.js';
import { budgetCounter } from './request-limits.js';

/** One budget as a caller sees it: how much of the current window is used and what is left. */
export interface BudgetStanding {
  scope: 'key' | 'user';
  unit: BudgetLimit['unit'];
  period: BudgetLimit['period'];
  limit: number;
  /** Charged from recorded usage, plus what requests still running have reserved. */
  used: number;
  reserved: number;
  remaining: number;
  /** When the window rolls over (ISO 8601); null for a lifetime budget. */
  resetsAt: string | null;
}

/**
 * Reads the same counters admission checks (limits/request-limits.ts names them), so what the caller
 * is told is what the next request will be measured against.
 */
export async function remainingBudgets(
  store: LimitStore,
  budgets: readonly BudgetLimit[],
  now: number,
  timeZone: string,
): Promise<BudgetStanding[]> {
  const counters = budgets.map((budget) => budgetCounter(budget, now, timeZone));
  const readings = await store.readCounters(
    counters.map((entry) => entry.counter),
    now,
  );
  return budgets.map((budget, index) => {
    const reading = readings[index] ?? { used: 0, reserved: 0 };
    const expiresAt = counters[index]?.expiresAt ?? null;
    return {
      scope: budget.counterPrefix.startsWith('budget:user:') ? 'user' : 'key',
      unit: budget.unit,
      period: budget.period,
      limit: budget.limit,
      used: reading.used,
      reserved: reading.reserved,
      remaining: Math.max(0, budget.limit - reading.used - reading.reserved),
      resetsAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    };
  });
}
