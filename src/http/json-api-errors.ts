import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { errorResponse, toGatewayError } from './error-response.js';

/** The error handler of the JSON APIs (admin and self-service): `{ error: { type, message } }`. */
export function jsonApiErrorHandler(logger: Logger) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const gatewayError = toGatewayError(error);
    if (gatewayError.status >= 500) logger.error({ err: error, url: request.url }, 'API request failed');
    const body = { error: { type: gatewayError.code, message: gatewayError.message } };
    const rendered = errorResponse(gatewayError, body);
    return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
  };
}
