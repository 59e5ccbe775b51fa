import type { EventSourceMessage } from 'eventsource-parser';
import { SseUsageTap } from '../sse-usage-tap.js';
import { foldAnthropicUsage } from './usage.js';

/**
 * Reads usage out of an Anthropic SSE stream while its bytes are relayed untouched. Chunks may split
 * anywhere (mid-line, mid-UTF-8 character); eventsource-parser and a streaming TextDecoder take care of
 * that. Only the few events that carry usage are JSON-parsed; text deltas are skipped by event name.
 */
export class AnthropicStreamUsageTap extends SseUsageTap {
  protected onEvent(event: EventSourceMessage): void {
    switch (event.event) {
      case 'message_start':
        this.onMessageStart(parseJson(event.data));
        return;
      case 'message_delta':
        foldAnthropicUsage(fieldOf(parseJson(event.data), 'usage'), this.usage);
        return;
      case 'content_block_delta':
        this.content.keep(event.data);
        return;
      case 'message_stop':
        this.usage.completed = true;
        return;
      case 'error':
        this.usage.errorType = errorTypeOf(parseJson(event.data));
        return;
      default:
        return;
    }
  }

  private onMessageStart(data: unknown): void {
    const message = fieldOf(data, 'message');
    foldAnthropicUsage(fieldOf(message, 'usage'), this.usage);
    const model = fieldOf(message, 'model');
    if (typeof model === 'string') this.usage.model = model;
    const id = fieldOf(message, 'id');
    if (typeof id === 'string') this.usage.messageId = id;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function errorTypeOf(data: unknown): string {
  const type = fieldOf(fieldOf(data, 'error'), 'type');
  return typeof type === 'string' ? type : 'error';
}
