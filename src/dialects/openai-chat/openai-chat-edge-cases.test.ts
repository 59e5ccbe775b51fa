import { describe, expect, it } from 'vitest';
import { decodeOpenAiChatRequest } from './decode-openai-chat-request.js';
import { encodeOpenAiChatRequest } from './encode-openai-chat-request.js';
import { OpenAiChatStreamDecoder } from './openai-chat-stream-decoder.js';
import { OpenAiChatStreamEncoder } from './openai-chat-stream-encoder.js';

const chunk = (fields: object) => ({ data: JSON.stringify({ id: 'c', model: 'g', ...fields }) });

describe('decodeOpenAiChatRequest', () => {
  it.each([
    [{ model: 'g', messages: [] }, /messages/],
    [{ model: 'g', messages: [{ role: 'tool', content: 'x' }] }, /messages\.0\.tool_call_id/],
    [{ model: 'g', messages: [{ role: 'user', content: 'x' }], temperature: 3 }, /temperature/],
  ])('rejects %j with a 400 naming the field', (body, message) => {
    expect(() => decodeOpenAiChatRequest(body)).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringMatching(message) }),
    );
  });

  it('prefers max_completion_tokens over max_tokens, and reads a data: URL image as base64', () => {
    const { result } = decodeOpenAiChatRequest({
      model: 'g',
      max_tokens: 10,
      max_completion_tokens: 20,
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA' } }] },
      ],
    });
    expect(result.maxOutputTokens).toBe(20);
    expect(result.messages[0]?.content[0]).toEqual({
      type: 'image',
      source: { kind: 'base64', mediaType: 'image/jpeg', data: 'AAAA' },
    });
  });

  it('keeps unparseable tool arguments visible as an approximation', () => {
    const { result, warnings } = decodeOpenAiChatRequest({
      model: 'g',
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":' } }],
        },
      ],
    });
    expect(result.messages[0]?.content[0]).toMatchObject({ type: 'tool-call', input: {} });
    expect(warnings[0]?.kind).toBe('approximated');
  });
});

describe('encodeOpenAiChatRequest', () => {
  it('reports what Chat cannot carry: top_k, URL documents, error flags, images in tool results', () => {
    const { warnings } = encodeOpenAiChatRequest({
      model: 'g',
      system: [],
      tools: [],
      stream: true,
      topK: 5,
      messages: [
        { role: 'user', content: [{ type: 'document', source: { kind: 'url', url: 'https://x/y.pdf' } }] },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              callId: 'c',
              isError: true,
              content: [{ type: 'image', source: { kind: 'url', url: 'https://x/i.png' } }],
            },
          ],
        },
      ],
    });
    expect(warnings.map((w) => w.path)).toEqual([
      'messages[0].content[0]',
      'messages[1].content[0].content[0]',
      'messages[1].content[0].isError',
      'top_k',
    ]);
  });
});

describe('Chat stream translators at the edges', () => {
  it('decoder waits for the usage chunk after finish_reason, then finishes at [DONE]', () => {
    const decoder = new OpenAiChatStreamDecoder();
    decoder.push(chunk({ choices: [{ index: 0, delta: { content: 'hi' } }] }));
    const atFinish = decoder.push(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    expect(atFinish.map((p) => p.type)).toEqual(['text-end']);
    decoder.push(
      chunk({
        choices: [],
        usage: { prompt_tokens: 10, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } },
      }),
    );
    expect(decoder.push({ data: '[DONE]' })).toEqual([
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: { inputTokens: 6, outputTokens: 2, cacheReadTokens: 4, cacheWriteTokens: 0 },
      },
    ]);
  });

  it('decoder end() finishes a stream that had a finish_reason but no [DONE], and errors one that had neither', () => {
    const finished = new OpenAiChatStreamDecoder();
    finished.push(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'length' }] }));
    expect(finished.end().at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'length' } });
    const cut = new OpenAiChatStreamDecoder();
    cut.push(chunk({ choices: [{ index: 0, delta: { content: 'x' } }] }));
    expect(cut.end().map((p) => p.type)).toEqual(['text-end', 'error']);
  });

  it('encoder omits the usage chunk when the client did not ask for it', () => {
    const encoder = new OpenAiChatStreamEncoder({ created: 1, includeUsage: false });
    encoder.push({ type: 'stream-start', id: 'x', model: 'm' });
    const events = encoder.push({
      type: 'finish',
      finishReason: { unified: 'stop', raw: undefined },
      usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
    });
    expect(events.map((e) => e.data.includes('"usage"'))).toEqual([false, false]);
    expect(events.at(-1)?.data).toBe('[DONE]');
  });

  it('encoder end() closes a stream the upstream never finished', () => {
    const encoder = new OpenAiChatStreamEncoder({ created: 1, includeUsage: true });
    encoder.push({ type: 'text-delta', id: 't', delta: 'x' });
    const events = encoder.end();
    expect(JSON.parse(events[0]?.data ?? '{}').choices[0].finish_reason).toBe('stop');
    expect(events.at(-1)?.data).toBe('[DONE]');
  });
});
