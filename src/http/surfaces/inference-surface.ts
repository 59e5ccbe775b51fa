import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientFamilyOf } from '../../access/client-family.js';
import { checkServiceAccess } from '../../access/key-policy.js';
import type { Dialect } from '../../dialects/dialect.js';
import { wireFor } from '../../dialects/dialect-wire.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { estimateUpperBound } from '../../limits/estimate-upper-bound.js';
import { rateLimitHeaders } from '../../limits/rate-limit-headers.js';
import { noopAdmission } from '../../limits/request-limits.js';
import type { Operation } from '../../providers/provider.js';
import { relayCall } from '../../relay/relay-call.js';
import type { RelayServices } from '../../relay/relay-services.js';
import { type ErrorResponse, toGatewayError, writeErrorResponse } from '../error-response.js';

export interface InferenceRoute {
  path: string;
  operation: Operation;
}

export interface InferenceSurfaceOptions {
  services: RelayServices;
  maxBodyBytes: number;
  dialect: Dialect;
  routes: readonly InferenceRoute[];
  /** The part of the caller's query string passed upstream (never anything that shapes the URL). */
  forwardedQuery: (url: string) => string;
  /** Extra read-only routes of the surface (model listings), behind the same authentication. */
  extraRoutes?: (app: FastifyInstance) => void;
}

/** A Gatehouse error in a dialect's own envelope, with the status that dialect's clients expect. */
export function renderDialectError(dialect: Dialect, error: unknown): ErrorResponse {
  const gatewayError = toGatewayError(error);
  const rendered = wireFor(dialect).errorResponse(gatewayError.status, gatewayError.message);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (gatewayError.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(gatewayError.retryAfterSeconds);
  if (gatewayError.rateLimit)
    Object.assign(headers, rateLimitHeaders(dialect, gatewayError.rateLimit, Date.now()));
  return { status: rendered.status, headers, body: JSON.stringify(rendered.body) };
}

/**
 * One inbound API surface (SPEC §2) as an encapsulated plugin: its own body parser (raw bytes, JSON
 * only, size-limited) and errors in its own dialect's envelope. Its routes carry the `key` policy, whose
 * guard (http/auth/key-guard.ts) runs before the body is read. The relay does the rest.
 */
export async function inferenceSurface(app: FastifyInstance, options: InferenceSurfaceOptions) {
  const { services, dialect } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.maxBodyBytes },
    (_r, body, done) => done(null, body),
  );
  app.setErrorHandler((error, request, reply) => {
    const rendered = renderDialectError(dialect, error);
    if (rendered.status >= 500) services.logger.error({ err: error, url: request.url }, 'request failed');
    return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
  });
  for (const route of options.routes) {
    app.post(route.path, { config: { auth: 'key' } }, (request, reply) =>
      relayRequest(options, route.operation, request, reply),
    );
  }
  options.extraRoutes?.(app);
}

async function relayRequest(
  options: InferenceSurfaceOptions,
  operation: Operation,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const { services, dialect } = options;
  const live = request.gatehouseKey!;
  const body = request.body;
  let admission: Awaited<ReturnType<typeof services.limits.admit>> | typeof noopAdmission;
  try {
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new GatewayError('invalid_request', 'The request body is empty.');
    const wrongService = checkServiceAccess(live, dialect);
    if (wrongService) throw wrongService;
    // A request that could not be recorded is not served: while the usage queue is full, refuse.
    if (services.usageWriter.saturated)
      throw new GatewayError('usage_backlog', 'Gatehouse is catching up on usage records; retry shortly.', {
        retryAfterSeconds: 1,
      });
    const refused = services.sharedStateRefusal();
    if (refused) throw refused;
    // A key without limits pays nothing here: no store call, no promise.
    admission = live.limits.empty
      ? noopAdmission
      : await services.limits.admit(live, () => estimateUpperBound(body));
  } catch (error) {
    noteRefused(options, request, renderDialectError(dialect, error).status);
    throw error;
  }
  // Set once an attempt's usage record is made (the metrics count that one, not a refusal).
  const progress = { recorded: false };
  reply.hijack();
  try {
    await services.inFlight.track(
      relayCall(
        services,
        {
          dialect,
          live,
          headers: request.headers,
          query: options.forwardedQuery(request.url),
          body,
          clientFamily: clientFamilyOf(request.headers['user-agent']),
          startedAt: request.arrivedAt,
          createdAt: Date.now(),
          onCharged: (usage) => admission.charge(usage),
          onRecorded: () => {
            progress.recorded = true;
          },
        },
        operation,
        reply.raw,
      ),
      () => reply.raw.writableEnded || reply.raw.destroyed,
    );
  } catch (error) {
    const rendered = renderDialectError(dialect, error);
    if (rendered.status >= 500 && !(error instanceof GatewayError)) {
      services.logger.error({ err: error, url: request.url }, 'relay failed');
    }
    if (!progress.recorded) noteRefused(options, request, rendered.status);
    writeErrorResponse(reply.raw, rendered);
  } finally {
    admission.release();
  }
}

/** A request that ended before any upstream attempt was recorded: counted in the metrics as refused. */
function noteRefused(options: InferenceSurfaceOptions, request: FastifyRequest, status: number): void {
  options.services.metrics.observeRefused(
    options.dialect,
    status,
    (performance.now() - request.arrivedAt) / 1000,
  );
}
