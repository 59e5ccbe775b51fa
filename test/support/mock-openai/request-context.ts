// Per-request state the routes share: the raw exchange, the recording, whether it came in on an Azure
// path, and a signal that fires when the client goes away or the mock closes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ErrorDetails,
  errorBody,
  errorStatusHeaders,
  rateLimitHeaders,
  sendJson,
  upstreamHeaders,
} from './http-replies.js';
import type { RecordedRequest } from './types.js';

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  /** The request came in on an `/openai/…` path: Azure's extra headers are added. */
  azure: boolean;
  record: RecordedRequest;
  /** Aborted when the connection closes before the response finished. */
  signal: AbortSignal;
  /** Set before the mock itself drops the connection, so that is not taken for a client abort. */
  endedByMock: boolean;
}

export function createContext(
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
  record: RecordedRequest,
): RequestContext {
  const controller = new AbortController();
  const context: RequestContext = {
    request,
    response,
    requestId,
    azure: false,
    record,
    signal: controller.signal,
    endedByMock: false,
  };
  response.once('close', () => {
    if (response.writableFinished) return;
    if (!context.endedByMock) context.record.aborted = true;
    controller.abort();
  });
  return context;
}

export function successHeaders(context: RequestContext): Record<string, string> {
  return { ...upstreamHeaders(context.requestId, context.azure), ...rateLimitHeaders(9999, '6ms') };
}

export function replyError(context: RequestContext, status: number, details: ErrorDetails = {}): void {
  context.record.status = status;
  const headers = {
    ...upstreamHeaders(context.requestId, context.azure),
    ...errorStatusHeaders(status, context.azure),
  };
  sendJson(context.response, status, errorBody(status, details), headers);
}

/** Drops the connection without an answer (mock:reset). */
export function dropConnection(context: RequestContext): void {
  context.endedByMock = true;
  context.request.socket.destroy();
}

/**
 * OpenAI takes the key as a Bearer token. Azure takes it in `api-key`, and its v1 API also as a
 * Bearer token, so with `azure` both headers are accepted on every path.
 */
export function isAuthorized(request: IncomingMessage, apiKey: string, azure: boolean): boolean {
  if (request.headers.authorization === `Bearer ${apiKey}`) return true;
  return azure && request.headers['api-key'] === apiKey;
}
