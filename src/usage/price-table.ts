/**
 * Prices in USD per million tokens, per token class. `model` is matched as the longest prefix of a
 * model id ending at a `-` boundary, so dated ids (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`)
 * find their family. The shipped tables live in anthropic-prices.ts, openai-prices.ts and
 * gemini-prices.ts; config and the admin API override them per model (price-book.ts).
 */
export interface TokenPrices {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

export interface ModelPrice extends TokenPrices {
  model: string;
  /** Prices that apply to the whole request when its prompt exceeds the threshold. */
  longContext?: TokenPrices & { thresholdTokens: number };
}

export { anthropicPrices } from './anthropic-prices.js';

import { anthropicPrices } from './anthropic-prices.js';
import { geminiPrices } from './gemini-prices.js';
import { openAiPrices } from './openai-prices.js';

/** Every model Gatehouse knows a price for out of the box. */
export const shippedPrices: readonly ModelPrice[] = [...anthropicPrices, ...openAiPrices, ...geminiPrices];

export type PriceLookup = (model: string) => ModelPrice | undefined;

/**
 * A lookup over one table that remembers its answers: the usage path asks for the same few models all
 * day. Bounded, so a caller sending random model names cannot grow it without limit.
 */
export function createPriceLookup(table: readonly ModelPrice[]): PriceLookup {
  const remembered = new Map<string, ModelPrice | undefined>();
  return (model) => {
    if (remembered.has(model)) return remembered.get(model);
    const found = scanPrices(model, table);
    if (remembered.size < 10_000) remembered.set(model, found);
    return found;
  };
}

const shippedLookup = createPriceLookup(shippedPrices);

/** The shipped price of a model (no overrides). */
export function findModelPrice(model: string, table?: readonly ModelPrice[]): ModelPrice | undefined {
  return table ? scanPrices(model, table) : shippedLookup(model);
}

function scanPrices(model: string, table: readonly ModelPrice[]) {
  let best: ModelPrice | undefined;
  for (const entry of table) {
    const matches = model === entry.model || model.startsWith(`${entry.model}-`);
    if (matches && (!best || entry.model.length > best.model.length)) best = entry;
  }
  return best;
}
