import { z } from 'zod';
import type { CanonicalUsage } from '../../canonical/canonical-response.js';

export const responsesUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().nullish() }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

/**
 * As in Chat Completions, `cached_tokens` is a breakdown INSIDE `input_tokens`; canonical counts are
 * additive, so input = input_tokens − cached_tokens.
 */
export function decodeResponsesUsage(
  usage: z.output<typeof responsesUsageSchema> | null | undefined,
): CanonicalUsage {
  const input = usage?.input_tokens ?? 0;
  const cached = Math.min(usage?.input_tokens_details?.cached_tokens ?? 0, input);
  const out: CanonicalUsage = {
    inputTokens: input - cached,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
  const reasoning = usage?.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
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
