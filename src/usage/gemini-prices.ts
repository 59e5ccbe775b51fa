import type { ModelPrice, TokenPrices } from './price-table.js';

/**
 * From Google's Gemini API pricing page (ai.google.dev/gemini-api/docs/pricing, paid tier, text input,
 * read 2026-11). Context-cache storage is billed per hour outside any request, so a cache write costs
 * the input rate here; cache reads cost the cached-input rate. The Pro models bill a whole request at
 * higher rates once its prompt exceeds 200k tokens.
 */
function family(input: number, output: number, cacheRead: number): TokenPrices {
  return { input, output, cacheWrite5m: input, cacheWrite1h: input, cacheRead };
}

export const geminiPrices: readonly ModelPrice[] = [
  {
    model: 'gemini-3-pro',
    ...family(2, 12, 0.2),
    longContext: { ...family(4, 18, 0.4), thresholdTokens: 200_000 },
  },
  { model: 'gemini-3-flash', ...family(0.5, 3, 0.05) },
  {
    model: 'gemini-2.5-pro',
    ...family(1.25, 10, 0.125),
    longContext: { ...family(2.5, 15, 0.25), thresholdTokens: 200_000 },
  },
  { model: 'gemini-2.5-flash', ...family(0.3, 2.5, 0.03) },
  { model: 'gemini-2.5-flash-lite', ...family(0.1, 0.4, 0.01) },
  { model: 'gemini-2.0-flash', ...family(0.1, 0.4, 0.025) },
  { model: 'gemini-2.0-flash-lite', ...family(0.075, 0.3, 0.075) },
];
