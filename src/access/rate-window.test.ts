import { describe, expect, it } from 'vitest';
import { createRateWindow, windowMs } from './rate-window.js';

/** Replays admissions at the given times and checks no 60-second span ever holds more than `limit`. */
function admittedTimes(limit: number, times: number[]): number[] {
  const window = createRateWindow(limit);
  return times.filter((time) => window.tryAdmit(time).admitted);
}

function maxInAnyWindow(times: number[]): number {
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

  it.each([5, 50, 10_000, 20_000])(
    'never admits more than %i in any 60 seconds under random load',
    (limit) => {
      let time = 0;
      const times = Array.from({ length: limit * 6 }, () => {
        time += Math.floor(Math.random() * ((windowMs / limit) * 2));
        return time;
      });
      const admitted = admittedTimes(limit, times);
      expect(maxInAnyWindow(admitted)).toBeLessThanOrEqual(limit);
      // And it is not needlessly strict: over the run it admits most of what the limit allows.
      expect(admitted.length).toBeGreaterThan(Math.min(times.length, (time / windowMs) * limit) * 0.8);
    },
  );
});
