import { describe, expect, it } from 'vitest';
import { decodeOpenAiResponsesRequest } from './decode-openai-responses-request.js';
import { encodeOpenAiResponsesRequest } from './encode-openai-responses-request.js';
import { OpenAiResponsesStreamDecoder } from './openai-responses-stream-decoder.js';
import { OpenAiResponsesStreamEncoder } from './openai-responses-stream-encoder.js';

const event = (type: string, fields: object = {}) => ({
  event: type,
  data: JSON.stringify({ type, ...fields }),
});

describe('decodeOpenAiResponsesRequest', () => {
  it('reads a bare string input as one user message', () => {
    const { result } = decodeOpenAiResponsesRequest({ model: 'g', input: 'hello', instructions: 'be brief' });
    expect(result.system).toEqual([{ type: 'text', text: 'be brief' }]);
    expect(result.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]);
  });

  it('drops hosted tools and unknown items with warnings instead of failing', () => {
    const { result, warnings } = decodeOpenAiResponsesRequest({
      model: 'g',
      input: [
        { type: 'web_search_call', id: 'ws_1', status: 'completed' },
        { role: 'user', content: 'x' },
      ],
      tools: [{ type: 'web_search' }],
    });
    expect(result.messages).toHaveLength(1);
    expect(warnings.map((w) => w.path)).toEqual(['input[0]', 'tools[0]']);
  });

  it('rejects a malformed function_call item with a 400 naming it', () => {
    expect(() =>
      decodeOpenAiResponsesRequest({ model: 'g', input: [{ type: 'function_call', name: 'f' }] }),
    ).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/input\.0/) }));
  });
});

describe('encodeOpenAiResponsesRequest', () => {
  it('asks for encrypted reasoning when reasoning is on, and reports stop sequences and top_k', () => {
    const { result, warnings } = encodeOpenAiResponsesRequest({
      model: 'g',
      system: [],
      messages: [],
      tools: [],
      stream: false,
      topK: 3,
      stopSequences: ['END'],
      reasoning: { enabled: true, budgetTokens: 30000 },
    });
    expect(result).toMatchObject({
      store: false,
      reasoning: { effort: 'high' },
      include: ['reasoning.encrypted_content'],
    });
    expect(warnings.map((w) => w.path)).toEqual(['top_k', 'stop_sequences', 'reasoning.budgetTokens']);
  });
});

describe('Responses stream translators at the edges', () => {
  it('decoder turns response.failed and error events into canonical errors', () => {
    const failed = new OpenAiResponsesStreamDecoder();
    expect(
      failed.push(
        event('response.failed', { response: { error: { code: 'server_error', message: 'boom' } } }),
      ),
    ).toEqual([{ type: 'error', error: { code: 'server_error', message: 'boom' } }]);
    const errored = new OpenAiResponsesStreamDecoder();
    expect(errored.push(event('error', { code: 'rate_limit_exceeded', message: 'slow down' }))).toEqual([
      { type: 'error', error: { code: 'rate_limit_exceeded', message: 'slow down' } },
    ]);
  });

  it('decoder maps response.incomplete for max_output_tokens to a length finish', () => {
    const decoder = new OpenAiResponsesStreamDecoder();
    const parts = decoder.push(
      event('response.incomplete', {
        response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
      }),
    );
    expect(parts).toMatchObject([
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_output_tokens' } },
    ]);
  });

  it('encoder end() closes an open function call and completes the response', () => {
    const encoder = new OpenAiResponsesStreamEncoder({ created: 1 });
    encoder.push({ type: 'stream-start', id: 'r', model: 'm' });
    encoder.push({ type: 'tool-input-start', id: 'call_1', name: 'f' });
    encoder.push({ type: 'tool-input-delta', id: 'call_1', delta: '{}' });
    const types = encoder.end().map((e) => e.event);
    expect(types).toEqual([
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('encoder sends error then response.failed', () => {
    const encoder = new OpenAiResponsesStreamEncoder({ created: 1 });
    const types = encoder
      .push({ type: 'error', error: { code: 'overloaded_error', message: 'x' } })
      .map((e) => e.event);
    expect(types).toEqual(['response.created', 'response.in_progress', 'error', 'response.failed']);
  });
});
