import type { ApplicationRequest } from '../contracts/applications.js';
import { limitsFromFields, type UsageLimitFields } from '../contracts/usage-limits.js';
import type { UserPolicy } from '../limits/usage-limits.js';

/** The user's policy with some limit fields replaced (window sets merged); used by admins and approvals. */
export function withLimitFields(policy: UserPolicy, fields: Partial<UsageLimitFields>): UserPolicy {
  const { tokenLimits, costLimits, ...flat } = limitsFromFields(fields);
  return {
    ...policy,
    ...flat,
    tokenLimits: { ...policy.tokenLimits, ...tokenLimits },
    costLimits: { ...policy.costLimits, ...costLimits },
  };
}

/**
 * What an approved application changes in the user's policy. Model access: the models are taken off
 * the deny list and, when the user has an allow list (an empty one allows everything, so it is left
 * empty rather than narrowed), added to it; a group binds the user's keys to that account group.
 * Quota: the requested limit values replace the user's.
 */
export function applyApplication(policy: UserPolicy, request: ApplicationRequest): UserPolicy {
  let next = policy;
  if (request.models) {
    const models = request.models;
    next = {
      ...next,
      deniedModels: next.deniedModels.filter((pattern) => !models.includes(pattern)),
      allowedModels:
        next.allowedModels.length === 0
          ? next.allowedModels
          : [...next.allowedModels, ...models.filter((model) => !next.allowedModels.includes(model))],
    };
  }
  if (request.group !== undefined) next = { ...next, group: request.group };
  if (request.limits) next = withLimitFields(next, request.limits);
  return next;
}
