import { createHash, randomBytes } from 'node:crypto';
import type { SessionsRepository } from '../db/repositories/sessions-repository.js';
import type { User } from '../domain/user.js';

export interface ActiveSession {
  /** SHA-256 of the session id, the key of the stored row. */
  idHash: string;
  user: User;
  csrfToken: string;
  expiresAt: number;
}

interface CachedSession extends ActiveSession {
  lastSeenAt: number;
  /** The last-seen time last written to the database (written at most once a minute). */
  persistedSeenAt: number;
  /** When the row and user were last read; older entries are read again (other instances, revocation). */
  checkedAt: number;
}

export interface SessionStoreOptions {
  repository: SessionsRepository;
  now: () => number;
  idleTimeoutMs: number;
  maxAgeMs: number;
  /** How long a cached session is trusted before the database is asked again. */
  revalidateMs?: number;
  onBackgroundError?: (error: unknown) => void;
}

const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;
const touchEveryMs = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The CSRF token is derived from the session id, so it needs no storage and cannot be computed from
 * the stored hash: whoever can read the database still cannot forge requests for a live session.
 */
function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`gatehouse-csrf\0${sessionId}`).digest('base64url');
}

/**
 * Console login sessions. The id (32 random bytes) lives only in the caller's cookie; the database keeps
 * its SHA-256. Resolved sessions are cached in memory and re-read every `revalidateMs`, so a request
 * costs no query while revocations (user disabled, password changed, logout elsewhere) apply within
 * that time everywhere and at once on this instance.
 */
export function createSessionStore(options: SessionStoreOptions) {
  const { repository, now } = options;
  const revalidateMs = options.revalidateMs ?? 30_000;
  const cache = new Map<string, CachedSession>();
  const background = (work: Promise<unknown>) =>
    void work.catch((error) => options.onBackgroundError?.(error));

  function expired(session: CachedSession, at: number): boolean {
    return at >= session.expiresAt || at - session.lastSeenAt >= options.idleTimeoutMs;
  }

  async function load(idHash: string, sessionId: string, at: number): Promise<CachedSession | undefined> {
    const stored = await repository.get(idHash);
    if (!stored?.user.enabled) return undefined;
    const previous = cache.get(idHash);
    const lastSeenAt = Math.max(stored.lastSeenAt, previous?.lastSeenAt ?? 0);
    return {
      idHash,
      user: stored.user,
      csrfToken: csrfTokenFor(sessionId),
      expiresAt: stored.expiresAt,
      lastSeenAt,
      persistedSeenAt: stored.lastSeenAt,
      checkedAt: at,
    };
  }

  return {
    async start(user: User, meta: { ip: string | null; userAgent: string | null }) {
      const sessionId = randomBytes(32).toString('base64url');
      const idHash = sha256(sessionId);
      const at = now();
      const expiresAt = at + options.maxAgeMs;
      await repository.insert({ idHash, userId: user.id, expiresAt, ...meta }, at);
      const session: CachedSession = {
        idHash,
        user,
        csrfToken: csrfTokenFor(sessionId),
        expiresAt,
        lastSeenAt: at,
        persistedSeenAt: at,
        checkedAt: at,
      };
      cache.set(idHash, session);
      return { sessionId, session: session as ActiveSession };
    },

    /** The live session this id names, its idle clock restarted; undefined when none. */
    async resolve(sessionId: string): Promise<ActiveSession | undefined> {
      if (!sessionIdPattern.test(sessionId)) return undefined;
      const idHash = sha256(sessionId);
      const at = now();
      let session = cache.get(idHash);
      if (!session || at - session.checkedAt >= revalidateMs) {
        session = await load(idHash, sessionId, at);
        if (!session) {
          cache.delete(idHash);
          return undefined;
        }
        cache.set(idHash, session);
      }
      if (expired(session, at)) {
        cache.delete(idHash);
        background(repository.remove(idHash));
        return undefined;
      }
      session.lastSeenAt = at;
      if (at - session.persistedSeenAt >= touchEveryMs) {
        session.persistedSeenAt = at;
        background(repository.touch(idHash, at));
      }
      return session;
    },

    async end(idHash: string): Promise<void> {
      cache.delete(idHash);
      await repository.remove(idHash);
    },

    /** Ends every session of a user (disabled, deleted, password changed). */
    async revokeUser(userId: string): Promise<void> {
      for (const [idHash, session] of cache) if (session.user.id === userId) cache.delete(idHash);
      await repository.removeForUser(userId);
    },

    /** The user changed (role, profile): cached sessions read the user again on their next request. */
    forgetUser(userId: string): void {
      for (const [idHash, session] of cache) if (session.user.id === userId) cache.delete(idHash);
    },

    /** Periodic clean-up of expired rows and cache entries. */
    async prune(at: number): Promise<void> {
      for (const [idHash, session] of cache) if (expired(session, at)) cache.delete(idHash);
      await repository.removeExpired(at, at - options.idleTimeoutMs);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
