import type { IncomingHttpHeaders } from 'node:http';

/**
 * Response headers relayed from an upstream to the caller: an allowlist, so cookies, account
 * identifiers (`anthropic-organization-id`), CDN and server headers (`cf-ray`, `server`, `via`) and the
 * shared account's own rate-limit headers never reach a caller.
 */
const relayedNames = [
  'content-type',
  // The body is relayed byte for byte, so the upstream's length and encoding stay true.
  'content-length',
  'content-encoding',
  'request-id',
  // OpenAI-family upstreams name their request id this way.
  'x-request-id',
  'retry-after',
  'x-should-retry',
  'cache-control',
] as const;

export function relayedResponseHeaders(upstream: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of relayedNames) {
    const value = upstream[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

export function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
