import type { CanonicalUsage } from '../canonical/canonical-response.js';

/**
 * OpenAI's `cached_tokens` (Chat Completions and Responses alike) is a breakdown INSIDE the prompt's
 * token count, while canonical (Anthropic) cache counts are additive; so input = prompt − cached.
 * OpenAI has no cache-write count: caching is automatic and writes are not billed separately.
 * https://platform.openai.com/docs/guides/prompt-caching
 */
export function decodeInclusiveUsage(counts: {
  prompt: number | null | undefined;
  cached: number | null | undefined;
  output: number | null | undefined;
  reasoning: number | null | undefined;
}): CanonicalUsage {
  const prompt = counts.prompt ?? 0;
  const cached = Math.min(counts.cached ?? 0, prompt);
  const usage: CanonicalUsage = {
    inputTokens: prompt - cached,
    outputTokens: counts.output ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
  if (typeof counts.reasoning === 'number') usage.reasoningTokens = counts.reasoning;
  return usage;
}
