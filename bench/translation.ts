// The cross-format target from the issue: Gatehouse translating an OpenAI Chat Completions stream to
// and from its Anthropic account may cost at most 2× the CPU of relaying the Anthropic stream as is.
// Both workloads get the same upstream stream (the fast mock's precomputed one), so the ratio of CPU
// per request is also the ratio of CPU per streamed event.
import type { Row } from './aggregate.js';

export const TRANSLATION_CPU_LIMIT = 2;

/** Which workload is the translated one and which the pass-through it is compared with. */
export interface TranslationPair {
  translated: string;
  passThrough: string;
}

export interface TranslationComparison extends TranslationPair {
  /** Gatehouse's CPU ms per request on each workload (closed-loop windows, median of rounds). */
  translatedCpuMsPerRequest: number;
  passThroughCpuMsPerRequest: number;
  /** translated ÷ pass-through; NaN when either row is missing. */
  ratio: number;
  limit: number;
  /** null when a row is missing. */
  pass: boolean | null;
}

function gatehouseCpu(rows: readonly Row[], workload: string): number {
  const row = rows.find((r) => r.workload === workload && r.target === 'gatehouse');
  return row ? row.cpuMsPerRequest : Number.NaN;
}

/** Null when Gatehouse was not measured at all. */
export function compareTranslation(
  rows: readonly Row[],
  pair: TranslationPair,
): TranslationComparison | null {
  if (!rows.some((row) => row.target === 'gatehouse')) return null;
  const translatedCpuMsPerRequest = gatehouseCpu(rows, pair.translated);
  const passThroughCpuMsPerRequest = gatehouseCpu(rows, pair.passThrough);
  const ratio = translatedCpuMsPerRequest / passThroughCpuMsPerRequest;
  return {
    ...pair,
    translatedCpuMsPerRequest,
    passThroughCpuMsPerRequest,
    ratio,
    limit: TRANSLATION_CPU_LIMIT,
    pass: Number.isFinite(ratio) ? ratio <= TRANSLATION_CPU_LIMIT : null,
  };
}
