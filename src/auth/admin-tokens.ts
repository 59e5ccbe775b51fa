import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AdminTokensRepository, StoredAdminToken } from '../db/repositories/admin-tokens-repository.js';
import type { UsersRepository } from '../db/repositories/users-repository.js';
import type { AdminScope, Principal } from './principal.js';

export const adminTokenPrefix = 'gha-';
const tokenPattern = /^gha-[A-Za-z0-9_-]{43}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface CachedToken {
  principal: Principal | undefined;
  tokenId: string;
  expiresAt: number | null;
  checkedAt: number;
}

/**
 * Scoped admin API tokens (`gha-` + 32 random bytes), stored as SHA-256. A token acts as the admin who
 * created it (none for one made with the bootstrap token) and stops working when revoked, expired, or
 * when that user is no longer an enabled admin. Resolved tokens are cached and re-read every
 * `revalidateMs`; revocation on this instance is immediate. Last use is kept in memory and written at
 * most once a minute per token (`flushLastUsed`).
 */
export function createAdminTokens(deps: {
  repository: AdminTokensRepository;
  users: UsersRepository;
  now: () => number;
  revalidateMs?: number;
}) {
  const revalidateMs = deps.revalidateMs ?? 30_000;
  const cache = new Map<string, CachedToken>();
  const lastUsed = new Map<string, number>();

  async function principalFor(token: StoredAdminToken, at: number): Promise<Principal | undefined> {
    if (token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= at)) return undefined;
    let username: string | null = null;
    if (token.userId !== null) {
      const user = await deps.users.get(token.userId);
      if (!user?.enabled || user.role !== 'admin') return undefined;
      username = user.username;
    }
    return {
      kind: 'admin-token',
      userId: token.userId,
      username,
      role: 'admin',
      scopes: token.scopes,
      tokenId: token.id,
      tokenName: token.name,
    };
  }

  function forget(predicate: (entry: CachedToken) => boolean): void {
    for (const [hash, entry] of cache) if (predicate(entry)) cache.delete(hash);
  }

  return {
    prefix: adminTokenPrefix,

    async create(input: {
      name: string;
      scopes: AdminScope[];
      expiresAt: number | null;
      userId: string | null;
    }) {
      const token = `${adminTokenPrefix}${randomBytes(32).toString('base64url')}`;
      const stored = await deps.repository.insert({
        id: randomUUID(),
        name: input.name,
        tokenHash: sha256(token),
        tokenSuffix: token.slice(-4),
        scopes: input.scopes,
        userId: input.userId,
        createdAt: deps.now(),
        expiresAt: input.expiresAt,
      });
      return { token, stored };
    },

    async authenticate(token: string): Promise<Principal | undefined> {
      if (!tokenPattern.test(token)) return undefined;
      const hash = sha256(token);
      const at = deps.now();
      let entry = cache.get(hash);
      if (!entry || at - entry.checkedAt >= revalidateMs) {
        const stored = await deps.repository.findByHash(hash);
        if (!stored) return undefined;
        const principal = await principalFor(stored, at);
        entry = { principal, tokenId: stored.id, expiresAt: stored.expiresAt, checkedAt: at };
        cache.set(hash, entry);
      }
      // Expiry is checked on every use, not only when the cache is refreshed.
      if (!entry.principal || (entry.expiresAt !== null && entry.expiresAt <= at)) return undefined;
      lastUsed.set(entry.tokenId, at);
      return entry.principal;
    },

    async list(): Promise<StoredAdminToken[]> {
      return (await deps.repository.list()).map((token) => ({
        ...token,
        lastUsedAt: lastUsed.get(token.id) ?? token.lastUsedAt,
      }));
    },

    async revoke(id: string): Promise<boolean> {
      const revoked = await deps.repository.revoke(id, deps.now());
      forget((entry) => entry.tokenId === id);
      return revoked;
    },

    /** The user changed (demoted, disabled, deleted): their tokens are checked again on next use. */
    async forgetUser(userId: string): Promise<void> {
      forget((entry) => entry.principal?.userId === userId);
    },

    /** Writes last-use times gathered since the previous flush (a periodic job, once a minute). */
    async flushLastUsed(): Promise<void> {
      const pending = [...lastUsed];
      lastUsed.clear();
      for (const [id, at] of pending) await deps.repository.setLastUsed(id, at);
    },
  };
}

export type AdminTokens = ReturnType<typeof createAdminTokens>;
