/** An authorization this server started and whose code has not been pasted yet. */
export interface PendingAuthorization {
  verifier: string;
  /** Set when re-authorizing an existing account rather than adding one. */
  accountId: string | null;
  expiresAt: number;
}

/** More than any operator will have open at once; a bound so repeated starts cannot grow memory. */
const maxPending = 1000;

/**
 * PKCE verifiers by `state`, in memory only: a verifier never touches storage, and it is usable once,
 * until it expires. A cluster routes the paste to whichever instance started the flow only if the
 * console sticks to it; the exchange answers "start again" otherwise (see README).
 */
export function createPendingAuthorizations(options: { ttlMs: number; now: () => number }) {
  const pending = new Map<string, PendingAuthorization>();

  function prune(now: number): void {
    for (const [state, entry] of pending) if (entry.expiresAt <= now) pending.delete(state);
  }

  return {
    add(state: string, verifier: string, accountId: string | null): PendingAuthorization {
      const now = options.now();
      prune(now);
      // Oldest first (Map keeps insertion order): drop the oldest when full.
      while (pending.size >= maxPending) {
        const oldest = pending.keys().next().value;
        if (oldest === undefined) break;
        pending.delete(oldest);
      }
      const entry = { verifier, accountId, expiresAt: now + options.ttlMs };
      pending.set(state, entry);
      return entry;
    },
    /** The pending authorization for `state`, removed: a code is exchanged at most once. */
    take(state: string): PendingAuthorization | undefined {
      const entry = pending.get(state);
      pending.delete(state);
      if (!entry || entry.expiresAt <= options.now()) return undefined;
      return entry;
    },
  };
}

export type PendingAuthorizations = ReturnType<typeof createPendingAuthorizations>;
