// Response heads and bodies shared by every route: the Anthropic error envelope
// (https://docs.claude.com/en/api/errors) and the headers a real upstream sends.
import type { ServerResponse } from 'node:http';
import type { AnthropicErrorType } from './types.js';

const ERROR_TYPE_BY_STATUS: ReadonlyMap<number, AnthropicErrorType> = new Map([
  [400, 'invalid_request_error'],
  [401, 'authentication_error'],
  [403, 'permission_error'],
  [404, 'not_found_error'],
  [413, 'request_too_large'],
  [429, 'rate_limit_error'],
  [500, 'api_error'],
  [529, 'overloaded_error'],
]);

const DEFAULT_MESSAGES: Readonly<Record<AnthropicErrorType, string>> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  api_error: 'Internal server error',
  overloaded_error: 'Overloaded',
};

/** Anthropic uses invalid_request_error for unlisted 4xx statuses; other 5xx are taken as api_error. */
export function errorTypeForStatus(status: number): AnthropicErrorType {
  return ERROR_TYPE_BY_STATUS.get(status) ?? (status < 500 ? 'invalid_request_error' : 'api_error');
}

/**
 * Headers that identify the upstream. A gateway must not relay any of them to its clients (SPEC §4),
 * so the mock sends them on every response for tests to check.
 */
export function upstreamHeaders(requestId: string): Record<string, string> {
  return {
    'request-id': requestId,
    'set-cookie': 'mock_session=secret; Path=/',
    'anthropic-organization-id': 'org-mock-123',
    'cf-ray': '1234-MOCK',
    server: 'mock-anthropic',
    via: '1.1 mock-edge',
  };
}

export function rateLimitHeaders(resetAt: Date, remaining: number): Record<string, string> {
  const reset = resetAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'anthropic-ratelimit-requests-limit': '1000',
    'anthropic-ratelimit-requests-remaining': String(remaining),
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '1000000',
    'anthropic-ratelimit-tokens-remaining': remaining > 0 ? '999000' : '0',
    'anthropic-ratelimit-tokens-reset': reset,
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
  });
  response.end(payload);
}

export function sendError(
  response: ServerResponse,
  status: number,
  message: string | undefined,
  headers: Record<string, string>,
): void {
  const type = errorTypeForStatus(status);
  const requestId = headers['request-id'];
  sendJson(
    response,
    status,
    { type: 'error', error: { type, message: message ?? DEFAULT_MESSAGES[type] }, request_id: requestId },
    headers,
  );
}

/** Extra headers for an error status: 429 tells the client when to come back, like the real API. */
export function errorStatusHeaders(status: number, now: Date): Record<string, string> {
  if (status !== 429) return {};
  const retryAfterSeconds = 7;
  return {
    'retry-after': String(retryAfterSeconds),
    ...rateLimitHeaders(new Date(now.getTime() + retryAfterSeconds * 1000), 0),
  };
}
