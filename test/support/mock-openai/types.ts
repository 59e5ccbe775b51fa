// Wire shapes of the OpenAI Chat Completions and Responses APIs as the mock emits them, plus the mock's
// public types. Shapes follow https://platform.openai.com/docs/api-reference/chat,
// /docs/api-reference/responses, /docs/api-reference/responses-streaming and /docs/guides/error-codes.
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Chat Completions usage. Unlike Anthropic's, `cached_tokens` is a breakdown INSIDE `prompt_tokens`
 * and `reasoning_tokens` a breakdown inside `completion_tokens`: nothing here is additive.
 */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** Responses usage: the same inclusive breakdowns under other names. */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ChatFinishReason = 'stop' | 'length' | 'tool_calls';

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      annotations: [];
      tool_calls?: ChatToolCall[];
    };
    finish_reason: ChatFinishReason;
    logprobs: null;
  }>;
  usage: ChatUsage;
  service_tier: 'default';
  system_fingerprint: string;
}

export interface ChatChunkToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface ChatChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: null;
  tool_calls?: ChatChunkToolCallDelta[];
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  service_tier: 'default';
  system_fingerprint: string;
  choices: Array<{ index: 0; delta: ChatChunkDelta; finish_reason: ChatFinishReason | null; logprobs: null }>;
  /** Present (null until the last chunk) only when `stream_options.include_usage` is true. */
  usage?: ChatUsage | null;
  obfuscation?: string;
}

export interface OutputText {
  type: 'output_text';
  text: string;
  annotations: [];
  logprobs: [];
}

export type ResponsesOutputItem =
  | {
      type: 'message';
      id: string;
      role: 'assistant';
      status: 'in_progress' | 'completed' | 'incomplete';
      content: OutputText[];
    }
  | {
      type: 'function_call';
      id: string;
      call_id: string;
      name: string;
      arguments: string;
      status: 'in_progress' | 'completed';
    }
  | {
      type: 'reasoning';
      id: string;
      summary: Array<{ type: 'summary_text'; text: string }>;
      encrypted_content?: string;
    };

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete';

/** The response object; request echoes (tools, reasoning, …) are filled from the request. */
export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  background: false;
  error: null;
  incomplete_details: { reason: 'max_output_tokens' } | null;
  instructions: unknown;
  max_output_tokens: number | null;
  model: string;
  output: ResponsesOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: string | null; summary: string | null };
  store: boolean;
  temperature: number;
  text: { format: { type: 'text' } };
  tool_choice: unknown;
  tools: unknown[];
  top_p: number;
  truncation: 'disabled';
  usage: ResponsesUsage | null;
  user: null;
  metadata: Record<string, unknown>;
}

/** One stream event; `type` and `sequence_number` are always present, the rest depends on the type. */
export type ResponsesStreamEvent = { type: string; sequence_number: number } & Record<string, unknown>;

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * What the mock should do for one request. Same vocabulary as the `mock:` directives; `delayMs` is
 * the pause between stream events (and before a JSON answer).
 */
export type Scenario =
  | { kind: 'text'; text?: string; delayMs?: number }
  | { kind: 'echo'; delayMs?: number }
  | { kind: 'tool'; name: string; arguments: Record<string, unknown>; delayMs?: number }
  | { kind: 'think'; reasoning?: string; text?: string; delayMs?: number }
  | { kind: 'long'; deltas: number; delayMs?: number }
  | { kind: 'slow'; delayMs: number }
  /** A normal text answer whose usage reports this many prompt tokens as cached (capped at the prompt). */
  | { kind: 'cached'; cachedTokens: number; text?: string; delayMs?: number }
  /** `code` overrides the error code; `insufficient_quota` also sets the type, as OpenAI does. */
  | { kind: 'error'; status: number; message?: string; code?: string }
  | { kind: 'break'; afterEvents: number; delayMs?: number }
  | { kind: 'reset' }
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  /** Path including the query string, e.g. `/openai/deployments/d/chat/completions?api-version=…`. */
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Parsed JSON body, or undefined when empty or malformed. */
  body: unknown;
  /** The usage object the mock sent (for a stream: only if the usage-bearing event was sent). */
  reported?: ChatUsage | ResponsesUsage;
  /** HTTP status sent; 0 while no response head has been sent (hang, reset). */
  status: number;
  /** The client went away before the response was complete. */
  aborted: boolean;
}

export interface MockOpenAiOptions {
  /** Default `mock-openai-key`. */
  apiKey?: string;
  host?: string;
  port?: number;
  /** Also serve Azure OpenAI's paths and accept the key in the `api-key` header. */
  azure?: boolean;
}

export interface MockOpenAi {
  /** Base URL with `/v1`, as the OpenAI SDK expects it, e.g. `http://127.0.0.1:43121/v1`. */
  url: string;
  /** `http://127.0.0.1:43121`: the Azure SDK's `endpoint`, and the base of the `/openai/…` paths. */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  enqueue(scenario: Scenario): void;
  /** Forget recorded requests, queued scenarios and stored responses. */
  reset(): void;
  close(): Promise<void>;
}
