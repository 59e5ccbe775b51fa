import type { AssistantContentPart } from '../../canonical/canonical-content.js';
import type { CanonicalResponse } from '../../canonical/canonical-response.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { encodeResponsesStatus } from './map-responses-status.js';
import { encodeResponsesUsage } from './openai-responses-usage.js';

export interface OpenAiResponsesEncodeOptions {
  /** Unix seconds for `created_at`; injected so output is deterministic. */
  created: number;
}

type Wire = Record<string, unknown>;

/** Output items in order; text runs share one message item. Ids are derived, so output is stable. */
export function encodeOutputItems(responseId: string, content: AssistantContentPart[]): Wire[] {
  const items: Wire[] = [];
  let message: Wire[] | undefined;
  content.forEach((part, index) => {
    switch (part.type) {
      case 'text':
        if (!message) {
          message = [];
          items.push({
            id: `msg_${responseId}_${index}`,
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: message,
          });
        }
        message.push({ type: 'output_text', text: part.text, annotations: [] });
        return;
      case 'tool-call':
        message = undefined;
        items.push({
          id: `fc_${part.id}`,
          type: 'function_call',
          status: 'completed',
          call_id: part.id,
          name: part.name,
          arguments: JSON.stringify(part.input),
        });
        return;
      case 'reasoning': {
        message = undefined;
        items.push(encodeReasoningOutput(`rs_${responseId}_${index}`, part));
        return;
      }
    }
  });
  return items;
}

export function encodeReasoningOutput(
  fallbackId: string,
  part: Extract<AssistantContentPart, { type: 'reasoning' }>,
): Wire {
  const own = part.providerMetadata?.openaiResponses;
  const item: Wire = {
    id: typeof own?.itemId === 'string' ? own.itemId : fallbackId,
    type: 'reasoning',
    summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
  };
  if (typeof own?.encryptedContent === 'string') item.encrypted_content = own.encryptedContent;
  return item;
}

export function encodeOpenAiResponsesResponse(
  response: CanonicalResponse,
  options: OpenAiResponsesEncodeOptions,
): Translated<Wire> {
  const sink = new WarningSink();
  const { status, incompleteDetails } = encodeResponsesStatus(response.finishReason);
  return sink.wrap({
    id: response.id,
    object: 'response',
    created_at: options.created,
    status,
    error: status === 'failed' ? { code: 'server_error', message: 'The upstream response failed' } : null,
    incomplete_details: incompleteDetails,
    model: response.model,
    output: encodeOutputItems(response.id, response.content),
    usage: encodeResponsesUsage(response.usage),
  });
}
