/**
 * USD per million tokens, from Anthropic's pricing page (platform.claude.com/docs/en/about-claude/pricing,
 * read 2026-11). Cache writes are 1.25× input for the 5-minute TTL and 2× for the 1-hour TTL; cache
 * reads 0.1× (0.025× on the 5.1 generation). `model` is matched as the longest prefix of the model id
 * ending at a `-` boundary, so dated ids (`claude-sonnet-4-5-20250929`) find their family.
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

const defaultTableLookups = new Map<string, ModelPrice | undefined>();

/** Looks a model up once per distinct name (the usage path asks for the same few models all day). */
export function findModelPrice(model: string, table: readonly ModelPrice[] = anthropicPrices) {
  if (table !== anthropicPrices) return scanPrices(model, table);
  if (!defaultTableLookups.has(model) && defaultTableLookups.size < 10_000) {
    defaultTableLookups.set(model, scanPrices(model, table));
  }
  return defaultTableLookups.has(model) ? defaultTableLookups.get(model) : scanPrices(model, table);
}

function scanPrices(model: string, table: readonly ModelPrice[]) {
  let best: ModelPrice | undefined;
  for (const entry of table) {
    const matches = model === entry.model || model.startsWith(`${entry.model}-`);
    if (matches && (!best || entry.model.length > best.model.length)) best = entry;
  }
  return best;
}
