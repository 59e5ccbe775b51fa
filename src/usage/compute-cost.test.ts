import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost.js';
import { findModelPrice } from './price-table.js';

const none = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
};

describe('price lookup', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['claude-opus-4-20250514', 'claude-opus-4'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku'],
    ['claude-fable-5-1', 'claude-fable-5-1'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-5-mini', 'gpt-5-mini'],
    ['gpt-5.4-mini', 'gpt-5.4-mini'],
    ['gpt-5.4', 'gpt-5.4'],
    ['o3-2025-04-16', 'o3'],
    ['gemini-2.5-pro', 'gemini-2.5-pro'],
    ['gemini-2.5-flash-lite', 'gemini-2.5-flash-lite'],
    ['gemini-3-pro-preview', 'gemini-3-pro'],
  ])('%s is priced as %s', (model, family) => {
    expect(findModelPrice(model)?.model).toBe(family);
  });

  it('does not match across a word boundary', () => {
    expect(findModelPrice('claude-opus-40')).toBeUndefined();
    expect(findModelPrice('gpt-4oo')).toBeUndefined();
    expect(findModelPrice('gpt-5.45')).toBeUndefined();
  });
});

describe('cost', () => {
  it('prices every token class separately (Sonnet 4.5)', () => {
    const cost = computeCost('claude-sonnet-4-5', {
      inputTokens: 10_000,
      outputTokens: 10_000,
      cacheReadTokens: 10_000,
      cacheWriteTokens: 30_000,
      cacheWrite1hTokens: 10_000,
    });
    // Per 10K tokens: 3 input + 15 output + 0.30 read + 2 × 3.75 (5m writes) + 6 (1h writes), / 100
    expect(cost).toBeCloseTo((3 + 15 + 0.3 + 7.5 + 6) / 100, 9);
  });

  it('applies long-context rates above 200K prompt tokens', () => {
    const at = (input: number) => computeCost('claude-sonnet-4-5', { ...none, inputTokens: input });
    expect(at(200_000)).toBeCloseTo(0.6, 9);
    expect(at(200_001)).toBeCloseTo((200_001 * 6) / 1e6, 9);
  });

  it('is zero for unknown models and for no tokens', () => {
    expect(computeCost('unknown-model', { ...none, inputTokens: 100 })).toBe(0);
    expect(computeCost('claude-opus-4-5', none)).toBe(0);
  });

  it('prices OpenAI cached input at the cached rate and Gemini Pro long prompts at the higher tier', () => {
    const gpt = computeCost('gpt-5', { ...none, inputTokens: 1_000_000, cacheReadTokens: 1_000_000 });
    expect(gpt).toBeCloseTo(1.25 + 0.125, 9);
    const gemini = (input: number) =>
      computeCost('gemini-2.5-pro', { ...none, inputTokens: input, outputTokens: 1000 });
    expect(gemini(200_000)).toBeCloseTo((200_000 * 1.25 + 1000 * 10) / 1e6, 9);
    expect(gemini(200_001)).toBeCloseTo((200_001 * 2.5 + 1000 * 15) / 1e6, 9);
  });

  it('has no floating-point noise on small requests', () => {
    expect(computeCost('claude-haiku-4-5', { ...none, inputTokens: 3, outputTokens: 7 })).toBe(0.000038);
  });
});
