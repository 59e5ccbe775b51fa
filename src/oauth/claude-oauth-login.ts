import type { ClaudeOAuthCredential } from '../providers/anthropic/claude-oauth-credential.js';
import type { UpstreamDispatchers } from '../upstream/upstream-dispatchers.js';
import type { ClaudeOAuthClient } from './claude-oauth-client.js';
import type { PendingAuthorizations } from './pending-authorizations.js';
import { createPkcePair, randomState } from './pkce.js';

/** What the operator pasted, taken apart: Claude's callback page shows `code#state`. */
export interface PastedCode {
  code: string;
  state: string | undefined;
}

/** Accepts `code#state`, a bare code, or the whole callback URL (`…/callback?code=…&state=…`). */
export function parsePastedCode(pasted: string): PastedCode {
  const text = pasted.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      const code = url.searchParams.get('code');
      if (code) return { code, state: url.searchParams.get('state') ?? (url.hash.slice(1) || undefined) };
    } catch {
      // Not a URL after all: read it as a code.
    }
  }
  const hash = text.indexOf('#');
  if (hash < 0) return { code: text, state: undefined };
  return { code: text.slice(0, hash), state: text.slice(hash + 1) || undefined };
}

export type LoginFailure = 'unknown-state' | 'state-mismatch' | 'account-mismatch';

export class OAuthLoginError extends Error {
  override name = 'OAuthLoginError';
  constructor(
    readonly reason: LoginFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The two steps of adding (or re-authorizing) a Claude subscription account: `start` makes a PKCE
 * pair and the authorization URL the operator opens; `exchange` trades the code they paste back for
 * tokens. The verifier stays in this process's memory, keyed by `state`, for a limited time.
 */
export function createClaudeOAuthLogin(deps: {
  client: ClaudeOAuthClient;
  pending: PendingAuthorizations;
  dispatchers: UpstreamDispatchers;
}) {
  return {
    start(accountId: string | null): { authorizationUrl: string; state: string; expiresAt: number } {
      const { verifier, challenge } = createPkcePair();
      const state = randomState();
      const entry = deps.pending.add(state, verifier, accountId);
      return {
        authorizationUrl: deps.client.authorizationUrl(challenge, state),
        state,
        expiresAt: entry.expiresAt,
      };
    },

    /**
     * Tokens for a pasted code. `state` may come with the request, inside the pasted text, or both (then
     * they must agree). Throws OAuthLoginError for an unknown or expired state, OAuthTokenError when
     * Claude's token endpoint refuses or cannot be reached.
     */
    async exchange(input: {
      pasted: string;
      state: string | undefined;
      accountId: string | null;
      /** The outbound proxy to reach Claude through: the account's (new or existing). */
      proxyFor(accountId: string | null): Promise<string | null>;
    }): Promise<{ tokens: ClaudeOAuthCredential; accountId: string | null }> {
      const pasted = parsePastedCode(input.pasted);
      if (input.state && pasted.state && input.state !== pasted.state)
        throw new OAuthLoginError('state-mismatch', 'The pasted code belongs to another authorization.');
      const state = input.state ?? pasted.state;
      const entry = state === undefined ? undefined : deps.pending.take(state);
      if (!entry || state === undefined)
        throw new OAuthLoginError(
          'unknown-state',
          'This authorization is unknown, expired or already used: start again.',
        );
      if (entry.accountId !== null && input.accountId !== null && entry.accountId !== input.accountId)
        throw new OAuthLoginError('account-mismatch', 'This authorization was started for another account.');
      const accountId = input.accountId ?? entry.accountId;
      const proxyUrl = await input.proxyFor(accountId);
      const tokens = await deps.client.exchangeCode(deps.dispatchers.for({ proxyUrl }), {
        code: pasted.code,
        state,
        verifier: entry.verifier,
      });
      return { tokens, accountId };
    },
  };
}

export type ClaudeOAuthLogin = ReturnType<typeof createClaudeOAuthLogin>;
