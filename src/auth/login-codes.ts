import { createHmac, randomInt } from 'node:crypto';
import type { LoginCodesRepository } from '../db/repositories/login-codes-repository.js';

export type CodeCheck = 'verified' | 'wrong' | 'expired' | 'exhausted' | 'none';

export interface LoginCodesOptions {
  repository: LoginCodesRepository;
  /** Key of the stored hashes: a six-digit code is too small a space for a plain hash to hide. */
  hashKey: Buffer;
  now: () => number;
  ttlMs: number;
  /** Guesses allowed against one code, the right one included; the code is dropped after the last. */
  maxAttempts: number;
}

/**
 * Six-digit one-time login codes: crypto-random, valid for `ttlMs`, single use, at most `maxAttempts`
 * guesses. Stored in the database (any instance of a cluster can verify what another one issued).
 */
export function createLoginCodes(options: LoginCodesOptions) {
  const { repository, now } = options;
  const hash = (userId: string, code: string) =>
    createHmac('sha256', options.hashKey).update(`${userId}\0${code}`).digest('base64url');

  return {
    ttlMs: options.ttlMs,
    /** A new code for the user; any earlier one stops working. */
    async issue(userId: string): Promise<string> {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const at = now();
      await repository.replace(userId, hash(userId, code), at + options.ttlMs, at);
      return code;
    },
    async check(userId: string, code: string): Promise<CodeCheck> {
      const at = now();
      const stored = await repository.get(userId);
      if (!stored) return 'none';
      if (!(await repository.takeAttempt(userId, options.maxAttempts, at))) {
        await repository.remove(userId);
        return stored.expiresAt <= at ? 'expired' : 'exhausted';
      }
      if (/^\d{6}$/.test(code) && (await repository.consume(userId, hash(userId, code)))) return 'verified';
      if (stored.failedAttempts + 1 >= options.maxAttempts) await repository.remove(userId);
      return 'wrong';
    },
  };
}

export type LoginCodes = ReturnType<typeof createLoginCodes>;
