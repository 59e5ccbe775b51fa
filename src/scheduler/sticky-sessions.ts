export interface StickySessions {
  /**
   * Brings the conversation's shared binding into this instance before routing (cluster shape: one
   * Redis read); resolves at once on a single node. Never rejects.
   */
  prefetch(conversation: string, now: number): Promise<void>;
  get(conversation: string, now: number): string | undefined;
  set(conversation: string, accountId: string, now: number): void;
  readonly size: number;
}

/**
 * Conversation → account, so the requests of one conversation reach the same upstream account and its
 * prompt cache stays warm. Entries live `ttlMs` after their last use; the map is bounded (the oldest
 * entries go first), so a flood of one-off conversations cannot grow it without limit.
 */
export function createStickySessions(options: { ttlMs: number; maxEntries?: number }): StickySessions {
  const maxEntries = options.maxEntries ?? 200_000;
  const entries = new Map<string, { accountId: string; expiresAt: number }>();

  return {
    prefetch: () => Promise.resolve(),
    get(conversation: string, now: number): string | undefined {
      const entry = entries.get(conversation);
      if (!entry) return undefined;
      if (entry.expiresAt <= now) {
        entries.delete(conversation);
        return undefined;
      }
      return entry.accountId;
    },
    /** Binds (or re-binds) a conversation and refreshes its TTL; most recent last in the map. */
    set(conversation: string, accountId: string, now: number): void {
      entries.delete(conversation);
      entries.set(conversation, { accountId, expiresAt: now + options.ttlMs });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
    get size(): number {
      return entries.size;
    },
  };
}
