import { describe, expect, it } from 'vitest';
import type { PriceOverrideVersion } from '../db/repositories/prices-repository.js';
import { completePrice } from './complete-price.js';
import { createPriceBook } from './price-book.js';
import { findModelPrice } from './price-table.js';

const tokens = (inputTokens: number, outputTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
});

function memoryRepository() {
  const versions: PriceOverrideVersion[] = [];
  return {
    versions,
    async listVersions() {
      return [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom || a.createdAt - b.createdAt);
    },
    async insertVersion(version: PriceOverrideVersion) {
      versions.push(version);
    },
  };
}

describe('price book', () => {
  it('takes config over shipped prices, and fills omitted cache rates at the shipped ratio', async () => {
    const configured = [
      completePrice('claude-sonnet-4-5', { input: 4, output: 20 }, findModelPrice('claude-sonnet-4-5')),
    ];
    const book = createPriceBook({ configured, repository: memoryRepository(), now: () => 0 });
    await book.reload();
    const price = book.priceAt('claude-sonnet-4-5-20250929', 0);
    expect(price).toMatchObject({ source: 'config', input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8 });
    expect(price?.cacheRead).toBeCloseTo(0.4, 12);
    // The shipped long-context tier is kept when config names none.
    expect(price?.longContext?.thresholdTokens).toBe(200_000);
    expect(book.priceAt('claude-haiku-4-5', 0)?.source).toBe('shipped');
  });

  it('prices each record at the override version in effect at its time, and forgets a removed one', async () => {
    let clock = 1_000;
    const book = createPriceBook({ configured: [], repository: memoryRepository(), now: () => clock });
    await book.reload();
    const at = (time: number) => book.costOf(['claude-haiku-4-5-20251001'], tokens(1_000_000), time);
    expect(at(1_000)).toBe(1);
    await book.setOverride(completePrice('claude-haiku-4-5', { input: 2, output: 10 }, undefined), 2_000);
    await book.setOverride(completePrice('claude-haiku-4-5', { input: 3, output: 10 }, undefined), 3_000);
    expect([at(1_999), at(2_000), at(2_999), at(3_000)]).toEqual([1, 2, 2, 3]);
    clock = 4_000;
    await book.removeOverride('claude-haiku-4-5', 4_000);
    expect([at(3_999), at(4_000)]).toEqual([3, 1]);
    expect(book.list().find((price) => price.model === 'claude-haiku-4-5')?.source).toBe('shipped');
  });

  it('prices a model no table knows once overridden, and tries the next candidate model otherwise', async () => {
    const book = createPriceBook({ configured: [], repository: memoryRepository(), now: () => 10 });
    await book.reload();
    expect(book.costOf(['my-local-llm', 'gpt-5'], tokens(1_000_000), 10)).toBe(1.25);
    await book.setOverride(completePrice('my-local-llm', { input: 0.5, output: 1 }, undefined), 5);
    expect(book.costOf(['my-local-llm-v2', 'gpt-5'], tokens(1_000_000), 10)).toBe(0.5);
    expect(book.costOf(['unknown'], tokens(1_000_000), 10)).toBe(0);
  });

  it('reloads overrides another instance wrote', async () => {
    const repository = memoryRepository();
    const mine = createPriceBook({ configured: [], repository, now: () => 10 });
    const theirs = createPriceBook({ configured: [], repository, now: () => 10 });
    await mine.reload();
    await theirs.setOverride(completePrice('gpt-5', { input: 9, output: 9 }, undefined), 0);
    expect(mine.priceAt('gpt-5', 10)?.input).toBe(1.25);
    await mine.reload();
    expect(mine.priceAt('gpt-5', 10)?.input).toBe(9);
  });
});
