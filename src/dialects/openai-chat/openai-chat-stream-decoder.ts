import { z } from 'zod';
import { type CanonicalUsage, emptyCanonicalUsage } from '../../canonical/canonical-response.js';
import type { CanonicalStreamPart } from '../../canonical/canonical-stream-part.js';
import { parseSseJson, type SseEvent, type StreamStep } from '../../canonical/sse-event.js';
import { decodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason.js';
import { decodeOpenAiChatUsage, openAiChatUsageSchema } from './openai-chat-usage.js';

const chunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        delta: z
          .looseObject({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            // OpenRouter's spelling of the same extension.
            reasoning: z.string().nullish(),
            tool_calls: z
              .array(
                z.looseObject({
                  index: z.number().optional(),
                  id: z.string().nullish(),
                  function: z
                    .looseObject({ name: z.string().nullish(), arguments: z.string().nullish() })
                    .nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: openAiChatUsageSchema.nullish(),
  error: z
    .looseObject({ message: z.string().nullish(), type: z.string().nullish(), code: z.unknown() })
    .nullish(),
});
type Chunk = z.output<typeof chunkSchema>;
type Delta = NonNullable<NonNullable<Chunk['choices']>[number]['delta']>;

type OpenBlock = { kind: 'text' | 'reasoning'; id: string } | { kind: 'tool'; id: string; index: number };

/**
 * Chat Completions chunks → canonical parts. Chat has no block boundaries, so a block ends when a
 * different kind of delta begins. The finish reason arrives before the usage-only chunk
 * (`stream_options.include_usage`), so `finish` waits for `[DONE]` or the end of the stream.
 */
export class OpenAiChatStreamDecoder implements StreamStep<SseEvent, CanonicalStreamPart> {
  private started = false;
  private finished = false;
  private open: OpenBlock | undefined;
  private blockCount = 0;
  private readonly toolIds = new Map<number, string>();
  private finishReason: string | undefined;
  private usage: CanonicalUsage = emptyCanonicalUsage();

  push(sse: SseEvent): CanonicalStreamPart[] {
    if (this.finished) return [];
    if (sse.data.trim() === '[DONE]') return this.emitFinish();
    const parsed = chunkSchema.safeParse(parseSseJson(sse));
    return parsed.success ? this.handleChunk(parsed.data) : [];
  }

  end(): CanonicalStreamPart[] {
    if (this.finished) return [];
    if (this.finishReason !== undefined) return this.emitFinish();
    this.finished = true;
    return [
      ...this.close(),
      {
        type: 'error',
        error: { code: 'stream_truncated', message: 'Upstream stream ended without a finish_reason' },
      },
    ];
  }

  private handleChunk(chunk: Chunk): CanonicalStreamPart[] {
    if (chunk.error) {
      this.finished = true;
      const code =
        typeof chunk.error.code === 'string' ? chunk.error.code : (chunk.error.type ?? 'server_error');
      return [
        ...this.close(),
        { type: 'error', error: { code, message: chunk.error.message ?? 'Upstream error' } },
      ];
    }
    const parts: CanonicalStreamPart[] = [];
    if (!this.started) {
      this.started = true;
      parts.push({ type: 'stream-start', id: chunk.id ?? '', model: chunk.model ?? '' });
    }
    if (chunk.usage) this.usage = decodeOpenAiChatUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (choice?.delta) parts.push(...this.handleDelta(choice.delta));
    if (choice?.finish_reason) {
      this.finishReason = choice.finish_reason;
      parts.push(...this.close());
    }
    return parts;
  }

  private handleDelta(delta: Delta): CanonicalStreamPart[] {
    const parts: CanonicalStreamPart[] = [];
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) parts.push(...this.textLike('reasoning', reasoning));
    if (delta.content) parts.push(...this.textLike('text', delta.content));
    for (const call of delta.tool_calls ?? []) {
      const index = call.index ?? 0;
      if (!this.toolIds.has(index)) parts.push(...this.startTool(index, call.id, call.function?.name));
      const id = this.toolIds.get(index) ?? '';
      const args = call.function?.arguments;
      if (args && this.open?.kind === 'tool' && this.open.index === index)
        parts.push({ type: 'tool-input-delta', id, delta: args });
    }
    return parts;
  }

  private textLike(kind: 'text' | 'reasoning', delta: string): CanonicalStreamPart[] {
    const parts: CanonicalStreamPart[] = [];
    if (this.open?.kind !== kind) {
      parts.push(...this.close());
      const id = `${kind}-${this.blockCount++}`;
      this.open = { kind, id };
      parts.push(kind === 'text' ? { type: 'text-start', id } : { type: 'reasoning-start', id });
    }
    const id = this.open?.id ?? '';
    parts.push(kind === 'text' ? { type: 'text-delta', id, delta } : { type: 'reasoning-delta', id, delta });
    return parts;
  }

  private startTool(
    index: number,
    callId: string | null | undefined,
    name: string | null | undefined,
  ): CanonicalStreamPart[] {
    const parts = this.close();
    const id = callId ?? `call_${index}`;
    this.toolIds.set(index, id);
    this.open = { kind: 'tool', id, index };
    parts.push({ type: 'tool-input-start', id, name: name ?? '' });
    return parts;
  }

  private close(): CanonicalStreamPart[] {
    const open = this.open;
    this.open = undefined;
    switch (open?.kind) {
      case undefined:
        return [];
      case 'text':
        return [{ type: 'text-end', id: open.id }];
      case 'reasoning':
        return [{ type: 'reasoning-end', id: open.id }];
      case 'tool':
        return [{ type: 'tool-input-end', id: open.id }];
    }
  }

  private emitFinish(): CanonicalStreamPart[] {
    this.finished = true;
    return [
      ...this.close(),
      { type: 'finish', finishReason: decodeOpenAiChatFinishReason(this.finishReason), usage: this.usage },
    ];
  }
}
