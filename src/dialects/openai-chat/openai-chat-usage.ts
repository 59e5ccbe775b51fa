import { z } from 'zod';
import type { CanonicalUsage } from '../../canonical/canonical-response.js';

export const openAiChatUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});
export type OpenAiChatUsage = z.output<typeof openAiChatUsageSchema>;

/**
 * OpenAI's `cached_tokens` is a breakdown INSIDE `prompt_tokens`, while canonical (Anthropic) cache
 * counts are additive; so input = prompt − cached. OpenAI has no cache-write count: caching is
 * automatic and writes are not billed separately. https://platform.openai.com/docs/guides/prompt-caching
 */
export function decodeOpenAiChatUsage(usage: OpenAiChatUsage | null | undefined): CanonicalUsage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = Math.min(usage?.prompt_tokens_details?.cached_tokens ?? 0, prompt);
  const out: CanonicalUsage = {
    inputTokens: prompt - cached,
    outputTokens: usage?.completion_tokens ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
}

/** The reverse: cache reads and writes are folded back into `prompt_tokens`. */
export function encodeOpenAiChatUsage(usage: CanonicalUsage): Record<string, unknown> {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const out: Record<string, unknown> = {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
  };
  if (usage.reasoningTokens !== undefined)
    out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return out;
}
