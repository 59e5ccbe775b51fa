import { parseJsonObject } from '../../canonical/json-value.js';

/** The account type of Claude subscription logins. */
export const claudeOAuthType = 'claude-oauth';

/**
 * What a `claude-oauth` account stores (sealed) as its credential: the token set of a Claude
 * subscription login. Only the access token goes on the wire; the refresh token stays in storage and
 * is read by the refresher (oauth/claude-token-refresher.ts).
 */
export interface ClaudeOAuthCredential {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
}

export function serializeClaudeOAuthCredential(credential: ClaudeOAuthCredential): string {
  return JSON.stringify({
    accessToken: credential.accessToken,
    refreshToken: credential.refreshToken,
    expiresAt: credential.expiresAt,
  });
}

/** The stored token set, or undefined when the text is not one (a broken row must not stop the catalog). */
export function parseClaudeOAuthCredential(text: string): ClaudeOAuthCredential | undefined {
  const value = parseJsonObject(text);
  if (!value) return undefined;
  const { accessToken, refreshToken, expiresAt } = value;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || typeof expiresAt !== 'number')
    return undefined;
  return { accessToken, refreshToken, expiresAt };
}
