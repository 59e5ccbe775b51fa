import type { User } from '../../domain/user.js';
import { budgetsOf } from '../../limits/limit-plan.js';
import { remainingBudgets } from '../../limits/remaining-budgets.js';
import { noUserPolicy } from '../../limits/usage-limits.js';
import type { AdminServices } from '../admin/admin-services.js';
import { presentUserLimits } from '../admin/user-limits-routes.js';
import { presentSessionUser } from '../auth/session-cookies.js';

/**
 * The answer of `GET /api/me`: the caller, the caller's limits (shared by all their keys) and where
 * each of their budgets stands in its current window, read from the counters admission uses.
 */
export async function presentMe(
  user: User,
  services: Pick<AdminServices, 'userPolicies' | 'limits' | 'now'>,
) {
  const policy = (await services.userPolicies.get(user.id)) ?? noUserPolicy;
  const budgets = await remainingBudgets(
    services.limits.store,
    budgetsOf(`user:${user.id}`, policy),
    services.now(),
    services.limits.timeZone,
  );
  return { user: presentSessionUser(user), limits: presentUserLimits(policy), budgets };
}
