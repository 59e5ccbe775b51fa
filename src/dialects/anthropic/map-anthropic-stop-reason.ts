import type { CanonicalFinishReason, FinishReason } from '../../canonical/canonical-response.js';

/** https://docs.anthropic.com/en/api/handling-stop-reasons */
const unifiedByStopReason: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  // Sonnet 4.5+ stops with this when the context window, not max_tokens, ran out.
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
  // A server-tool loop paused; the client continues the turn. Nothing like it elsewhere.
  pause_turn: 'other',
};

const stopReasonByUnified: Readonly<Record<FinishReason, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
  error: 'end_turn',
  other: 'end_turn',
};

export function decodeAnthropicStopReason(raw: string | null | undefined): CanonicalFinishReason {
  const value = raw ?? undefined;
  return { unified: (value && unifiedByStopReason[value]) || 'other', raw: value };
}

/** Keeps the vendor's own value when it is Anthropic's and still means the same thing. */
export function encodeAnthropicStopReason(reason: CanonicalFinishReason): string {
  if (reason.raw !== undefined && unifiedByStopReason[reason.raw] === reason.unified) return reason.raw;
  return stopReasonByUnified[reason.unified];
}
