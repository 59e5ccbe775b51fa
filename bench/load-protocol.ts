// Messages between the orchestrator and the load-generator process (node IPC, JSON-serialised).
// The generator runs in its own process so its CPU never counts against, or competes inside, a target.

/** One HTTP request shape, sent over and over. */
export interface RequestShape {
  /** Origin only, e.g. http://127.0.0.1:4000 */
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ClosedLoopCommand extends RequestShape {
  kind: 'closed';
  connections: number;
  durationSeconds: number;
}

export interface OpenLoopCommand extends RequestShape {
  kind: 'open';
  ratePerSecond: number;
  durationSeconds: number;
}

export type LoadCommand = ClosedLoopCommand | OpenLoopCommand;

export interface ClosedLoopResult {
  kind: 'closed';
  /** 2xx responses completed per second of the window. */
  rps: number;
  completed: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  elapsedSeconds: number;
}

export interface OpenLoopResult {
  kind: 'open';
  scheduled: number;
  completed: number;
  non2xx: number;
  errors: number;
  firstError: string | null;
  /** Per completed request, ms from its scheduled send time to the first body byte. */
  firstByteMs: number[];
  /** Per completed request, ms from its scheduled send time to the last body byte. */
  lastByteMs: number[];
  /** How late the generator itself sent, ms; already included in the latencies. */
  sendLagP50Ms: number;
  sendLagP99Ms: number;
}

export type LoadResult = ClosedLoopResult | OpenLoopResult;

export type WorkerReply = { ok: true; result: LoadResult } | { ok: false; error: string };
