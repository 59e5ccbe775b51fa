// Fires callbacks on a fixed schedule with sub-millisecond punctuality. Node timers only wake at
// millisecond granularity (measured here: ~0.5 ms late at the median, 1–4 ms at p99), which would
// swamp the latencies being measured; a busy-wait would be punctual but would take a core from the
// target on a 2-core machine. So a worker thread sleeps in Atomics.wait (a futex with a fractional
// timeout, no CPU while waiting) and posts each tick to the main thread, which wakes at once.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated in the worker without the tsx loader.
const TICKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { startEpochMs, intervalMs, count } = workerData;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
for (let index = 0; index < count; index++) {
  const remaining = startEpochMs + index * intervalMs - (performance.timeOrigin + performance.now());
  if (remaining > 0) Atomics.wait(sleeper, 0, 0, remaining);
  parentPort.postMessage(index);
}
`;

/**
 * Calls `fire(scheduledAt)` `count` times, `intervalMs` apart; `scheduledAt` is on this thread's
 * performance.now() clock, so callers can measure lateness and latency from it.
 */
export function onSchedule(
  count: number,
  intervalMs: number,
  fire: (scheduledAt: number) => void,
): Promise<void> {
  // A short lead so the worker is up before the first tick is due.
  const startLocal = performance.now() + 50;
  const worker = new Worker(TICKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { startEpochMs: performance.timeOrigin + startLocal, intervalMs, count },
  });
  return new Promise((resolve, reject) => {
    let fired = 0;
    worker.on('message', (index: number) => {
      fire(startLocal + index * intervalMs);
      fired += 1;
      if (fired === count) void worker.terminate().then(() => resolve());
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (fired < count) reject(new Error(`schedule worker exited (${code}) after ${fired}/${count} ticks`));
    });
  });
}
