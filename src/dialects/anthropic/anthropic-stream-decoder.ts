import { z } from 'zod';
import type { ProviderMetadata } from '../../canonical/canonical-content.js';
import { type CanonicalUsage, emptyCanonicalUsage } from '../../canonical/canonical-response.js';
import type { CanonicalStreamPart } from '../../canonical/canonical-stream-part.js';
import { parseSseJson, type SseEvent, type StreamStep } from '../../canonical/sse-event.js';
import { decodeAnthropicStopReason } from './map-anthropic-stop-reason.js';

/** Lenient views of the events translation reads (https://docs.anthropic.com/en/docs/build-with-claude/streaming). */
const count = z.number().nullish();
const usageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
});
const eventSchema = z.looseObject({
  type: z.string(),
  index: z.number().optional(),
  message: z
    .looseObject({ id: z.string().optional(), model: z.string().optional(), usage: usageSchema.nullish() })
    .optional(),
  content_block: z
    .looseObject({
      type: z.string(),
      id: z.string().optional(),
      name: z.string().optional(),
      data: z.string().optional(),
    })
    .optional(),
  delta: z.looseObject({ type: z.string().optional(), stop_reason: z.string().nullish() }).optional(),
  usage: usageSchema.nullish(),
  error: z.looseObject({ type: z.string().optional(), message: z.string().optional() }).optional(),
});
type AnthropicEvent = z.output<typeof eventSchema>;

type OpenBlock =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string; signature: string; redactedData?: string }
  | { kind: 'tool'; id: string };

/** Anthropic SSE events → canonical stream parts. One instance per stream. */
export class AnthropicStreamDecoder implements StreamStep<SseEvent, CanonicalStreamPart> {
  private readonly blocks = new Map<number, OpenBlock>();
  private usage: CanonicalUsage = emptyCanonicalUsage();
  private stopReason: string | null | undefined;
  private finished = false;

  push(sse: SseEvent): CanonicalStreamPart[] {
    const parsed = eventSchema.safeParse(parseSseJson(sse));
    if (!parsed.success || this.finished) return [];
    return this.handleEvent(parsed.data);
  }

  end(): CanonicalStreamPart[] {
    if (this.finished) return [];
    this.finished = true;
    const closing = this.closeAll();
    if (this.stopReason !== undefined) return [...closing, this.finishPart()];
    return [
      ...closing,
      {
        type: 'error',
        error: { code: 'stream_truncated', message: 'Upstream stream ended before message_stop' },
      },
    ];
  }

  private handleEvent(event: AnthropicEvent): CanonicalStreamPart[] {
    switch (event.type) {
      case 'message_start':
        return this.startMessage(event);
      case 'content_block_start':
        return this.startBlock(event);
      case 'content_block_delta':
        return this.delta(event);
      case 'content_block_stop':
        return this.stopBlock(event.index ?? -1);
      case 'message_delta':
        this.foldUsage(event.usage);
        if (event.delta?.stop_reason !== undefined) this.stopReason = event.delta.stop_reason;
        return [];
      case 'message_stop':
        this.finished = true;
        return [...this.closeAll(), this.finishPart()];
      case 'error':
        this.finished = true;
        return [
          {
            type: 'error',
            error: {
              code: event.error?.type ?? 'api_error',
              message: event.error?.message ?? 'Upstream error',
            },
          },
        ];
      default:
        // ping and event types added later carry nothing translation needs.
        return [];
    }
  }

  private startMessage(event: AnthropicEvent): CanonicalStreamPart[] {
    this.foldUsage(event.message?.usage);
    return [
      {
        type: 'stream-start',
        id: event.message?.id ?? '',
        model: event.message?.model ?? '',
        usage: { ...this.usage },
      },
    ];
  }

  private startBlock(event: AnthropicEvent): CanonicalStreamPart[] {
    const block = event.content_block;
    const index = event.index ?? -1;
    const id = String(index);
    switch (block?.type) {
      case 'text':
        this.blocks.set(index, { kind: 'text', id });
        return [{ type: 'text-start', id }];
      case 'thinking':
        this.blocks.set(index, { kind: 'reasoning', id, signature: '' });
        return [{ type: 'reasoning-start', id }];
      case 'redacted_thinking': {
        const redactedData = block.data ?? '';
        this.blocks.set(index, { kind: 'reasoning', id, signature: '', redactedData });
        return [{ type: 'reasoning-start', id, providerMetadata: { anthropic: { redactedData } } }];
      }
      case 'tool_use': {
        const callId = block.id ?? id;
        this.blocks.set(index, { kind: 'tool', id: callId });
        return [{ type: 'tool-input-start', id: callId, name: block.name ?? '' }];
      }
      default:
        // Server-tool blocks run inside Anthropic and have no canonical form.
        return [];
    }
  }

  private delta(event: AnthropicEvent): CanonicalStreamPart[] {
    const block = this.blocks.get(event.index ?? -1);
    const delta = event.delta as Record<string, unknown> | undefined;
    if (block === undefined || delta === undefined) return [];
    const text = (key: string) => (typeof delta[key] === 'string' ? (delta[key] as string) : '');
    switch (delta.type) {
      case 'text_delta':
        return block.kind === 'text' ? [{ type: 'text-delta', id: block.id, delta: text('text') }] : [];
      case 'thinking_delta':
        return block.kind === 'reasoning'
          ? [{ type: 'reasoning-delta', id: block.id, delta: text('thinking') }]
          : [];
      case 'signature_delta':
        if (block.kind === 'reasoning') block.signature += text('signature');
        return [];
      case 'input_json_delta':
        return block.kind === 'tool' && text('partial_json') !== ''
          ? [{ type: 'tool-input-delta', id: block.id, delta: text('partial_json') }]
          : [];
      default:
        return [];
    }
  }

  private stopBlock(index: number): CanonicalStreamPart[] {
    const block = this.blocks.get(index);
    if (block === undefined) return [];
    this.blocks.delete(index);
    switch (block.kind) {
      case 'text':
        return [{ type: 'text-end', id: block.id }];
      case 'tool':
        return [{ type: 'tool-input-end', id: block.id }];
      case 'reasoning': {
        const providerMetadata: ProviderMetadata = {
          anthropic:
            block.redactedData !== undefined
              ? { redactedData: block.redactedData }
              : { signature: block.signature },
        };
        return [{ type: 'reasoning-end', id: block.id, providerMetadata }];
      }
    }
  }

  private closeAll(): CanonicalStreamPart[] {
    return [...this.blocks.keys()].flatMap((index) => this.stopBlock(index));
  }

  /** `message_delta` repeats cumulative counts: overwrite what is present, never add. */
  private foldUsage(usage: z.output<typeof usageSchema> | null | undefined): void {
    if (!usage) return;
    this.usage = {
      inputTokens: usage.input_tokens ?? this.usage.inputTokens,
      outputTokens: usage.output_tokens ?? this.usage.outputTokens,
      cacheReadTokens: usage.cache_read_input_tokens ?? this.usage.cacheReadTokens,
      cacheWriteTokens: usage.cache_creation_input_tokens ?? this.usage.cacheWriteTokens,
    };
  }

  private finishPart(): CanonicalStreamPart {
    return {
      type: 'finish',
      finishReason: decodeAnthropicStopReason(this.stopReason),
      usage: { ...this.usage },
    };
  }
}
