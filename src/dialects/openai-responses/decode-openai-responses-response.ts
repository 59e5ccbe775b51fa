import { z } from 'zod';
import type { AssistantContentPart } from '../../canonical/canonical-content.js';
import type { CanonicalResponse } from '../../canonical/canonical-response.js';
import { parseUpstream } from '../../canonical/parse-inbound.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { decodeResponsesStatus } from './map-responses-status.js';
import { decodeFunctionCall, decodeReasoningItem } from './openai-responses-items.js';
import { decodeResponsesUsage, responsesUsageSchema } from './openai-responses-usage.js';

const outputItemSchema = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  content: z
    .array(z.looseObject({ type: z.string(), text: z.string().optional(), refusal: z.string().optional() }))
    .optional(),
  call_id: z.string().optional(),
  name: z.string().optional(),
  arguments: z.string().optional(),
  summary: z.array(z.looseObject({ text: z.string() })).optional(),
  encrypted_content: z.string().nullish(),
});
export type ResponsesOutputItem = z.output<typeof outputItemSchema>;

export const responsesResponseSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  status: z.string().nullish(),
  output: z.array(outputItemSchema),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  usage: responsesUsageSchema.nullish(),
});

export function decodeOutputItem(
  item: ResponsesOutputItem,
  sink: WarningSink,
  path: string,
): AssistantContentPart[] {
  switch (item.type) {
    case 'message':
      return (item.content ?? []).flatMap((part) => {
        const text = part.type === 'refusal' ? part.refusal : part.text;
        return text === undefined ? [] : [{ type: 'text' as const, text }];
      });
    case 'function_call':
      return [
        decodeFunctionCall(
          { call_id: item.call_id ?? '', name: item.name ?? '', arguments: item.arguments ?? '' },
          sink,
          path,
        ),
      ];
    case 'reasoning':
      return [
        decodeReasoningItem({
          id: item.id,
          summary: item.summary ?? [],
          encrypted_content: item.encrypted_content,
        }),
      ];
    default:
      sink.dropped(path, `"${item.type}" output item has no equivalent outside OpenAI`);
      return [];
  }
}

export function decodeOpenAiResponsesResponse(body: unknown): Translated<CanonicalResponse> {
  const wire = parseUpstream(responsesResponseSchema, body, 'Responses response');
  const sink = new WarningSink();
  const content = wire.output.flatMap((item, index) => decodeOutputItem(item, sink, `output[${index}]`));
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  return sink.wrap({
    id: wire.id,
    model: wire.model,
    content,
    finishReason: decodeResponsesStatus(wire.status, wire.incomplete_details?.reason, hasToolCalls),
    usage: decodeResponsesUsage(wire.usage),
  });
}
