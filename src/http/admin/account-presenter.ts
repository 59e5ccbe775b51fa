import type { SecretBox } from '../../crypto/secret-box.js';
import type { StoredAccount } from '../../db/repositories/accounts-repository.js';
import { parseClaudeOAuthCredential } from '../../providers/anthropic/claude-oauth-credential.js';
import type { AdminServices } from './admin-services.js';
import { maskProxyUrl, presentAccount } from './presenters.js';

export function sealAccountHeaders(secrets: SecretBox, headers: Record<string, string>): string | null {
  return Object.keys(headers).length === 0 ? null : secrets.seal(JSON.stringify(headers));
}

/**
 * The admin view of an account: its fields, the proxy with its password masked, extra header names
 * (their values may be credentials), for an OAuth account when its access token expires (never a
 * token), and the live state and statistics.
 */
export function accountPresenter(services: Pick<AdminServices, 'secrets' | 'runtime'>) {
  const { secrets, runtime } = services;
  return (account: StoredAccount) => ({
    ...presentAccount(account),
    proxyUrl: account.proxySealed === null ? null : maskProxyUrl(secrets.open(account.proxySealed)),
    extraHeaders:
      account.extraHeadersSealed === null
        ? []
        : Object.keys(JSON.parse(secrets.open(account.extraHeadersSealed)) as object),
    ...(account.type === 'claude-oauth' ? { oauth: presentOAuth(secrets, account) } : {}),
    ...runtime.status(account.id),
  });
}

function presentOAuth(secrets: SecretBox, account: StoredAccount) {
  const credential = parseClaudeOAuthCredential(secrets.open(account.credentialSealed));
  return { accessTokenExpiresAt: credential ? new Date(credential.expiresAt).toISOString() : null };
}
