// Open-loop load: requests leave on a fixed schedule whether or not earlier ones have answered, and
// latency is measured from the *scheduled* send time. A slow target therefore cannot hold the
// generator back and hide its own stalls (no coordinated omission).
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { OpenLoopCommand, OpenLoopResult } from './load-protocol.js';
import { onSchedule } from './precise-schedule.js';
import { ascending, percentile } from './stats.js';

// Enough sockets that a stalled target makes requests wait in the target, not in our pool.
const MAX_CONNECTIONS = 256;
// Requests still unanswered this long after the last send are counted as errors.
const DRAIN_TIMEOUT_MS = 10_000;

interface Tally {
  completed: number;
  non2xx: number;
  firstError: string | null;
  firstByteMs: number[];
  lastByteMs: number[];
  sendLagMs: number[];
}

export async function runOpenLoop(command: OpenLoopCommand): Promise<OpenLoopResult> {
  const pool = new Pool(command.origin, { connections: MAX_CONNECTIONS });
  const body = Buffer.from(command.body);
  const tally: Tally = {
    completed: 0,
    non2xx: 0,
    firstError: null,
    firstByteMs: [],
    lastByteMs: [],
    sendLagMs: [],
  };
  const send = (scheduledAt: number): Promise<void> => sendOne(pool, command, body, scheduledAt, tally);
  try {
    await warmConnections(pool, command, body);
    const scheduled = Math.max(1, Math.round(command.ratePerSecond * command.durationSeconds));
    const inFlight: Promise<void>[] = [];
    await onSchedule(scheduled, 1000 / command.ratePerSecond, (scheduledAt) => {
      inFlight.push(send(scheduledAt));
    });
    const drained = await settleWithin(inFlight, DRAIN_TIMEOUT_MS);
    if (!drained) tally.firstError ??= `requests still pending ${DRAIN_TIMEOUT_MS} ms after the last send`;
    const lag = ascending(tally.sendLagMs);
    return {
      kind: 'open',
      scheduled,
      completed: tally.completed,
      non2xx: tally.non2xx,
      // Thrown and never-answered requests alike.
      errors: scheduled - tally.completed - tally.non2xx,
      firstError: tally.firstError,
      firstByteMs: tally.firstByteMs,
      lastByteMs: tally.lastByteMs,
      sendLagP50Ms: percentile(lag, 50),
      sendLagP99Ms: percentile(lag, 99),
    };
  } finally {
    await pool.destroy();
  }
}

async function sendOne(
  pool: Pool,
  shape: OpenLoopCommand,
  body: Buffer,
  scheduledAt: number,
  tally: Tally,
): Promise<void> {
  tally.sendLagMs.push(performance.now() - scheduledAt);
  try {
    const response = await pool.request({ path: shape.path, method: 'POST', headers: shape.headers, body });
    let firstByteAt = Number.NaN;
    for await (const _chunk of response.body) {
      if (Number.isNaN(firstByteAt)) firstByteAt = performance.now();
    }
    const lastByteAt = performance.now();
    if (response.statusCode < 200 || response.statusCode >= 300) {
      tally.non2xx += 1;
      tally.firstError ??= `HTTP ${response.statusCode}`;
      return;
    }
    tally.completed += 1;
    tally.firstByteMs.push((Number.isNaN(firstByteAt) ? lastByteAt : firstByteAt) - scheduledAt);
    tally.lastByteMs.push(lastByteAt - scheduledAt);
  } catch (error) {
    tally.firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** Opens a few keep-alive sockets first, so connection set-up is not charged to the first samples. */
async function warmConnections(pool: Pool, shape: OpenLoopCommand, body: Buffer): Promise<void> {
  const warm = Array.from({ length: 8 }, async () => {
    const response = await pool.request({ path: shape.path, method: 'POST', headers: shape.headers, body });
    await response.body.dump();
  });
  await Promise.all(warm);
}

async function settleWithin(pending: Promise<void>[], timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const settled = Promise.allSettled(pending).then(() => true as const);
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
