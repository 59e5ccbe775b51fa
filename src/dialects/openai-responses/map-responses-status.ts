import type { CanonicalFinishReason, FinishReason } from '../../canonical/canonical-response.js';

/**
 * Responses has no finish reason: a response is `completed`, `incomplete` (with
 * `incomplete_details.reason`: `max_output_tokens` or `content_filter`) or `failed`; tool calls
 * show as function_call items in a completed response.
 */
export function decodeResponsesStatus(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  hasToolCalls: boolean,
): CanonicalFinishReason {
  switch (status) {
    case 'completed':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: status };
    case 'incomplete': {
      const unified: FinishReason =
        incompleteReason === 'max_output_tokens'
          ? 'length'
          : incompleteReason === 'content_filter'
            ? 'content-filter'
            : 'other';
      return { unified, raw: incompleteReason ?? status };
    }
    case 'failed':
      return { unified: 'error', raw: status };
    default:
      return { unified: 'other', raw: status ?? undefined };
  }
}

export interface ResponsesStatus {
  status: 'completed' | 'incomplete' | 'failed';
  incompleteDetails: { reason: string } | null;
}

export function encodeResponsesStatus(reason: CanonicalFinishReason): ResponsesStatus {
  switch (reason.unified) {
    case 'length':
      return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
    case 'content-filter':
      return { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };
    case 'error':
      return { status: 'failed', incompleteDetails: null };
    case 'stop':
    case 'tool-calls':
    case 'other':
      return { status: 'completed', incompleteDetails: null };
  }
}
