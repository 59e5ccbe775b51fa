import { assertNever } from '../canonical/assert-never.js';
import type { CanonicalRequest } from '../canonical/canonical-request.js';
import type { CanonicalResponse } from '../canonical/canonical-response.js';
import type { CanonicalStreamPart } from '../canonical/canonical-stream-part.js';
import type { SseEvent, StreamStep } from '../canonical/sse-event.js';
import type { Translated } from '../canonical/translation-result.js';
import { AnthropicStreamDecoder } from '../dialects/anthropic/anthropic-stream-decoder.js';
import { AnthropicStreamEncoder } from '../dialects/anthropic/anthropic-stream-encoder.js';
import { decodeAnthropicRequest } from '../dialects/anthropic/decode-anthropic-request.js';
import { decodeAnthropicResponse } from '../dialects/anthropic/decode-anthropic-response.js';
import { encodeAnthropicRequest } from '../dialects/anthropic/encode-anthropic-request.js';
import { encodeAnthropicResponse } from '../dialects/anthropic/encode-anthropic-response.js';
import { decodeOpenAiChatRequest } from '../dialects/openai-chat/decode-openai-chat-request.js';
import { decodeOpenAiChatResponse } from '../dialects/openai-chat/decode-openai-chat-response.js';
import { encodeOpenAiChatRequest } from '../dialects/openai-chat/encode-openai-chat-request.js';
import { encodeOpenAiChatResponse } from '../dialects/openai-chat/encode-openai-chat-response.js';
import { OpenAiChatStreamDecoder } from '../dialects/openai-chat/openai-chat-stream-decoder.js';
import { OpenAiChatStreamEncoder } from '../dialects/openai-chat/openai-chat-stream-encoder.js';
import { decodeOpenAiResponsesRequest } from '../dialects/openai-responses/decode-openai-responses-request.js';
import { decodeOpenAiResponsesResponse } from '../dialects/openai-responses/decode-openai-responses-response.js';
import { encodeOpenAiResponsesRequest } from '../dialects/openai-responses/encode-openai-responses-request.js';
import { encodeOpenAiResponsesResponse } from '../dialects/openai-responses/encode-openai-responses-response.js';
import { OpenAiResponsesStreamDecoder } from '../dialects/openai-responses/openai-responses-stream-decoder.js';
import { OpenAiResponsesStreamEncoder } from '../dialects/openai-responses/openai-responses-stream-encoder.js';
import type { Dialect } from './dialect.js';

/** What an encoder needs from outside: the clock, and whether the client asked for streamed usage. */
export interface EncodeOptions {
  /** Unix seconds stamped on OpenAI objects (`created`, `created_at`). */
  created: number;
  /** Chat Completions only: the client's `stream_options.include_usage`. */
  includeUsage: boolean;
}

export type WireBody = Record<string, unknown>;

/** The eight translators of one dialect behind one shape; adding a dialect adds one case below. */
export interface DialectCodec {
  decodeRequest(body: unknown): Translated<CanonicalRequest>;
  encodeRequest(request: CanonicalRequest): Translated<WireBody>;
  decodeResponse(body: unknown): Translated<CanonicalResponse>;
  encodeResponse(response: CanonicalResponse, options: EncodeOptions): Translated<WireBody>;
  createStreamDecoder(): StreamStep<SseEvent, CanonicalStreamPart>;
  createStreamEncoder(options: EncodeOptions): StreamStep<CanonicalStreamPart, SseEvent>;
}

const anthropic: DialectCodec = {
  decodeRequest: decodeAnthropicRequest,
  encodeRequest: encodeAnthropicRequest,
  decodeResponse: decodeAnthropicResponse,
  encodeResponse: (response) => encodeAnthropicResponse(response),
  createStreamDecoder: () => new AnthropicStreamDecoder(),
  createStreamEncoder: () => new AnthropicStreamEncoder(),
};

const openAiChat: DialectCodec = {
  decodeRequest: decodeOpenAiChatRequest,
  encodeRequest: encodeOpenAiChatRequest,
  decodeResponse: decodeOpenAiChatResponse,
  encodeResponse: (response, options) => encodeOpenAiChatResponse(response, options),
  createStreamDecoder: () => new OpenAiChatStreamDecoder(),
  createStreamEncoder: (options) => new OpenAiChatStreamEncoder(options),
};

const openAiResponses: DialectCodec = {
  decodeRequest: decodeOpenAiResponsesRequest,
  encodeRequest: encodeOpenAiResponsesRequest,
  decodeResponse: decodeOpenAiResponsesResponse,
  encodeResponse: (response, options) => encodeOpenAiResponsesResponse(response, options),
  createStreamDecoder: () => new OpenAiResponsesStreamDecoder(),
  createStreamEncoder: (options) => new OpenAiResponsesStreamEncoder(options),
};

export function codecFor(dialect: Dialect): DialectCodec {
  switch (dialect) {
    case 'anthropic':
      return anthropic;
    case 'openai-chat':
      return openAiChat;
    case 'openai-responses':
      return openAiResponses;
    default:
      return assertNever(dialect);
  }
}
