import { assertNever } from '../../canonical/assert-never.js';
import type { AssistantContentPart } from '../../canonical/canonical-content.js';
import type { CanonicalResponse, CanonicalUsage } from '../../canonical/canonical-response.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { encodeTextBlock, encodeToolUseBlock } from './anthropic-content.js';
import { encodeAnthropicStopReason } from './map-anthropic-stop-reason.js';

export function encodeAnthropicUsage(usage: CanonicalUsage) {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    output_tokens: usage.outputTokens,
  };
}

/**
 * Reasoning from another vendor becomes a `thinking` block with an empty signature, so clients can
 * show it; encodeAnthropicRequest drops such blocks if the client sends them back.
 */
export function encodeAnthropicContentPart(part: AssistantContentPart): Record<string, unknown> {
  switch (part.type) {
    case 'text':
      return encodeTextBlock(part);
    case 'tool-call':
      return encodeToolUseBlock(part);
    case 'reasoning': {
      const own = part.providerMetadata?.anthropic;
      if (typeof own?.redactedData === 'string') return { type: 'redacted_thinking', data: own.redactedData };
      return {
        type: 'thinking',
        thinking: part.text,
        signature: typeof own?.signature === 'string' ? own.signature : '',
      };
    }
    default:
      return assertNever(part);
  }
}

export function encodeAnthropicResponse(response: CanonicalResponse): Translated<Record<string, unknown>> {
  const sink = new WarningSink();
  const stopSequence = response.providerMetadata?.anthropic?.stopSequence;
  return sink.wrap({
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: response.model,
    content: response.content.map(encodeAnthropicContentPart),
    stop_reason: encodeAnthropicStopReason(response.finishReason),
    stop_sequence: typeof stopSequence === 'string' ? stopSequence : null,
    usage: encodeAnthropicUsage(response.usage),
  });
}
