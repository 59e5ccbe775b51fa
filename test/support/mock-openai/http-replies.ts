// Response heads and bodies shared by every route: OpenAI's error envelope
// (https://platform.openai.com/docs/guides/error-codes) and the headers the real API sends.
import type { ServerResponse } from 'node:http';
import type { OpenAiErrorBody } from './types.js';

interface ErrorDefaults {
  type: string;
  code: string | null;
  message: string;
}

// Types and codes as the live API reports them: 429 uses the limit kind (`requests`) as its type,
// 5xx use `server_error`, and every other 4xx is an `invalid_request_error`.
const ERROR_DEFAULTS: ReadonlyMap<number, ErrorDefaults> = new Map([
  [400, { type: 'invalid_request_error', code: null, message: 'Invalid request.' }],
  [
    401,
    {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message:
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    },
  ],
  [
    403,
    {
      type: 'invalid_request_error',
      code: 'unsupported_country_region_territory',
      message: 'Country, region, or territory not supported',
    },
  ],
  [
    404,
    {
      type: 'invalid_request_error',
      code: 'model_not_found',
      message: 'The model does not exist or you do not have access to it.',
    },
  ],
  [
    429,
    {
      type: 'requests',
      code: 'rate_limit_exceeded',
      message:
        'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 7s.',
    },
  ],
  [
    500,
    {
      type: 'server_error',
      code: null,
      message: 'The server had an error while processing your request. Sorry about that!',
    },
  ],
  [
    503,
    {
      type: 'service_unavailable_error',
      code: 'server_is_overloaded',
      message: 'The server is overloaded, please try again later.',
    },
  ],
]);

const QUOTA_MESSAGE = 'You exceeded your current quota, please check your plan and billing details.';

export interface ErrorDetails {
  message?: string;
  code?: string;
  param?: string;
}

export function errorBody(status: number, details: ErrorDetails = {}): OpenAiErrorBody {
  const defaults = ERROR_DEFAULTS.get(status) ?? {
    type: status < 500 ? 'invalid_request_error' : 'server_error',
    code: null,
    message: `mock error ${status}`,
  };
  // A quota error shares 429 with rate limiting; only type/code tell a client not to retry.
  if (details.code === 'insufficient_quota') {
    return {
      error: {
        message: details.message ?? QUOTA_MESSAGE,
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    };
  }
  return {
    error: {
      message: details.message ?? defaults.message,
      type: defaults.type,
      param: details.param ?? null,
      code: details.code ?? defaults.code,
    },
  };
}

/**
 * Headers that identify the upstream. A gateway must not relay the identifying ones to its clients
 * (SPEC §4), so the mock sends them on every response for tests to check.
 */
export function upstreamHeaders(requestId: string, azure: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'x-request-id': requestId,
    'openai-organization': 'org-mock-123',
    'openai-project': 'proj_mock',
    'openai-version': '2020-10-01',
    // The real value is the server-side latency; a constant keeps recordings deterministic.
    'openai-processing-ms': '12',
    'set-cookie': '__cf_bm=mock-secret; path=/; HttpOnly; Secure',
    'cf-ray': '1234-MOCK',
    'cf-cache-status': 'DYNAMIC',
    server: 'cloudflare',
    'access-control-expose-headers': 'X-Request-ID',
  };
  if (azure) {
    headers['apim-request-id'] = requestId;
    headers['x-ms-region'] = 'Mock Region';
  }
  return headers;
}

/** OpenAI's rate-limit headers; resets are durations (`6ms`, `7s`, `1m0s`), not timestamps. */
export function rateLimitHeaders(remainingRequests: number, resetRequests: string): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-requests': String(remainingRequests),
    'x-ratelimit-remaining-tokens': remainingRequests > 0 ? '29999000' : '0',
    'x-ratelimit-reset-requests': resetRequests,
    'x-ratelimit-reset-tokens': '0s',
  };
}

export const RETRY_AFTER_SECONDS = 7;

/** Extra headers for an error status: a 429 says when to come back, like the real API. */
export function errorStatusHeaders(status: number, azure: boolean): Record<string, string> {
  if (status !== 429) return {};
  const headers = {
    'retry-after': String(RETRY_AFTER_SECONDS),
    ...rateLimitHeaders(0, `${RETRY_AFTER_SECONDS}s`),
  };
  // Azure OpenAI also sends the millisecond form, which the OpenAI SDK prefers when present.
  return azure ? { ...headers, 'retry-after-ms': String(RETRY_AFTER_SECONDS * 1000) } : headers;
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
