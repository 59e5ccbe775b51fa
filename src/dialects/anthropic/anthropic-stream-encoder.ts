import { assertNever } from '../../canonical/assert-never.js';
import type { ProviderMetadata } from '../../canonical/canonical-content.js';
import {
  type CanonicalFinishReason,
  type CanonicalUsage,
  emptyCanonicalUsage,
} from '../../canonical/canonical-response.js';
import type { CanonicalStreamError, CanonicalStreamPart } from '../../canonical/canonical-stream-part.js';
import type { SseEvent, StreamStep } from '../../canonical/sse-event.js';
import { encodeAnthropicUsage } from './encode-anthropic-response.js';
import { encodeAnthropicStopReason } from './map-anthropic-stop-reason.js';

type OpenBlock = { index: number; kind: 'text' | 'thinking' | 'redacted' | 'tool' };

/**
 * Canonical stream parts → the event sequence an Anthropic client expects: message_start, then
 * content_block_start/delta/stop per block with increasing indexes, message_delta with the stop
 * reason and usage, message_stop. Anthropic's SDK rejects deltas for a block it never saw start,
 * so blocks are opened and closed strictly in order.
 */
export class AnthropicStreamEncoder implements StreamStep<CanonicalStreamPart, SseEvent> {
  private started = false;
  private finished = false;
  private nextIndex = 0;
  private readonly open = new Map<string, OpenBlock>();

  push(part: CanonicalStreamPart): SseEvent[] {
    if (this.finished) return [];
    if (part.type === 'stream-start') return this.emitMessageStart(part.id, part.model, part.usage);
    return [...this.emitMessageStart('', '', undefined), ...this.handlePart(part)];
  }

  end(): SseEvent[] {
    if (this.finished) return [];
    return [
      ...this.emitMessageStart('', '', undefined),
      ...this.emitFinish({ unified: 'other', raw: undefined }, undefined),
    ];
  }

  private handlePart(part: Exclude<CanonicalStreamPart, { type: 'stream-start' }>): SseEvent[] {
    switch (part.type) {
      case 'text-start':
        return this.startBlock(part.id, 'text', { type: 'text', text: '' });
      case 'reasoning-start':
        return this.startReasoning(part.id, part.providerMetadata);
      case 'tool-input-start':
        return this.startBlock(part.id, 'tool', {
          type: 'tool_use',
          id: part.id,
          name: part.name,
          input: {},
        });
      case 'text-delta':
        return this.delta(part.id, { type: 'text_delta', text: part.delta });
      case 'reasoning-delta':
        return this.delta(part.id, { type: 'thinking_delta', thinking: part.delta });
      case 'tool-input-delta':
        return this.delta(part.id, { type: 'input_json_delta', partial_json: part.delta });
      case 'text-end':
      case 'tool-input-end':
        return this.stopBlock(part.id, undefined);
      case 'reasoning-end':
        return this.stopBlock(part.id, part.providerMetadata);
      case 'finish':
        return this.emitFinish(part.finishReason, part.usage);
      case 'error':
        return this.emitError(part.error);
      default:
        return assertNever(part);
    }
  }

  private emitMessageStart(id: string, model: string, usage: CanonicalUsage | undefined): SseEvent[] {
    if (this.started) return [];
    this.started = true;
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: encodeAnthropicUsage(usage ?? emptyCanonicalUsage()),
    };
    return [sse({ type: 'message_start', message })];
  }

  private startReasoning(id: string, metadata: ProviderMetadata | undefined): SseEvent[] {
    const redacted = metadata?.anthropic?.redactedData;
    if (typeof redacted === 'string')
      return this.startBlock(id, 'redacted', { type: 'redacted_thinking', data: redacted });
    return this.startBlock(id, 'thinking', { type: 'thinking', thinking: '', signature: '' });
  }

  private startBlock(id: string, kind: OpenBlock['kind'], contentBlock: object): SseEvent[] {
    const index = this.nextIndex++;
    this.open.set(id, { index, kind });
    return [sse({ type: 'content_block_start', index, content_block: contentBlock })];
  }

  private delta(id: string, delta: object): SseEvent[] {
    const block = this.open.get(id);
    if (block === undefined || block.kind === 'redacted') return [];
    return [sse({ type: 'content_block_delta', index: block.index, delta })];
  }

  /** The signature arrives at the end of a thinking block, as Anthropic itself sends it. */
  private stopBlock(id: string, metadata: ProviderMetadata | undefined): SseEvent[] {
    const block = this.open.get(id);
    if (block === undefined) return [];
    this.open.delete(id);
    const signature = metadata?.anthropic?.signature;
    const events: SseEvent[] = [];
    if (block.kind === 'thinking' && typeof signature === 'string' && signature !== '')
      events.push(
        sse({
          type: 'content_block_delta',
          index: block.index,
          delta: { type: 'signature_delta', signature },
        }),
      );
    events.push(sse({ type: 'content_block_stop', index: block.index }));
    return events;
  }

  private closeAll(): SseEvent[] {
    return [...this.open.keys()].flatMap((id) => this.stopBlock(id, undefined));
  }

  private emitFinish(reason: CanonicalFinishReason, usage: CanonicalUsage | undefined): SseEvent[] {
    this.finished = true;
    const delta = { stop_reason: encodeAnthropicStopReason(reason), stop_sequence: null };
    return [
      ...this.closeAll(),
      sse({ type: 'message_delta', delta, usage: encodeAnthropicUsage(usage ?? emptyCanonicalUsage()) }),
      sse({ type: 'message_stop' }),
    ];
  }

  /** Claude Code retries without streaming when it sees an `error` event (SPEC §2). */
  private emitError(error: CanonicalStreamError): SseEvent[] {
    this.finished = true;
    return [
      sse({ type: 'error', error: { type: anthropicErrorTypeFor(error.code), message: error.message } }),
    ];
  }
}

const anthropicErrorTypes = new Set([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'overloaded_error',
]);

function anthropicErrorTypeFor(code: string): string {
  return anthropicErrorTypes.has(code) ? code : 'api_error';
}

function sse(event: { type: string } & Record<string, unknown>): SseEvent {
  return { event: event.type, data: JSON.stringify(event) };
}
