// `npm run bench`: direct (the mock), floor (bare proxy) and Gatehouse measured side by side in one
// run, interleaved window by window and repeated, so drift on a shared 2-core machine hits every
// target alike. BENCH_QUICK=1 for a ~1 minute smoke run; BENCH_ONLY=direct,floor to pick targets.
// The usage writer is measured after them on its own (BENCH_ONLY=usage-writer runs only that).
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { aggregate } from './aggregate.js';
import { type LoadGenerator, startLoadGenerator } from './load-generator.js';
import { failures, MEASUREMENTS, measureWindow, type WindowContext, type WindowRecord } from './measure.js';
import { type PeakMemoryTracker, trackPeakMemory, wholeRunPeak } from './peak-memory.js';
import { createProcessRegistry, type ProcessRegistry } from './processes.js';
import { type ReportInput, renderReport } from './report.js';
import { writeResults } from './results-file.js';
import { dropBrokenTargets, type Started, startTargets } from './setup.js';
import { TARGET_NAMES, type TargetName } from './targets.js';
import {
  buildWorkloads,
  CROSS_FORMAT_WORKLOAD,
  PASS_THROUGH_WORKLOAD,
  servesWorkload,
  targetsFor,
  type Workload,
} from './workloads.js';

interface BenchConfig {
  quick: boolean;
  rounds: number;
  /** Closed-loop windows only need enough requests for a stable rate; open-loop ones need samples. */
  closedSeconds: number;
  openSeconds: number;
  warmupSeconds: number;
  targets: TargetName[];
}

// Full run: (4 workloads × 3 targets + 1 gatehouse-only) × 3 rounds × (2 closed + 2 open windows) ≈ 6 minutes.
function readConfig(): BenchConfig {
  const quick = process.env.BENCH_QUICK === '1';
  const only = process.env.BENCH_ONLY?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== USAGE_WRITER);
  const unknown = only?.filter((name) => !TARGET_NAMES.includes(name as TargetName)) ?? [];
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown target(s) ${unknown.join(', ')}`);
  const targets = TARGET_NAMES.filter((name) => !only || only.includes(name));
  return quick
    ? { quick, rounds: 1, closedSeconds: 0.75, openSeconds: 1, warmupSeconds: 0.3, targets }
    : { quick, rounds: 3, closedSeconds: 1.5, openSeconds: 2, warmupSeconds: 1, targets };
}

const USAGE_WRITER = 'usage-writer';

/** Which parts run: the relay targets unless BENCH_ONLY names only the usage writer, and the writer unless BENCH_ONLY leaves it out. */
function benchParts(): { relay: boolean; usageWriter: boolean } {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!only) return { relay: true, usageWriter: true };
  return { relay: only.some((name) => name !== USAGE_WRITER), usageWriter: only.includes(USAGE_WRITER) };
}

/** The usage writer bench in a process of its own, so its peak memory is its own. */
function runUsageWriterBench(): number {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./usage-writer.ts', import.meta.url))],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
  process.stdout.write(
    `\nUsage writer (SQLite, batches of ${result.maxBatchSize}, queue bound ${result.maxQueuedRecords}): ` +
      `${result.records} records in ${result.seconds} s = ${result.recordsPerSecond} records/s ` +
      `(${result.recordsPerCpuSecond} per CPU second); ` +
      `peak RSS ${result.peakRssMb} MB, peak heap ${result.peakHeapUsedMb} MB, ` +
      `heap kept ${result.heapGrowthMb} MB, most records held ${result.peakPending}\n`,
  );
  // The goal is 20,000 records/s; on a shared machine the CPU-time rate is what the code can do.
  return Math.max(result.recordsPerSecond ?? 0, result.recordsPerCpuSecond ?? 0) >= 20_000 ? 0 : 1;
}

const RESULTS_DIRECTORY = fileURLToPath(new URL('../bench-results', import.meta.url));

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

interface Session {
  config: BenchConfig;
  started: Started;
  generator: LoadGenerator;
  workloads: Workload[];
  memory: PeakMemoryTracker;
}

function contextFor(
  session: Session,
  round: number,
  closedSeconds: number,
  openSeconds: number,
): WindowContext {
  const { started, generator } = session;
  const allPids = [started.mock.pid, generator.pid, ...started.targets.map((target) => target.pid)];
  return { generator, mock: started.mock, closedSeconds, openSeconds, round, allPids };
}

/** A short closed-loop run per target and workload, so JIT and connection pools are warm in round 1. */
async function warmUp(session: Session): Promise<void> {
  const seconds = session.config.warmupSeconds;
  const context = contextFor(session, 0, seconds, seconds);
  for (const workload of session.workloads) {
    for (const target of targetsFor(workload, session.started.targets)) {
      const record = await measureWindow(context, target, workload, MEASUREMENTS[0]!);
      if (failures(record.result) > 0) logWindow(record, 0);
    }
  }
}

/** Rounds × workloads × measurements, with the targets interleaved innermost. */
async function runRounds(session: Session): Promise<WindowRecord[]> {
  const { config } = session;
  const records: WindowRecord[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    const context = contextFor(session, round, config.closedSeconds, config.openSeconds);
    for (const workload of session.workloads) {
      const targets = targetsFor(workload, session.started.targets);
      if (targets.length === 0) continue;
      session.memory.beginWorkload();
      for (const measurement of MEASUREMENTS) {
        for (const target of targets) {
          const record = await measureWindow(context, target, workload, measurement);
          records.push(record);
          logWindow(record, config.rounds);
        }
      }
      const names = targets.map((target) => target.name);
      session.memory.endWorkload(workload.name, ['mock', 'loadGenerator', ...names]);
    }
  }
  return records;
}

function logWindow(record: WindowRecord, rounds: number): void {
  const { result } = record;
  const headline =
    result.kind === 'closed'
      ? `${Math.round(result.rps)} rps`
      : `${result.completed}/${result.scheduled} ok, send lag p99 ${result.sendLagP99Ms.toFixed(2)} ms`;
  const failed = failures(result);
  const problem =
    failed > 0 ? `  !! ${failed} failed${result.kind === 'open' ? ` (${result.firstError})` : ''}` : '';
  const round = record.round === 0 ? 'warm-up' : `${record.round}/${rounds}`;
  const where = `[${round}] ${record.workload} · ${record.measurement} · ${record.target}`;
  const foreign = record.foreignCpuMs / record.wallMs;
  const noise = foreign > 0.1 ? `  (other processes took ${(foreign * 100).toFixed(0)}% of a core)` : '';
  log(`${where}: ${headline}, settled in ${record.settleMs} ms${problem}${noise}`);
}

async function startSession(registry: ProcessRegistry): Promise<Session> {
  const config = readConfig();
  const started = await startTargets(registry, config.targets, log);
  // A workload none of the chosen targets can serve (BENCH_ONLY=direct,floor) is left out.
  const workloads = buildWorkloads().filter((workload) =>
    config.targets.some((name) => servesWorkload(workload, name)),
  );
  const generator = startLoadGenerator(registry);
  await dropBrokenTargets(started, workloads, log);
  if (started.targets.length === 0) throw new Error('no target could be measured');
  const pids: Record<string, number> = { mock: started.mock.pid, loadGenerator: generator.pid };
  for (const target of started.targets) pids[target.name] = target.pid;
  return { config, started, generator, workloads, memory: trackPeakMemory(pids) };
}

function foreignCpu(records: readonly WindowRecord[]): ReportInput['foreignCpu'] {
  const foreignMs = records.reduce((sum, record) => sum + record.foreignCpuMs, 0);
  const wallMs = records.reduce((sum, record) => sum + record.wallMs, 0);
  const worst = Math.max(0, ...records.map((record) => record.foreignCpuMs / record.wallMs));
  return { mean: wallMs > 0 ? foreignMs / wallMs : 0, worst };
}

function reportInput(session: Session, records: readonly WindowRecord[]): ReportInput {
  const { config, started, workloads } = session;
  const memory = session.memory.result();
  const names = workloads.map((workload) => workload.name);
  const windows = `${config.closedSeconds} s closed-loop and ${config.openSeconds} s open-loop windows`;
  return {
    rows: aggregate(records, names, memory),
    workloads: names,
    streamWorkloads: new Set(
      workloads.filter((workload) => workload.stream).map((workload) => workload.name),
    ),
    servedBy: Object.fromEntries(
      workloads.map((workload) => [
        workload.name,
        TARGET_NAMES.filter((name) => servesWorkload(workload, name)),
      ]),
    ),
    translation: { translated: CROSS_FORMAT_WORKLOAD, passThrough: PASS_THROUGH_WORKLOAD },
    peakRssMb: Object.fromEntries(
      started.targets.map((target) => [target.name, wholeRunPeak(memory, target.name)]),
    ),
    unavailable: started.unavailable,
    foreignCpu: foreignCpu(records),
    description: `${cpus().length} CPUs, Node ${process.version}, ${config.rounds} round(s) of ${windows}${config.quick ? ' (BENCH_QUICK)' : ''}.`,
  };
}

async function main(registry: ProcessRegistry): Promise<number> {
  const parts = benchParts();
  const relayCode = parts.relay ? await benchRelay(registry) : 0;
  const writerCode = parts.usageWriter ? runUsageWriterBench() : 0;
  return relayCode || writerCode;
}

async function benchRelay(registry: ProcessRegistry): Promise<number> {
  const session = await startSession(registry);
  log(
    `bench: ${session.started.targets.map((target) => target.name).join(', ')}; ${session.config.rounds} round(s)`,
  );
  await warmUp(session);
  const records = await runRounds(session);
  const input = reportInput(session, records);
  process.stdout.write(`${renderReport(input)}\n`);
  const path = writeResults(RESULTS_DIRECTORY, input, records, session.config, session.memory.result());
  log(`bench: raw results in ${path}`);
  const failed = records.some((record) => failures(record.result) > 0);
  return failed || Object.keys(session.started.unavailable).length > 0 ? 1 : 0;
}

const registry = createProcessRegistry();
main(registry)
  .then(async (code) => {
    await registry.cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    // After Ctrl-C, dying children make main() throw; the signal handler is already cleaning up.
    if (registry.interrupted) return;
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await registry.cleanup();
    process.exit(1);
  });
