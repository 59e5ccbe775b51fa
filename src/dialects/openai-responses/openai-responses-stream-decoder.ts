import { z } from 'zod';
import type { CanonicalStreamPart } from '../../canonical/canonical-stream-part.js';
import { parseSseJson, type SseEvent, type StreamStep } from '../../canonical/sse-event.js';
import { decodeResponsesStatus } from './map-responses-status.js';
import { decodeResponsesUsage, responsesUsageSchema } from './openai-responses-usage.js';

/** Lenient view of the streaming events (https://platform.openai.com/docs/api-reference/responses-streaming). */
const eventSchema = z.looseObject({
  type: z.string(),
  response: z
    .looseObject({
      id: z.string().optional(),
      model: z.string().optional(),
      status: z.string().nullish(),
      incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
      usage: responsesUsageSchema.nullish(),
      error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
    })
    .optional(),
  item: z
    .looseObject({
      type: z.string(),
      id: z.string().optional(),
      call_id: z.string().optional(),
      name: z.string().optional(),
      encrypted_content: z.string().nullish(),
    })
    .optional(),
  item_id: z.string().optional(),
  content_index: z.number().optional(),
  summary_index: z.number().optional(),
  part: z.looseObject({ type: z.string() }).optional(),
  delta: z.string().optional(),
  code: z.string().nullish(),
  message: z.string().nullish(),
});
type ResponsesEvent = z.output<typeof eventSchema>;

/** Responses SSE events → canonical parts. Block ids are the upstream item ids. */
export class OpenAiResponsesStreamDecoder implements StreamStep<SseEvent, CanonicalStreamPart> {
  private finished = false;
  private hasToolCalls = false;
  private readonly callIdByItem = new Map<string, string>();
  private readonly openText = new Set<string>();
  private readonly openReasoning = new Set<string>();

  push(sse: SseEvent): CanonicalStreamPart[] {
    const parsed = eventSchema.safeParse(parseSseJson(sse));
    if (!parsed.success || this.finished) return [];
    return this.handleEvent(parsed.data);
  }

  end(): CanonicalStreamPart[] {
    if (this.finished) return [];
    this.finished = true;
    return [
      ...this.closeAll(),
      {
        type: 'error',
        error: { code: 'stream_truncated', message: 'Upstream stream ended before response.completed' },
      },
    ];
  }

  private handleEvent(event: ResponsesEvent): CanonicalStreamPart[] {
    const itemId = event.item_id ?? '';
    const textId = `${itemId}:${event.content_index ?? 0}`;
    switch (event.type) {
      case 'response.created':
        return [{ type: 'stream-start', id: event.response?.id ?? '', model: event.response?.model ?? '' }];
      case 'response.output_item.added':
        return this.itemAdded(event.item);
      case 'response.content_part.added':
        if (event.part?.type !== 'output_text' && event.part?.type !== 'refusal') return [];
        this.openText.add(textId);
        return [{ type: 'text-start', id: textId }];
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return this.openText.has(textId)
          ? [{ type: 'text-delta', id: textId, delta: event.delta ?? '' }]
          : [];
      case 'response.content_part.done':
        return this.closeText(textId);
      case 'response.reasoning_summary_part.added':
        // Several summary parts become one canonical reasoning text, separated like paragraphs.
        return (event.summary_index ?? 0) > 0 && this.openReasoning.has(itemId)
          ? [{ type: 'reasoning-delta', id: itemId, delta: '\n\n' }]
          : [];
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return this.openReasoning.has(itemId)
          ? [{ type: 'reasoning-delta', id: itemId, delta: event.delta ?? '' }]
          : [];
      case 'response.function_call_arguments.delta': {
        const callId = this.callIdByItem.get(itemId);
        return callId && event.delta ? [{ type: 'tool-input-delta', id: callId, delta: event.delta }] : [];
      }
      case 'response.output_item.done':
        return this.itemDone(event.item);
      case 'response.completed':
      case 'response.incomplete':
        return this.finish(event);
      case 'response.failed':
        return this.fail(
          event.response?.error?.code ?? 'server_error',
          event.response?.error?.message ?? 'The response failed',
        );
      case 'error':
        return this.fail(event.code ?? 'server_error', event.message ?? 'Upstream error');
      default:
        return [];
    }
  }

  private itemAdded(item: ResponsesEvent['item']): CanonicalStreamPart[] {
    const id = item?.id ?? '';
    switch (item?.type) {
      case 'function_call': {
        const callId = item.call_id ?? id;
        this.callIdByItem.set(id, callId);
        this.hasToolCalls = true;
        return [{ type: 'tool-input-start', id: callId, name: item.name ?? '' }];
      }
      case 'reasoning':
        this.openReasoning.add(id);
        return [{ type: 'reasoning-start', id }];
      default:
        return [];
    }
  }

  private itemDone(item: ResponsesEvent['item']): CanonicalStreamPart[] {
    const id = item?.id ?? '';
    switch (item?.type) {
      case 'function_call': {
        const callId = this.callIdByItem.get(id);
        this.callIdByItem.delete(id);
        return callId ? [{ type: 'tool-input-end', id: callId }] : [];
      }
      case 'reasoning': {
        if (!this.openReasoning.delete(id)) return [];
        const openaiResponses = {
          itemId: id,
          ...(item.encrypted_content && { encryptedContent: item.encrypted_content }),
        };
        return [{ type: 'reasoning-end', id, providerMetadata: { openaiResponses } }];
      }
      case 'message':
        return [...this.openText]
          .filter((textId) => textId.startsWith(`${id}:`))
          .flatMap((textId) => this.closeText(textId));
      default:
        return [];
    }
  }

  private closeText(textId: string): CanonicalStreamPart[] {
    return this.openText.delete(textId) ? [{ type: 'text-end', id: textId }] : [];
  }

  private closeAll(): CanonicalStreamPart[] {
    const parts: CanonicalStreamPart[] = [...this.openText].map((id) => ({ type: 'text-end', id }));
    for (const id of this.openReasoning) parts.push({ type: 'reasoning-end', id });
    for (const id of this.callIdByItem.values()) parts.push({ type: 'tool-input-end', id });
    this.openText.clear();
    this.openReasoning.clear();
    this.callIdByItem.clear();
    return parts;
  }

  private finish(event: ResponsesEvent): CanonicalStreamPart[] {
    this.finished = true;
    const response = event.response;
    const status = response?.status ?? (event.type === 'response.completed' ? 'completed' : 'incomplete');
    const finishReason = decodeResponsesStatus(
      status,
      response?.incomplete_details?.reason,
      this.hasToolCalls,
    );
    return [
      ...this.closeAll(),
      { type: 'finish', finishReason, usage: decodeResponsesUsage(response?.usage) },
    ];
  }

  private fail(code: string, message: string): CanonicalStreamPart[] {
    this.finished = true;
    return [...this.closeAll(), { type: 'error', error: { code, message } }];
  }
}
