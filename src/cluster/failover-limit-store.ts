import { GatewayError } from '../errors/gateway-error.js';
import type { LimitStore } from '../limits/limit-store.js';
import type { RedisLink } from './redis-link.js';

/**
 * The cluster's limit store with the failure policy applied. While Redis answers, every limit is global
 * (the Redis store). While it does not:
 * - `open`: each instance enforces the limits alone on its own memory store, so a key limited to N a
 *   minute may get up to N per instance; every such operation is counted as a degradation.
 * - `closed`: limit checks fail with a 503 (`shared_state_unavailable`), rendered in the caller's dialect.
 *
 * Releases go to both stores (a slot or reservation may have been taken on either side of an outage);
 * a release that does not find what it frees does nothing. Charges settled locally during an outage are
 * not replayed into Redis: budgets there miss them until the counters are next seeded from usage records.
 */
export function createFailoverLimitStore(options: {
  link: RedisLink;
  shared: LimitStore;
  local: LimitStore;
  policy: 'open' | 'closed';
}): LimitStore {
  const { link, shared, local, policy } = options;

  async function run<T>(operation: (store: LimitStore) => Promise<T>): Promise<T> {
    if (link.isUp()) {
      try {
        return await operation(shared);
      } catch (error) {
        if (error instanceof GatewayError) throw error;
      }
    }
    link.noteFailure();
    if (policy === 'closed')
      throw new GatewayError(
        'shared_state_unavailable',
        'Gatehouse cannot reach its shared state (Redis) to check limits; try again shortly.',
        { retryAfterSeconds: 1 },
      );
    return operation(local);
  }

  async function everywhere(operation: (store: LimitStore) => Promise<void>): Promise<void> {
    await operation(local);
    if (link.isUp()) await operation(shared).catch(() => link.noteFailure());
  }

  return {
    admitRequest: (windows, now) => run((store) => store.admitRequest(windows, now)),
    acquireSlots: (slots, holder, leaseMs, now) =>
      run((store) => store.acquireSlots(slots, holder, leaseMs, now)),
    releaseSlots: (counters, holder) => everywhere((store) => store.releaseSlots(counters, holder)),
    slotsInUse: (counter, now) => run((store) => store.slotsInUse(counter, now)),
    reserve: (reservation, now) => run((store) => store.reserve(reservation, now)),
    // The request has run: its charge is recorded whatever the policy (locally when Redis is away).
    async settle(id, charges, now) {
      await local.releaseReservation(id);
      if (link.isUp()) {
        try {
          await shared.settle(id, charges, now);
          return;
        } catch {}
      }
      link.noteFailure();
      await local.settle(id, charges, now);
    },
    releaseReservation: (id) => everywhere((store) => store.releaseReservation(id)),
    readCounters: (counters, now) => run((store) => store.readCounters(counters, now)),
    seedCounter: (counter, used, expiresAt) =>
      everywhere((store) => store.seedCounter(counter, used, expiresAt)),
    async close() {
      await Promise.all([shared.close(), local.close()]);
    },
  };
}
