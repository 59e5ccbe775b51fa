// bench-results/latest.json: everything the table was made from, for comparing runs and machines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { WindowRecord } from './measure.js';
import type { PeakMemory } from './peak-memory.js';
import { type ReportInput, verdicts } from './report.js';
import { compareTranslation } from './translation.js';

/** Writes the raw results, minus the per-request latency arrays (megabytes, and pooled into rows). */
export function writeResults(
  directory: string,
  report: ReportInput,
  records: readonly WindowRecord[],
  settings: object,
  memory: PeakMemory,
): string {
  const windows = records.map((record) => {
    if (record.result.kind === 'closed') return record;
    const { firstByteMs, lastByteMs, ...summary } = record.result;
    return { ...record, result: summary };
  });
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'latest.json');
  const results = {
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    settings,
    rows: report.rows,
    peakRssMb: { wholeRun: report.peakRssMb, ...memory },
    unavailable: report.unavailable,
    verdicts: verdicts(report),
    translation: compareTranslation(report.rows, report.translation),
    windows,
  };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
