import { emptyUsage, type ObservedUsage } from '../observed-usage.js';

export { emptyUsage, type ObservedUsage };

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
