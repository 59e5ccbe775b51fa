/**
 * What a relay learns from an Anthropic response: token counts, the model that answered, and whether
 * the message finished. Anthropic's `input_tokens` excludes cache reads and writes (they are additive),
 * which is also how Gatehouse stores them.
 */
export interface ObservedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  /** The model the upstream says answered. */
  model: string | undefined;
  messageId: string | undefined;
  /** True once the message ended normally (`message_stop`, or a whole JSON message). */
  completed: boolean;
  /** The error type of an `error` event or error body, if any. */
  errorType: string | undefined;
}

export function emptyUsage(): ObservedUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    model: undefined,
    messageId: undefined,
    completed: false,
    errorType: undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Folds one `usage` object into `into`: a field overwrites only when present, never adds, because
 * `message_delta` repeats cumulative counts (the Anthropic SDK's accumulateMessage does the same).
 */
export function foldAnthropicUsage(usage: unknown, into: ObservedUsage): void {
  if (!isRecord(usage)) return;
  into.inputTokens = count(usage.input_tokens) ?? into.inputTokens;
  into.outputTokens = count(usage.output_tokens) ?? into.outputTokens;
  into.cacheReadTokens = count(usage.cache_read_input_tokens) ?? into.cacheReadTokens;
  into.cacheWriteTokens = count(usage.cache_creation_input_tokens) ?? into.cacheWriteTokens;
  const split = usage.cache_creation;
  if (isRecord(split))
    into.cacheWrite1hTokens = count(split.ephemeral_1h_input_tokens) ?? into.cacheWrite1hTokens;
}

/** Reads a whole (non-streamed) Messages response or error body. */
export function observeAnthropicBody(body: unknown): ObservedUsage {
  const usage = emptyUsage();
  if (!isRecord(body)) return usage;
  if (body.type === 'error') {
    usage.errorType = isRecord(body.error) && typeof body.error.type === 'string' ? body.error.type : 'error';
    return usage;
  }
  foldAnthropicUsage(body.usage, usage);
  if (typeof body.model === 'string') usage.model = body.model;
  if (typeof body.id === 'string') usage.messageId = body.id;
  usage.completed = body.type === 'message';
  return usage;
}
