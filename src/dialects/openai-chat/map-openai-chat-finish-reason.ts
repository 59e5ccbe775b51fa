import type { CanonicalFinishReason, FinishReason } from '../../canonical/canonical-response.js';

/** https://platform.openai.com/docs/api-reference/chat/object (`finish_reason`). */
const unifiedByFinishReason: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  // Deprecated single-function form; still sent by some compatible servers.
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

const finishReasonByUnified: Readonly<Record<FinishReason, string>> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'stop',
  other: 'stop',
};

export function decodeOpenAiChatFinishReason(raw: string | null | undefined): CanonicalFinishReason {
  const value = raw ?? undefined;
  return { unified: (value && unifiedByFinishReason[value]) || 'other', raw: value };
}

export function encodeOpenAiChatFinishReason(reason: CanonicalFinishReason): string {
  if (
    reason.raw !== undefined &&
    reason.raw !== 'function_call' &&
    unifiedByFinishReason[reason.raw] === reason.unified
  )
    return reason.raw;
  return finishReasonByUnified[reason.unified];
}
