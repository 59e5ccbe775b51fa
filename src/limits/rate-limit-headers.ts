import type { Dialect } from '../dialects/dialect.js';
import type { RequestRateState } from '../errors/gateway-error.js';

/**
 * The request-rate headers each API family's clients read. Anthropic: `anthropic-ratelimit-requests-*`
 * with the reset as an RFC 3339 time (docs.anthropic.com/en/api/rate-limits#response-headers). OpenAI:
 * `x-ratelimit-*-requests` with the reset as a duration such as `1s` or `6m0s`
 * (platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers).
 */
export function rateLimitHeaders(
  dialect: Dialect,
  state: RequestRateState,
  now: number,
): Record<string, string> {
  switch (dialect) {
    case 'anthropic':
      return {
        'anthropic-ratelimit-requests-limit': String(state.limit),
        'anthropic-ratelimit-requests-remaining': String(state.remaining),
        'anthropic-ratelimit-requests-reset': new Date(Math.ceil(state.resetAt / 1000) * 1000)
          .toISOString()
          .replace('.000Z', 'Z'),
      };
    case 'openai-chat':
    case 'openai-responses':
      return {
        'x-ratelimit-limit-requests': String(state.limit),
        'x-ratelimit-remaining-requests': String(state.remaining),
        'x-ratelimit-reset-requests': openAiDuration(Math.max(0, state.resetAt - now)),
      };
    default: {
      const unknown: never = dialect;
      throw new Error(`no rate-limit headers for ${String(unknown)}`);
    }
  }
}

/** OpenAI writes durations as `6m0s`, `1s`, `120ms`. */
function openAiDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${seconds % 60}s` : `${seconds}s`;
}
