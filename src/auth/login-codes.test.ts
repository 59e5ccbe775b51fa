import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../db/connect.js';
import { createLoginCodesRepository } from '../db/repositories/login-codes-repository.js';
import { createUsersRepository } from '../db/repositories/users-repository.js';
import { createLoginCodes } from './login-codes.js';

describe('one-time login codes', () => {
  let dataDir: string;
  let storage: Storage;
  let clock = 0;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-codes-'));
    storage = await openStorage({ dataDir });
    const users = createUsersRepository(storage.db);
    await users.insert({ id: 'u1', username: 'ann', role: 'user', passwordHash: null }, 0);
    await users.insert({ id: 'u2', username: 'bob', role: 'user', passwordHash: null }, 0);
    clock = 1_000_000;
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const codes = () =>
    createLoginCodes({
      repository: createLoginCodesRepository(storage.db),
      hashKey: Buffer.alloc(32, 7),
      now: () => clock,
      ttlMs: 5 * 60_000,
      maxAttempts: 5,
    });
  const wrongFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('issues six random digits, stored only as a hash', async () => {
    const issued = new Set<string>();
    for (let i = 0; i < 20; i += 1) issued.add(await codes().issue('u1'));
    for (const code of issued) expect(code).toMatch(/^\d{6}$/);
    expect(issued.size).toBeGreaterThan(15);
    const code = await codes().issue('u1');
    const rows = await storage.db.selectFrom('login_codes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('verifies once: a used code is gone', async () => {
    const code = await codes().issue('u1');
    expect(await codes().check('u1', code)).toBe('verified');
    expect(await codes().check('u1', code)).toBe('none');
  });

  it('expires at five minutes exactly', async () => {
    const code = await codes().issue('u1');
    clock += 5 * 60_000 - 1;
    const stillValid = await codes().issue('u2');
    expect(await codes().check('u2', stillValid)).toBe('verified');
    expect(await codes().check('u1', code)).toBe('verified');
    const late = await codes().issue('u1');
    clock += 5 * 60_000;
    expect(await codes().check('u1', late)).toBe('expired');
    expect(await codes().check('u1', late)).toBe('none');
  });

  it('allows five guesses, then the code is dead even when right', async () => {
    const code = await codes().issue('u1');
    for (let i = 0; i < 5; i += 1) expect(await codes().check('u1', wrongFor(code))).toBe('wrong');
    expect(await codes().check('u1', code)).toBe('none');
  });

  it('counts guesses made at the same time: at most five of fifty are checked', async () => {
    const code = await codes().issue('u1');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => codes().check('u1', i === 49 ? code : wrongFor(code))),
    );
    expect(answers.filter((answer) => answer === 'wrong').length).toBeLessThanOrEqual(5);
    expect(answers.filter((answer) => answer === 'verified').length).toBeLessThanOrEqual(1);
  });

  it('a new code replaces the old one, and codes are per user', async () => {
    const first = await codes().issue('u1');
    const second = await codes().issue('u1');
    if (first !== second) expect(await codes().check('u1', first)).toBe('wrong');
    const bobs = await codes().issue('u2');
    if (bobs !== second) expect(await codes().check('u1', bobs)).toBe('wrong');
    expect(await codes().check('u1', second)).toBe('verified');
    expect(await codes().check('u1', 'abc123')).toBe('none');
  });

  it('refuses non-digit input without matching it', async () => {
    await codes().issue('u1');
    expect(await codes().check('u1', "' OR 1=1 --")).toBe('wrong');
    expect(await codes().check('u1', '')).toBe('wrong');
  });
});
