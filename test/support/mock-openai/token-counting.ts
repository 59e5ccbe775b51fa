// Deterministic token arithmetic, so tests can predict every number the mock reports.
//
//   tokensOf(x)       = ceil(UTF-8 byte length of JSON.stringify(x) / 4)
//   prompt tokens     = Chat: tokensOf({ messages, tools }); Responses: tokensOf({ instructions, input, tools })
//                       (absent keys are dropped by JSON.stringify)
//   reasoning tokens  = ceil(characters of the reasoning text / 4)           (0 without mock:think)
//   completion tokens = max(1, ceil(characters of output text + tool-call arguments / 4)) + reasoning tokens
//   cached tokens     = 0, or min(scenario.cachedTokens, prompt tokens) for a `cached` scenario
//
// OpenAI's breakdowns are inclusive: cached_tokens is part of prompt_tokens/input_tokens and
// reasoning_tokens is part of completion_tokens/output_tokens (unlike Anthropic's additive cache
// classes). https://platform.openai.com/docs/guides/prompt-caching, /docs/guides/reasoning
import type { ChatUsage, ResponsesUsage } from './types.js';

export function tokensOf(value: unknown): number {
  return Math.ceil(Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') / 4);
}

export interface TokenCounts {
  prompt: number;
  cached: number;
  completion: number;
  reasoning: number;
}

export function countTokens(input: {
  promptTokens: number;
  cachedTokens: number;
  visibleCharacters: number;
  reasoningCharacters: number;
}): TokenCounts {
  const reasoning = Math.ceil(input.reasoningCharacters / 4);
  return {
    prompt: input.promptTokens,
    cached: Math.min(input.cachedTokens, input.promptTokens),
    completion: Math.max(1, Math.ceil(input.visibleCharacters / 4)) + reasoning,
    reasoning,
  };
}

export function toChatUsage(counts: TokenCounts): ChatUsage {
  return {
    prompt_tokens: counts.prompt,
    completion_tokens: counts.completion,
    total_tokens: counts.prompt + counts.completion,
    prompt_tokens_details: { cached_tokens: counts.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: counts.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function toResponsesUsage(counts: TokenCounts): ResponsesUsage {
  return {
    input_tokens: counts.prompt,
    input_tokens_details: { cached_tokens: counts.cached },
    output_tokens: counts.completion,
    output_tokens_details: { reasoning_tokens: counts.reasoning },
    total_tokens: counts.prompt + counts.completion,
  };
}
