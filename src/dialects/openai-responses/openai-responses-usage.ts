import { z } from 'zod';
import type { CanonicalUsage } from '../../canonical/canonical-response.js';
import { decodeInclusiveUsage } from '../openai-inclusive-usage.js';

export const responsesUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

/** Responses usage in canonical terms (cached tokens are inside `input_tokens`, as in Chat). */
export function decodeResponsesUsage(
  usage: z.output<typeof responsesUsageSchema> | null | undefined,
): CanonicalUsage {
  return decodeInclusiveUsage({
    prompt: usage?.input_tokens,
    cached: usage?.input_tokens_details?.cached_tokens,
    output: usage?.output_tokens,
    reasoning: usage?.output_tokens_details?.reasoning_tokens,
  });
}

export function encodeResponsesUsage(usage: CanonicalUsage): Record<string, unknown> {
  const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: input + usage.outputTokens,
  };
}
