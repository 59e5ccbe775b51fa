import type { ServerResponse } from 'node:http';
import { codeForStatus, GatewayError } from '../errors/gateway-error.js';

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Fastify and Node raise errors with a `statusCode`; anything else is an internal error. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new GatewayError(codeForStatus(status), describeClientError(error, status), { cause: error });
  }
  return new GatewayError('internal', 'Gatehouse hit an internal error.', { cause: error });
}

/** Fastify's own messages for client errors are safe and precise; keep them, minus the FST_ code. */
function describeClientError(error: unknown, status: number): string {
  if (status === 413) return 'The request body is too large.';
  if (status === 415) return 'Only application/json request bodies are accepted.';
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && message.length > 0 ? message : 'The request is malformed.';
}

export function errorResponse(error: GatewayError, body: unknown): ErrorResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return { status: error.status, headers, body: JSON.stringify(body) };
}

/** For hijacked replies, where Fastify's error handler no longer runs. */
export function writeErrorResponse(response: ServerResponse, rendered: ErrorResponse): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(rendered.status, rendered.headers);
  response.end(rendered.body);
}
