import type { IncomingHttpHeaders } from 'node:http';

/**
 * Request headers passed from an Anthropic-speaking caller to an Anthropic upstream. An allowlist, so
 * the caller's credentials, cookies and forwarding headers never leave Gatehouse. Claude Code's gateway
 * contract asks that every `anthropic-beta` and `anthropic-version` value be forwarded unchanged.
 */
const exactNames = new Set(['content-type', 'accept', 'user-agent', 'x-app', 'x-claude-code-session-id']);
const prefixes = ['anthropic-', 'x-stainless-'];

export function isForwardableAnthropicHeader(name: string): boolean {
  return exactNames.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

export const defaultAnthropicVersion = '2023-06-01';

export function forwardAnthropicHeaders(incoming: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in incoming) {
    if (!isForwardableAnthropicHeader(name)) continue;
    const value = incoming[name];
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['anthropic-version'] ??= defaultAnthropicVersion;
  // The usage tap reads the stream as it passes, so it must arrive uncompressed.
  headers['accept-encoding'] = 'identity';
  return headers;
}
