import type { FastifyInstance } from 'fastify';
import type { RelayServices } from '../../relay/relay-services.js';
import type { ErrorResponse } from '../error-response.js';
import { inferenceSurface, renderDialectError } from './inference-surface.js';
import { listModels } from './models-list.js';

/** Where Anthropic clients find the Messages API: the root, and the `/api` and `/claude` aliases. */
export const anthropicPrefixes = ['', '/api', '/claude'] as const;

export function renderAnthropicError(error: unknown): ErrorResponse {
  return renderDialectError('anthropic', error);
}

/**
 * Claude Code calls `/v1/messages?beta=true`. Only that flag is passed on: the upstream URL is never
 * shaped by anything else the caller sends.
 */
function betaQuery(url: string): string {
  const at = url.indexOf('?');
  if (at === -1) return '';
  return new URLSearchParams(url.slice(at + 1)).get('beta') === 'true' ? '?beta=true' : '';
}

/** The Anthropic Messages surface (SPEC §2). */
export async function anthropicSurface(
  app: FastifyInstance,
  options: { services: RelayServices; maxBodyBytes: number },
) {
  await inferenceSurface(app, {
    ...options,
    dialect: 'anthropic',
    routes: anthropicPrefixes.flatMap((prefix) => [
      { path: `${prefix}/v1/messages`, operation: 'generate' as const },
      { path: `${prefix}/v1/messages/count_tokens`, operation: 'count_tokens' as const },
    ]),
    forwardedQuery: betaQuery,
    extraRoutes(surface) {
      // `GET /v1/models` is shared by Anthropic and OpenAI clients: Anthropic's send `anthropic-version`.
      for (const prefix of anthropicPrefixes) {
        surface.get(`${prefix}/v1/models`, { config: { auth: 'key' } }, async (request) =>
          listModels(
            options.services,
            request.gatehouseKey!,
            request.headers['anthropic-version'] ? 'anthropic' : 'openai',
          ),
        );
      }
    },
  });
}
