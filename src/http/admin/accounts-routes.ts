import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { accountCreateSchema, accountUpdateSchema } from '../../contracts/admin-accounts.js';
import type { AccountChanges } from '../../db/repositories/accounts-repository.js';
import type { AccountModelRule } from '../../domain/account.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { providerFor, providerTypes } from '../../providers/registry.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';
import { presentAccount } from './presenters.js';

function normaliseModels(
  models: ReadonlyArray<string | { name: string; upstreamModel?: string | undefined }>,
) {
  return models.map(
    (entry): AccountModelRule =>
      typeof entry === 'string' || entry.upstreamModel === undefined
        ? { name: typeof entry === 'string' ? entry : entry.name }
        : { name: entry.name, upstreamModel: entry.upstreamModel },
  );
}

function requireProvider(type: string) {
  const provider = providerFor(type);
  if (!provider) {
    throw new GatewayError('invalid_request', `type: must be one of ${providerTypes().join(', ')}`);
  }
  return provider;
}

export async function accountsRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { accounts, secrets, catalog, now } = services;

  app.get('/admin/api/providers', async () => ({
    providers: providerTypes().map((type) => {
      const provider = requireProvider(type);
      return {
        type,
        dialect: provider.dialect,
        defaultBaseUrl: provider.defaultBaseUrl,
        baseUrlConvention: provider.baseUrlConvention,
      };
    }),
  }));

  app.get('/admin/api/accounts', async () => ({ accounts: (await accounts.list()).map(presentAccount) }));

  app.get<{ Params: { id: string } }>('/admin/api/accounts/:id', async (request) => {
    const account = await accounts.get(request.params.id);
    if (!account) throw new GatewayError('not_found', 'No account has this id.');
    return presentAccount(account);
  });

  app.post('/admin/api/accounts', async (request, reply) => {
    const input = parseBody(accountCreateSchema, request.body);
    const provider = requireProvider(input.type);
    const created = await accounts.insert(
      {
        id: randomUUID(),
        name: input.name,
        type: input.type,
        baseUrl: input.baseUrl ?? provider.defaultBaseUrl,
        credentialSealed: secrets.seal(input.apiKey),
        models: normaliseModels(input.models),
        priority: input.priority,
        weight: input.weight,
        concurrencyLimit: input.concurrencyLimit,
        group: input.group,
        enabled: input.enabled,
      },
      now(),
    );
    await catalog.reload();
    return reply.code(201).send(presentAccount(created));
  });

  app.patch<{ Params: { id: string } }>('/admin/api/accounts/:id', async (request) => {
    const input = parseBody(accountUpdateSchema, request.body);
    if (input.type !== undefined) requireProvider(input.type);
    const { apiKey, models, ...rest } = input;
    const changes: AccountChanges = { ...rest };
    if (apiKey !== undefined) changes.credentialSealed = secrets.seal(apiKey);
    if (models !== undefined) changes.models = normaliseModels(models);
    const updated = await accounts.update(request.params.id, changes, now());
    if (!updated) throw new GatewayError('not_found', 'No account has this id.');
    await catalog.reload();
    return presentAccount(updated);
  });

  app.delete<{ Params: { id: string } }>('/admin/api/accounts/:id', async (request, reply) => {
    if (!(await accounts.remove(request.params.id)))
      throw new GatewayError('not_found', 'No account has this id.');
    await catalog.reload();
    return reply.code(204).send();
  });
}
