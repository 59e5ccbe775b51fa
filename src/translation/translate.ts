import type { CanonicalStreamPart } from '../canonical/canonical-stream-part.js';
import { CanonicalStreamFold } from '../canonical/fold-stream-parts.js';
import type { SseEvent, StreamStep } from '../canonical/sse-event.js';
import type { Translated } from '../canonical/translation-result.js';
import { gatewayError } from '../errors/gateway-error.js';
import type { Dialect } from './dialect.js';
import { codecFor, type EncodeOptions, type WireBody } from './dialect-codec.js';

export type TranslateOptions = Partial<EncodeOptions>;

/** Same-dialect traffic is passed through by the relay; reaching here with it is a wiring bug. */
function assertCrossDialect(from: Dialect, to: Dialect): void {
  if (from === to)
    throw gatewayError(
      'internal',
      `No translator for ${from} → ${to}: same-dialect traffic is passed through`,
    );
}

function encodeOptions(options: TranslateOptions | undefined): EncodeOptions {
  return {
    created: options?.created ?? Math.floor(Date.now() / 1000),
    includeUsage: options?.includeUsage ?? true,
  };
}

/**
 * Client request in dialect `from` → upstream request in dialect `to`. Throws a 400 GatewayError
 * when the client's body is invalid; warnings list what the target could not carry.
 */
export function translateRequest(from: Dialect, to: Dialect, body: unknown): Translated<WireBody> {
  assertCrossDialect(from, to);
  const decoded = codecFor(from).decodeRequest(body);
  const encoded = codecFor(to).encodeRequest(decoded.result);
  return { result: encoded.result, warnings: [...decoded.warnings, ...encoded.warnings] };
}

/** Upstream whole response in dialect `from` → the client's dialect `to`. */
export function translateResponse(
  from: Dialect,
  to: Dialect,
  body: unknown,
  options?: TranslateOptions,
): Translated<WireBody> {
  assertCrossDialect(from, to);
  const decoded = codecFor(from).decodeResponse(body);
  const encoded = codecFor(to).encodeResponse(decoded.result, encodeOptions(options));
  return { result: encoded.result, warnings: [...decoded.warnings, ...encoded.warnings] };
}

/**
 * Upstream SSE events in dialect `from` → SSE events for a client of dialect `to`, through canonical
 * parts. The fold sees every canonical part, so usage and the final message come from one place
 * whether or not the client streamed.
 */
export class StreamTranslator implements StreamStep<SseEvent, SseEvent> {
  readonly fold = new CanonicalStreamFold();

  constructor(
    private readonly decoder: StreamStep<SseEvent, CanonicalStreamPart>,
    private readonly encoder: StreamStep<CanonicalStreamPart, SseEvent>,
  ) {}

  push(event: SseEvent): SseEvent[] {
    return this.encode(this.decoder.push(event));
  }

  end(): SseEvent[] {
    return [...this.encode(this.decoder.end()), ...this.encoder.end()];
  }

  private encode(parts: CanonicalStreamPart[]): SseEvent[] {
    return parts.flatMap((part) => {
      this.fold.push(part);
      return this.encoder.push(part);
    });
  }
}

export function createStreamTranslator(
  from: Dialect,
  to: Dialect,
  options?: TranslateOptions,
): StreamTranslator {
  assertCrossDialect(from, to);
  return new StreamTranslator(
    codecFor(from).createStreamDecoder(),
    codecFor(to).createStreamEncoder(encodeOptions(options)),
  );
}
