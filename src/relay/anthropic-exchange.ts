import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { anthropicErrorBody, anthropicStreamErrorEvent } from '../dialects/anthropic/error-envelope.js';
import { AnthropicStreamUsageTap } from '../dialects/anthropic/stream-usage-tap.js';
import { emptyUsage, type ObservedUsage, observeAnthropicBody } from '../dialects/anthropic/usage.js';
import type { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamTarget } from '../providers/provider.js';
import { CappedCollector, RelayWritable } from './relay-writable.js';
import { headerText, relayedResponseHeaders } from './response-headers.js';
import { scrubSecrets } from './scrub-secrets.js';
import { classifyTransportFailure, errorClassOf } from './upstream-failure.js';

export interface ExchangeResult {
  /** The status the caller received (or, with `failure`, should receive). */
  status: number;
  /** performance.now() when the upstream's headers arrived. */
  headersAt: number | undefined;
  streamed: boolean;
  usage: ObservedUsage;
  upstreamRequestId: string | undefined;
  clientAborted: boolean;
  errorClass: string | undefined;
  /** Set when nothing reached the caller yet: the surface renders it in the caller's dialect. */
  failure: GatewayError | undefined;
}

const maxErrorBodyBytes = 64 * 1024;

/**
 * One request/response exchange with an Anthropic-dialect upstream, relayed as it arrives. Success
 * bodies stream to the caller byte for byte while a tap reads usage; error bodies are collected, cleaned
 * of credentials and relayed in Anthropic's shape. The caller going away aborts the upstream request.
 */
export async function exchangeWithAnthropic(
  agent: Dispatcher,
  target: UpstreamTarget,
  body: Buffer,
  response: ServerResponse,
  secrets: readonly string[],
): Promise<ExchangeResult> {
  const result: ExchangeResult = {
    status: 0,
    headersAt: undefined,
    streamed: false,
    usage: emptyUsage(),
    upstreamRequestId: undefined,
    clientAborted: false,
    errorClass: undefined,
    failure: undefined,
  };
  // undici accepts an EventEmitter as the abort signal; it is far cheaper per request than an
  // AbortController (whose creation showed up in profiles at ~3% of the relay's CPU).
  const abortSignal = new EventEmitter();
  const onClose = () => {
    if (!response.writableFinished) {
      result.clientAborted = true;
      abortSignal.emit('abort');
    }
  };
  response.on('close', onClose);
  let tap: AnthropicStreamUsageTap | undefined;
  let successChunks: Buffer[] | undefined;
  let errorBody: CappedCollector | undefined;
  let errorHeaders: Record<string, string> = {};
  try {
    await agent.stream(
      {
        origin: target.origin,
        path: target.path,
        method: 'POST',
        headers: target.headers,
        body,
        signal: abortSignal,
      },
      ({ statusCode, headers }) => {
        result.headersAt = performance.now();
        result.status = statusCode;
        result.upstreamRequestId = headerText(headers, 'request-id');
        if (statusCode >= 400) {
          errorHeaders = relayedResponseHeaders(headers);
          errorBody = new CappedCollector(maxErrorBodyBytes);
          return errorBody;
        }
        response.writeHead(statusCode, relayedResponseHeaders(headers));
        if (headerText(headers, 'content-type')?.startsWith('text/event-stream')) {
          result.streamed = true;
          const streamTap = new AnthropicStreamUsageTap();
          tap = streamTap;
          return new RelayWritable(response, (chunk) => streamTap.push(chunk));
        }
        const chunks: Buffer[] = [];
        successChunks = chunks;
        return new RelayWritable(response, (chunk) => chunks.push(chunk));
      },
    );
  } catch (error) {
    handleBrokenExchange(error, result, response);
  } finally {
    response.off('close', onClose);
  }
  if (tap) result.usage = tap.end();
  else if (successChunks && !result.clientAborted)
    result.usage = observeAnthropicBody(parseJson(successChunks));
  if (errorBody && !result.clientAborted && !result.failure) {
    relayUpstreamError(result, { text: errorBody.text(), headers: errorHeaders }, response, secrets);
  }
  if (result.streamed && !result.usage.completed && !result.errorClass) {
    result.errorClass = result.usage.errorType ?? 'stream_incomplete';
  }
  return result;
}

function handleBrokenExchange(error: unknown, result: ExchangeResult, response: ServerResponse): void {
  if (result.clientAborted) {
    result.errorClass = 'client_disconnected';
    return;
  }
  if (!response.headersSent) {
    result.failure = classifyTransportFailure(error);
    result.status = result.failure.status;
    result.errorClass = errorClassOf(error);
    return;
  }
  // Bytes already reached the caller: the status cannot change, so end the stream with an error event
  // clients understand (a JSON body cut short can only be cut).
  result.errorClass = 'upstream_stream_broken';
  if (result.streamed)
    response.end(anthropicStreamErrorEvent(502, 'The upstream stream ended unexpectedly.'));
  else response.destroy();
}

function relayUpstreamError(
  result: ExchangeResult,
  upstream: { text: string; headers: Record<string, string> },
  response: ServerResponse,
  secrets: readonly string[],
): void {
  const parsed = parseJson([Buffer.from(upstream.text)]);
  const observed = observeAnthropicBody(parsed);
  result.errorClass = observed.errorType ?? `http_${result.status}`;
  // An upstream 401 means the shared account's credential is bad, not the caller's key: telling the
  // caller 401 would make Claude Code ask its user to log in again.
  const status = result.status === 401 ? 502 : result.status;
  const payload =
    result.status === 401
      ? anthropicErrorBody(502, 'The upstream account rejected its credential; an operator must fix it.')
      : observed.errorType
        ? parsed
        : anthropicErrorBody(status, `The upstream answered with status ${status}.`);
  // The body is rewritten (scrubbed, or replaced), so the upstream's length and encoding no longer apply.
  const { 'content-length': _length, 'content-encoding': _encoding, ...kept } = upstream.headers;
  const headers: Record<string, string> = { ...kept, 'content-type': 'application/json' };
  result.status = status;
  response.writeHead(status, headers);
  response.end(scrubSecrets(JSON.stringify(payload), secrets));
}

function parseJson(chunks: Buffer[]): unknown {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
