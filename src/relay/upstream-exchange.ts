import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { DialectWire } from '../dialects/dialect-wire.js';
import { emptyUsage, type ObservedUsage } from '../dialects/observed-usage.js';
import type { UpstreamTarget } from '../providers/provider.js';
import type { AnswerHandler, RelayedText } from './answer-handlers.js';
import { errorClassOf } from './classify-transport-failure.js';
import { CappedCollector } from './relay-writable.js';
import { headerText } from './response-headers.js';

/** An upstream 4xx/5xx answer, collected but not yet written: the retry loop decides what to do. */
export interface UpstreamErrorAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed from the upstream dialect's error envelope, when the body is one. */
  errorType: string | undefined;
  errorMessage: string;
}

export interface ExchangeResult {
  /** The upstream's status, or 0 when it never answered. */
  status: number;
  /** performance.now() when the upstream's headers arrived. */
  headersAt: number | undefined;
  /** True once a success answer's head was sent to the caller: from then on there is no retry. */
  delivered: boolean;
  streamed: boolean;
  usage: ObservedUsage;
  upstreamRequestId: string | undefined;
  clientAborted: boolean;
  timedOut: boolean;
  /** For the usage record: why this attempt did not end normally. */
  errorClass: string | undefined;
  upstreamError: UpstreamErrorAnswer | undefined;
  /** The transport failure when the upstream never answered (connect, reset, timeout). */
  transportError: unknown;
  /** What a stream cut short (client gone, upstream broken) relayed before it ended; else undefined. */
  relayed: RelayedText | undefined;
}

export interface ExchangeLimits {
  headersTimeoutMs: number;
  bodyIdleTimeoutMs: number;
  totalTimeoutMs: number;
}

const maxErrorBodyBytes = 64 * 1024;

/**
 * One exchange with an upstream, in the upstream's own dialect. A success answer is relayed as it arrives, byte for
 * byte, while a tap reads its usage; an error answer is collected and returned unwritten, so the caller
 * can fail over to another account. The caller going away, or the total deadline, aborts the request.
 */
export async function exchangeWithUpstream(
  dispatcher: Dispatcher,
  target: UpstreamTarget,
  body: Buffer,
  response: ServerResponse,
  limits: ExchangeLimits,
  wires: { upstream: DialectWire; caller: DialectWire },
  handler: AnswerHandler,
): Promise<ExchangeResult> {
  const result = newResult();
  // undici accepts an EventEmitter as the abort signal; it costs far less per request than an
  // AbortController (whose creation showed up in profiles at ~3% of the relay's CPU).
  const abortSignal = new EventEmitter();
  const onClose = () => {
    if (!response.writableFinished) {
      result.clientAborted = true;
      abortSignal.emit('abort');
    }
  };
  response.on('close', onClose);
  const deadline = setTimeout(() => {
    result.timedOut = true;
    abortSignal.emit('abort');
  }, limits.totalTimeoutMs);
  let errorBody: CappedCollector | undefined;
  let errorHeaders: IncomingHttpHeaders = {};
  try {
    await dispatcher.stream(
      {
        origin: target.origin,
        path: target.path,
        method: 'POST',
        headers: target.headers,
        body,
        signal: abortSignal,
        headersTimeout: limits.headersTimeoutMs,
        bodyTimeout: limits.bodyIdleTimeoutMs,
      },
      ({ statusCode, headers }) => {
        result.headersAt = performance.now();
        result.status = statusCode;
        result.upstreamRequestId = headerText(headers, 'request-id') ?? headerText(headers, 'x-request-id');
        if (statusCode >= 400) {
          errorHeaders = headers;
          errorBody = new CappedCollector(maxErrorBodyBytes);
          return errorBody;
        }
        const sink = handler.open(statusCode, headers, response);
        result.streamed = handler.streamed;
        return sink;
      },
    );
  } catch (error) {
    handleBrokenExchange(error, result, response, wires.caller);
  } finally {
    clearTimeout(deadline);
    response.off('close', onClose);
    // Delivered once the caller has a response head: from then on there is no failover.
    result.delivered = response.headersSent && result.upstreamError === undefined && errorBody === undefined;
  }
  if (result.status > 0 && result.status < 400) {
    result.usage = handler.usage(!result.clientAborted && result.transportError === undefined);
    if (result.streamed && !result.usage.completed) result.relayed = handler.relayed();
  }
  if (errorBody && !result.clientAborted && result.transportError === undefined) {
    result.upstreamError = readUpstreamError(result.status, errorHeaders, errorBody.text(), wires.upstream);
    result.errorClass = result.upstreamError.errorType ?? `http_${result.status}`;
  }
  if (result.streamed && !result.usage.completed && !result.errorClass) {
    result.errorClass = result.usage.errorType ?? 'stream_incomplete';
  }
  return result;
}

function newResult(): ExchangeResult {
  return {
    status: 0,
    headersAt: undefined,
    delivered: false,
    streamed: false,
    usage: emptyUsage(),
    upstreamRequestId: undefined,
    clientAborted: false,
    timedOut: false,
    errorClass: undefined,
    upstreamError: undefined,
    transportError: undefined,
    relayed: undefined,
  };
}

function handleBrokenExchange(
  error: unknown,
  result: ExchangeResult,
  response: ServerResponse,
  wire: DialectWire,
): void {
  if (result.clientAborted) {
    result.errorClass = 'client_disconnected';
    return;
  }
  if (!response.headersSent) {
    result.transportError = result.timedOut
      ? Object.assign(new Error('total timeout'), { code: 'UND_ERR_HEADERS_TIMEOUT' })
      : error;
    result.errorClass = result.timedOut ? 'upstream_timeout' : errorClassOf(error);
    return;
  }
  // Bytes already reached the caller: the status cannot change, so end the stream with an error event
  // clients understand (a JSON body cut short can only be cut).
  const timedOut = result.timedOut || (error as { code?: unknown }).code === 'UND_ERR_BODY_TIMEOUT';
  result.errorClass = timedOut ? 'upstream_timeout' : 'upstream_stream_broken';
  if (!result.streamed) response.destroy();
  else if (timedOut) response.end(wire.streamErrorEvent(504, 'The upstream stopped sending in time.'));
  else response.end(wire.streamErrorEvent(502, 'The upstream stream ended unexpectedly.'));
}

function readUpstreamError(
  status: number,
  headers: IncomingHttpHeaders,
  text: string,
  wire: DialectWire,
): UpstreamErrorAnswer {
  const envelope = wire.readError(parseJson([Buffer.from(text)]));
  return { status, headers, text, errorType: envelope?.type, errorMessage: envelope?.message ?? '' };
}

function parseJson(chunks: Buffer[]): unknown {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
