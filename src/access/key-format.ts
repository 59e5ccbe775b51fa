import { createHash, randomBytes } from 'node:crypto';

/**
 * Gatehouse keys (SPEC §5): `sk-gate-` + 32 random bytes in base62 (43 characters) + a 6-character
 * base62 checksum of those characters. The checksum lets a mistyped or truncated key be refused before
 * any lookup, and lets secret scanners recognise a real key.
 */
export const keyPrefix = 'sk-gate-';
const base62Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const bodyLength = 43;
const checksumLength = 6;
export const keyLength = keyPrefix.length + bodyLength + checksumLength;
const base62Pattern = /^[0-9A-Za-z]+$/;

function toBase62(bytes: Buffer, width: number): string {
  let value = BigInt(`0x${bytes.toString('hex') || '0'}`);
  let text = '';
  while (value > 0n) {
    text = base62Alphabet[Number(value % 62n)] + text;
    value /= 62n;
  }
  return text.padStart(width, '0').slice(-width);
}

function checksumOf(body: string): string {
  const digest = createHash('sha256').update(body).digest();
  return toBase62(digest.subarray(0, 5), checksumLength);
}

export function generateKey(): string {
  const body = toBase62(randomBytes(32), bodyLength);
  return keyPrefix + body + checksumOf(body);
}

/** True when the text has the exact shape of a Gatehouse key and its checksum matches. */
export function isWellFormedKey(text: string): boolean {
  if (text.length !== keyLength || !text.startsWith(keyPrefix)) return false;
  const rest = text.slice(keyPrefix.length);
  if (!base62Pattern.test(rest)) return false;
  const body = rest.slice(0, bodyLength);
  return rest.slice(bodyLength) === checksumOf(body);
}

/** Keys are stored and indexed only as this hash; the clear key exists once, in the creation answer. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function keyDisplaySuffix(key: string): string {
  return key.slice(-4);
}
