import type { FastifyInstance } from 'fastify';
import { withLimitFields } from '../../applications/apply-application.js';
import { fieldsFromLimits } from '../../contracts/usage-limits.js';
import { userLimitsUpdateSchema } from '../../contracts/user-limits.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { UserPolicy } from '../../limits/usage-limits.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

export function presentUserLimits(policy: UserPolicy) {
  return {
    ...fieldsFromLimits(policy),
    allowedModels: policy.allowedModels,
    deniedModels: policy.deniedModels,
    group: policy.group,
  };
}

/** A user's limits and model rules (shared by all the user's keys); applied on the very next request. */
export async function userLimitsRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { userPolicies, catalog, now } = services;
  const admin = { config: { auth: 'admin' } } as const;

  app.get<{ Params: { id: string } }>('/admin/api/users/:id/limits', admin, async (request) => {
    const policy = await userPolicies.get(request.params.id);
    if (!policy) throw new GatewayError('not_found', 'No user has this id.');
    return presentUserLimits(policy);
  });

  app.patch<{ Params: { id: string } }>('/admin/api/users/:id/limits', admin, async (request) => {
    const { allowedModels, deniedModels, group, ...limitFields } = parseBody(
      userLimitsUpdateSchema,
      request.body,
    );
    const updated = await userPolicies.change(
      request.params.id,
      (current) => ({
        ...withLimitFields(current, limitFields),
        allowedModels: allowedModels ?? current.allowedModels,
        deniedModels: deniedModels ?? current.deniedModels,
        group: group === undefined ? current.group : group,
      }),
      now(),
    );
    if (!updated) throw new GatewayError('not_found', 'No user has this id.');
    await catalog.reload();
    return presentUserLimits(updated);
  });
}
