import type { ServerResponse } from 'node:http';
import type { Dialect } from '../dialects/dialect.js';
import type { DialectWire } from '../dialects/dialect-wire.js';
import { relayedResponseHeaders } from './response-headers.js';
import { scrubSecrets } from './scrub-secrets.js';
import type { UpstreamErrorAnswer } from './upstream-exchange.js';

/**
 * Writes an upstream's error answer to the caller in the caller's dialect, cleaned of credentials.
 * Same dialect: the upstream's own body is relayed (it carries the most detail). Another dialect: its
 * message is carried into the caller's envelope. An upstream 401/403 means the shared account's
 * credential is bad, not the caller's key: telling the caller 401 would make Claude Code ask its user to
 * log in again, so it becomes a 502.
 */
export function writeUpstreamError(
  response: ServerResponse,
  answer: UpstreamErrorAnswer,
  secrets: readonly string[],
  caller: DialectWire,
  upstreamDialect: Dialect,
): number {
  const accountRefused = answer.status === 401 || answer.status === 403;
  let status: number;
  let text: string;
  if (accountRefused) {
    const rendered = caller.errorResponse(502, 'The upstream account was refused; an operator must fix it.');
    [status, text] = [rendered.status, JSON.stringify(rendered.body)];
  } else if (answer.errorType && caller.dialect === upstreamDialect) {
    [status, text] = [answer.status, answer.text];
  } else {
    const message = answer.errorMessage || `The upstream answered with status ${answer.status}.`;
    const rendered = caller.errorResponse(answer.status, message);
    [status, text] = [rendered.status, JSON.stringify(rendered.body)];
  }
  // The body is rewritten (scrubbed, or replaced), so the upstream's length and encoding no longer apply.
  const {
    'content-length': _length,
    'content-encoding': _encoding,
    ...kept
  } = relayedResponseHeaders(answer.headers);
  response.writeHead(status, { ...kept, 'content-type': 'application/json' });
  response.end(scrubSecrets(text, secrets));
  return status;
}
