import type { AssistantContentPart, ProviderMetadata } from './canonical-content.js';

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** The unified reason plus the vendor's own value, so logs keep what the upstream said. */
export interface CanonicalFinishReason {
  unified: FinishReason;
  raw: string | undefined;
}

/**
 * Token counts in Anthropic's additive convention, which is also how Gatehouse stores them:
 * `inputTokens` EXCLUDES cache reads and writes, so billed input = input + cacheRead + cacheWrite.
 * OpenAI reports cached tokens as a breakdown INSIDE `prompt_tokens` / `input_tokens`; its
 * decoders subtract them and its encoders add them back (Envoy AI Gateway notes the same split).
 */
export interface CanonicalUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Part of `outputTokens` spent on reasoning, when the vendor says (OpenAI only). */
  reasoningTokens?: number;
}

export function emptyCanonicalUsage(): CanonicalUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

export interface CanonicalResponse {
  id: string;
  model: string;
  content: AssistantContentPart[];
  finishReason: CanonicalFinishReason;
  usage: CanonicalUsage;
  providerMetadata?: ProviderMetadata;
}
