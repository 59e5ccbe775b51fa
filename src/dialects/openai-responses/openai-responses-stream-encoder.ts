import { assertNever } from '../../canonical/assert-never.js';
import type { ProviderMetadata } from '../../canonical/canonical-content.js';
import type { CanonicalFinishReason, CanonicalUsage } from '../../canonical/canonical-response.js';
import type { CanonicalStreamError, CanonicalStreamPart } from '../../canonical/canonical-stream-part.js';
import type { SseEvent, StreamStep } from '../../canonical/sse-event.js';
import { encodeResponsesStatus } from './map-responses-status.js';
import { encodeResponsesUsage } from './openai-responses-usage.js';

export interface OpenAiResponsesStreamEncoderOptions {
  created: number;
}

type Wire = Record<string, unknown>;
type OpenItem = {
  kind: 'message' | 'reasoning' | 'tool';
  itemId: string;
  outputIndex: number;
  text: string;
  callId: string;
  name: string;
};

/**
 * Canonical parts → Responses events with increasing `sequence_number`: response.created and
 * response.in_progress, then per output item `output_item.added`, its part / delta / done events
 * and `output_item.done`, and finally response.completed (or .incomplete / .failed) carrying the
 * whole output and usage, which is what Codex CLI reads its token counts from.
 */
export class OpenAiResponsesStreamEncoder implements StreamStep<CanonicalStreamPart, SseEvent> {
  private sequence = 0;
  private nextOutputIndex = 0;
  private responseId = '';
  private model = '';
  private started = false;
  private finished = false;
  private readonly open = new Map<string, OpenItem>();
  private readonly output: Wire[] = [];

  constructor(private readonly options: OpenAiResponsesStreamEncoderOptions) {}

  push(part: CanonicalStreamPart): SseEvent[] {
    if (this.finished) return [];
    if (part.type === 'stream-start') {
      this.responseId = part.id;
      this.model = part.model;
      return this.emitCreated();
    }
    return [...this.emitCreated(), ...this.handlePart(part)];
  }

  end(): SseEvent[] {
    if (this.finished) return [];
    return [...this.emitCreated(), ...this.emitFinish({ unified: 'other', raw: undefined }, undefined)];
  }

  private handlePart(part: Exclude<CanonicalStreamPart, { type: 'stream-start' }>): SseEvent[] {
    switch (part.type) {
      case 'text-start':
        return this.openMessage(part.id);
      case 'reasoning-start':
        return this.openReasoning(part.id);
      case 'tool-input-start':
        return this.openTool(part.id, part.name);
      case 'text-delta':
        return this.delta(part.id, 'response.output_text.delta', part.delta, {
          content_index: 0,
          logprobs: [],
        });
      case 'reasoning-delta':
        return this.delta(part.id, 'response.reasoning_summary_text.delta', part.delta, { summary_index: 0 });
      case 'tool-input-delta':
        return this.delta(part.id, 'response.function_call_arguments.delta', part.delta, {});
      case 'text-end':
      case 'tool-input-end':
        return this.closeItem(part.id, undefined);
      case 'reasoning-end':
        return this.closeItem(part.id, part.providerMetadata);
      case 'finish':
        return this.emitFinish(part.finishReason, part.usage);
      case 'error':
        return this.emitError(part.error);
      default:
        return assertNever(part);
    }
  }

  private emitCreated(): SseEvent[] {
    if (this.started) return [];
    this.started = true;
    const response = this.snapshot('in_progress', null, undefined);
    return [this.event('response.created', { response }), this.event('response.in_progress', { response })];
  }

  private openItem(id: string, kind: OpenItem['kind'], itemId: string, name: string): OpenItem {
    const item: OpenItem = {
      kind,
      itemId,
      outputIndex: this.nextOutputIndex++,
      text: '',
      callId: id,
      name,
    };
    this.open.set(id, item);
    return item;
  }

  private openMessage(id: string): SseEvent[] {
    const item = this.openItem(id, 'message', '', '');
    item.itemId = `msg_${this.responseId}_${item.outputIndex}`;
    return [
      this.event('response.output_item.added', {
        output_index: item.outputIndex,
        item: { ...this.itemBody(item, 'in_progress'), content: [] },
      }),
      this.event('response.content_part.added', { ...this.at(item), content_index: 0, part: outputText('') }),
    ];
  }

  private openReasoning(id: string): SseEvent[] {
    const item = this.openItem(id, 'reasoning', '', '');
    item.itemId = `rs_${this.responseId}_${item.outputIndex}`;
    return [
      this.event('response.output_item.added', {
        output_index: item.outputIndex,
        item: { id: item.itemId, type: 'reasoning', summary: [] },
      }),
      this.event('response.reasoning_summary_part.added', {
        ...this.at(item),
        summary_index: 0,
        part: summaryText(''),
      }),
    ];
  }

  private openTool(callId: string, name: string): SseEvent[] {
    const item = this.openItem(callId, 'tool', `fc_${callId}`, name);
    return [
      this.event('response.output_item.added', {
        output_index: item.outputIndex,
        item: this.itemBody(item, 'in_progress'),
      }),
    ];
  }

  private delta(id: string, type: string, delta: string, extra: Wire): SseEvent[] {
    const item = this.open.get(id);
    if (item === undefined) return [];
    item.text += delta;
    return [this.event(type, { ...this.at(item), ...extra, delta })];
  }

  private closeItem(id: string, metadata: ProviderMetadata | undefined): SseEvent[] {
    const item = this.open.get(id);
    if (item === undefined) return [];
    this.open.delete(id);
    const done = this.itemBody(item, 'completed', metadata);
    this.output[item.outputIndex] = done;
    const closing = this.closingEvents(item);
    return [
      ...closing,
      this.event('response.output_item.done', { output_index: item.outputIndex, item: done }),
    ];
  }

  private closingEvents(item: OpenItem): SseEvent[] {
    switch (item.kind) {
      case 'message':
        return [
          this.event('response.output_text.done', {
            ...this.at(item),
            content_index: 0,
            text: item.text,
            logprobs: [],
          }),
          this.event('response.content_part.done', {
            ...this.at(item),
            content_index: 0,
            part: outputText(item.text),
          }),
        ];
      case 'reasoning':
        return [
          this.event('response.reasoning_summary_text.done', {
            ...this.at(item),
            summary_index: 0,
            text: item.text,
          }),
          this.event('response.reasoning_summary_part.done', {
            ...this.at(item),
            summary_index: 0,
            part: summaryText(item.text),
          }),
        ];
      case 'tool':
        return [
          this.event('response.function_call_arguments.done', { ...this.at(item), arguments: item.text }),
        ];
    }
  }

  private itemBody(item: OpenItem, status: string, metadata?: ProviderMetadata): Wire {
    switch (item.kind) {
      case 'message':
        return {
          id: item.itemId,
          type: 'message',
          status,
          role: 'assistant',
          content: [outputText(item.text)],
        };
      case 'tool':
        return {
          id: item.itemId,
          type: 'function_call',
          status,
          call_id: item.callId,
          name: item.name,
          arguments: item.text,
        };
      case 'reasoning': {
        const encrypted = metadata?.openaiResponses?.encryptedContent;
        const body: Wire = {
          id: item.itemId,
          type: 'reasoning',
          summary: item.text === '' ? [] : [summaryText(item.text)],
        };
        if (typeof encrypted === 'string') body.encrypted_content = encrypted;
        return body;
      }
    }
  }

  private closeAll(): SseEvent[] {
    return [...this.open.keys()].flatMap((id) => this.closeItem(id, undefined));
  }

  private emitFinish(reason: CanonicalFinishReason, usage: CanonicalUsage | undefined): SseEvent[] {
    const closing = this.closeAll();
    this.finished = true;
    const { status, incompleteDetails } = encodeResponsesStatus(reason);
    const response = {
      ...this.snapshot(status, incompleteDetails, usage),
      output: this.output.filter(Boolean),
    };
    const type =
      status === 'completed'
        ? 'response.completed'
        : status === 'incomplete'
          ? 'response.incomplete'
          : 'response.failed';
    return [...closing, this.event(type, { response })];
  }

  private emitError(error: CanonicalStreamError): SseEvent[] {
    this.finished = true;
    const response = {
      ...this.snapshot('failed', null, undefined),
      error: { code: error.code, message: error.message },
    };
    return [
      this.event('error', { code: error.code, message: error.message, param: null }),
      this.event('response.failed', { response }),
    ];
  }

  private snapshot(status: string, incompleteDetails: Wire | null, usage: CanonicalUsage | undefined): Wire {
    return {
      id: this.responseId,
      object: 'response',
      created_at: this.options.created,
      status,
      error: null,
      incomplete_details: incompleteDetails,
      model: this.model,
      output: [],
      usage: usage ? encodeResponsesUsage(usage) : null,
    };
  }

  private at(item: OpenItem): Wire {
    return { item_id: item.itemId, output_index: item.outputIndex };
  }

  private event(type: string, fields: Wire): SseEvent {
    return { event: type, data: JSON.stringify({ type, sequence_number: this.sequence++, ...fields }) };
  }
}

function outputText(text: string): Wire {
  return { type: 'output_text', text, annotations: [] };
}

function summaryText(text: string): Wire {
  return { type: 'summary_text', text };
}
