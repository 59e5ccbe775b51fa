// Folds the per-window records of all rounds into one row per workload × target.
// Throughput and CPU are medians over rounds. Latency percentiles are taken over the samples of all
// rounds pooled: a p99 from one short window rests on a handful of requests, pooled it rests on 3×.
import type { OpenLoopResult } from './load-protocol.js';
import { failures, type MeasurementId, type WindowRecord } from './measure.js';
import type { PeakMemory } from './peak-memory.js';
import { ascending, median, percentile } from './stats.js';
import type { TargetName } from './targets.js';

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
  firstByteP50: number;
  firstByteP99: number;
  /** Worst generator lateness over the rounds (ms); if large, latencies carry generator noise. */
  sendLagP99: number;
}

export interface Row {
  workload: string;
  target: TargetName;
  rps32: number;
  rps128: number;
  at200: LatencySummary;
  at500: LatencySummary;
  /** CPU of the target's own process per request (for direct, the mock's). */
  cpuMsPerRequest: number;
  /** CPU of the mock per request (zero-cost for direct, where it *is* the target). */
  mockCpuMsPerRequest: number;
  loadGeneratorCpuMsPerRequest: number;
  /** Highest VmHWM of the target's process during this workload (direct: the mock's). */
  peakRssMb: number;
  failures: number;
}

function windowsOf(records: readonly WindowRecord[], id: MeasurementId): WindowRecord[] {
  return records.filter((record) => record.measurement === id);
}

function medianRps(records: readonly WindowRecord[], id: MeasurementId): number {
  return median(
    windowsOf(records, id).map((record) => (record.result.kind === 'closed' ? record.result.rps : NaN)),
  );
}

function latency(records: readonly WindowRecord[], id: MeasurementId): LatencySummary {
  const results = windowsOf(records, id)
    .map((record) => record.result)
    .filter((result): result is OpenLoopResult => result.kind === 'open');
  const lastByte = ascending(results.flatMap((result) => result.lastByteMs));
  const firstByte = ascending(results.flatMap((result) => result.firstByteMs));
  return {
    samples: lastByte.length,
    p50: percentile(lastByte, 50),
    p99: percentile(lastByte, 99),
    max: lastByte.at(-1) ?? Number.NaN,
    firstByteP50: percentile(firstByte, 50),
    firstByteP99: percentile(firstByte, 99),
    sendLagP99: Math.max(...results.map((result) => result.sendLagP99Ms)),
  };
}

/** Median over rounds of CPU ms per completed request in the closed-loop (saturating) windows. */
function cpuPerRequest(
  records: readonly WindowRecord[],
  process: 'target' | 'mock' | 'loadGenerator',
): number {
  const rounds = new Set(records.map((record) => record.round));
  const perRound = [...rounds].map((round) => {
    const closed = records.filter((record) => record.round === round && record.result.kind === 'closed');
    const cpu = closed.reduce((sum, record) => sum + record.cpuMs[process], 0);
    const completed = closed.reduce((sum, record) => sum + record.result.completed, 0);
    return completed > 0 ? cpu / completed : Number.NaN;
  });
  return median(perRound);
}

export function aggregate(
  records: readonly WindowRecord[],
  workloads: readonly string[],
  memory: PeakMemory,
): Row[] {
  const rows: Row[] = [];
  for (const workload of workloads) {
    const targets = [...new Set(records.filter((r) => r.workload === workload).map((r) => r.target))];
    for (const target of targets) {
      const mine = records.filter((record) => record.workload === workload && record.target === target);
      rows.push({
        workload,
        target,
        rps32: medianRps(mine, 'c32'),
        rps128: medianRps(mine, 'c128'),
        at200: latency(mine, 'r200'),
        at500: latency(mine, 'r500'),
        cpuMsPerRequest: cpuPerRequest(mine, 'target'),
        mockCpuMsPerRequest: target === 'direct' ? 0 : cpuPerRequest(mine, 'mock'),
        loadGeneratorCpuMsPerRequest: cpuPerRequest(mine, 'loadGenerator'),
        peakRssMb: memory.byWorkload[workload]?.[target] ?? Number.NaN,
        failures: mine.reduce((sum, record) => sum + failures(record.result), 0),
      });
    }
  }
  return rows;
}
