import type { ServerResponse } from 'node:http';
import { anthropicErrorBody } from '../dialects/anthropic/error-envelope.js';
import type { UpstreamErrorAnswer } from './anthropic-exchange.js';
import { relayedResponseHeaders } from './response-headers.js';
import { scrubSecrets } from './scrub-secrets.js';

/**
 * Writes an upstream's error answer to the caller in Anthropic's shape, cleaned of credentials. An
 * upstream 401/403 means the shared account's credential is bad, not the caller's key: telling the
 * caller 401 would make Claude Code ask its user to log in again, so it becomes a 502.
 */
export function writeUpstreamError(
  response: ServerResponse,
  answer: UpstreamErrorAnswer,
  secrets: readonly string[],
): number {
  const accountRefused = answer.status === 401 || answer.status === 403;
  const status = accountRefused ? 502 : answer.status;
  const payload = accountRefused
    ? anthropicErrorBody(502, 'The upstream account was refused; an operator must fix it.')
    : answer.errorType
      ? answer.text
      : JSON.stringify(anthropicErrorBody(status, `The upstream answered with status ${status}.`));
  // The body is rewritten (scrubbed, or replaced), so the upstream's length and encoding no longer apply.
  const {
    'content-length': _length,
    'content-encoding': _encoding,
    ...kept
  } = relayedResponseHeaders(answer.headers);
  response.writeHead(status, { ...kept, 'content-type': 'application/json' });
  response.end(scrubSecrets(typeof payload === 'string' ? payload : JSON.stringify(payload), secrets));
  return status;
}
