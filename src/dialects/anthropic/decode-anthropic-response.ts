import { z } from 'zod';
import type { AssistantContentPart } from '../../canonical/canonical-content.js';
import type { CanonicalResponse, CanonicalUsage } from '../../canonical/canonical-response.js';
import { parseUpstream } from '../../canonical/parse-inbound.js';
import { type Translated, WarningSink } from '../../canonical/translation-result.js';
import { decodeAssistantBlock } from './anthropic-content.js';
import { anthropicContentBlockSchema } from './anthropic-request-schema.js';
import { decodeAnthropicStopReason } from './map-anthropic-stop-reason.js';

/** Only what translation reads; new fields and block types from the upstream are tolerated. */
const usageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
});

const responseSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  content: z.array(z.looseObject({ type: z.string() })),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: usageSchema.nullish(),
});

/** Anthropic's counts are additive (input excludes cache), which is the canonical convention as-is. */
export function decodeAnthropicUsage(usage: z.output<typeof usageSchema> | null | undefined): CanonicalUsage {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: usage?.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage?.cache_creation_input_tokens ?? 0,
  };
}

export function decodeAnthropicResponse(body: unknown): Translated<CanonicalResponse> {
  const wire = parseUpstream(responseSchema, body, 'Messages response');
  const sink = new WarningSink();
  const content: AssistantContentPart[] = [];
  wire.content.forEach((raw, index) => {
    const path = `content[${index}]`;
    const block = anthropicContentBlockSchema.safeParse(raw);
    const part = block.success ? decodeAssistantBlock(block.data, sink, path) : undefined;
    if (part) content.push(part);
    else if (!block.success) sink.dropped(path, `unreadable "${raw.type}" block`);
  });
  const response: CanonicalResponse = {
    id: wire.id,
    model: wire.model,
    content,
    finishReason: decodeAnthropicStopReason(wire.stop_reason),
    usage: decodeAnthropicUsage(wire.usage),
  };
  if (wire.stop_sequence) response.providerMetadata = { anthropic: { stopSequence: wire.stop_sequence } };
  return sink.wrap(response);
}
