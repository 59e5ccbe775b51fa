import type { IncomingHttpHeaders } from 'node:http';

/**
 * Request headers passed from an OpenAI-speaking caller to an OpenAI-family upstream: an allowlist.
 * The caller's `authorization`, `openai-organization` and `openai-project` name the caller's own
 * account and never leave Gatehouse; Codex's `originator`/`session-id`/`x-codex-*` and the SDKs'
 * `x-stainless-*` are harmless and useful to the upstream.
 */
const exactNames = new Set([
  'content-type',
  'accept',
  'user-agent',
  'openai-beta',
  'originator',
  'session-id',
  'version',
]);
const prefixes = ['x-stainless-', 'x-codex-'];

export function forwardOpenAiHeaders(incoming: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in incoming) {
    if (!exactNames.has(name) && !prefixes.some((prefix) => name.startsWith(prefix))) continue;
    const value = incoming[name];
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['content-type'] ??= 'application/json';
  // The usage tap reads the stream as it passes, so it must arrive uncompressed.
  headers['accept-encoding'] = 'identity';
  return headers;
}
