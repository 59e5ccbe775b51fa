import type { IncomingHttpHeaders } from 'node:http';
import type { UpstreamFailure } from '../../errors/upstream-failure.js';

/**
 * Reset headers Anthropic sends with a 429, as RFC 3339 times
 * (https://docs.anthropic.com/en/api/rate-limits#response-headers). Subscription (OAuth) accounts
 * report their window in the `unified` family.
 */
const resetHeaders = [
  'anthropic-ratelimit-requests-reset',
  'anthropic-ratelimit-tokens-reset',
  'anthropic-ratelimit-input-tokens-reset',
  'anthropic-ratelimit-output-tokens-reset',
  'anthropic-ratelimit-unified-reset',
];

/** Anthropic answers an empty prepaid balance with a 400 invalid_request_error carrying this text. */
const outOfCredit = /credit balance is too low|spend limit|billing/i;

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `retry-after` (seconds) wins; otherwise the latest of the reset times, if any is in the future. */
export function retryAfterFromHeaders(headers: IncomingHttpHeaders, now: number): number | undefined {
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter !== undefined && /^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  let latest: number | undefined;
  for (const name of resetHeaders) {
    const text = headerValue(headers, name);
    if (text === undefined) continue;
    // The unified family sends epoch seconds; the others RFC 3339.
    const at = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
    if (!Number.isNaN(at) && at > now) latest = Math.max(latest ?? 0, at - now);
  }
  return latest;
}

export function classifyAnthropicFailure(
  status: number,
  headers: IncomingHttpHeaders,
  errorType: string | undefined,
  errorMessage: string,
  now: number,
): UpstreamFailure {
  const message = `upstream ${status}${errorType ? ` ${errorType}` : ''}`;
  if (status === 429)
    return { failureClass: 'rate_limited', retryAfterMs: retryAfterFromHeaders(headers, now), message };
  if (status === 529 || status === 503) {
    return { failureClass: 'overloaded', retryAfterMs: retryAfterFromHeaders(headers, now), message };
  }
  if (status === 401 || status === 403) return { failureClass: 'credential_invalid', message };
  if (status === 402 || errorType === 'billing_error' || (status === 400 && outOfCredit.test(errorMessage))) {
    return { failureClass: 'quota_exhausted', retryAfterMs: retryAfterFromHeaders(headers, now), message };
  }
  if (status >= 500) return { failureClass: 'server_error', message };
  return { failureClass: 'client_error', message };
}
