import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../access/authenticate.js';
import { clientFamilyOf } from '../../access/client-family.js';
import { checkKeyAccess } from '../../access/key-policy.js';
import { anthropicErrorBody } from '../../dialects/anthropic/error-envelope.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Operation } from '../../providers/provider.js';
import { relayCall } from '../../relay/relay-call.js';
import type { RelayServices } from '../../relay/relay-services.js';
import { type ErrorResponse, errorResponse, toGatewayError, writeErrorResponse } from '../error-response.js';
import { listAnthropicModels } from './anthropic-models.js';

/** Where Anthropic clients find the Messages API: the root, and the `/api` and `/claude` aliases. */
export const anthropicPrefixes = ['', '/api', '/claude'] as const;

export function renderAnthropicError(error: unknown): ErrorResponse {
  const gatewayError = toGatewayError(error);
  return errorResponse(gatewayError, anthropicErrorBody(gatewayError.status, gatewayError.message));
}

/**
 * The Anthropic Messages surface (SPEC §2): an encapsulated plugin with its own body parser (raw bytes,
 * JSON only), its own authentication hook (before the body is read) and its own error envelope.
 */
export async function anthropicSurface(
  app: FastifyInstance,
  options: { services: RelayServices; maxBodyBytes: number },
) {
  const { services } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.maxBodyBytes },
    (_r, body, done) => done(null, body),
  );
  app.setErrorHandler((error, request, reply) => {
    const rendered = renderAnthropicError(error);
    if (rendered.status >= 500) services.logger.error({ err: error, url: request.url }, 'request failed');
    return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
  });
  // Callback style, not async: an async hook costs a promise per request on the hottest path.
  app.addHook('onRequest', (request, _reply, done) => {
    request.arrivedAt = performance.now();
    const live = authenticate(services.catalog, request.headers);
    if (live instanceof GatewayError) return done(live);
    const refused = checkKeyAccess(live, request.ip, services.now());
    if (refused) return done(refused);
    request.gatehouseKey = live;
    done();
  });

  const relay = (operation: Operation) => (request: FastifyRequest, reply: FastifyReply) =>
    relayRequest(services, operation, request, reply);
  for (const prefix of anthropicPrefixes) {
    app.post(`${prefix}/v1/messages`, relay('generate'));
    app.post(`${prefix}/v1/messages/count_tokens`, relay('count_tokens'));
    app.get(`${prefix}/v1/models`, async (request) => listAnthropicModels(services, request.gatehouseKey!));
  }
}

async function relayRequest(
  services: RelayServices,
  operation: Operation,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const live = request.gatehouseKey!;
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new GatewayError('invalid_request', 'The request body is empty.');
  const admission = services.admission.admit(live.key, services.now());
  if (admission instanceof GatewayError) throw admission;
  reply.hijack();
  try {
    await relayCall(
      services,
      {
        dialect: 'anthropic',
        live,
        headers: request.headers,
        query: betaQuery(request.url),
        body,
        clientFamily: clientFamilyOf(request.headers['user-agent']),
        startedAt: request.arrivedAt,
        createdAt: Date.now(),
      },
      operation,
      reply.raw,
    );
  } catch (error) {
    const rendered = renderAnthropicError(error);
    if (rendered.status >= 500 && !(error instanceof GatewayError))
      services.logger.error({ err: error, url: request.url }, 'relay failed');
    writeErrorResponse(reply.raw, rendered);
  } finally {
    admission.release();
  }
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
