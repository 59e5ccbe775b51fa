// The usage writer measured on its own: records/s into SQLite through the real writer (real
// migrations, real bulk insert, the configured batch size and queue bound), and peak memory while a
// producer pushes records as fast as backpressure lets it. `npm run bench` runs it after the relay
// targets; `BENCH_ONLY=usage-writer npm run bench` runs it alone. Prints one JSON line on stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../src/db/connect.js';
import { createUsageRepository } from '../src/db/repositories/usage-repository.js';
import type { UsageRecord } from '../src/domain/usage-record.js';
import { createUsageWriter } from '../src/usage/usage-writer.js';
import { timeOrderedId } from '../src/util/time-ordered-id.js';
import { peakRssMb } from './proc-stats.js';

export interface UsageWriterBenchResult {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  /** CPU time this process used (user + system): on a shared machine, records per CPU second is the fairer rate. */
  cpuSeconds: number;
  recordsPerCpuSecond: number;
  /** The writer's settings during the run (the shipped defaults). */
  maxBatchSize: number;
  maxQueuedRecords: number;
  /** Most records ever held by the writer (queued or waiting for room). */
  peakPending: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** Heap after the run and a GC, against the same before it: what the writer kept. */
  heapGrowthMb: number;
}

const MB = 1024 * 1024;

function sampleRecord(index: number, createdAt: number): UsageRecord {
  return {
    id: timeOrderedId(createdAt),
    createdAt,
    keyId: `key-${index % 500}`,
    userId: `user-${index % 50}`,
    accountId: `account-${index % 8}`,
    surface: index % 3 === 0 ? 'openai-chat' : 'anthropic',
    upstreamFormat: 'anthropic',
    model: index % 2 === 0 ? 'claude-sonnet-4-5' : 'claude-haiku-4-5',
    upstreamModel: 'claude-sonnet-4-5-20250929',
    inputTokens: 1200 + (index % 97),
    outputTokens: 300 + (index % 31),
    cacheReadTokens: index % 5 === 0 ? 20_000 : 0,
    cacheWriteTokens: index % 7 === 0 ? 4_000 : 0,
    cacheWrite1hTokens: 0,
    cost: 0.0123,
    charged: true,
    status: index % 50 === 0 ? 529 : 200,
    errorClass: index % 50 === 0 ? 'overloaded_error' : null,
    stream: index % 4 !== 0,
    partial: false,
    estimated: false,
    ttfbMs: 350,
    durationMs: 4200,
    clientFamily: 'claude-code',
    upstreamRequestId: `req_${index}`,
  };
}

export async function benchUsageWriter(recordCount = 300_000): Promise<UsageWriterBenchResult> {
  const directory = mkdtempSync(join(tmpdir(), 'gatehouse-bench-usage-'));
  const storage = await openStorage({ dataDir: directory });
  const maxBatchSize = 1000;
  const maxQueuedRecords = 100_000;
  const writer = createUsageWriter({
    repository: createUsageRepository(storage.db, storage.usageBulkInsert),
    flushIntervalMs: 250,
    maxBatchSize,
    maxQueuedRecords,
    logger: { error: (...args: unknown[]) => console.error(...args) },
  });
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let peakPending = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    peakPending = Math.max(peakPending, writer.pending);
  }, 20);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const createdAt = Date.now();
  for (let index = 0; index < recordCount; index += 1) {
    const waiting = writer.enqueue(sampleRecord(index, createdAt + index));
    // The queue is full: wait for room, as a finished relay does (backpressure).
    if (waiting) await waiting;
    if (index % 1000 === 999) peakPending = Math.max(peakPending, writer.pending);
    // Give the event loop a turn now and then, as a server under load would.
    if (index % 5000 === 4999) await new Promise((resolve) => setImmediate(resolve));
  }
  await writer.flush();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  await writer.close();
  const counted = await storage.db
    .selectFrom('usage_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(counted.n) !== recordCount) throw new Error(`wrote ${counted.n} of ${recordCount} records`);
  await storage.close();
  rmSync(directory, { recursive: true, force: true });
  globalThis.gc?.();
  return {
    records: recordCount,
    seconds: Number(seconds.toFixed(3)),
    recordsPerSecond: Math.round(recordCount / seconds),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    recordsPerCpuSecond: Math.round(recordCount / cpuSeconds),
    maxBatchSize,
    maxQueuedRecords,
    peakPending,
    peakRssMb: Number(peakRssMb(process.pid).toFixed(1)),
    peakHeapUsedMb: Number((peakHeap / MB).toFixed(1)),
    heapGrowthMb: Number(((process.memoryUsage().heapUsed - heapBefore) / MB).toFixed(1)),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const count = Number(process.env.BENCH_USAGE_RECORDS ?? 300_000);
  benchUsageWriter(count).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`usage writer bench failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
