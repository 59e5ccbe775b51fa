import type { IncomingHttpHeaders } from 'node:http';
import type { LiveAccount } from '../../domain/account.js';
import { accountExtraHeaders } from '../extra-headers.js';
import type { Dialect, Operation, Provider, UpstreamTarget } from '../provider.js';
import { splitBaseUrl } from '../split-base-url.js';
import { forwardAnthropicHeaders } from './anthropic-headers.js';
import { classifyAnthropicFailure } from './classify-anthropic-failure.js';

const operationPaths: Record<Operation, string> = {
  generate: '/v1/messages',
  count_tokens: '/v1/messages/count_tokens',
};

/**
 * Where a request to an Anthropic Messages upstream goes, with the caller's forwardable headers and
 * the account's extra ones; `authenticate` adds the account's credential in its own way.
 */
export function anthropicTarget(
  account: LiveAccount,
  dialect: Dialect,
  operation: Operation,
  incoming: IncomingHttpHeaders,
  query: string,
  authenticate: (headers: Record<string, string>, credential: string) => void,
): UpstreamTarget | undefined {
  if (dialect !== 'anthropic') return undefined;
  const { origin, prefix } = splitBaseUrl(account.baseUrl);
  const headers = { ...forwardAnthropicHeaders(incoming), ...accountExtraHeaders(account.extraHeaders) };
  authenticate(headers, account.credential);
  return { origin, path: `${prefix}${operationPaths[operation]}${query}`, headers };
}

const sendApiKey = (headers: Record<string, string>, credential: string) => {
  headers['x-api-key'] = credential;
};

/** Anthropic API-key accounts (`x-api-key`). */
export const anthropicProvider: Provider = {
  type: 'anthropic',
  dialects: ['anthropic'],
  defaultBaseUrl: 'https://api.anthropic.com',
  baseUrlConvention: 'the API origin without /v1, e.g. https://api.anthropic.com',
  target(account, dialect, operation, incoming, query) {
    return anthropicTarget(account, dialect, operation, incoming, query, sendApiKey);
  },
  classifyFailure: classifyAnthropicFailure,
};
