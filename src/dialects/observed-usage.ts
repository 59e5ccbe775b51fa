import type { CanonicalUsage } from '../canonical/canonical-response.js';
import type { RelayedContent } from './relayed-content.js';

/**
 * What a relay learns from one upstream answer in any dialect: token counts (input excluding cache
 * reads and writes, which are additive, as Anthropic reports them), the model that answered, and
 * whether the answer finished.
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
  /** True once the answer ended normally (a stream's final event, or a whole JSON answer). */
  completed: boolean;
  /** The error type of an error event or error body, if any. */
  errorType: string | undefined;
  /** True when some counts are Gatehouse's estimate (the upstream reported none). */
  estimated: boolean;
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
    estimated: false,
  };
}

/** Overwrites the token counts with a decoded canonical usage (OpenAI dialects report it once). */
export function applyCanonicalUsage(usage: CanonicalUsage, into: ObservedUsage): void {
  into.inputTokens = usage.inputTokens;
  into.outputTokens = usage.outputTokens;
  into.cacheReadTokens = usage.cacheReadTokens;
  into.cacheWriteTokens = usage.cacheWriteTokens;
}

/** A usage tap reads an SSE stream's bytes as they are relayed, in any chunking. */
export interface StreamUsageTap {
  push(chunk: Uint8Array): void;
  end(): ObservedUsage;
  /** The content events relayed so far, for counting the output of a stream cut short. */
  readonly content: RelayedContent;
}
