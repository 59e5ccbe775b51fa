import fc from 'fast-check';
import type { AssistantContentPart, ToolResultPart } from '../canonical/canonical-content.js';
import type { CanonicalMessage, CanonicalRequest } from '../canonical/canonical-request.js';
import type { CanonicalResponse } from '../canonical/canonical-response.js';

import {
  base64,
  imagePart,
  jsonObject,
  optional,
  ratio,
  strip,
  text,
  textPart,
  tool,
  toolCall,
  toolChoice,
  usage,
  word,
} from './canonical-arbitraries.js';

/** Canonical values Anthropic Messages represents exactly, in its decoder's normal form. */
// Anthropic ------------------------------------------------------------------------------------

const cache = { anthropic: { cacheControl: { type: 'ephemeral' } } };
const anthropicText = fc
  .tuple(textPart, fc.boolean())
  .map(([p, cached]) => (cached ? { ...p, providerMetadata: cache } : p));
const anthropicDocument = fc.oneof(
  fc.tuple(base64, optional(word)).map(([data, title]) =>
    strip({
      type: 'document' as const,
      source: { kind: 'base64' as const, mediaType: 'application/pdf', data },
      title,
    }),
  ),
  text.map((data) => ({
    type: 'document' as const,
    source: { kind: 'text' as const, mediaType: 'text/plain', data },
  })),
);
const anthropicReasoning: fc.Arbitrary<AssistantContentPart> = fc.oneof(
  fc.tuple(fc.string(), base64).map(([t, signature]) => ({
    type: 'reasoning' as const,
    text: t,
    providerMetadata: { anthropic: { signature } },
  })),
  base64.map((redactedData) => ({
    type: 'reasoning' as const,
    text: '',
    providerMetadata: { anthropic: { redactedData } },
  })),
);
const anthropicAssistantPart = fc.oneof(anthropicText, anthropicReasoning, toolCall);
const anthropicToolResult: fc.Arbitrary<ToolResultPart> = fc.record({
  type: fc.constant('tool-result' as const),
  callId: word,
  content: fc.array(fc.oneof(textPart, imagePart), { maxLength: 2 }),
  isError: fc.boolean(),
});
const anthropicMessage: fc.Arbitrary<CanonicalMessage> = fc.oneof(
  fc
    .array(anthropicText, { minLength: 1, maxLength: 2 })
    .map((content) => ({ role: 'system' as const, content })),
  fc
    .array(fc.oneof(anthropicText, imagePart, anthropicDocument), { minLength: 1, maxLength: 3 })
    .map((content) => ({ role: 'user' as const, content })),
  fc
    .array(anthropicAssistantPart, { minLength: 1, maxLength: 3 })
    .map((content) => ({ role: 'assistant' as const, content })),
  fc
    .array(anthropicToolResult, { minLength: 1, maxLength: 2 })
    .map((content) => ({ role: 'tool' as const, content })),
);

export const anthropicRequest: fc.Arbitrary<CanonicalRequest> = fc
  .integer({ min: 1, max: 64_000 })
  .chain((maxOutputTokens) =>
    fc.record({
      model: word,
      system: fc.array(anthropicText, { maxLength: 2 }),
      messages: fc.array(anthropicMessage, { maxLength: 5 }),
      tools: fc.array(
        tool(false).map((t) => ({ ...t, providerMetadata: cache })),
        { maxLength: 2 },
      ),
      toolChoice: optional(toolChoice),
      parallel: fc.boolean(),
      maxOutputTokens: fc.constant(maxOutputTokens),
      temperature: optional(ratio(1)),
      topP: optional(ratio(1)),
      topK: optional(fc.nat(500)),
      stopSequences: optional(fc.array(text, { minLength: 1, maxLength: 2 })),
      reasoning:
        maxOutputTokens > 1025
          ? optional(
              fc.oneof(
                fc.constant({ enabled: false }),
                fc
                  .integer({ min: 1024, max: maxOutputTokens - 1 })
                  .map((budgetTokens) => ({ enabled: true, budgetTokens })),
              ),
            )
          : fc.constant(undefined),
      responseFormat: optional(jsonObject.map((schema) => ({ type: 'json-schema' as const, schema }))),
      userId: optional(word),
      stream: fc.boolean(),
    }),
  )
  .map(({ parallel, ...r }) =>
    strip({
      ...r,
      parallelToolCalls:
        parallel && r.toolChoice !== undefined && r.toolChoice.type !== 'none' ? false : undefined,
    }),
  );

const anthropicFinish = fc
  .constantFrom(
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
  )
  .map(([raw, unified]) => ({ raw, unified }) as CanonicalResponse['finishReason']);

export const anthropicResponse: fc.Arbitrary<CanonicalResponse> = fc.record({
  id: word,
  model: word,
  content: fc.array(anthropicAssistantPart, { maxLength: 4 }),
  finishReason: anthropicFinish,
  usage: usage(true, 'never'),
});
