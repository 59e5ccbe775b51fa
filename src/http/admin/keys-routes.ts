import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { isValidIpOrCidr } from '../../access/ip-allowlist.js';
import { generateKey, hashKey, keyDisplaySuffix } from '../../access/key-format.js';
import { keyCreateSchema, keyUpdateSchema } from '../../contracts/admin-keys.js';
import type { KeyChanges } from '../../db/repositories/keys-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';
import { presentKey } from './presenters.js';

function requireValidIps(entries: readonly string[] | undefined): void {
  const invalid = entries?.filter((entry) => !isValidIpOrCidr(entry)) ?? [];
  if (invalid.length > 0) {
    throw new GatewayError(
      'invalid_request',
      `ipAllowlist: not an IP address or CIDR range: ${invalid.join(', ')}`,
    );
  }
}

const toMillis = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export async function keysRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { keys, users, catalog, now } = services;

  async function requireUser(userId: string | null | undefined): Promise<void> {
    if (userId && !(await users.get(userId)))
      throw new GatewayError('invalid_request', 'userId: no user has this id');
  }

  app.get('/admin/api/keys', { config: { auth: 'admin' } }, async () => ({
    keys: (await keys.listLive()).map(presentKey),
  }));

  app.get<{ Params: { id: string } }>(
    '/admin/api/keys/:id',
    { config: { auth: 'admin' } },
    async (request) => {
      const key = await keys.get(request.params.id);
      if (!key || key.deletedAt !== null) throw new GatewayError('not_found', 'No key has this id.');
      return presentKey(key);
    },
  );

  app.post('/admin/api/keys', { config: { auth: 'admin' } }, async (request, reply) => {
    const input = parseBody(keyCreateSchema, request.body);
    requireValidIps(input.ipAllowlist);
    await requireUser(input.userId);
    const key = generateKey();
    const created = await keys.insert(
      {
        ...input,
        id: randomUUID(),
        keyHash: hashKey(key),
        keySuffix: keyDisplaySuffix(key),
        expiresAt: toMillis(input.expiresAt),
      },
      now(),
    );
    await catalog.reload();
    // The only time the clear key exists outside the caller's hands.
    return reply.code(201).send({ ...presentKey(created), key });
  });

  app.patch<{ Params: { id: string } }>(
    '/admin/api/keys/:id',
    { config: { auth: 'admin' } },
    async (request) => {
      const input = parseBody(keyUpdateSchema, request.body);
      requireValidIps(input.ipAllowlist);
      await requireUser(input.userId);
      const { expiresAt, ...rest } = input;
      const changes: KeyChanges = { ...rest };
      if (expiresAt !== undefined) changes.expiresAt = toMillis(expiresAt);
      const updated = await keys.update(request.params.id, changes, now());
      if (!updated) throw new GatewayError('not_found', 'No key has this id.');
      await catalog.reload();
      return presentKey(updated);
    },
  );

  // Soft delete: the key stops working at once; its row stays for usage history (and a later restore).
  app.delete<{ Params: { id: string } }>(
    '/admin/api/keys/:id',
    { config: { auth: 'admin' } },
    async (request, reply) => {
      const deleted = await keys.update(request.params.id, { deletedAt: now() }, now());
      if (!deleted) throw new GatewayError('not_found', 'No key has this id.');
      await catalog.reload();
      return reply.code(204).send();
    },
  );
}
