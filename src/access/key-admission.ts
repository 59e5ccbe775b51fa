import type { ApiKey } from '../domain/api-key.js';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * Per-key request-rate and concurrency limits, held in memory (the cluster issue backs the same
 * interface with Redis). The rate limit is an exact sliding window: a key limited to N a minute is
 * admitted at most N times in any 60 seconds.
 */
export interface Admission {
  /** Frees the concurrency slot; safe to call more than once. */
  release(): void;
}

const windowMs = 60_000;

interface KeyCounters {
  inFlight: number;
  /** Admission times inside the current window, oldest first (a ring would save the shift; N is small). */
  recent: number[];
}

export function createKeyAdmission() {
  const counters = new Map<string, KeyCounters>();

  function countersOf(keyId: string): KeyCounters {
    let entry = counters.get(keyId);
    if (!entry) {
      entry = { inFlight: 0, recent: [] };
      counters.set(keyId, entry);
    }
    return entry;
  }

  function admitRate(key: ApiKey, entry: KeyCounters, now: number): GatewayError | undefined {
    if (key.rpmLimit === null) return undefined;
    while (entry.recent.length > 0 && (entry.recent[0] as number) <= now - windowMs) entry.recent.shift();
    if (entry.recent.length < key.rpmLimit) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil(((entry.recent[0] as number) + windowMs - now) / 1000));
    return new GatewayError(
      'rate_limited',
      `This API key is limited to ${key.rpmLimit} requests per minute.`,
      {
        retryAfterSeconds,
      },
    );
  }

  return {
    admit(key: ApiKey, now: number): Admission | GatewayError {
      if (key.rpmLimit === null && key.concurrencyLimit === null) return noopAdmission;
      const entry = countersOf(key.id);
      if (key.concurrencyLimit !== null && entry.inFlight >= key.concurrencyLimit) {
        return new GatewayError(
          'rate_limited',
          `This API key is limited to ${key.concurrencyLimit} concurrent requests.`,
          { retryAfterSeconds: 1 },
        );
      }
      const limited = admitRate(key, entry, now);
      if (limited) return limited;
      if (key.rpmLimit !== null) entry.recent.push(now);
      entry.inFlight += 1;
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          entry.inFlight -= 1;
        },
      };
    },
    inFlight(keyId: string): number {
      return counters.get(keyId)?.inFlight ?? 0;
    },
  };
}

const noopAdmission: Admission = { release() {} };

export type KeyAdmission = ReturnType<typeof createKeyAdmission>;
