import type { ModelPrice, TokenPrices } from './price-table.js';

/**
 * From OpenAI's pricing page (developers.openai.com/api/docs/pricing, standard tier, read 2026-11).
 * OpenAI caches prompts automatically and charges nothing extra to write them, so both cache-write
 * classes cost the input rate (OpenAI never reports cache writes; the columns stay for overrides).
 * Cached input is reported INSIDE prompt tokens by OpenAI; Gatehouse stores it apart (see
 * canonical-response.ts), and it is priced here at the cached-input rate. The GPT-5.4 and 5.5
 * generations bill a whole request at 2× input and 1.5× output once its prompt exceeds 272k tokens.
 */
function family(input: number, output: number, cacheRead: number): TokenPrices {
  return { input, output, cacheWrite5m: input, cacheWrite1h: input, cacheRead };
}

function withLongContext(input: number, output: number, cacheRead: number) {
  return {
    ...family(input, output, cacheRead),
    longContext: { ...family(input * 2, output * 1.5, cacheRead * 2), thresholdTokens: 272_000 },
  };
}

export const openAiPrices: readonly ModelPrice[] = [
  { model: 'gpt-5.5', ...withLongContext(5, 30, 0.5) },
  { model: 'gpt-5.5-pro', ...family(30, 180, 30) },
  { model: 'gpt-5.4', ...withLongContext(2.5, 15, 0.25) },
  { model: 'gpt-5.4-pro', ...family(30, 180, 30) },
  { model: 'gpt-5.4-mini', ...family(0.75, 4.5, 0.075) },
  { model: 'gpt-5.4-nano', ...family(0.2, 1.25, 0.02) },
  { model: 'gpt-5.3-codex', ...family(1.75, 14, 0.175) },
  { model: 'gpt-5.2', ...family(1.75, 14, 0.175) },
  { model: 'gpt-5.2-pro', ...family(21, 168, 21) },
  { model: 'gpt-5.1', ...family(1.25, 10, 0.125) },
  { model: 'gpt-5', ...family(1.25, 10, 0.125) },
  { model: 'gpt-5-mini', ...family(0.25, 2, 0.025) },
  { model: 'gpt-5-nano', ...family(0.05, 0.4, 0.005) },
  { model: 'gpt-5-pro', ...family(15, 120, 15) },
  { model: 'gpt-4.1', ...family(2, 8, 0.5) },
  { model: 'gpt-4.1-mini', ...family(0.4, 1.6, 0.1) },
  { model: 'gpt-4.1-nano', ...family(0.1, 0.4, 0.025) },
  { model: 'gpt-4o', ...family(2.5, 10, 1.25) },
  { model: 'gpt-4o-mini', ...family(0.15, 0.6, 0.075) },
  { model: 'o4-mini', ...family(1.1, 4.4, 0.275) },
  { model: 'o3', ...family(2, 8, 0.5) },
  { model: 'o3-mini', ...family(1.1, 4.4, 0.55) },
  { model: 'o3-pro', ...family(20, 80, 20) },
  { model: 'o1', ...family(15, 60, 7.5) },
];
