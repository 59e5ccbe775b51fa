import { describe, expect, it } from 'vitest';
import { AnthropicStreamDecoder } from './anthropic-stream-decoder.js';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder.js';
import { decodeAnthropicRequest } from './decode-anthropic-request.js';
import { encodeAnthropicRequest } from './encode-anthropic-request.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 1024 };

describe('decodeAnthropicRequest validation (400 with the path)', () => {
  it.each([
    [{ ...base, messages: 'hi' }, /messages/],
    [{ model: 'x', messages: [] }, /max_tokens/],
    [{ ...base, messages: [{ role: 'robot', content: 'hi' }] }, /messages\.0\.role/],
    [
      {
        ...base,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'x' } }] }],
      },
      /messages\.0\.content/,
    ],
    [{ ...base, messages: [], thinking: { type: 'enabled' } }, /thinking\.budget_tokens/],
    [{ ...base, messages: [], tool_choice: { type: 'tool' } }, /tool_choice\.name/],
  ])('rejects %j', (body, message) => {
    expect(() => decodeAnthropicRequest(body)).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringMatching(message) }),
    );
  });
});

describe('decodeAnthropicRequest mapping', () => {
  it('keeps a mid-conversation system message in place (Claude Code sends them)', () => {
    const { result } = decodeAnthropicRequest({
      ...base,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'system', content: [{ type: 'text', text: 'mode changed' }] },
        { role: 'user', content: 'b' },
      ],
    });
    expect(result.messages.map((m) => m.role)).toEqual(['user', 'system', 'user']);
    expect(result.messages[1]).toEqual({ role: 'system', content: [{ type: 'text', text: 'mode changed' }] });
  });

  it('splits a user turn into tool results and text, in order', () => {
    const { result } = decodeAnthropicRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'ok' },
            {
              type: 'tool_result',
              tool_use_id: 't2',
              content: [{ type: 'text', text: 'boom' }],
              is_error: true,
            },
            { type: 'text', text: 'next' },
          ],
        },
      ],
    });
    expect(result.messages).toEqual([
      {
        role: 'tool',
        content: [
          { type: 'tool-result', callId: 't1', content: [{ type: 'text', text: 'ok' }], isError: false },
          { type: 'tool-result', callId: 't2', content: [{ type: 'text', text: 'boom' }], isError: true },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'next' }] },
    ]);
  });

  it('maps adaptive thinking with output_config effort, and reports "max" as approximated', () => {
    const { result, warnings } = decodeAnthropicRequest({
      ...base,
      messages: [],
      thinking: { type: 'adaptive' },
      output_config: { effort: 'max' },
    });
    expect(result.reasoning).toEqual({ enabled: true, effort: 'high' });
    expect(warnings).toEqual([
      expect.objectContaining({ kind: 'approximated', path: 'output_config.effort' }),
    ]);
  });

  it('drops server-tool blocks with a warning instead of failing', () => {
    const { result, warnings } = decodeAnthropicRequest({
      ...base,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'server_tool_use', id: 's', name: 'web_search', input: {} },
            { type: 'text', text: 'x' },
          ],
        },
      ],
    });
    expect(result.messages[0]?.content).toEqual([{ type: 'text', text: 'x' }]);
    expect(warnings[0]?.path).toBe('messages[0].content[0]');
  });
});

describe('encodeAnthropicRequest', () => {
  const canonical = { model: 'm', system: [], messages: [], tools: [], stream: false };

  it('supplies max_tokens when the caller gave none, with room for the thinking budget', () => {
    const { result, warnings } = encodeAnthropicRequest({
      ...canonical,
      reasoning: { enabled: true, effort: 'low' },
    });
    expect(result.max_tokens).toBe(4096 + 2048);
    expect(result.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(warnings.map((w) => w.path)).toEqual(['max_tokens', 'reasoning.effort']);
  });

  it('lowers a budget that would not fit below max_tokens, and drops thinking that cannot fit at all', () => {
    expect(
      encodeAnthropicRequest({
        ...canonical,
        maxOutputTokens: 4000,
        reasoning: { enabled: true, budgetTokens: 8000 },
      }).result.thinking,
    ).toEqual({
      type: 'enabled',
      budget_tokens: 3999,
    });
    const tiny = encodeAnthropicRequest({
      ...canonical,
      maxOutputTokens: 500,
      reasoning: { enabled: true, budgetTokens: 8000 },
    });
    expect(tiny.result.thinking).toBeUndefined();
    expect(tiny.warnings.at(-1)?.kind).toBe('dropped');
  });

  it('drops reasoning without an Anthropic signature and clamps temperature to 1', () => {
    const { result, warnings } = encodeAnthropicRequest({
      ...canonical,
      temperature: 1.5,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'openai summary' },
            { type: 'text', text: 'hi' },
          ],
        },
      ],
    });
    expect(result.messages).toEqual([{ role: 'assistant', content: [{ type: 'text', text: 'hi' }] }]);
    expect(result.temperature).toBe(1);
    expect(warnings.map((w) => w.path)).toEqual(['max_tokens', 'messages[0].content[0]', 'temperature']);
  });
});

describe('Anthropic stream translators at the edges', () => {
  const start = {
    data: JSON.stringify({
      type: 'message_start',
      message: { id: 'm', model: 'c', usage: { input_tokens: 3 } },
    }),
  };
  const blockStart = {
    data: JSON.stringify({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    }),
  };

  it('decoder end() closes an open block and reports a truncated stream as an error', () => {
    const decoder = new AnthropicStreamDecoder();
    decoder.push(start);
    decoder.push(blockStart);
    expect(decoder.end()).toEqual([
      { type: 'text-end', id: '0' },
      { type: 'error', error: { code: 'stream_truncated', message: expect.any(String) } },
    ]);
  });

  it('decoder passes an upstream error event through and ignores pings and malformed data', () => {
    const decoder = new AnthropicStreamDecoder();
    expect(decoder.push({ data: '{"type":"ping"}' })).toEqual([]);
    expect(decoder.push({ data: '{not json' })).toEqual([]);
    expect(
      decoder.push({ data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }),
    ).toEqual([{ type: 'error', error: { code: 'overloaded_error', message: 'Overloaded' } }]);
    expect(decoder.end()).toEqual([]);
  });

  it('encoder end() emits message_start, closes open blocks and ends the message', () => {
    const encoder = new AnthropicStreamEncoder();
    encoder.push({ type: 'text-start', id: 't' });
    const types = encoder.end().map((e) => e.event);
    expect(types).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('encoder maps a foreign error code to api_error and stops', () => {
    const encoder = new AnthropicStreamEncoder();
    const events = encoder.push({ type: 'error', error: { code: 'server_error', message: 'boom' } });
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'boom' } }),
    });
    expect(encoder.end()).toEqual([]);
  });
});
