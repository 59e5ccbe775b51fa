import type { IncomingHttpHeaders } from 'node:http';

/**
 * The key a caller presents. `x-api-key` wins over `Authorization` when both are present (SPEC §4,
 * documented), because Anthropic clients send `x-api-key` and may carry an unrelated bearer token.
 * Gemini's `x-goog-api-key` and `?key=` forms arrive with the Gemini surface.
 */
export function presentedCredential(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey.trim();
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 7) {
    const scheme = authorization.slice(0, 7).toLowerCase();
    if (scheme === 'bearer ') return authorization.slice(7).trim();
  }
  return undefined;
}
