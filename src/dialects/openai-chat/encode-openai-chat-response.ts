import type { CanonicalResponse } from '../../canonical/canonical-response.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { encodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason.js';
import { encodeOpenAiChatUsage } from './openai-chat-usage.js';

export interface OpenAiChatEncodeOptions {
  /** Unix seconds for `created`; injected so output is deterministic. */
  created: number;
}

/**
 * Text parts are joined (Chat has one content string); reasoning goes to the non-standard
 * `reasoning_content` field that DeepSeek-style clients read and others ignore.
 */
export function encodeOpenAiChatResponse(
  response: CanonicalResponse,
  options: OpenAiChatEncodeOptions,
): Translated<Record<string, unknown>> {
  const sink = new WarningSink();
  const text = response.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
  const reasoning = response.content.flatMap((p) => (p.type === 'reasoning' ? [p.text] : [])).join('');
  const toolCalls = response.content.flatMap((p) =>
    p.type === 'tool-call'
      ? [{ id: p.id, type: 'function', function: { name: p.name, arguments: JSON.stringify(p.input) } }]
      : [],
  );
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
  };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return sink.wrap({
    id: response.id,
    object: 'chat.completion',
    created: options.created,
    model: response.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: encodeOpenAiChatFinishReason(response.finishReason),
      },
    ],
    usage: encodeOpenAiChatUsage(response.usage),
  });
}
