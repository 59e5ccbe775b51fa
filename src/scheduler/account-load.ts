import type { RoutableAccount } from '../state/catalog.js';

/** In-flight requests per account, for the accounts' concurrency caps. */
export function createAccountLoad() {
  const inFlight = new Map<string, number>();
  return {
    hasCapacity(routable: RoutableAccount): boolean {
      const limit = routable.account.concurrencyLimit;
      return limit === null || (inFlight.get(routable.account.id) ?? 0) < limit;
    },
    /** Takes a slot and returns the function that gives it back (idempotent). */
    acquire(accountId: string): () => void {
      inFlight.set(accountId, (inFlight.get(accountId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight.set(accountId, (inFlight.get(accountId) ?? 1) - 1);
      };
    },
    current(accountId: string): number {
      return inFlight.get(accountId) ?? 0;
    },
  };
}

export type AccountLoad = ReturnType<typeof createAccountLoad>;
