import type { Logger } from 'pino';
import type { SecretBox } from '../crypto/secret-box.js';
import type { AccountsRepository, StoredAccount } from '../db/repositories/accounts-repository.js';
import type { LiveAccount } from '../domain/account.js';
import {
  type ClaudeOAuthCredential,
  claudeOAuthType,
  parseClaudeOAuthCredential,
  serializeClaudeOAuthCredential,
} from '../providers/anthropic/claude-oauth-credential.js';
import type { AccountHealth } from '../scheduler/account-health.js';
import { type Catalog, openStoredAccount } from '../state/catalog.js';
import type { UpstreamDispatchers } from '../upstream/upstream-dispatchers.js';
import { type ClaudeOAuthClient, OAuthTokenError } from './claude-oauth-client.js';

type Outcome =
  | { kind: 'refreshed'; stored: StoredAccount }
  | { kind: 'refused'; message: string }
  | { kind: 'unavailable' };

/**
 * Keeps `claude-oauth` access tokens alive: ahead of expiry (the periodic job) and when an upstream
 * refuses one (a 401 on the request path). One refresh per account at a time; every caller waiting on
 * it shares its outcome. New tokens are stored sealed and the catalog reloaded, which announces the
 * change to the other instances of a cluster. A refused refresh token leaves the account
 * credential-invalid (admins are alerted) until it is re-authorized; an unreachable token endpoint is
 * only logged and tried again.
 */
export function createClaudeTokenRefresher(deps: {
  accounts: AccountsRepository;
  secrets: SecretBox;
  catalog: Catalog;
  health: AccountHealth;
  dispatchers: UpstreamDispatchers;
  client: ClaudeOAuthClient;
  refreshWithinMs: number;
  logger: Logger;
  now: () => number;
}) {
  const inFlight = new Map<string, Promise<Outcome>>();
  /** The refresh token each account last had refused: not sent again until the account is re-authorized. */
  const refusedRefreshTokens = new Map<string, string>();

  const credentialOf = (stored: StoredAccount): ClaudeOAuthCredential | undefined =>
    parseClaudeOAuthCredential(deps.secrets.open(stored.credentialSealed));

  async function store(stored: StoredAccount, tokens: ClaudeOAuthCredential): Promise<Outcome> {
    const updated = await deps.accounts.update(
      stored.id,
      { credentialSealed: deps.secrets.seal(serializeClaudeOAuthCredential(tokens)) },
      deps.now(),
    );
    if (!updated) return { kind: 'refused', message: 'the account was deleted' };
    refusedRefreshTokens.delete(stored.id);
    // A working credential is the answer to a refused one (as a new API key is).
    if (deps.health.describe(stored.id, deps.now()).state === 'credential-invalid')
      deps.health.reset(stored.id);
    await deps.catalog.reload();
    return { kind: 'refreshed', stored: updated };
  }

  async function refresh(stored: StoredAccount): Promise<Outcome> {
    const credential = credentialOf(stored);
    if (!credential?.refreshToken) return { kind: 'refused', message: 'no refresh token is stored' };
    if (refusedRefreshTokens.get(stored.id) === credential.refreshToken)
      return { kind: 'refused', message: 'the refresh token was refused before' };
    const proxyUrl = stored.proxySealed === null ? null : deps.secrets.open(stored.proxySealed);
    try {
      const tokens = await deps.client.refresh(deps.dispatchers.for({ proxyUrl }), credential.refreshToken);
      return await store(stored, tokens);
    } catch (error) {
      if (!(error instanceof OAuthTokenError)) throw error;
      if (error.kind === 'unavailable') {
        deps.logger.warn({ accountId: stored.id, reason: error.message }, 'claude-oauth refresh failed');
        return { kind: 'unavailable' };
      }
      // Another instance may have used (and rotated) the same refresh token a moment ago.
      const current = await deps.accounts.get(stored.id);
      const latest = current && credentialOf(current);
      if (current && latest && latest.refreshToken !== credential.refreshToken) {
        await deps.catalog.reload();
        return { kind: 'refreshed', stored: current };
      }
      refusedRefreshTokens.set(stored.id, credential.refreshToken);
      return { kind: 'refused', message: error.message };
    }
  }

  function singleFlight(accountId: string, work: () => Promise<Outcome>): Promise<Outcome> {
    const running = inFlight.get(accountId);
    if (running) return running;
    const started = work().finally(() => inFlight.delete(accountId));
    inFlight.set(accountId, started);
    return started;
  }

  function markRefused(accountId: string, message: string): void {
    deps.health.recordFailure(
      accountId,
      { failureClass: 'credential_invalid', message: `token refresh refused: ${message}; re-authorize` },
      deps.now(),
    );
  }

  return {
    /** The periodic job: every account whose access token expires within `refreshWithinMs`. */
    async refreshExpiring(now: number): Promise<void> {
      const stored = (await deps.accounts.list()).filter((account) => account.type === claudeOAuthType);
      for (const account of stored) {
        const credential = credentialOf(account);
        if (!credential || credential.expiresAt - now > deps.refreshWithinMs) continue;
        if (refusedRefreshTokens.get(account.id) === credential.refreshToken) continue;
        const outcome = await singleFlight(account.id, () => refresh(account));
        if (outcome.kind === 'refused') markRefused(account.id, outcome.message);
      }
    },

    /**
     * The upstream refused `account`'s access token: the account with a fresh one, or undefined when
     * none can be had (the refusal then stands). A token another caller or instance already replaced is
     * used as it is, without a second refresh.
     */
    async renewAfterRejection(account: LiveAccount): Promise<LiveAccount | undefined> {
      if (account.type !== claudeOAuthType) return undefined;
      const outcome = await singleFlight(account.id, async () => {
        const stored = await deps.accounts.get(account.id);
        if (!stored) return { kind: 'refused', message: 'the account was deleted' };
        const credential = credentialOf(stored);
        if (credential && credential.accessToken !== account.credential) {
          await deps.catalog.reload();
          return { kind: 'refreshed', stored };
        }
        return refresh(stored);
      });
      return outcome.kind === 'refreshed' ? openStoredAccount(outcome.stored, deps.secrets) : undefined;
    },
  };
}

export type ClaudeTokenRefresher = ReturnType<typeof createClaudeTokenRefresher>;
