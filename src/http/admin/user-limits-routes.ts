import type { FastifyInstance } from 'fastify';
import { fieldsFromLimits, limitsFromFields } from '../../contracts/usage-limits.js';
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
    const { allowedModels, deniedModels, ...limitFields } = parseBody(userLimitsUpdateSchema, request.body);
    const { tokenLimits, costLimits, ...flat } = limitsFromFields(limitFields);
    const updated = await userPolicies.change(
      request.params.id,
      (current) => ({
        ...current,
        ...flat,
        tokenLimits: { ...current.tokenLimits, ...tokenLimits },
        costLimits: { ...current.costLimits, ...costLimits },
        allowedModels: allowedModels ?? current.allowedModels,
        deniedModels: deniedModels ?? current.deniedModels,
      }),
      now(),
    );
    if (!updated) throw new GatewayError('not_found', 'No user has this id.');
    await catalog.reload();
    return presentUserLimits(updated);
  });
}
