import type { WindowState } from './limit-store.js';

/**
 * The admission times of one request-rate counter, oldest first, in a growable ring. Exact at any
 * limit: a window limited to L holds at most L times (8 bytes each). The limit and window length are
 * given on every call, so a changed limit applies at once without losing what was already admitted.
 */
export interface SlidingLog {
  /** Drops times older than the window and reports what is left for `limit`. */
  state(limit: number, windowMs: number, now: number): WindowState;
  add(now: number): void;
  /** True when nothing admitted is younger than the longest window seen. */
  isEmptyAt(now: number): boolean;
}

export function createSlidingLog(): SlidingLog {
  let times = new Float64Array(8);
  let oldest = 0;
  let count = 0;
  let longestWindowMs = 0;

  function grow(): void {
    const larger = new Float64Array(times.length * 2);
    for (let index = 0; index < count; index += 1)
      larger[index] = times[(oldest + index) % times.length] as number;
    times = larger;
    oldest = 0;
  }

  return {
    state(limit, windowMs, now) {
      longestWindowMs = Math.max(longestWindowMs, windowMs);
      while (count > 0 && (times[oldest] as number) <= now - windowMs) {
        oldest = (oldest + 1) % times.length;
        count -= 1;
      }
      // When the limit was lowered, the window may hold more than the new limit: the request is
      // admitted again once enough of them have left, i.e. when the (count - limit + 1)-th oldest leaves.
      const excess = Math.max(0, count - limit);
      const freeingAt =
        count === 0
          ? now
          : (times[(oldest + Math.min(excess, count - 1)) % times.length] as number) + windowMs;
      return { limit, remaining: Math.max(0, limit - count), resetAt: freeingAt };
    },
    add(now) {
      if (count === times.length) grow();
      times[(oldest + count) % times.length] = now;
      count += 1;
    },
    isEmptyAt(now) {
      return count === 0 || (times[(oldest + count - 1) % times.length] as number) <= now - longestWindowMs;
    },
  };
}
