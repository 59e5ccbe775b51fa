import type { ApiKey } from '../domain/api-key.js';
import { type CalendarPeriod, calendarPeriods } from './calendar-window.js';
import type { RequestWindow, SlotLimit } from './limit-store.js';
import type { UsageLimits, UserPolicy } from './usage-limits.js';

export type BudgetUnit = 'tokens' | 'cost';

/** One budget a request counts against: a key's or a user's, in tokens or USD, per window or in total. */
export interface BudgetLimit {
  /** `budget:key:<id>:cost` — the window start is appended per request. */
  counterPrefix: string;
  unit: BudgetUnit;
  period: CalendarPeriod | 'total';
  limit: number;
}

/**
 * What the request path checks for one key, compiled when the catalog is built: the key's own limits and
 * its owner's (shared by all the owner's keys), so a key never exceeds its owner's scope.
 */
export interface LimitPlan {
  /** True when nothing applies: the request path then skips the limit store entirely. */
  empty: boolean;
  requestWindows: RequestWindow[];
  slots: SlotLimit[];
  budgets: BudgetLimit[];
}

export const rpmWindowMs = 60_000;

/** The budgets one scope (`key:<id>` or `user:<id>`) carries. */
export function budgetsOf(scope: string, limits: UsageLimits): BudgetLimit[] {
  const budgets: BudgetLimit[] = [];
  for (const period of calendarPeriods) {
    const tokens = limits.tokenLimits[period];
    const cost = limits.costLimits[period];
    if (tokens !== null)
      budgets.push({ counterPrefix: `budget:${scope}:tokens`, unit: 'tokens', period, limit: tokens });
    if (cost !== null)
      budgets.push({ counterPrefix: `budget:${scope}:cost`, unit: 'cost', period, limit: cost });
  }
  if (limits.totalBudget !== null)
    budgets.push({
      counterPrefix: `budget:${scope}:cost`,
      unit: 'cost',
      period: 'total',
      limit: limits.totalBudget,
    });
  return budgets;
}

function addScope(plan: LimitPlan, scope: string, limits: UsageLimits): void {
  if (limits.rpmLimit !== null)
    plan.requestWindows.push({ counter: `rpm:${scope}`, limit: limits.rpmLimit, windowMs: rpmWindowMs });
  if (limits.concurrencyLimit !== null)
    plan.slots.push({ counter: `slots:${scope}`, limit: limits.concurrencyLimit });
  plan.budgets.push(...budgetsOf(scope, limits));
}

export function compileLimitPlan(key: ApiKey, owner?: { userId: string; policy: UserPolicy }): LimitPlan {
  const plan: LimitPlan = { empty: true, requestWindows: [], slots: [], budgets: [] };
  addScope(plan, `key:${key.id}`, key);
  if (owner) addScope(plan, `user:${owner.userId}`, owner.policy);
  plan.empty = plan.requestWindows.length === 0 && plan.slots.length === 0 && plan.budgets.length === 0;
  return plan;
}
