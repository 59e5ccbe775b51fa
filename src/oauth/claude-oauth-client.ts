import type { Dispatcher } from 'undici';
import { parseJsonObject } from '../canonical/json-value.js';
import type { GatehouseConfig } from '../config/config-schema.js';
import type { ClaudeOAuthCredential } from '../providers/anthropic/claude-oauth-credential.js';

export type ClaudeOAuthSettings = GatehouseConfig['oauth']['claude'];

/**
 * Why the token endpoint gave no tokens. `refused`: it answered 4xx (invalid_grant: the code or the
 * refresh token is spent, revoked or wrong), so asking again will not help. `unavailable`: no usable
 * answer (network, timeout, 5xx, garbage), worth another try later.
 */
export class OAuthTokenError extends Error {
  override name = 'OAuthTokenError';
  constructor(
    readonly kind: 'refused' | 'unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Claude's OAuth endpoints, as Claude Code uses them: authorization on claude.ai with a PKCE S256
 * challenge and `code=true` (the callback page then shows the code for the user to paste, as
 * `code#state`), and a JSON token endpoint for both the authorization_code and refresh_token grants.
 * Token answers: `{ access_token, refresh_token, expires_in, token_type, scope, … }`; the refresh token
 * may rotate on every refresh, so the new one always replaces the old.
 */
export function createClaudeOAuthClient(settings: ClaudeOAuthSettings, now: () => number) {
  function authorizationUrl(challenge: string, state: string): string {
    const url = new URL(settings.authorizeUrl);
    url.searchParams.set('code', 'true');
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', settings.redirectUri);
    url.searchParams.set('scope', settings.scopes);
    url.searchParams.set('code_challenge', challenge);
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    return url.toString();
  }

  async function requestTokens(
    dispatcher: Dispatcher,
    grant: Record<string, string>,
  ): Promise<ClaudeOAuthCredential> {
    const url = new URL(settings.tokenUrl);
    let status: number;
    let text: string;
    try {
      const answer = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...grant, client_id: settings.clientId }),
        headersTimeout: settings.timeoutMs,
        bodyTimeout: settings.timeoutMs,
      });
      status = answer.statusCode;
      text = await answer.body.text();
    } catch (error) {
      throw new OAuthTokenError('unavailable', `token endpoint unreachable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (status >= 400 && status < 500) {
      throw new OAuthTokenError('refused', `token endpoint refused (${status}${oauthErrorCode(text)})`);
    }
    const tokens = status < 300 ? readTokenAnswer(text) : undefined;
    if (!tokens) throw new OAuthTokenError('unavailable', `token endpoint answered ${status} without tokens`);
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? grant.refresh_token ?? '',
      expiresAt: now() + tokens.expires_in * 1000,
    };
  }

  return {
    authorizationUrl,
    exchangeCode(
      dispatcher: Dispatcher,
      input: { code: string; state: string; verifier: string },
    ): Promise<ClaudeOAuthCredential> {
      return requestTokens(dispatcher, {
        grant_type: 'authorization_code',
        code: input.code,
        state: input.state,
        redirect_uri: settings.redirectUri,
        code_verifier: input.verifier,
      });
    },
    refresh(dispatcher: Dispatcher, refreshToken: string): Promise<ClaudeOAuthCredential> {
      return requestTokens(dispatcher, { grant_type: 'refresh_token', refresh_token: refreshToken });
    },
  };
}

export type ClaudeOAuthClient = ReturnType<typeof createClaudeOAuthClient>;

interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

/** Lenient on extra fields; strict on the three Gatehouse needs. */
function readTokenAnswer(text: string): TokenAnswer | undefined {
  const value = parseJsonObject(text);
  if (!value) return undefined;
  const { access_token, refresh_token, expires_in } = value;
  if (typeof access_token !== 'string' || access_token === '') return undefined;
  if (typeof expires_in !== 'number' || !Number.isFinite(expires_in) || expires_in <= 0) return undefined;
  if (refresh_token !== undefined && typeof refresh_token !== 'string') return undefined;
  return { access_token, refresh_token, expires_in };
}

/** The RFC 6749 `error` code of a refusal, for the operator (never the description, which may echo input). */
function oauthErrorCode(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    if (typeof error === 'string' && /^[a-z_]{1,64}$/.test(error)) return ` ${error}`;
    if (typeof error === 'object' && error !== null) {
      const type = (error as { type?: unknown }).type;
      if (typeof type === 'string' && /^[a-z_]{1,64}$/.test(type)) return ` ${type}`;
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return '';
}
