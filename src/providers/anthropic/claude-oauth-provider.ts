import type { Provider } from '../provider.js';
import { anthropicTarget } from './anthropic-provider.js';
import { classifyAnthropicFailure } from './classify-anthropic-failure.js';
import { claudeOAuthType, parseClaudeOAuthCredential } from './claude-oauth-credential.js';

/** The beta flag Anthropic requires before it accepts a subscription (OAuth) access token. */
export const claudeOAuthBeta = 'oauth-2025-04-20';

/** The caller's `anthropic-beta` flags (Claude Code sends several) plus the OAuth one, each once. */
export function withOAuthBeta(callerBetas: string | undefined): string {
  const flags = (callerBetas ?? '')
    .split(',')
    .map((flag) => flag.trim())
    .filter((flag) => flag.length > 0);
  if (!flags.includes(claudeOAuthBeta)) flags.push(claudeOAuthBeta);
  return flags.join(',');
}

const sendBearerToken = (headers: Record<string, string>, accessToken: string) => {
  headers['anthropic-beta'] = withOAuthBeta(headers['anthropic-beta']);
  headers.authorization = `Bearer ${accessToken}`;
};

/**
 * Claude subscription accounts (Pro/Max), logged in through OAuth 2.0 PKCE. Same dialect and failure
 * classes as API-key accounts; the access token travels as a Bearer token with the OAuth beta flag,
 * never as `x-api-key`. Tokens are renewed before they expire (oauth/claude-token-refresher.ts).
 */
export const claudeOAuthProvider: Provider = {
  type: claudeOAuthType,
  dialects: ['anthropic'],
  defaultBaseUrl: 'https://api.anthropic.com',
  baseUrlConvention: 'the API origin without /v1, e.g. https://api.anthropic.com',
  requestCredential(storedCredential: string): string {
    return parseClaudeOAuthCredential(storedCredential)?.accessToken ?? '';
  },
  target(account, dialect, operation, incoming, query) {
    return anthropicTarget(account, dialect, operation, incoming, query, sendBearerToken);
  },
  classifyFailure: classifyAnthropicFailure,
};
