import { describe, expect, it } from 'vitest';
import { createRateWindow, windowMs } from './rate-window.js';

/** mulberry32: seeded, so every run replays the same arrivals. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function arrivals(limit: number, seed: number): number[] {
  const random = seededRandom(seed);
  let time = 0;
  return Array.from({ length: limit * 6 }, () => {
    time += Math.floor(random() * ((windowMs / limit) * 2));
    return time;
  });
}

function admittedBy(limit: number, times: readonly number[]): number[] {
  const window = createRateWindow(limit);
  return times.filter((time) => window.tryAdmit(time).admitted);
}

/** The reference: an exact sliding log, admitting whenever fewer than `limit` fall in (t − span, t]. */
function referenceAdmitted(limit: number, times: readonly number[], span: number): number[] {
  const admitted: number[] = [];
  let oldest = 0;
  for (const time of times) {
    while (oldest < admitted.length && (admitted[oldest] as number) <= time - span) oldest += 1;
    if (admitted.length - oldest < limit) admitted.push(time);
  }
  return admitted;
}

function maxInAnyWindow(times: readonly number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('rate window', () => {
  it('admits exactly the limit in a burst and says when the oldest admission expires', () => {
    const window = createRateWindow(3);
    expect([0, 1, 2].map((t) => window.tryAdmit(1000 + t).admitted)).toEqual([true, true, true]);
    expect(window.tryAdmit(1010)).toEqual({ admitted: false, retryAfterMs: 1000 + windowMs - 1010 });
    expect(window.tryAdmit(1000 + windowMs).admitted).toBe(true);
  });

  it.each([5, 50, 10_000])('is an exact sliding window up to 10,000 a minute (limit %i)', (limit) => {
    const times = arrivals(limit, limit);
    expect(admittedBy(limit, times)).toEqual(referenceAdmitted(limit, times, windowMs));
  });

  it('above 10,000 a minute never admits more than the limit in any 60 seconds, and only a bucket’s worth fewer', () => {
    const limit = 20_000;
    const times = arrivals(limit, 7);
    const admitted = admittedBy(limit, times);
    expect(maxInAnyWindow(admitted)).toBeLessThanOrEqual(limit);
    // Buckets of 100 ms make the window up to 100 ms longer, never shorter: the exact log over a
    // 60.1-second span bounds what it may refuse.
    expect(admitted.length).toBeGreaterThanOrEqual(referenceAdmitted(limit, times, windowMs + 100).length);
  });
});
