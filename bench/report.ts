// The markdown report: one table of rows per workload × target, then Gatehouse's targets from the
// issue, each marked PASS or FAIL. Rows of the same workload are compared to that workload's
// direct and floor rows, since ratios within one run are what carries over between machines.
import type { Row } from './aggregate.js';
import type { TargetName } from './targets.js';
import { compareTranslation, type TranslationPair } from './translation.js';

export interface ReportInput {
  rows: readonly Row[];
  workloads: readonly string[];
  streamWorkloads: ReadonlySet<string>;
  /** Per workload, the targets able to serve it (measured or not); comparisons need both sides. */
  servedBy: Readonly<Record<string, readonly TargetName[]>>;
  /** The cross-format workload and the pass-through one its CPU is held against. */
  translation: TranslationPair;
  /** Whole-run peak per target, start-up included. */
  peakRssMb: Partial<Record<TargetName, number>>;
  unavailable: Partial<Record<TargetName, string>>;
  description: string;
  /** CPU used by processes outside the bench, as a fraction of one core: over all windows, and worst. */
  foreignCpu: { mean: number; worst: number };
}

// Above this much foreign CPU (fraction of one core) the machine was busy with something else.
const FOREIGN_CPU_WARNING = 0.05;

export interface Verdict {
  criterion: string;
  workload: string;
  measured: string;
  pass: boolean | null;
}

const RSS_LIMIT_MB = 150;

const integer = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—';
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '—');
const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
const signed = (value: number): string =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(2)}` : '—';
const pair = (a: string, b: string): string => `${a} / ${b}`;

function peer(rows: readonly Row[], workload: string, target: TargetName): Row | undefined {
  return rows.find((row) => row.workload === workload && row.target === target);
}

function tableRow(row: Row, input: ReportInput): string {
  const direct = row.target === 'direct' ? undefined : peer(input.rows, row.workload, 'direct');
  const floor = row.target === 'floor' ? undefined : peer(input.rows, row.workload, 'floor');
  const versus = (base: Row | undefined, pick: (r: Row) => number): number =>
    base ? pick(row) / pick(base) : Number.NaN;
  const added = (pick: (r: Row) => number): number => (direct ? pick(row) - pick(direct) : Number.NaN);
  const isStream = input.streamWorkloads.has(row.workload);
  const cells = [
    row.workload,
    row.target,
    integer(row.rps32),
    integer(row.rps128),
    pair(times(versus(direct, (r) => r.rps32)), times(versus(direct, (r) => r.rps128))),
    pair(times(versus(floor, (r) => r.rps32)), times(versus(floor, (r) => r.rps128))),
    pair(ms(row.at200.p50), ms(row.at200.p99)),
    pair(signed(added((r) => r.at200.p50)), signed(added((r) => r.at200.p99))),
    pair(ms(row.at500.p50), ms(row.at500.p99)),
    pair(signed(added((r) => r.at500.p50)), signed(added((r) => r.at500.p99))),
    isStream ? `${ms(row.at200.firstByteP50)} (${signed(added((r) => r.at200.firstByteP50))})` : '—',
    row.cpuMsPerRequest.toFixed(3),
    times(versus(floor, (r) => r.cpuMsPerRequest)),
    row.peakRssMb.toFixed(0),
    String(row.failures),
  ];
  return `| ${cells.join(' | ')} |`;
}

const HEADER = [
  'workload',
  'target',
  'rps@32',
  'rps@128',
  '×direct @32 / @128',
  '×floor @32 / @128',
  '200/s p50 / p99 ms',
  'added vs direct',
  '500/s p50 / p99 ms',
  'added vs direct',
  'TTFB p50 @200/s ms (added)',
  'CPU ms/req',
  'CPU ×floor',
  'peak RSS MB',
  'failed',
];

export function renderTable(input: ReportInput): string {
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => ' --- ').join('|')}|`];
  for (const workload of input.workloads) {
    for (const row of input.rows.filter((r) => r.workload === workload)) lines.push(tableRow(row, input));
  }
  return lines.join('\n');
}

/** The per-workload targets against direct and floor, for those the workload can be compared on. */
function workloadVerdicts(input: ReportInput, workload: string, gatehouse: Row): Verdict[] {
  const served = input.servedBy[workload] ?? [];
  const floor = peer(input.rows, workload, 'floor');
  const direct = peer(input.rows, workload, 'direct');
  const out: Verdict[] = [];
  if (served.includes('floor')) {
    const cpuRatio = floor ? gatehouse.cpuMsPerRequest / floor.cpuMsPerRequest : Number.NaN;
    out.push(judged('CPU per request ≤ 2× floor', workload, times(cpuRatio), cpuRatio, (v) => v <= 2));
  }
  if (served.includes('direct')) {
    const addedP99 = direct ? gatehouse.at200.p99 - direct.at200.p99 : Number.NaN;
    const criterion = 'added p99 over direct at 200/s < 1 ms';
    out.push(judged(criterion, workload, `${signed(addedP99)} ms`, addedP99, (v) => v < 1));
  }
  if (served.includes('floor')) {
    const rpsRatio = floor ? gatehouse.rps128 / floor.rps128 : Number.NaN;
    const criterion = 'throughput at 128 conns ≥ 0.5× floor';
    out.push(judged(criterion, workload, times(rpsRatio), rpsRatio, (v) => v >= 0.5));
  }
  return out;
}

function translationVerdict(input: ReportInput): Verdict | undefined {
  const comparison = compareTranslation(input.rows, input.translation);
  if (!comparison) return undefined;
  const {
    ratio,
    limit,
    translatedCpuMsPerRequest: translated,
    passThroughCpuMsPerRequest: base,
  } = comparison;
  return judged(
    `translation CPU per request ≤ ${limit}× pass-through (${comparison.passThrough})`,
    comparison.translated,
    `${times(ratio)} (${translated.toFixed(3)} vs ${base.toFixed(3)} ms/req)`,
    ratio,
    (v) => v <= limit,
  );
}

/** The targets for Gatehouse; null when a needed row is missing. */
export function verdicts(input: ReportInput): Verdict[] {
  const out: Verdict[] = [];
  for (const workload of input.workloads) {
    const gatehouse = peer(input.rows, workload, 'gatehouse');
    if (gatehouse) out.push(...workloadVerdicts(input, workload, gatehouse));
  }
  const translation = translationVerdict(input);
  if (translation) out.push(translation);
  const rss = input.peakRssMb.gatehouse;
  if (rss !== undefined) {
    const criterion = `peak RSS < ${RSS_LIMIT_MB} MB`;
    out.push(judged(criterion, 'whole run', `${rss.toFixed(0)} MB`, rss, (v) => v < RSS_LIMIT_MB));
  }
  return out;
}

function judged(
  criterion: string,
  workload: string,
  measured: string,
  value: number,
  passes: (value: number) => boolean,
): Verdict {
  return { criterion, workload, measured, pass: Number.isFinite(value) ? passes(value) : null };
}

export function renderVerdicts(input: ReportInput): string {
  const reason = input.unavailable.gatehouse;
  if (reason !== undefined) return `Gatehouse targets: not measured — ${reason}`;
  const list = verdicts(input);
  if (list.length === 0) return 'Gatehouse targets: not measured (not among BENCH_ONLY).';
  const lines = [
    'Gatehouse targets (issue):',
    '',
    '| target | workload | measured | result |',
    '| --- | --- | --- | --- |',
  ];
  for (const verdict of list) {
    const result = verdict.pass === null ? 'n/a (missing row)' : verdict.pass ? 'PASS' : 'FAIL';
    lines.push(`| ${verdict.criterion} | ${verdict.workload} | ${verdict.measured} | ${result} |`);
  }
  return lines.join('\n');
}

export function renderReport(input: ReportInput): string {
  const notes = [
    `${input.description}`,
    'rps: 2xx responses per second, closed loop (median of rounds). Latency: open loop, from the scheduled send time',
    'to the last body byte (TTFB: first body byte), percentiles over all rounds pooled. CPU ms/req: the target process',
    "alone (direct: the mock) over the closed-loop windows ÷ requests completed; the mock's share behind floor and",
    'gatehouse is in the JSON. Peak RSS: VmHWM of the target process (direct: the mock) during that workload.',
  ];
  for (const workload of input.workloads) {
    const served = input.servedBy[workload];
    if (served && !(served.includes('direct') && served.includes('floor'))) {
      notes.push(
        `${workload}: ${served.join(', ')} only (the others cannot serve it), so ratios to them are —.`,
      );
    }
  }
  const { mean, worst } = input.foreignCpu;
  const foreign = `Other processes used ${(mean * 100).toFixed(1)}% of a core during the windows (worst window ${(worst * 100).toFixed(0)}%)`;
  notes.push(
    mean > FOREIGN_CPU_WARNING
      ? `WARNING: ${foreign}; the machine was not idle, so these numbers are noisy. Run again on a quiet machine.`
      : `${foreign}.`,
  );
  for (const [target, reason] of Object.entries(input.unavailable)) {
    notes.push(`NOT MEASURED ${target}: ${reason}`);
  }
  return [renderTable(input), '', ...notes, '', renderVerdicts(input)].join('\n');
}
