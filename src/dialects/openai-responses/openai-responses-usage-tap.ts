import type { EventSourceMessage } from 'eventsource-parser';
import { parseJsonObject } from '../../canonical/json-value.js';
import { applyCanonicalUsage, emptyUsage, type ObservedUsage } from '../observed-usage.js';
import { errorTypeOf } from '../openai-chat/openai-chat-usage-tap.js';
import { SseUsageTap } from '../sse-usage-tap.js';
import { decodeResponsesUsage, responsesUsageSchema } from './openai-responses-usage.js';

/**
 * Reads usage out of a Responses API stream as it is relayed: the model from `response.created`, the
 * usage from the terminal event (`response.completed`, `response.incomplete` or `response.failed`).
 * Text deltas are skipped by event name, never parsed.
 */
export class OpenAiResponsesUsageTap extends SseUsageTap {
  protected onEvent(event: EventSourceMessage): void {
    switch (event.event) {
      case 'response.created':
        observeResponse(parseJsonObject(event.data)?.response, this.usage, false);
        return;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        observeResponse(
          parseJsonObject(event.data)?.response,
          this.usage,
          event.event === 'response.completed',
        );
        return;
      case 'error':
        this.usage.errorType = errorTypeOf(parseJsonObject(event.data));
        return;
      default:
        // Text, reasoning and tool-argument deltas: kept unparsed for a stream cut short.
        if (event.event?.endsWith('.delta')) this.content.keep(event.data);
        return;
    }
  }
}

/** Reads a whole Responses answer's top-level members. */
export function observeResponsesAnswer(fields: Record<string, unknown> | undefined): ObservedUsage {
  const usage = emptyUsage();
  if (!fields) return usage;
  if (fields.error !== undefined && fields.error !== null && fields.object !== 'response') {
    usage.errorType = errorTypeOf(fields.error);
    return usage;
  }
  observeResponse(fields, usage, fields.status === 'completed');
  return usage;
}

function observeResponse(value: unknown, into: ObservedUsage, completed: boolean): void {
  if (typeof value !== 'object' || value === null) return;
  const response = value as Record<string, unknown>;
  if (typeof response.model === 'string') into.model = response.model;
  if (typeof response.id === 'string') into.messageId = response.id;
  const parsed = responsesUsageSchema.safeParse(response.usage);
  if (parsed.success && response.usage) applyCanonicalUsage(decodeResponsesUsage(parsed.data), into);
  if (completed) into.completed = true;
  if (response.status === 'failed') into.errorType = errorTypeOf(response.error);
}
