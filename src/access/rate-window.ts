/**
 * A sliding 60-second request window that never admits more than `limit` requests in any 60 seconds.
 *
 * Up to `exactLogLimit` requests a minute it keeps each admission time in a ring (O(1) per request,
 * 8 bytes per allowed request), which is exact. Above that a log would cost megabytes per key, so it
 * counts admissions in 100 ms buckets and includes the whole oldest bucket: the window it checks is
 * up to 100 ms longer than 60 s, so it can only admit fewer, never more, than the limit.
 */
export interface RateWindow {
  /** Admits and records one request at `now`, or returns the milliseconds until one would be admitted. */
  tryAdmit(now: number): { admitted: true } | { admitted: false; retryAfterMs: number };
}

export const windowMs = 60_000;
const exactLogLimit = 10_000;
const bucketMs = 100;
const bucketCount = windowMs / bucketMs + 1;

export function createRateWindow(limit: number): RateWindow {
  return limit <= exactLogLimit ? exactWindow(limit) : bucketedWindow(limit);
}

function exactWindow(limit: number): RateWindow {
  const times = new Float64Array(limit);
  let oldest = 0;
  let count = 0;
  return {
    tryAdmit(now) {
      while (count > 0 && (times[oldest] as number) <= now - windowMs) {
        oldest = (oldest + 1) % limit;
        count -= 1;
      }
      if (count >= limit)
        return { admitted: false, retryAfterMs: (times[oldest] as number) + windowMs - now };
      times[(oldest + count) % limit] = now;
      count += 1;
      return { admitted: true };
    },
  };
}

function bucketedWindow(limit: number): RateWindow {
  const counts = new Float64Array(bucketCount);
  let total = 0;
  let newestBucket = -1;
  function advanceTo(bucket: number): void {
    if (newestBucket === -1) newestBucket = bucket;
    const steps = Math.min(bucket - newestBucket, bucketCount);
    for (let step = 1; step <= steps; step += 1) {
      const slot = (newestBucket + step) % bucketCount;
      total -= counts[slot] as number;
      counts[slot] = 0;
    }
    newestBucket = Math.max(newestBucket, bucket);
  }
  return {
    tryAdmit(now) {
      const bucket = Math.floor(now / bucketMs);
      advanceTo(bucket);
      if (total >= limit) return { admitted: false, retryAfterMs: bucketMs };
      counts[bucket % bucketCount] = (counts[bucket % bucketCount] as number) + 1;
      total += 1;
      return { admitted: true };
    },
  };
}
