import fc from 'fast-check';
import type { CanonicalMessage, CanonicalRequest } from '../canonical/canonical-request.js';
import type { CanonicalResponse } from '../canonical/canonical-response.js';

import {
  base64,
  imagePart,
  jsonObject,
  noAdjacent,
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

/** Canonical values Chat Completions and Responses represent exactly, in their decoders' normal form. */
// OpenAI Chat -------------------------------------------------------------------------------------

const chatDocument = fc.tuple(base64, word).map(([data, filename]) => ({
  type: 'document' as const,
  source: { kind: 'base64' as const, mediaType: 'application/pdf', data },
  filename: `${filename}.pdf`,
}));
const chatAssistant = fc
  .tuple(fc.array(textPart, { maxLength: 2 }), fc.array(toolCall, { maxLength: 2 }))
  .filter(([texts, calls]) => texts.length + calls.length > 0)
  .map(([texts, calls]) => ({ role: 'assistant' as const, content: [...texts, ...calls] }));
const chatToolMessage = fc
  .array(
    fc.record({
      type: fc.constant('tool-result' as const),
      callId: word,
      content: fc.array(textPart, { minLength: 1, maxLength: 2 }),
      isError: fc.constant(false),
    }),
    { minLength: 1, maxLength: 2 },
  )
  .map((content) => ({ role: 'tool' as const, content }));
const chatMessage: fc.Arbitrary<CanonicalMessage> = fc.oneof(
  fc.array(textPart, { minLength: 1, maxLength: 2 }).map((content) => ({ role: 'system' as const, content })),
  fc
    .array(fc.oneof(textPart, imagePart, chatDocument), { minLength: 1, maxLength: 3 })
    .map((content) => ({ role: 'user' as const, content })),
  chatAssistant,
  chatToolMessage,
);
const openAiEffort = optional(
  fc.constantFrom('low', 'medium', 'high').map((effort) => ({ enabled: true, effort })),
);
const openAiFormat = optional(
  fc.oneof(
    fc.constantFrom({ type: 'text' as const }, { type: 'json' as const }),
    fc.record(
      {
        type: fc.constant('json-schema' as const),
        schema: jsonObject,
        name: word,
        description: text,
        strict: fc.boolean(),
      },
      { requiredKeys: ['type', 'schema', 'name'] },
    ),
  ),
);

export const openAiChatRequest: fc.Arbitrary<CanonicalRequest> = fc
  .record({
    model: word,
    system: fc.array(textPart, { maxLength: 2 }),
    messages: fc
      .array(chatMessage, { minLength: 1, maxLength: 5 })
      .filter((m) => m[0]?.role !== 'system' && noAdjacent(m, ['tool'])),
    tools: fc.array(tool(false), { maxLength: 2 }),
    toolChoice: optional(toolChoice),
    parallelToolCalls: optional(fc.boolean()),
    maxOutputTokens: optional(fc.integer({ min: 1, max: 100_000 })),
    temperature: optional(ratio(2)),
    topP: optional(ratio(1)),
    stopSequences: optional(fc.array(text, { minLength: 1, maxLength: 2 })),
    reasoning: openAiEffort,
    responseFormat: openAiFormat,
    userId: optional(word),
    stream: fc.boolean(),
  })
  .map((r) => strip(r) as CanonicalRequest);

const chatFinish = fc
  .constantFrom(
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['content_filter', 'content-filter'],
  )
  .map(([raw, unified]) => ({ raw, unified }) as CanonicalResponse['finishReason']);

export const openAiChatResponse: fc.Arbitrary<CanonicalResponse> = fc
  .record({
    id: word,
    model: word,
    reasoning: optional(text),
    text: optional(text),
    calls: fc.array(toolCall, { maxLength: 2 }),
    finishReason: chatFinish,
    usage: usage(false, 'maybe'),
  })
  .map(({ reasoning, text: t, calls, ...rest }) => ({
    ...rest,
    content: [
      ...(reasoning === undefined ? [] : [{ type: 'reasoning' as const, text: reasoning }]),
      ...(t === undefined ? [] : [{ type: 'text' as const, text: t }]),
      ...calls,
    ],
  }));

// OpenAI Responses --------------------------------------------------------------------------------

const responsesReasoning = fc
  .record({ text: fc.string({ maxLength: 20 }), itemId: word, encryptedContent: base64 })
  .map(({ text: t, itemId, encryptedContent }) => ({
    type: 'reasoning' as const,
    text: t,
    providerMetadata: { openaiResponses: { itemId: `rs_${itemId}`, encryptedContent } },
  }));
const responsesDocument = fc.oneof(
  chatDocument,
  word.map((w) => ({
    type: 'document' as const,
    source: { kind: 'url' as const, url: `https://example.com/${w}.pdf` },
  })),
);
const responsesAssistantPart = fc.oneof(textPart, toolCall, responsesReasoning);
const responsesMessage: fc.Arbitrary<CanonicalMessage> = fc.oneof(
  fc.array(textPart, { minLength: 1, maxLength: 2 }).map((content) => ({ role: 'system' as const, content })),
  fc
    .array(fc.oneof(textPart, imagePart, responsesDocument), { minLength: 1, maxLength: 3 })
    .map((content) => ({ role: 'user' as const, content })),
  fc
    .array(responsesAssistantPart, { minLength: 1, maxLength: 3 })
    .map((content) => ({ role: 'assistant' as const, content })),
  fc
    .array(
      fc.record({
        type: fc.constant('tool-result' as const),
        callId: word,
        content: textPart.map((p) => [p]),
        isError: fc.constant(false),
      }),
      { minLength: 1, maxLength: 2 },
    )
    .map((content) => ({ role: 'tool' as const, content })),
);

export const openAiResponsesRequest: fc.Arbitrary<CanonicalRequest> = fc
  .record({
    model: word,
    system: fc.array(textPart, { maxLength: 1 }),
    messages: fc
      .array(responsesMessage, { maxLength: 5 })
      .filter((m) => noAdjacent(m, ['tool', 'assistant'])),
    tools: fc.array(tool(true), { maxLength: 2 }),
    toolChoice: optional(toolChoice),
    parallelToolCalls: optional(fc.boolean()),
    maxOutputTokens: optional(fc.integer({ min: 1, max: 100_000 })),
    temperature: optional(ratio(2)),
    topP: optional(ratio(1)),
    reasoning: openAiEffort,
    responseFormat: openAiFormat,
    userId: optional(word),
    stream: fc.boolean(),
  })
  .map((r) => strip(r) as CanonicalRequest);

export const openAiResponsesResponse: fc.Arbitrary<CanonicalResponse> = fc
  .record({
    id: word,
    model: word,
    content: fc.array(responsesAssistantPart, { maxLength: 4 }),
    usage: usage(false, 'always'),
    status: fc.constantFrom('done', 'length', 'filter'),
  })
  .map(({ status, ...rest }) => {
    const tools = rest.content.some((p) => p.type === 'tool-call');
    const finishReason: CanonicalResponse['finishReason'] =
      status === 'length'
        ? { unified: 'length', raw: 'max_output_tokens' }
        : status === 'filter'
          ? { unified: 'content-filter', raw: 'content_filter' }
          : { unified: tools ? 'tool-calls' : 'stop', raw: 'completed' };
    return { ...rest, finishReason };
  });
