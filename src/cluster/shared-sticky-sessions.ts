import type { StickySessions } from '../scheduler/sticky-sessions.js';
import type { RedisLink } from './redis-link.js';

/**
 * Sticky sessions shared through Redis, so a conversation reaches the same upstream account whichever
 * instance it lands on. Redis holds the binding (`sticky:<conversation>`, expiring `ttlMs` after its
 * last use); the local map keeps routing synchronous and carries on alone while Redis is away.
 *
 * Cost per conversation request: one GETEX (read and refresh the TTL in one round trip) before routing,
 * plus one SET only when the binding changes. Requests without a conversation cost nothing.
 */
export function createSharedStickySessions(options: {
  link: RedisLink;
  local: StickySessions;
  ttlMs: number;
  /** Bound on the bindings this instance remembers Redis holding (oldest forgotten first). */
  maxKnown?: number;
}): StickySessions {
  const { link, local, ttlMs } = options;
  const maxKnown = options.maxKnown ?? 200_000;
  /** What Redis held (or was told) last, per conversation, so an unchanged binding is not rewritten. */
  const known = new Map<string, string>();

  function remember(conversation: string, accountId: string | undefined): void {
    known.delete(conversation);
    if (accountId === undefined) return;
    known.set(conversation, accountId);
    if (known.size > maxKnown) {
      const oldest = known.keys().next().value;
      if (oldest !== undefined) known.delete(oldest);
    }
  }

  const keyOf = (conversation: string) => link.key(`sticky:${conversation}`);

  return {
    async prefetch(conversation, now) {
      if (!link.isUp()) {
        link.noteFailure();
        return;
      }
      try {
        const accountId = await link.command.getex(keyOf(conversation), 'PX', ttlMs);
        remember(conversation, accountId ?? undefined);
        if (accountId !== null) local.set(conversation, accountId, now);
      } catch {
        link.noteFailure();
      }
    },
    get: (conversation, now) => local.get(conversation, now),
    set(conversation, accountId, now) {
      local.set(conversation, accountId, now);
      if (known.get(conversation) === accountId) return;
      if (!link.isUp()) {
        link.noteFailure();
        return;
      }
      remember(conversation, accountId);
      link.command.set(keyOf(conversation), accountId, 'PX', ttlMs).catch(() => {
        // Not written: let the next request of this conversation try again.
        known.delete(conversation);
        link.noteFailure();
      });
    },
    get size() {
      return local.size;
    },
  };
}
