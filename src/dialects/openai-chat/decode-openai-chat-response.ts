import { z } from 'zod';
import type { AssistantContentPart } from '../../canonical/canonical-content.js';
import type { CanonicalResponse } from '../../canonical/canonical-response.js';
import { parseJsonObject } from '../../canonical/json-value.js';
import { parseUpstream } from '../../canonical/parse-inbound.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { decodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason.js';
import { decodeOpenAiChatUsage, openAiChatUsageSchema } from './openai-chat-usage.js';

const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

const responseSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      message: z.looseObject({
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        reasoning_content: z.string().nullish(),
        tool_calls: z.array(toolCallSchema).nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: openAiChatUsageSchema.nullish(),
});

/** Reads the first choice; Gatehouse never asks for more (`n` is dropped when translating). */
export function decodeOpenAiChatResponse(body: unknown): Translated<CanonicalResponse> {
  const wire = parseUpstream(responseSchema, body, 'Chat Completions response');
  const sink = new WarningSink();
  const choice = wire.choices[0];
  const message = choice?.message;
  const content: AssistantContentPart[] = [];
  if (message?.reasoning_content) content.push({ type: 'reasoning', text: message.reasoning_content });
  if (message?.content) content.push({ type: 'text', text: message.content });
  if (message?.refusal) content.push({ type: 'text', text: message.refusal });
  (message?.tool_calls ?? []).forEach((call, index) => {
    const input = parseJsonObject(call.function?.arguments ?? '');
    if (input === undefined)
      sink.approximated(
        `choices[0].message.tool_calls[${index}]`,
        'arguments are not a JSON object; kept {}',
      );
    content.push({
      type: 'tool-call',
      id: call.id ?? `call_${index}`,
      name: call.function?.name ?? '',
      input: input ?? {},
    });
  });
  return sink.wrap({
    id: wire.id,
    model: wire.model,
    content,
    finishReason: decodeOpenAiChatFinishReason(choice?.finish_reason),
    usage: decodeOpenAiChatUsage(wire.usage),
  });
}
