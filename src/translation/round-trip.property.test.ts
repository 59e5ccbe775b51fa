import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anthropicRequest, anthropicResponse } from './anthropic-arbitraries.js';
import { codecFor } from './dialect-codec.js';
import {
  openAiChatRequest,
  openAiChatResponse,
  openAiResponsesRequest,
  openAiResponsesResponse,
} from './openai-arbitraries.js';
import { fixedClock } from './translate-test-support.js';

/**
 * What a dialect can represent survives canonical → wire → canonical unchanged and without
 * warnings; the decoder also accepts what the encoder wrote (it validates like a client body).
 */
const requestCases = [
  ['anthropic', anthropicRequest],
  ['openai-chat', openAiChatRequest],
  ['openai-responses', openAiResponsesRequest],
] as const;

const responseCases = [
  ['anthropic', anthropicResponse],
  ['openai-chat', openAiChatResponse],
  ['openai-responses', openAiResponsesResponse],
] as const;

describe('canonical round trips', () => {
  it.each(requestCases)('a %s-representable request survives encode → decode', (dialect, arbitrary) => {
    const codec = codecFor(dialect);
    fc.assert(
      fc.property(arbitrary, (request) => {
        const encoded = codec.encodeRequest(request);
        expect(encoded.warnings).toEqual([]);
        const decoded = codec.decodeRequest(JSON.parse(JSON.stringify(encoded.result)));
        expect(decoded.result).toEqual(request);
      }),
      { numRuns: 300 },
    );
  });

  it.each(responseCases)('a %s-representable response survives encode → decode', (dialect, arbitrary) => {
    const codec = codecFor(dialect);
    fc.assert(
      fc.property(arbitrary, (response) => {
        const encoded = codec.encodeResponse(response, fixedClock);
        const decoded = codec.decodeResponse(JSON.parse(JSON.stringify(encoded.result)));
        expect(decoded.warnings).toEqual([]);
        expect(decoded.result).toEqual(response);
      }),
      { numRuns: 300 },
    );
  });
});
