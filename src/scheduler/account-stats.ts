/** What one attempt on an account came to, for its live statistics. */
export interface AttemptOutcome {
  ok: boolean;
  /** The failure class, or the error class of a relayed answer, when not ok. */
  errorClass?: string | undefined;
  message?: string | undefined;
  ttfbMs?: number | null | undefined;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  at: number;
}

const ttfbSamples = 512;

interface Counters {
  requests: number;
  successes: number;
  errors: Record<string, number>;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number };
  ttfb: Float64Array;
  ttfbCount: number;
  lastError: { errorClass: string; message: string; at: number } | null;
  lastSuccessAt: number | null;
}

function percentile(sorted: Float64Array, fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

/**
 * Per-account counters kept in memory since start: requests, successes, errors by class, tokens, the
 * last error, and time to first byte over the last 512 attempts (p50/p95, computed when read).
 */
export function createAccountStats() {
  const byAccount = new Map<string, Counters>();

  function countersOf(accountId: string): Counters {
    let counters = byAccount.get(accountId);
    if (!counters) {
      counters = {
        requests: 0,
        successes: 0,
        errors: {},
        tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
        ttfb: new Float64Array(ttfbSamples),
        ttfbCount: 0,
        lastError: null,
        lastSuccessAt: null,
      };
      byAccount.set(accountId, counters);
    }
    return counters;
  }

  return {
    record(accountId: string, outcome: AttemptOutcome): void {
      const counters = countersOf(accountId);
      counters.requests += 1;
      if (outcome.ttfbMs !== null && outcome.ttfbMs !== undefined) {
        counters.ttfb[counters.ttfbCount % ttfbSamples] = outcome.ttfbMs;
        counters.ttfbCount += 1;
      }
      counters.tokens.input += outcome.inputTokens ?? 0;
      counters.tokens.output += outcome.outputTokens ?? 0;
      counters.tokens.cacheRead += outcome.cacheReadTokens ?? 0;
      counters.tokens.cacheWrite += outcome.cacheWriteTokens ?? 0;
      if (outcome.ok) {
        counters.successes += 1;
        counters.lastSuccessAt = outcome.at;
        return;
      }
      const errorClass = outcome.errorClass ?? 'error';
      counters.errors[errorClass] = (counters.errors[errorClass] ?? 0) + 1;
      counters.lastError = { errorClass, message: outcome.message ?? errorClass, at: outcome.at };
    },

    snapshot(accountId: string) {
      const counters = byAccount.get(accountId);
      if (!counters) {
        return {
          requests: 0,
          successes: 0,
          errors: {},
          tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
          ttfbP50Ms: null,
          ttfbP95Ms: null,
          lastError: null,
          lastSuccessAt: null,
        };
      }
      const sorted = counters.ttfb.slice(0, Math.min(counters.ttfbCount, ttfbSamples)).sort();
      return {
        requests: counters.requests,
        successes: counters.successes,
        errors: { ...counters.errors },
        tokens: { ...counters.tokens },
        ttfbP50Ms: percentile(sorted, 0.5),
        ttfbP95Ms: percentile(sorted, 0.95),
        lastError: counters.lastError,
        lastSuccessAt: counters.lastSuccessAt,
      };
    },
  };
}

export type AccountStats = ReturnType<typeof createAccountStats>;
