import type { IncomingHttpHeaders } from 'node:http';
import type { LiveAccount } from '../../domain/account.js';
import type { Operation, Provider, UpstreamTarget } from '../provider.js';
import { forwardAnthropicHeaders } from './anthropic-headers.js';

const operationPaths: Record<Operation, string> = {
  messages: '/v1/messages',
  count_tokens: '/v1/messages/count_tokens',
};

/** Splits a base URL into the pool origin and a path prefix (for gateways mounted under a path). */
export function splitBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

/** Anthropic API-key accounts (`x-api-key`). */
export const anthropicProvider: Provider = {
  type: 'anthropic',
  dialect: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com',
  baseUrlConvention: 'the API origin without /v1, e.g. https://api.anthropic.com',
  target(
    account: LiveAccount,
    operation: Operation,
    incoming: IncomingHttpHeaders,
    query: string,
  ): UpstreamTarget {
    const { origin, prefix } = splitBaseUrl(account.baseUrl);
    const headers = forwardAnthropicHeaders(incoming);
    headers['x-api-key'] = account.credential;
    return { origin, path: `${prefix}${operationPaths[operation]}${query}`, headers };
  },
};
