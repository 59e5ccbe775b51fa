// One measurement window: a load run against one target while the CPU of every process involved is
// read from /proc before and after. (The one-request sanity check is in answer-check.ts.)
import { performance } from 'node:perf_hooks';
import type { LoadGenerator } from './load-generator.js';
import type { ClosedLoopResult, OpenLoopResult, RequestShape } from './load-protocol.js';
import { cpuWindow, machineCpuMs, waitUntilQuiet } from './proc-stats.js';
import type { Target } from './targets.js';
import { requestShape, type Workload } from './workloads.js';

export type MeasurementId = 'c32' | 'c128' | 'r200' | 'r500';

export type Measurement =
  | { id: MeasurementId; kind: 'closed'; connections: number }
  | { id: MeasurementId; kind: 'open'; ratePerSecond: number };

export const MEASUREMENTS: readonly Measurement[] = [
  { id: 'c32', kind: 'closed', connections: 32 },
  { id: 'c128', kind: 'closed', connections: 128 },
  { id: 'r200', kind: 'open', ratePerSecond: 200 },
  { id: 'r500', kind: 'open', ratePerSecond: 500 },
];

/** CPU ms used during the window by the target's own process, the mock, and the load generator. */
export interface WindowCpu {
  target: number;
  mock: number;
  loadGenerator: number;
}

export interface WindowRecord {
  round: number;
  workload: string;
  target: Target['name'];
  measurement: MeasurementId;
  result: ClosedLoopResult | OpenLoopResult;
  cpuMs: WindowCpu;
  /** CPU ms that processes outside the bench used during the window: noise, if not near zero. */
  foreignCpuMs: number;
  wallMs: number;
  /** How long the processes took to go idle after the load stopped (counted in cpuMs). */
  settleMs: number;
}

export interface WindowContext {
  generator: LoadGenerator;
  mock: Target;
  closedSeconds: number;
  openSeconds: number;
  round: number;
  /** Every process of the bench, all of which must be idle before the next window starts. */
  allPids: readonly number[];
}

const SETTLE_TIMEOUT_MS = 5000;

export async function measureWindow(
  context: WindowContext,
  target: Target,
  workload: Workload,
  measurement: Measurement,
): Promise<WindowRecord> {
  const started = performance.now();
  const stopInvolved = cpuWindow({
    target: target.pid,
    mock: context.mock.pid,
    loadGenerator: context.generator.pid,
  });
  // Ours includes this orchestrator; everything else the machine did counts as foreign.
  const ourPids = new Set([...context.allPids, process.pid]);
  const stopOurs = cpuWindow(Object.fromEntries([...ourPids].map((pid) => [pid, pid])));
  const machineBefore = machineCpuMs();
  const result = await runLoad(context, requestShape(workload, target), measurement);
  const settleMs = await waitUntilQuiet(context.allPids, SETTLE_TIMEOUT_MS);
  const used = stopInvolved();
  const ours = Object.values(stopOurs()).reduce((sum, ms) => sum + ms, 0);
  return {
    round: context.round,
    workload: workload.name,
    target: target.name,
    measurement: measurement.id,
    result,
    cpuMs: { target: used.target ?? 0, mock: used.mock ?? 0, loadGenerator: used.loadGenerator ?? 0 },
    foreignCpuMs: Math.max(0, machineCpuMs() - machineBefore - ours),
    wallMs: performance.now() - started,
    settleMs,
  };
}

function runLoad(
  context: WindowContext,
  shape: RequestShape,
  measurement: Measurement,
): Promise<ClosedLoopResult | OpenLoopResult> {
  return measurement.kind === 'closed'
    ? context.generator.closed({
        ...shape,
        connections: measurement.connections,
        durationSeconds: context.closedSeconds,
      })
    : context.generator.open({
        ...shape,
        ratePerSecond: measurement.ratePerSecond,
        durationSeconds: context.openSeconds,
      });
}

/** Requests that failed in a window (non-2xx, transport errors, timeouts, never answered). */
export function failures(result: ClosedLoopResult | OpenLoopResult): number {
  return result.kind === 'closed'
    ? result.non2xx + result.errors + result.timeouts
    : result.non2xx + result.errors;
}
