import { anthropicErrorBody, anthropicStreamErrorEvent } from './anthropic/error-envelope.js';
import { AnthropicStreamUsageTap } from './anthropic/stream-usage-tap.js';
import { observeAnthropicBody } from './anthropic/usage.js';
import type { Dialect } from './dialect.js';
import type { ObservedUsage, StreamUsageTap } from './observed-usage.js';
import { OpenAiChatUsageTap, observeChatAnswer } from './openai-chat/openai-chat-usage-tap.js';
import {
  openAiChatStreamErrorEvent,
  openAiErrorBody,
  openAiResponsesStreamErrorEvent,
  openAiStatus,
  readOpenAiError,
} from './openai-error-envelope.js';
import {
  OpenAiResponsesUsageTap,
  observeResponsesAnswer,
} from './openai-responses/openai-responses-usage-tap.js';

/**
 * What the relay needs to know about a dialect's wire to pass its traffic through: how to read usage
 * from a stream and from a whole answer, and how to say "error" in it — as a body, as a stream event,
 * and when reading an upstream's error body.
 */
export interface DialectWire {
  readonly dialect: Dialect;
  createStreamTap(): StreamUsageTap;
  /** The top-level members of a whole answer that `observeAnswer` reads. */
  readonly answerFields: readonly string[];
  observeAnswer(fields: Record<string, unknown> | undefined): ObservedUsage;
  /** A Gatehouse error for a caller of this dialect: the status that caller expects and the body. */
  errorResponse(status: number, message: string): { status: number; body: unknown };
  /** The event that ends a stream which failed after its first byte reached the caller. */
  streamErrorEvent(status: number, message: string): string;
  /** An upstream's error body in this dialect's envelope, or undefined when it is not one. */
  readError(parsed: unknown): { type: string; message: string } | undefined;
}

function readAnthropicError(parsed: unknown): { type: string; message: string } | undefined {
  if (typeof parsed !== 'object' || parsed === null || (parsed as { type?: unknown }).type !== 'error')
    return undefined;
  const error = (parsed as { error?: { type?: unknown; message?: unknown } }).error;
  return {
    type: typeof error?.type === 'string' ? error.type : 'error',
    message: typeof error?.message === 'string' ? error.message : '',
  };
}

const anthropicWire: DialectWire = {
  dialect: 'anthropic',
  createStreamTap: () => new AnthropicStreamUsageTap(),
  answerFields: ['type', 'id', 'model', 'usage'],
  observeAnswer: (fields) => observeAnthropicBody(fields),
  errorResponse: (status, message) => ({ status, body: anthropicErrorBody(status, message) }),
  streamErrorEvent: anthropicStreamErrorEvent,
  readError: readAnthropicError,
};

const openAiChatWire: DialectWire = {
  dialect: 'openai-chat',
  createStreamTap: () => new OpenAiChatUsageTap(),
  answerFields: ['object', 'id', 'model', 'usage', 'error', 'choices'],
  observeAnswer: observeChatAnswer,
  errorResponse: (status, message) => ({
    status: openAiStatus(status),
    body: openAiErrorBody(status, message),
  }),
  streamErrorEvent: openAiChatStreamErrorEvent,
  readError: readOpenAiError,
};

const openAiResponsesWire: DialectWire = {
  dialect: 'openai-responses',
  createStreamTap: () => new OpenAiResponsesUsageTap(),
  answerFields: ['object', 'id', 'model', 'status', 'usage', 'error'],
  observeAnswer: observeResponsesAnswer,
  errorResponse: (status, message) => ({
    status: openAiStatus(status),
    body: openAiErrorBody(status, message),
  }),
  streamErrorEvent: openAiResponsesStreamErrorEvent,
  readError: readOpenAiError,
};

export function wireFor(dialect: Dialect): DialectWire {
  switch (dialect) {
    case 'anthropic':
      return anthropicWire;
    case 'openai-chat':
      return openAiChatWire;
    case 'openai-responses':
      return openAiResponsesWire;
    default: {
      const unknownDialect: never = dialect;
      throw new Error(`no wire for ${String(unknownDialect)}`);
    }
  }
}
