import type { IncomingHttpHeaders } from 'node:http';
import type { UpstreamFailure } from '../../errors/upstream-failure.js';

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** OpenAI's reset headers are durations such as `1s`, `6m0s`, `20ms` (https://platform.openai.com/docs/guides/rate-limits). */
export function parseOpenAiDuration(text: string): number | undefined {
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = false;
  for (const [, amount, unit] of text.matchAll(pattern)) {
    matched = true;
    const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
    total += Number(amount) * factor;
  }
  return matched ? total : undefined;
}

function retryAfterMs(headers: IncomingHttpHeaders): number | undefined {
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter !== undefined && /^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const resets = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']
    .map((name) => headerValue(headers, name))
    .map((text) => (text === undefined ? undefined : parseOpenAiDuration(text)))
    .filter((value): value is number => value !== undefined);
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

/**
 * OpenAI-family answers (OpenAI, Azure, compatible vendors). An exhausted prepaid balance is a 429
 * with the code `insufficient_quota`, which no cooldown fixes: the account waits for an operator.
 */
export function classifyOpenAiFailure(
  status: number,
  headers: IncomingHttpHeaders,
  errorType: string | undefined,
  _errorMessage: string,
  _now: number,
): UpstreamFailure {
  const message = `upstream ${status}${errorType ? ` ${errorType}` : ''}`;
  if (errorType === 'insufficient_quota' || errorType === 'billing_hard_limit_reached') {
    return { failureClass: 'quota_exhausted', message };
  }
  if (status === 429) return { failureClass: 'rate_limited', retryAfterMs: retryAfterMs(headers), message };
  if (status === 503 || status === 529)
    return { failureClass: 'overloaded', retryAfterMs: retryAfterMs(headers), message };
  if (status === 401 || status === 403) return { failureClass: 'credential_invalid', message };
  if (status >= 500) return { failureClass: 'server_error', message };
  return { failureClass: 'client_error', message };
}
