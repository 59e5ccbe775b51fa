import type { ModelPrice, TokenPrices } from './price-table.js';

/**
 * From Anthropic's pricing page (platform.claude.com/docs/en/about-claude/pricing, read 2026-11).
 * Cache writes are 1.25× input for the 5-minute TTL and 2× for the 1-hour TTL; cache reads 0.1×
 * (0.025× on the 5.1 generation). Sonnet 4 and 4.5 bill a whole request at the long-context rates
 * when its prompt (input + cache reads + cache writes) exceeds 200k tokens.
 */
function family(input: number, output: number, cacheRead = input / 10): TokenPrices {
  return { input, output, cacheWrite5m: input * 1.25, cacheWrite1h: input * 2, cacheRead };
}

const sonnetLongContext = { ...family(6, 22.5), thresholdTokens: 200_000 };

export const anthropicPrices: readonly ModelPrice[] = [
  { model: 'claude-fable-5-1', ...family(10, 50, 0.25) },
  { model: 'claude-mythos-5-1', ...family(10, 50, 0.25) },
  { model: 'claude-fable-5', ...family(10, 50) },
  { model: 'claude-mythos-5', ...family(10, 50) },
  { model: 'claude-opus-5', ...family(5, 25) },
  { model: 'claude-opus-4-8', ...family(5, 25) },
  { model: 'claude-opus-4-7', ...family(5, 25) },
  { model: 'claude-opus-4-6', ...family(5, 25) },
  { model: 'claude-opus-4-5', ...family(5, 25) },
  { model: 'claude-opus-4-1', ...family(15, 75) },
  { model: 'claude-opus-4', ...family(15, 75) },
  { model: 'claude-sonnet-4-6', ...family(3, 15) },
  { model: 'claude-sonnet-4-5', ...family(3, 15), longContext: sonnetLongContext },
  { model: 'claude-sonnet-4', ...family(3, 15), longContext: sonnetLongContext },
  { model: 'claude-3-7-sonnet', ...family(3, 15) },
  { model: 'claude-haiku-4-5', ...family(1, 5) },
  { model: 'claude-3-5-haiku', ...family(0.8, 4) },
  { model: 'claude-3-haiku', ...family(0.25, 1.25, 0.03) },
  { model: 'claude-3-opus', ...family(15, 75) },
];
