import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  keyBatchCreateSchema,
  keyBatchDeleteSchema,
  keyBatchUpdateSchema,
  keyCreateSchema,
  keyUpdateSchema,
} from '../../contracts/admin-keys.js';
import type { KeyInsert, StoredKey } from '../../db/repositories/keys-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { createKey, newSecret, regenerateKey, softDeleteKey, updateKey } from '../../keys/key-operations.js';
import type { AdminServices } from './admin-services.js';
import { keyChangesFromUpdateInput, keyFromCreateInput, requireValidIps } from './key-input.js';
import { parseBody } from './parse-body.js';
import { presentKey } from './presenters.js';

const noSuchKey = () => new GatewayError('not_found', 'No key has this id.');

export async function keysRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { keys, users, catalog, now } = services;
  const admin = { config: { auth: 'admin' } } as const;

  async function requireUser(userId: string | null | undefined): Promise<void> {
    if (userId && !(await users.get(userId)))
      throw new GatewayError('invalid_request', 'userId: no user has this id');
  }

  app.get('/admin/api/keys', admin, async () => ({ keys: (await keys.listLive()).map(presentKey) }));

  app.get('/admin/api/keys/trash', admin, async () => ({
    keys: (await keys.listDeleted()).map(presentKey),
  }));

  app.get<{ Params: { id: string } }>('/admin/api/keys/:id', admin, async (request) => {
    const key = await keys.get(request.params.id);
    if (!key || key.deletedAt !== null) throw noSuchKey();
    return presentKey(key);
  });

  app.post('/admin/api/keys', admin, async (request, reply) => {
    const input = parseBody(keyCreateSchema, request.body);
    await requireUser(input.userId);
    const created = await createKey(services, input);
    // The only time the clear key exists outside the caller's hands.
    return reply.code(201).send({ ...presentKey(created.key), key: created.secret });
  });

  // N keys for a team, each shown once, created in one transaction.
  app.post('/admin/api/keys/batch', admin, async (request, reply) => {
    const { count, namePrefix, ...input } = parseBody(keyBatchCreateSchema, request.body);
    requireValidIps(input.ipAllowlist);
    await requireUser(input.userId);
    const secrets = Array.from({ length: count }, newSecret);
    const rows: KeyInsert[] = secrets.map((secret, index) => ({
      ...keyFromCreateInput({ ...input, name: `${namePrefix}-${index + 1}` }),
      id: randomUUID(),
      keyHash: secret.keyHash,
      keySuffix: secret.keySuffix,
    }));
    const created = await keys.insertMany(rows, now());
    await catalog.reload();
    return reply.code(201).send({
      keys: created.map((key, index) => ({ ...presentKey(key), key: secrets[index]?.key })),
    });
  });

  app.patch('/admin/api/keys/batch', admin, async (request) => {
    const { ids, changes } = parseBody(keyBatchUpdateSchema, request.body);
    requireValidIps(changes.ipAllowlist);
    await requireUser(changes.userId);
    const updated = await keys.updateMany(ids, keyChangesFromUpdateInput(changes), now());
    if (!updated) throw noSuchKey();
    await catalog.reload();
    return { keys: updated.map(presentKey) };
  });

  app.post('/admin/api/keys/batch-delete', admin, async (request) => {
    const { ids } = parseBody(keyBatchDeleteSchema, request.body);
    const deleted = await keys.updateMany(ids, { deletedAt: now() }, now());
    if (!deleted) throw noSuchKey();
    await catalog.reload();
    return { deleted: deleted.length };
  });

  app.patch<{ Params: { id: string } }>('/admin/api/keys/:id', admin, async (request) => {
    const input = parseBody(keyUpdateSchema, request.body);
    await requireUser(input.userId);
    const updated = await updateKey(services, request.params.id, input);
    if (!updated) throw noSuchKey();
    return presentKey(updated);
  });

  app.delete<{ Params: { id: string } }>('/admin/api/keys/:id', admin, async (request, reply) => {
    if (!(await softDeleteKey(services, request.params.id))) throw noSuchKey();
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/admin/api/keys/:id/restore', admin, async (request) => {
    const key = await keys.get(request.params.id);
    if (!key || key.deletedAt === null) throw new GatewayError('not_found', 'No deleted key has this id.');
    const restored = (await keys.update(key.id, { deletedAt: null }, now())) as StoredKey;
    await catalog.reload();
    return presentKey(restored);
  });

  app.post<{ Params: { id: string } }>('/admin/api/keys/:id/regenerate', admin, async (request) => {
    const regenerated = await regenerateKey(services, request.params.id);
    if (!regenerated) throw noSuchKey();
    return { ...presentKey(regenerated.key), key: regenerated.secret };
  });
}
