import { z } from 'zod';
import type { CanonicalUsage } from '../../canonical/canonical-response.js';
import { decodeInclusiveUsage } from '../openai-inclusive-usage.js';

export const openAiChatUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});
export type OpenAiChatUsage = z.output<typeof openAiChatUsageSchema>;

/** Chat Completions usage in canonical terms (cached tokens are inside `prompt_tokens`). */
export function decodeOpenAiChatUsage(usage: OpenAiChatUsage | null | undefined): CanonicalUsage {
  return decodeInclusiveUsage({
    prompt: usage?.prompt_tokens,
    cached: usage?.prompt_tokens_details?.cached_tokens,
    output: usage?.completion_tokens,
    reasoning: usage?.completion_tokens_details?.reasoning_tokens,
  });
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
