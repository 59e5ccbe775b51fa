import type { ApiKey } from '../domain/api-key.js';
import { GatewayError } from '../errors/gateway-error.js';
import { createRateWindow, type RateWindow } from './rate-window.js';

/**
 * Per-key request-rate and concurrency limits, held in memory (the cluster issue backs the same
 * interface with Redis). The rate limit is a sliding window (rate-window.ts): a key limited to N a
 * minute is admitted at most N times in any 60 seconds.
 */
export interface Admission {
  /** Frees the concurrency slot; safe to call more than once. */
  release(): void;
}

interface KeyCounters {
  inFlight: number;
  /** Present when the key has a requests-per-minute limit; rebuilt when the limit changes. */
  rate: { limit: number; window: RateWindow } | undefined;
}

export function createKeyAdmission() {
  const counters = new Map<string, KeyCounters>();

  function countersOf(keyId: string): KeyCounters {
    let entry = counters.get(keyId);
    if (!entry) {
      entry = { inFlight: 0, rate: undefined };
      counters.set(keyId, entry);
    }
    return entry;
  }

  function admitRate(key: ApiKey, entry: KeyCounters, now: number): GatewayError | undefined {
    if (key.rpmLimit === null) return undefined;
    if (entry.rate?.limit !== key.rpmLimit)
      entry.rate = { limit: key.rpmLimit, window: createRateWindow(key.rpmLimit) };
    const decision = entry.rate.window.tryAdmit(now);
    if (decision.admitted) return undefined;
    return new GatewayError(
      'rate_limited',
      `This API key is limited to ${key.rpmLimit} requests per minute.`,
      {
        retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
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
