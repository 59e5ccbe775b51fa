export interface LoginThrottleOptions {
  now: () => number;
  maxFailuresPerUsername: number;
  maxFailuresPerIp: number;
  failureWindowMs: number;
  lockoutMs: number;
  /** Most counters kept; the oldest are dropped first, so a flood of names cannot exhaust memory. */
  maxEntries?: number;
}

interface Counter {
  failures: number;
  windowStartedAt: number;
  lockedUntil: number;
}

/**
 * Login failures counted per username and per client address in a fixed window; reaching the limit
 * locks that name or address for `lockoutMs`, during which even a correct password is refused (so a
 * guesser learns nothing). Kept in memory per instance.
 */
export function createLoginThrottle(options: LoginThrottleOptions) {
  const counters = new Map<string, Counter>();
  const maxEntries = options.maxEntries ?? 100_000;
  const keysFor = (username: string, ip: string) =>
    [
      [`u:${username.toLowerCase()}`, options.maxFailuresPerUsername],
      [`i:${ip}`, options.maxFailuresPerIp],
    ] as const;

  function count(key: string, limit: number, at: number): void {
    let counter = counters.get(key);
    if (!counter || at - counter.windowStartedAt >= options.failureWindowMs) {
      if (counter) counters.delete(key);
      counter = { failures: 0, windowStartedAt: at, lockedUntil: 0 };
      if (counters.size >= maxEntries) counters.delete(counters.keys().next().value as string);
      counters.set(key, counter);
    }
    counter.failures += 1;
    if (counter.failures >= limit) counter.lockedUntil = at + options.lockoutMs;
  }

  return {
    /** Seconds until this name or address may try again, or undefined when it may try now. */
    lockedFor(username: string, ip: string): number | undefined {
      const at = options.now();
      let until = 0;
      for (const [key] of keysFor(username, ip)) until = Math.max(until, counters.get(key)?.lockedUntil ?? 0);
      return until > at ? Math.ceil((until - at) / 1000) : undefined;
    },
    recordFailure(username: string, ip: string): void {
      const at = options.now();
      for (const [key, limit] of keysFor(username, ip)) count(key, limit, at);
    },
    /** A good login clears the name's count; the address keeps its count (one right guess among many). */
    recordSuccess(username: string): void {
      counters.delete(`u:${username.toLowerCase()}`);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
