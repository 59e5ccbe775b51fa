import { assertNever } from '../../canonical/assert-never.js';
import type { CanonicalFinishReason, CanonicalUsage } from '../../canonical/canonical-response.js';
import type { CanonicalStreamPart } from '../../canonical/canonical-stream-part.js';
import type { SseEvent, StreamStep } from '../../canonical/sse-event.js';
import { encodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason.js';
import { encodeOpenAiChatUsage } from './openai-chat-usage.js';

export interface OpenAiChatStreamEncoderOptions {
  created: number;
  /** The client's `stream_options.include_usage`: adds the usage chunk with empty `choices`. */
  includeUsage: boolean;
}

/**
 * Canonical parts → `chat.completion.chunk` events: a role chunk, content / reasoning_content /
 * tool_calls deltas (tool calls numbered by `index` in order of appearance), a chunk carrying
 * `finish_reason`, the usage chunk with `choices: []` when asked for, and `data: [DONE]`.
 */
export class OpenAiChatStreamEncoder implements StreamStep<CanonicalStreamPart, SseEvent> {
  private id = '';
  private model = '';
  private started = false;
  private finished = false;
  private readonly toolIndexes = new Map<string, number>();

  constructor(private readonly options: OpenAiChatStreamEncoderOptions) {}

  push(part: CanonicalStreamPart): SseEvent[] {
    if (this.finished) return [];
    if (part.type === 'stream-start') {
      this.id = part.id;
      this.model = part.model;
    }
    const events = this.emitRoleChunk();
    return part.type === 'stream-start' ? events : [...events, ...this.handlePart(part)];
  }

  end(): SseEvent[] {
    if (this.finished) return [];
    return [...this.emitRoleChunk(), ...this.emitFinish({ unified: 'other', raw: undefined }, undefined)];
  }

  private handlePart(part: Exclude<CanonicalStreamPart, { type: 'stream-start' }>): SseEvent[] {
    switch (part.type) {
      case 'text-delta':
        return [this.chunk({ content: part.delta })];
      case 'reasoning-delta':
        return [this.chunk({ reasoning_content: part.delta })];
      case 'tool-input-start': {
        const index = this.toolIndexes.size;
        this.toolIndexes.set(part.id, index);
        const call = { index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } };
        return [this.chunk({ tool_calls: [call] })];
      }
      case 'tool-input-delta': {
        const index = this.toolIndexes.get(part.id);
        return index === undefined
          ? []
          : [this.chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] })];
      }
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-end':
      case 'tool-input-end':
        // Chat Completions has no block boundaries.
        return [];
      case 'finish':
        return this.emitFinish(part.finishReason, part.usage);
      case 'error':
        this.finished = true;
        // OpenAI sends a bare error object mid-stream, then closes without [DONE].
        return [
          {
            data: JSON.stringify({
              error: { message: part.error.message, type: part.error.code, code: part.error.code },
            }),
          },
        ];
      default:
        return assertNever(part);
    }
  }

  private emitRoleChunk(): SseEvent[] {
    if (this.started) return [];
    this.started = true;
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  private emitFinish(reason: CanonicalFinishReason, usage: CanonicalUsage | undefined): SseEvent[] {
    this.finished = true;
    const events = [this.chunk({}, encodeOpenAiChatFinishReason(reason))];
    if (this.options.includeUsage && usage)
      events.push(this.frame({ choices: [], usage: encodeOpenAiChatUsage(usage) }));
    events.push({ data: '[DONE]' });
    return events;
  }

  private chunk(delta: Record<string, unknown>, finishReason: string | null = null): SseEvent {
    return this.frame({ choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  }

  private frame(fields: Record<string, unknown>): SseEvent {
    return {
      data: JSON.stringify({
        id: this.id,
        object: 'chat.completion.chunk',
        created: this.options.created,
        model: this.model,
        ...fields,
      }),
    };
  }
}
