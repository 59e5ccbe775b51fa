import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  type OAuthExchangeInput,
  oauthExchangeSchema,
  oauthStartSchema,
} from '../../contracts/admin-accounts.js';
import type { AccountChanges, StoredAccount } from '../../db/repositories/accounts-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { OAuthTokenError } from '../../oauth/claude-oauth-client.js';
import { OAuthLoginError } from '../../oauth/claude-oauth-login.js';
import {
  type ClaudeOAuthCredential,
  claudeOAuthType,
  serializeClaudeOAuthCredential,
} from '../../providers/anthropic/claude-oauth-credential.js';
import { providerFor } from '../../providers/registry.js';
import { accountPresenter, sealAccountHeaders } from './account-presenter.js';
import { normaliseModels } from './accounts-routes.js';
import type { AdminServices } from './admin-services.js';
import { parseBody } from './parse-body.js';

/**
 * Claude subscription accounts: `start` answers the authorization URL to open and its `state`;
 * `exchange` takes the code Claude's callback page shows, gets tokens, and creates the account (or,
 * with `accountId`, replaces its tokens). Answers never include a token.
 */
export async function claudeOAuthRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  const { accounts, secrets, catalog, runtime, claudeOAuth, now } = services;
  const present = accountPresenter(services);

  async function requireOAuthAccount(id: string): Promise<StoredAccount> {
    const account = await accounts.get(id);
    if (!account) throw new GatewayError('not_found', 'No account has this id.');
    if (account.type !== claudeOAuthType)
      throw new GatewayError(
        'invalid_request',
        `accountId: only ${claudeOAuthType} accounts are authorized this way`,
      );
    return account;
  }

  const docs = (summary: string, body: object) => ({
    auth: 'admin' as const,
    docs: { summary, tags: ['accounts'], ...body },
  });

  app.post(
    '/admin/api/accounts/oauth/start',
    {
      config: docs('Start a Claude subscription login: the authorization URL to open and its state', {
        body: oauthStartSchema,
      }),
    },
    async (request) => {
      const input = parseBody(oauthStartSchema, request.body);
      if (input.accountId !== undefined) await requireOAuthAccount(input.accountId);
      const started = claudeOAuth.start(input.accountId ?? null);
      return { ...started, expiresAt: new Date(started.expiresAt).toISOString() };
    },
  );

  app.post(
    '/admin/api/accounts/oauth/exchange',
    {
      config: docs(
        'Exchange the pasted code: add the claude-oauth account, or re-authorize one (accountId)',
        {
          body: oauthExchangeSchema,
        },
      ),
    },
    async (request, reply) => {
      const input = parseBody(oauthExchangeSchema, request.body);
      if (input.accountId !== undefined) await requireOAuthAccount(input.accountId);
      const { tokens, accountId } = await exchangeCode(input);
      const credentialSealed = secrets.seal(serializeClaudeOAuthCredential(tokens));
      if (accountId !== null) {
        await requireOAuthAccount(accountId);
        const updated = await accounts.update(accountId, { ...changesOf(input), credentialSealed }, now());
        if (!updated) throw new GatewayError('not_found', 'No account has this id.');
        // New tokens are the operator's answer to refused ones: a fresh start, as with a new API key.
        runtime.reset(accountId);
        await catalog.reload();
        return present(updated);
      }
      const created = await accounts.insert(newAccount(input, credentialSealed), now());
      await catalog.reload();
      return reply.code(201).send(present(created));
    },
  );

  async function exchangeCode(
    input: OAuthExchangeInput,
  ): Promise<{ tokens: ClaudeOAuthCredential; accountId: string | null }> {
    try {
      return await claudeOAuth.exchange({
        pasted: input.code,
        state: input.state,
        accountId: input.accountId ?? null,
        proxyFor: async (accountId) => {
          if (input.proxyUrl !== undefined) return input.proxyUrl;
          const account = accountId === null ? undefined : await accounts.get(accountId);
          return account?.proxySealed ? secrets.open(account.proxySealed) : null;
        },
      });
    } catch (error) {
      if (error instanceof OAuthLoginError) throw new GatewayError('invalid_request', error.message);
      if (error instanceof OAuthTokenError && error.kind === 'refused')
        throw new GatewayError(
          'invalid_request',
          `Claude did not accept the code (${error.message}): codes work once and expire quickly; start again.`,
        );
      if (error instanceof OAuthTokenError)
        throw new GatewayError(
          'upstream_failed',
          `Claude's token endpoint could not be reached: ${error.message}`,
        );
      throw error;
    }
  }

  function changesOf(input: OAuthExchangeInput): AccountChanges {
    const {
      code: _code,
      state: _state,
      accountId: _accountId,
      models,
      proxyUrl,
      extraHeaders,
      ...rest
    } = input;
    const changes: AccountChanges = { ...rest };
    if (models !== undefined) changes.models = normaliseModels(models);
    if (proxyUrl !== undefined) changes.proxySealed = proxyUrl === null ? null : secrets.seal(proxyUrl);
    if (extraHeaders !== undefined) changes.extraHeadersSealed = sealAccountHeaders(secrets, extraHeaders);
    return changes;
  }

  function newAccount(input: OAuthExchangeInput, credentialSealed: string) {
    const changes = changesOf(input);
    return {
      id: randomUUID(),
      name: changes.name ?? 'Claude subscription',
      type: claudeOAuthType,
      baseUrl: changes.baseUrl ?? (providerFor(claudeOAuthType)?.defaultBaseUrl as string),
      credentialSealed,
      proxySealed: changes.proxySealed ?? null,
      extraHeadersSealed: changes.extraHeadersSealed ?? null,
      models: changes.models ?? [],
      priority: changes.priority ?? 0,
      weight: changes.weight ?? 1,
      concurrencyLimit: changes.concurrencyLimit ?? null,
      group: changes.group ?? null,
      enabled: changes.enabled ?? true,
    };
  }
}
