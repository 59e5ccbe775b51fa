import { assertNever } from './assert-never.js';
import type { AssistantContentPart, ProviderMetadata } from './canonical-content.js';
import {
  type CanonicalFinishReason,
  type CanonicalResponse,
  type CanonicalUsage,
  emptyCanonicalUsage,
} from './canonical-response.js';
import type { CanonicalStreamError, CanonicalStreamPart } from './canonical-stream-part.js';
import { parseJsonObject } from './json-value.js';

type OpenBlock =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; providerMetadata?: ProviderMetadata }
  | { type: 'tool'; name: string; json: string };

/**
 * Folds canonical stream parts into the whole response they describe, so streamed and unstreamed
 * answers share one accounting path (the Anthropic SDK's accumulateMessage does this per dialect).
 * Usage overwrites, never adds: `finish` carries totals.
 */
export class CanonicalStreamFold {
  private id = '';
  private model = '';
  private readonly content: AssistantContentPart[] = [];
  private readonly open = new Map<string, OpenBlock>();
  private finishReason: CanonicalFinishReason = { unified: 'other', raw: undefined };
  private usage: CanonicalUsage = emptyCanonicalUsage();
  error: CanonicalStreamError | undefined;

  push(part: CanonicalStreamPart): void {
    switch (part.type) {
      case 'stream-start':
        this.id = part.id;
        this.model = part.model;
        if (part.usage) this.usage = { ...part.usage };
        return;
      case 'text-start':
        this.open.set(part.id, { type: 'text', text: '' });
        return;
      case 'reasoning-start':
        this.open.set(part.id, { type: 'reasoning', text: '', providerMetadata: part.providerMetadata });
        return;
      case 'tool-input-start':
        this.open.set(part.id, { type: 'tool', name: part.name, json: '' });
        return;
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-input-delta':
        this.appendDelta(part.id, part.delta);
        return;
      case 'text-end':
      case 'tool-input-end':
        this.close(part.id, undefined);
        return;
      case 'reasoning-end':
        this.close(part.id, part.providerMetadata);
        return;
      case 'finish':
        this.finishReason = part.finishReason;
        this.usage = { ...part.usage };
        return;
      case 'error':
        this.error = part.error;
        this.finishReason = { unified: 'error', raw: part.error.code };
        return;
      default:
        assertNever(part);
    }
  }

  response(): CanonicalResponse {
    for (const id of [...this.open.keys()]) this.close(id, undefined);
    return {
      id: this.id,
      model: this.model,
      content: this.content,
      finishReason: this.finishReason,
      usage: this.usage,
    };
  }

  private appendDelta(id: string, delta: string): void {
    const block = this.open.get(id);
    if (block === undefined) return;
    if (block.type === 'tool') block.json += delta;
    else block.text += delta;
  }

  private close(id: string, metadata: ProviderMetadata | undefined): void {
    const block = this.open.get(id);
    if (block === undefined) return;
    this.open.delete(id);
    this.content.push(finishedPart(id, block, metadata));
  }
}

function finishedPart(id: string, block: OpenBlock, metadata: ProviderMetadata | undefined) {
  switch (block.type) {
    case 'text':
      return { type: 'text' as const, text: block.text };
    case 'reasoning': {
      const providerMetadata = metadata ?? block.providerMetadata;
      return { type: 'reasoning' as const, text: block.text, ...(providerMetadata && { providerMetadata }) };
    }
    case 'tool':
      return { type: 'tool-call' as const, id, name: block.name, input: parseJsonObject(block.json) ?? {} };
    default:
      return assertNever(block);
  }
}
