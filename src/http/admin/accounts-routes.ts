import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { accountCreateSchema, accountUpdateSchema } from '../../contracts/admin-accounts.js';
import type { AccountChanges, StoredAccount } from '../../db/repositories/accounts-repository.js';
import type { AccountModelRule } from '../../domain/account.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { claudeOAuthType } from '../../providers/anthropic/claude-oauth-credential.js';
import { providerFor, providerTypes } from '../../providers/registry.js';
import { openStoredAccount } from '../../state/catalog.js';
import { accountPresenter, sealAccountHeaders } from './account-presenter.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

export function normaliseModels(
  models: ReadonlyArray<string | { name: string; upstreamModel?: string | undefined }>,
) {
  return models.map(
    (entry): AccountModelRule =>
      typeof entry === 'string' || entry.upstreamModel === undefined
        ? { name: typeof entry === 'string' ? entry : entry.name }
        : { name: entry.name, upstreamModel: entry.upstreamModel },
  );
}

export function requireProvider(type: string) {
  const provider = providerFor(type);
  if (!provider) {
    throw new GatewayError('invalid_request', `type: must be one of ${providerTypes().join(', ')}`);
  }
  return provider;
}

const loginRequired = () =>
  new GatewayError(
    'invalid_request',
    `${claudeOAuthType} accounts are added and re-authorized through POST /admin/api/accounts/oauth/start and /oauth/exchange.`,
  );

const noSuchAccount = () => new GatewayError('not_found', 'No account has this id.');

export async function accountsRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { accounts, secrets, catalog, runtime, now } = services;

  const sealHeaders = (headers: Record<string, string>) => sealAccountHeaders(secrets, headers);
  const present = accountPresenter(services);

  async function requireAccount(id: string): Promise<StoredAccount> {
    const account = await accounts.get(id);
    if (!account) throw noSuchAccount();
    return account;
  }

  app.get('/admin/api/providers', { config: { auth: 'admin' } }, async () => ({
    providers: providerTypes().map((type) => {
      const provider = requireProvider(type);
      return {
        type,
        dialects: provider.dialects,
        defaultBaseUrl: provider.defaultBaseUrl,
        baseUrlConvention: provider.baseUrlConvention,
      };
    }),
  }));

  app.get('/admin/api/accounts', { config: { auth: 'admin' } }, async () => ({
    accounts: (await accounts.list()).map(present),
  }));

  app.get<{ Params: { id: string } }>(
    '/admin/api/accounts/:id',
    { config: { auth: 'admin' } },
    async (request) => present(await requireAccount(request.params.id)),
  );

  app.post('/admin/api/accounts', { config: { auth: 'admin' } }, async (request, reply) => {
    const input = parseBody(accountCreateSchema, request.body);
    const provider = requireProvider(input.type);
    if (input.type === claudeOAuthType) throw loginRequired();
    const created = await accounts.insert(
      {
        id: randomUUID(),
        name: input.name,
        type: input.type,
        baseUrl: input.baseUrl ?? provider.defaultBaseUrl,
        credentialSealed: secrets.seal(input.apiKey),
        proxySealed: input.proxyUrl === null ? null : secrets.seal(input.proxyUrl),
        extraHeadersSealed: sealHeaders(input.extraHeaders),
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
    return reply.code(201).send(present(created));
  });

  app.patch<{ Params: { id: string } }>(
    '/admin/api/accounts/:id',
    { config: { auth: 'admin' } },
    async (request) => {
      const input = parseBody(accountUpdateSchema, request.body);
      if (input.type !== undefined) requireProvider(input.type);
      if (input.apiKey !== undefined || input.type !== undefined) {
        // A subscription's tokens come from its login, and a type change would leave the stored
        // credential in the wrong shape.
        const current = await requireAccount(request.params.id);
        const oauthBefore = current.type === claudeOAuthType;
        if (oauthBefore !== ((input.type ?? current.type) === claudeOAuthType)) throw loginRequired();
        if (oauthBefore && input.apiKey !== undefined) throw loginRequired();
      }
      const { apiKey, models, proxyUrl, extraHeaders, ...rest } = input;
      const changes: AccountChanges = { ...rest };
      if (apiKey !== undefined) changes.credentialSealed = secrets.seal(apiKey);
      if (proxyUrl !== undefined) changes.proxySealed = proxyUrl === null ? null : secrets.seal(proxyUrl);
      if (extraHeaders !== undefined) changes.extraHeadersSealed = sealHeaders(extraHeaders);
      if (models !== undefined) changes.models = normaliseModels(models);
      const updated = await accounts.update(request.params.id, changes, now());
      if (!updated) throw noSuchAccount();
      // A new credential is the operator's answer to a refused one: give the account a fresh start.
      if (apiKey !== undefined) runtime.reset(updated.id);
      await catalog.reload();
      return present(updated);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/admin/api/accounts/:id',
    { config: { auth: 'admin' } },
    async (request, reply) => {
      if (!(await accounts.remove(request.params.id))) throw noSuchAccount();
      runtime.reset(request.params.id);
      await catalog.reload();
      return reply.code(204).send();
    },
  );

  /** Clears cooldowns, an open circuit, a refused credential or an exhausted quota. */
  app.post<{ Params: { id: string } }>(
    '/admin/api/accounts/:id/reset',
    { config: { auth: 'admin' } },
    async (request) => {
      const account = await requireAccount(request.params.id);
      runtime.reset(account.id);
      return present(account);
    },
  );

  /** Sends a one-token request through the account (enabled or not) and reports the outcome. */
  app.post<{ Params: { id: string } }>(
    '/admin/api/accounts/:id/test',
    { config: { auth: 'admin' } },
    async (request) => {
      return runtime.test(openStoredAccount(await requireAccount(request.params.id), secrets));
    },
  );
}
