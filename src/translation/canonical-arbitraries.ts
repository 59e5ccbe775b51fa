import fc from 'fast-check';
import type { ImagePart, TextPart } from '../canonical/canonical-content.js';
import type { CanonicalMessage, CanonicalTool } from '../canonical/canonical-request.js';
import type { CanonicalUsage } from '../canonical/canonical-response.js';
import type { JsonObject } from '../canonical/json-value.js';

/**
 * Building blocks for the arbitrary canonical values that a given dialect can represent exactly, in the normal form its
 * decoder produces. What a dialect cannot carry is left out here and covered by warning tests.
 */
export const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
export const text = fc.string({ minLength: 1, maxLength: 40 });
export const ratio = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => n / 100);
export const jsonObject: fc.Arbitrary<JsonObject> = fc.dictionary(
  word,
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  { maxKeys: 4 },
);
export const base64 = fc.base64String({ minLength: 4, maxLength: 24 });

export const textPart: fc.Arbitrary<TextPart> = text.map((t) => ({ type: 'text', text: t }));
export const imagePart: fc.Arbitrary<ImagePart> = fc.oneof(
  base64.map((data) => ({
    type: 'image' as const,
    source: { kind: 'base64' as const, mediaType: 'image/png', data },
  })),
  word.map((w) => ({
    type: 'image' as const,
    source: { kind: 'url' as const, url: `https://example.com/${w}.png` },
  })),
);
export const toolCall = fc
  .record({ id: word.map((w) => `call_${w}`), name: word, input: jsonObject })
  .map((c) => ({ type: 'tool-call' as const, ...c }));
export const usage = (
  cacheWrite: boolean,
  reasoning: 'never' | 'always' | 'maybe',
): fc.Arbitrary<CanonicalUsage> =>
  fc
    .record({
      inputTokens: fc.nat(100_000),
      outputTokens: fc.nat(100_000),
      cacheReadTokens: fc.nat(100_000),
      cacheWriteTokens: cacheWrite ? fc.nat(100_000) : fc.constant(0),
      reasoningTokens: fc.nat(1000),
      withReasoning: reasoning === 'maybe' ? fc.boolean() : fc.constant(reasoning === 'always'),
    })
    .map(({ withReasoning, reasoningTokens, ...rest }) =>
      withReasoning ? { ...rest, reasoningTokens } : rest,
    );

export const tool = (strictRequired: boolean): fc.Arbitrary<CanonicalTool> =>
  fc.record(
    {
      name: word,
      description: text,
      inputSchema: jsonObject.map((p) => ({ type: 'object', properties: p })),
      strict: fc.boolean(),
    },
    { requiredKeys: strictRequired ? ['name', 'inputSchema', 'strict'] : ['name', 'inputSchema'] },
  );

export const toolChoice = fc.oneof(
  fc.constantFrom({ type: 'auto' as const }, { type: 'none' as const }, { type: 'required' as const }),
  word.map((name) => ({ type: 'tool' as const, name })),
);

/** No two neighbours with a role the dialect's decoder merges. */
export function noAdjacent(messages: CanonicalMessage[], roles: CanonicalMessage['role'][]): boolean {
  return messages.every((m, i) => i === 0 || !(roles.includes(m.role) && messages[i - 1]?.role === m.role));
}

export function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

export function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
