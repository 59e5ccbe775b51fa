// Wire shapes of the Anthropic Messages API as the mock emits them, plus the mock's own public types.
// Shapes follow https://docs.claude.com/en/api/messages, /en/api/messages-streaming and /en/api/errors.
import type { IncomingHttpHeaders } from 'node:http';

export type CacheTtl = '5m' | '1h';

export interface CacheCreationBreakdown {
  ephemeral_5m_input_tokens: number;
  ephemeral_1h_input_tokens: number;
}

/** Usage as Anthropic reports it: `input_tokens` excludes both cache classes (they are additive). */
export interface AnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: CacheCreationBreakdown;
  output_tokens: number;
  service_tier: 'standard';
}

export type InputUsage = Omit<AnthropicUsage, 'output_tokens' | 'service_tier'>;

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

export type ResponseContentBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface MessageResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ResponseContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

export type ContentBlockDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string };

/** message_delta usage: cumulative totals, the input and cache fields repeated as the current API does. */
export type MessageDeltaUsage = Omit<AnthropicUsage, 'cache_creation' | 'service_tier'>;

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

export interface ErrorDetail {
  type: AnthropicErrorType;
  message: string;
}

export type StreamEvent =
  | { type: 'message_start'; message: MessageResponse }
  | { type: 'content_block_start'; index: number; content_block: ResponseContentBlock }
  | { type: 'ping' }
  | { type: 'content_block_delta'; index: number; delta: ContentBlockDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: StopReason; stop_sequence: string | null };
      usage: MessageDeltaUsage;
    }
  | { type: 'message_stop' }
  | { type: 'error'; error: ErrorDetail };

/**
 * What the mock should do for one /v1/messages request. Same vocabulary as the `mock:` directives;
 * `delayMs` is the pause between stream events (and before a JSON answer).
 */
export type Scenario =
  | { kind: 'text'; text?: string; delayMs?: number }
  | { kind: 'echo'; delayMs?: number }
  | { kind: 'bash'; command: string; delayMs?: number }
  | { kind: 'tool'; name: string; input: Record<string, unknown>; delayMs?: number }
  | { kind: 'think'; thinking?: string; text?: string; delayMs?: number }
  | { kind: 'long'; deltas: number; delayMs?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'error'; status: number; message?: string }
  | { kind: 'leak' }
  | { kind: 'stream-error'; delayMs?: number }
  | { kind: 'break'; afterEvents: number; delayMs?: number }
  | { kind: 'reset' }
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  /** Path including the query string, e.g. `/v1/messages?beta=true`. */
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Parsed JSON body, or undefined when empty or malformed. */
  body: unknown;
  /** Final usage the mock reported (for a stream: the last usage-bearing event actually sent). */
  reported?: AnthropicUsage;
  /**
   * For a stream that ended before its final usage (message_delta) went out: the content deltas it did
   * send (text, thinking, tool JSON). A gateway can only count this output itself.
   */
  contentBeforeCut?: string;
  /** HTTP status sent; 0 while no response head has been sent (hang, reset). */
  status: number;
  /** The client went away before the response was complete. */
  aborted: boolean;
}

export interface MockAnthropicOptions {
  apiKey?: string;
  /** Benchmark mode: precomputed answers, no parsing, no recording. */
  fast?: boolean;
  host?: string;
  port?: number;
}

export interface MockUpstream {
  /** Base URL without `/v1`, e.g. `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /**
   * From now on, only this credential (x-api-key or Bearer) is accepted, or those the check accepts:
   * OAuth access tokens that rotate. Not in fast mode.
   */
  acceptCredential(credential: string | ((presented: string | undefined) => boolean)): void;
  enqueue(scenario: Scenario): void;
  /** Forget recorded requests, queued scenarios and the prompt cache. */
  reset(): void;
  close(): Promise<void>;
}
