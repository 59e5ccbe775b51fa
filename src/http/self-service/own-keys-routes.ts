import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  type OwnKeyUpdateInput,
  ownKeyCreateSchema,
  ownKeyUpdateSchema,
} from '../../contracts/self-service-keys.js';
import { fieldsFromLimits, type UsageLimitFields } from '../../contracts/usage-limits.js';
import type { StoredKey } from '../../db/repositories/keys-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { createKey, regenerateKey, softDeleteKey, updateKey } from '../../keys/key-operations.js';
import { noUserPolicy } from '../../limits/usage-limits.js';
import type { AdminServices } from '../admin/admin-services.js';
import { parseBody } from '../admin/parse-body.js';
import { presentKey } from '../admin/presenters.js';
import { documented } from '../route-options.js';
import { requireCurrentUser } from './me-routes.js';

// Another user's key answers exactly like a key that does not exist: ids are not probed.
const noSuchKey = () => new GatewayError('not_found', 'No key of yours has this id.');

/** Refuses any limit above the user's own (the user's limits bound all the user's keys anyway). */
export function requireWithinOwnerLimits(
  input: Partial<UsageLimitFields>,
  ownerLimits: UsageLimitFields,
): void {
  for (const [name, cap] of Object.entries(ownerLimits) as [keyof UsageLimitFields, number | null][]) {
    const value = input[name];
    if (cap !== null && typeof value === 'number' && value > cap) {
      throw new GatewayError('invalid_request', `${name}: ${value} is above your own limit of ${cap}.`);
    }
  }
}

/** `/api/keys`: a user's own keys, within the user's own limits; the same writes as the admin API. */
export async function ownKeysRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const docs = (summary: string, body?: z.ZodType) =>
    documented('user', 'self-service', summary, body ? { body } : {});

  async function ownerLimits(userId: string): Promise<UsageLimitFields> {
    return fieldsFromLimits((await services.userPolicies.get(userId)) ?? noUserPolicy);
  }

  async function ownKey(request: FastifyRequest<{ Params: { id: string } }>): Promise<StoredKey> {
    const user = await requireCurrentUser(services, request);
    const key = await services.keys.get(request.params.id);
    if (!key || key.userId !== user.id || key.deletedAt !== null) throw noSuchKey();
    return key;
  }

  app.get('/api/keys', docs('Your keys'), async (request) => {
    const user = await requireCurrentUser(services, request);
    return { keys: (await services.keys.listByUser(user.id)).map(presentKey) };
  });

  app.post(
    '/api/keys',
    docs('Create a key of your own (the key is shown once)', ownKeyCreateSchema),
    async (request, reply) => {
      const user = await requireCurrentUser(services, request);
      const input = parseBody(ownKeyCreateSchema, request.body);
      requireWithinOwnerLimits(input, await ownerLimits(user.id));
      const created = await createKey(services, { ...input, userId: user.id, group: null });
      return reply.code(201).send({ ...presentKey(created.key), key: created.secret });
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/api/keys/:id',
    docs('Change one of your keys', ownKeyUpdateSchema),
    async (request) => {
      const key = await ownKey(request);
      const input: OwnKeyUpdateInput = parseBody(ownKeyUpdateSchema, request.body);
      requireWithinOwnerLimits(input, await ownerLimits(key.userId as string));
      const updated = await updateKey(services, key.id, input);
      if (!updated) throw noSuchKey();
      return presentKey(updated);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/keys/:id',
    docs('Delete one of your keys (it stops working at once; an admin can restore it)'),
    async (request, reply) => {
      const key = await ownKey(request);
      if (!(await softDeleteKey(services, key.id))) throw noSuchKey();
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/keys/:id/regenerate',
    docs('Replace a key’s secret (the old one stops working at once; the new key is shown once)'),
    async (request) => {
      const key = await ownKey(request);
      const regenerated = await regenerateKey(services, key.id);
      if (!regenerated) throw noSuchKey();
      return { ...presentKey(regenerated.key), key: regenerated.secret };
    },
  );
}
