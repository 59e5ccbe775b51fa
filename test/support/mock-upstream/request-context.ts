// Per-request state the routes share: the raw exchange, the recording (absent in fast mode) and a
// signal that fires when the client goes away or the mock closes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitHeaders, sendError, upstreamHeaders } from './http-replies.js';
import type { RecordedRequest } from './types.js';

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  record: RecordedRequest | undefined;
  /** Aborted when the connection closes before the response finished. */
  signal: AbortSignal;
  /** Set before the mock itself drops the connection, so that is not taken for a client abort. */
  endedByMock: boolean;
}

export function successHeaders(context: RequestContext): Record<string, string> {
  return { ...upstreamHeaders(context.requestId), ...rateLimitHeaders(new Date(Date.now() + 60_000), 999) };
}

export function replyError(
  context: RequestContext,
  status: number,
  message?: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (context.record) context.record.status = status;
  sendError(context.response, status, message, { ...upstreamHeaders(context.requestId), ...extraHeaders });
}

/** Drops the connection without an answer (mock:reset, mock:break). */
export function dropConnection(context: RequestContext): void {
  context.endedByMock = true;
  context.request.socket.destroy();
}

/** The credential the caller presented, whichever header carried it. */
export function presentedCredential(request: IncomingMessage): string | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const authorization = request.headers.authorization;
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
}

/** Either header may carry the key: x-api-key for API keys, Bearer for OAuth-style accounts. */
export function isAuthorized(request: IncomingMessage, apiKey: string): boolean {
  return request.headers['x-api-key'] === apiKey || request.headers.authorization === `Bearer ${apiKey}`;
}
