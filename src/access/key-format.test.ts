import { describe, expect, it } from 'vitest';
import {
  generateKey,
  hashKey,
  isWellFormedKey,
  keyDisplaySuffix,
  keyLength,
  keyPrefix,
} from './key-format.js';

describe('key format', () => {
  it('generates keys with the prefix, fixed length and a valid checksum', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const key = generateKey();
      expect(key.startsWith(keyPrefix)).toBe(true);
      expect(key).toHaveLength(keyLength);
      expect(key).toMatch(/^sk-gate-[0-9A-Za-z]{49}$/);
      expect(isWellFormedKey(key)).toBe(true);
      keys.add(key);
    }
    expect(keys.size).toBe(200);
  });

  it('refuses a key with one character changed anywhere in body or checksum', () => {
    const key = generateKey();
    for (let position = keyPrefix.length; position < key.length; position += 1) {
      const original = key[position] as string;
      const replacement = original === 'a' ? 'b' : 'a';
      const damaged = key.slice(0, position) + replacement + key.slice(position + 1);
      expect(isWellFormedKey(damaged), `position ${position}`).toBe(false);
    }
  });

  it.each([
    ['empty', ''],
    ['wrong prefix', `sk-ant-${'a'.repeat(50)}`],
    ['truncated', generateKey().slice(0, -1)],
    ['extended', `${generateKey()}x`],
    ['control characters', `${keyPrefix}${'a'.repeat(42)}\u0000${'b'.repeat(6)}`],
    ['oversized', `${keyPrefix}${'a'.repeat(10_000)}`],
  ])('refuses a malformed key: %s', (_name, text) => {
    expect(isWellFormedKey(text)).toBe(false);
  });

  it('hashes to hex SHA-256 and shows only the last four characters', () => {
    const key = generateKey();
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey(key)).toBe(hashKey(key));
    expect(keyDisplaySuffix(key)).toBe(key.slice(-4));
  });
});
