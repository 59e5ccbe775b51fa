import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockOpenAi, startMockOpenAi } from './mock-openai.js';
import { DEFAULT_TEXT } from './plan-reply.js';
import { clientFor, collect, tokensOf } from './test-helpers.js';

let mock: MockOpenAi;
let client: OpenAI;

beforeEach(async () => {
  mock = await startMockOpenAi();
  client = clientFor(mock);
});

afterEach(async () => {
  await mock.close();
});

const user = (content: string): ChatCompletionMessageParam[] => [{ role: 'user', content }];

function streamChat(messages: ChatCompletionMessageParam[], includeUsage: boolean) {
  return client.chat.completions.create({
    model: 'gpt-4o',
    messages,
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
  });
}

const contentOf = (chunks: ChatCompletionChunk[]) =>
  chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

describe('chat completions, JSON', () => {
  it('answers with the documented shape and predictable usage', async () => {
    const messages = user('hi');
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    const prompt = tokensOf({ messages });
    const completionTokens = Math.ceil(DEFAULT_TEXT.length / 4);

    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: DEFAULT_TEXT, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: prompt,
        completion_tokens: completionTokens,
        total_tokens: prompt + completionTokens,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.system_fingerprint).toEqual(expect.any(String));
    expect(mock.requests[0]?.reported).toEqual(completion.usage);
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer mock-openai-key');
  });

  it('echoes, counts tools into the prompt, and honours stop and max_completion_tokens', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
    const echoed = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('mock:echo say this'),
      tools,
    });
    const stopped = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('x'),
      stop: ['mock'],
    });
    const limited = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('x'),
      max_completion_tokens: 2,
    });

    expect(echoed.choices[0]?.message.content).toBe('mock:echo say this');
    expect(echoed.usage?.prompt_tokens).toBe(tokensOf({ messages: user('mock:echo say this'), tools }));
    expect(stopped.choices[0]).toMatchObject({
      message: { content: 'Hello from the ' },
      finish_reason: 'stop',
    });
    expect(limited.choices[0]).toMatchObject({ message: { content: 'Hello fr' }, finish_reason: 'length' });
  });

  it('reports reasoning tokens inside completion tokens for mock:think, and enqueued cached tokens', async () => {
    const thought = await client.chat.completions.create({ model: 'o4-mini', messages: user('mock:think') });
    mock.enqueue({ kind: 'cached', cachedTokens: 3 });
    const cached = await client.chat.completions.create({ model: 'gpt-4o', messages: user('hi') });

    const reasoning = thought.usage?.completion_tokens_details?.reasoning_tokens ?? 0;
    expect(reasoning).toBeGreaterThan(0);
    expect(thought.usage?.completion_tokens).toBe(Math.ceil(DEFAULT_TEXT.length / 4) + reasoning);
    // OpenAI's cached tokens are a part of prompt_tokens, not added to it.
    expect(cached.usage).toMatchObject({
      prompt_tokens: tokensOf({ messages: user('hi') }),
      prompt_tokens_details: { cached_tokens: 3 },
    });
  });
});

describe('chat completions, streaming', () => {
  it('streams several content deltas and no usage without include_usage', async () => {
    const chunks = await collect(await streamChat(user('hi'), false));

    expect(contentOf(chunks)).toBe(DEFAULT_TEXT);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(2);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(
      chunks.every((chunk) => chunk.usage === undefined && chunk.object === 'chat.completion.chunk'),
    ).toBe(true);
    expect(mock.requests[0]?.reported).toBeUndefined();
  });

  it('ends with a usage chunk that has empty choices when include_usage is set', async () => {
    const chunks = await collect(await streamChat(user('hi'), true));
    const last = chunks.at(-1);

    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: tokensOf({ messages: user('hi') }) });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(mock.requests[0]?.reported).toEqual(last?.usage);
  });

  it('streams a tool call whose accumulated arguments are valid JSON, then answers the tool result', async () => {
    const args = { command: 'ls -la', nested: { values: [1, 2, 3] } };
    const messages = user(`mock:tool run_shell ${JSON.stringify(args)}`);
    const chunks = await collect(await streamChat(messages, true));
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    const fragments = calls.map((call) => call.function?.arguments ?? '');

    expect(calls[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'run_shell', arguments: '' },
    });
    expect(fragments.filter((fragment) => fragment !== '').length).toBeGreaterThan(1);
    expect(JSON.parse(fragments.join(''))).toEqual(args);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');

    const callId = calls[0]?.id ?? '';
    const followUp = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        ...messages,
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: callId,
              type: 'function',
              function: { name: 'run_shell', arguments: JSON.stringify(args) },
            },
          ],
        },
        { role: 'tool', tool_call_id: callId, content: 'file-a\nfile-b\n' },
      ],
    });
    expect(followUp.choices[0]?.message.content).toBe('Tool result: file-a\nfile-b');
  });

  it('gives a JSON tool call with null content and finish_reason tool_calls', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('mock:tool f {"a":1}'),
    });

    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
      },
    });
  });

  it('uses enqueued scenarios first, in order', async () => {
    mock.enqueue({ kind: 'text', text: 'first' });
    mock.enqueue({ kind: 'long', deltas: 3 });
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages: user('mock:echo no') });
    const second = await collect(await streamChat(user('hi'), false));
    const third = await client.chat.completions.create({ model: 'gpt-4o', messages: user('hi') });

    expect(first.choices[0]?.message.content).toBe('first');
    expect(contentOf(second)).toBe('chunk 1. chunk 2. chunk 3. ');
    expect(third.choices[0]?.message.content).toBe(DEFAULT_TEXT);
  });
});
