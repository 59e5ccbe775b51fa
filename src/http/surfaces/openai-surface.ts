import type { FastifyInstance } from 'fastify';
import type { RelayServices } from '../../relay/relay-services.js';
import { inferenceSurface } from './inference-surface.js';
import { listModels } from './models-list.js';

/** OpenAI clients use the root `/v1` (shared with Anthropic's surface) or the `/openai/v1` alias. */
const openAiPrefixes = ['', '/openai'] as const;

/** The OpenAI Chat Completions surface (SPEC §2). */
export async function openAiChatSurface(
  app: FastifyInstance,
  options: { services: RelayServices; maxBodyBytes: number },
) {
  await inferenceSurface(app, {
    ...options,
    dialect: 'openai-chat',
    routes: openAiPrefixes.map((prefix) => ({
      path: `${prefix}/v1/chat/completions`,
      operation: 'generate' as const,
    })),
    forwardedQuery: () => '',
    extraRoutes(surface) {
      surface.get('/openai/v1/models', { config: { auth: 'key' } }, async (request) =>
        listModels(options.services, request.gatehouseKey!, 'openai'),
      );
    },
  });
}

/** The OpenAI Responses surface (SPEC §2): Codex CLI's. */
export async function openAiResponsesSurface(
  app: FastifyInstance,
  options: { services: RelayServices; maxBodyBytes: number },
) {
  await inferenceSurface(app, {
    ...options,
    dialect: 'openai-responses',
    routes: openAiPrefixes.map((prefix) => ({
      path: `${prefix}/v1/responses`,
      operation: 'generate' as const,
    })),
    forwardedQuery: () => '',
  });
}
