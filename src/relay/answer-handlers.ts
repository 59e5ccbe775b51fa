import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { assertNever } from '../canonical/assert-never.js';
import type { AssistantContentPart } from '../canonical/canonical-content.js';
import type { CanonicalUsage } from '../canonical/canonical-response.js';
import { formatSseEvent } from '../canonical/sse-event.js';
import type { Dialect } from '../dialects/dialect.js';
import type { DialectWire } from '../dialects/dialect-wire.js';
import { applyCanonicalUsage, emptyUsage, type ObservedUsage } from '../dialects/observed-usage.js';
import {
  codecFor,
  createSseEventReader,
  createStreamTranslator,
  type StreamTranslator,
} from '../translation/index.js';
import { EventFilteringRelayWritable, RelayWritable } from './relay-writable.js';
import { headerText, relayedResponseHeaders } from './response-headers.js';
import { readTopLevelFields } from './top-level-json-field.js';

/**
 * What happens to an upstream's success answer: written to the caller (as is, or translated), while
 * its usage is observed. One handler per attempt.
 */
export interface AnswerHandler {
  /** Writes the caller's response head and returns where the upstream body goes. */
  open(statusCode: number, headers: IncomingHttpHeaders, response: ServerResponse): Writable;
  /** True once `open` saw a stream. */
  readonly streamed: boolean;
  /** What the answer said about tokens; `complete` is false when the body was cut short. */
  usage(complete: boolean): ObservedUsage;
  /** The content relayed so far (read only for a stream cut short, to count its output). */
  relayed(): RelayedText;
}

export interface RelayedText {
  text: string;
  /** Raw event characters that were relayed but not kept (past the per-stream cap). */
  unreadCharacters: number;
}

const nothingRelayed: RelayedText = { text: '', unreadCharacters: 0 };

const isEventStream = (headers: IncomingHttpHeaders) =>
  headerText(headers, 'content-type')?.startsWith('text/event-stream') === true;

/** Same dialect: bytes go to the caller untouched while a tap reads the usage. */
export function passThroughHandler(wire: DialectWire, dropEvent?: (event: string) => boolean): AnswerHandler {
  let tap: ReturnType<DialectWire['createStreamTap']> | undefined;
  const chunks: Buffer[] = [];
  return {
    get streamed() {
      return tap !== undefined;
    },
    open(statusCode, headers, response) {
      response.writeHead(statusCode, relayedResponseHeaders(headers));
      if (!isEventStream(headers)) return new RelayWritable(response, (chunk) => chunks.push(chunk));
      const streamTap = wire.createStreamTap();
      tap = streamTap;
      const observe = (chunk: Buffer) => streamTap.push(chunk);
      return dropEvent
        ? new EventFilteringRelayWritable(response, observe, dropEvent)
        : new RelayWritable(response, observe);
    },
    usage(complete) {
      if (tap) return tap.end();
      if (!complete) return emptyUsage();
      // Only the members that carry usage are parsed; the content (most of the body) is skipped.
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      return wire.observeAnswer(readTopLevelFields(body, wire.answerFields));
    },
    relayed() {
      return tap
        ? { text: tap.content.text(), unreadCharacters: tap.content.unreadCharacters }
        : nothingRelayed;
    },
  };
}

function observedFrom(usage: CanonicalUsage, model: string, id: string, completed: boolean): ObservedUsage {
  const observed = emptyUsage();
  applyCanonicalUsage(usage, observed);
  observed.model = model || undefined;
  observed.messageId = id || undefined;
  observed.completed = completed;
  return observed;
}

/** Writes translated SSE events as the upstream's arrive; backpressure as in RelayWritable. */
class TranslatingStreamWritable extends Writable {
  private readonly reader = createSseEventReader();

  constructor(
    private readonly response: ServerResponse,
    readonly translator: StreamTranslator,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = this.reader
      .push(chunk)
      .flatMap((event) => this.translator.push(event))
      .map(formatSseEvent)
      .join('');
    if (text.length === 0 || this.response.write(text)) callback();
    else this.response.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    const events = [
      ...this.reader.end().flatMap((event) => this.translator.push(event)),
      ...this.translator.end(),
    ];
    this.response.end(events.map(formatSseEvent).join(''));
    callback();
  }
}

/** Collects a whole JSON answer, then writes it translated into the caller's dialect. */
class TranslatingJsonWritable extends Writable {
  private readonly chunks: Buffer[] = [];
  observed: ObservedUsage = emptyUsage();

  constructor(
    private readonly response: ServerResponse,
    private readonly from: Dialect,
    private readonly to: Dialect,
    private readonly head: { statusCode: number; headers: Record<string, string> },
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    try {
      const decoded = codecFor(this.from).decodeResponse(
        JSON.parse(Buffer.concat(this.chunks).toString('utf8')),
      );
      const encoded = codecFor(this.to).encodeResponse(decoded.result, {
        created: Math.floor(Date.now() / 1000),
        includeUsage: true,
      });
      const { usage, model, id } = decoded.result;
      this.observed = observedFrom(usage, model, id, true);
      this.response.writeHead(this.head.statusCode, {
        ...this.head.headers,
        'content-type': 'application/json',
      });
      this.response.end(JSON.stringify(encoded.result));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

/**
 * Another dialect: the upstream's answer is decoded to the canonical form and encoded in the caller's
 * dialect, a whole answer at once or a stream event by event. Usage comes from the canonical fold, so
 * streamed and whole answers are counted the same way.
 */
export function translatingHandler(from: Dialect, to: Dialect, includeUsage: boolean): AnswerHandler {
  let stream: TranslatingStreamWritable | undefined;
  let json: TranslatingJsonWritable | undefined;
  return {
    get streamed() {
      return stream !== undefined;
    },
    open(statusCode, headers, response) {
      const relayed = relayedResponseHeaders(headers);
      const { 'content-length': _length, 'content-type': _type, ...kept } = relayed;
      if (!isEventStream(headers)) {
        json = new TranslatingJsonWritable(response, from, to, { statusCode, headers: kept });
        return json;
      }
      response.writeHead(statusCode, {
        ...kept,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      });
      const created = Math.floor(Date.now() / 1000);
      stream = new TranslatingStreamWritable(
        response,
        createStreamTranslator(from, to, { created, includeUsage }),
      );
      return stream;
    },
    usage(complete) {
      if (json) return json.observed;
      if (!stream) return emptyUsage();
      const folded = stream.translator.fold.response();
      return observedFrom(
        folded.usage,
        folded.model,
        folded.id,
        complete && folded.finishReason.unified !== 'error',
      );
    },
    relayed() {
      if (!stream) return nothingRelayed;
      return { text: contentText(stream.translator.fold.response().content), unreadCharacters: 0 };
    },
  };
}

/** The words a folded answer holds so far: text, reasoning, and tool calls as name and JSON input. */
function contentText(parts: readonly AssistantContentPart[]): string {
  return parts
    .map((part) => {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          return part.text;
        case 'tool-call':
          return part.name + JSON.stringify(part.input);
        default:
          return assertNever(part);
      }
    })
    .join('');
}
