import { findModelPrice, type ModelPrice, type TokenPrices } from './price-table.js';

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** All cache writes; `cacheWrite1hTokens` of them at the 1-hour rate, the rest at the 5-minute rate. */
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
}

/** USD for one request at the shipped prices; 0 for a model no table knows (the tokens are still kept). */
export function computeCost(model: string, tokens: TokenCounts): number {
  return costAt(findModelPrice(model), tokens);
}

/** USD for one request at the given prices; 0 when there are none. */
export function costAt(price: ModelPrice | undefined, tokens: TokenCounts): number {
  if (!price) return 0;
  const promptTokens = tokens.inputTokens + tokens.cacheReadTokens + tokens.cacheWriteTokens;
  const rates: TokenPrices =
    price.longContext && promptTokens > price.longContext.thresholdTokens ? price.longContext : price;
  const cacheWrite5m = Math.max(0, tokens.cacheWriteTokens - tokens.cacheWrite1hTokens);
  const microDollars =
    tokens.inputTokens * rates.input +
    tokens.outputTokens * rates.output +
    tokens.cacheReadTokens * rates.cacheRead +
    cacheWrite5m * rates.cacheWrite5m +
    tokens.cacheWrite1hTokens * rates.cacheWrite1h;
  // Rounded to 1e-10 USD so that sums of many records do not show binary floating-point noise.
  return Math.round((microDollars / 1_000_000) * 1e10) / 1e10;
}
