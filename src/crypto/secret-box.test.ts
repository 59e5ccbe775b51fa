import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveMasterKey } from './master-key.js';
import { createSecretBox, masterKeyFromText } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('sk-ant-api03-canary');
    expect(sealed).not.toContain('canary');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed)).toBe('sk-ant-api03-canary');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered secret and a secret sealed with another key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => box.open('garbage')).toThrow(/unknown format/);
  });

  it('accepts hex, base64 and passphrase master keys', () => {
    const raw = randomBytes(32);
    expect(masterKeyFromText(raw.toString('hex')).equals(raw)).toBe(true);
    expect(masterKeyFromText(raw.toString('base64')).equals(raw)).toBe(true);
    expect(masterKeyFromText('a passphrase that is long enough to use')).toHaveLength(32);
  });
});

describe('master key file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is created once with mode 0600 and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-key-'));
    dirs.push(dir);
    const first = resolveMasterKey(undefined, dir);
    const second = resolveMasterKey(undefined, dir);
    expect(first.equals(second)).toBe(true);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prefers the configured key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-key-'));
    dirs.push(dir);
    const raw = randomBytes(32);
    expect(resolveMasterKey(raw.toString('hex'), dir).equals(raw)).toBe(true);
  });
});
