import type OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockOpenAi, startMockOpenAi } from './mock-openai.js';
import { DEFAULT_REASONING, DEFAULT_TEXT } from './plan-reply.js';
import { clientFor, collect, decodeSse, postJson, tokensOf } from './test-helpers.js';

let mock: MockOpenAi;
let client: OpenAI;

beforeEach(async () => {
  mock = await startMockOpenAi();
  client = clientFor(mock);
});

afterEach(async () => {
  await mock.close();
});

describe('responses, JSON', () => {
  it('answers with the documented response object and predictable usage', async () => {
    const response = await client.responses.create({
      model: 'gpt-5',
      input: 'hi',
      instructions: 'Be brief.',
    });
    const input = tokensOf({ instructions: 'Be brief.', input: 'hi' });
    const output = Math.ceil(DEFAULT_TEXT.length / 4);

    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-5',
      instructions: 'Be brief.',
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: DEFAULT_TEXT, annotations: [] }],
        },
      ],
      usage: {
        input_tokens: input,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: output,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: input + output,
      },
    });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output_text).toBe(DEFAULT_TEXT);
    expect(mock.requests[0]?.reported).toEqual(response.usage);
  });

  it('runs a function_call round trip, by input items and by previous_response_id', async () => {
    const first = await client.responses.create({
      model: 'gpt-5',
      input: 'mock:tool get_weather {"city":"Paris"}',
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' });
    if (call?.type !== 'function_call') throw new Error('no function_call');

    const result = { type: 'function_call_output' as const, call_id: call.call_id, output: 'sunny, 21C' };
    const byItems = await client.responses.create({
      model: 'gpt-5',
      input: [{ role: 'user', content: 'mock:tool get_weather {"city":"Paris"}' }, call, result],
    });
    const byPrevious = await client.responses.create({
      model: 'gpt-5',
      previous_response_id: first.id,
      input: [result],
    });

    expect(byItems.output_text).toBe('Tool result: sunny, 21C');
    expect(byPrevious.output_text).toBe('Tool result: sunny, 21C');
  });

  it('rejects an unknown previous_response_id, and one created with store: false', async () => {
    const unstored = await client.responses.create({ model: 'gpt-5', input: 'hi', store: false });
    const attempt = client.responses.create({
      model: 'gpt-5',
      previous_response_id: unstored.id,
      input: 'again',
    });

    await expect(attempt).rejects.toMatchObject({
      status: 400,
      code: 'previous_response_not_found',
      param: 'previous_response_id',
    });
  });

  it('adds a reasoning item with a summary, and encrypted_content only when included', async () => {
    const plain = await client.responses.create({
      model: 'gpt-5',
      input: 'mock:think',
      reasoning: { summary: 'auto' },
    });
    const encrypted = await client.responses.create({
      model: 'gpt-5',
      input: 'mock:think',
      include: ['reasoning.encrypted_content'],
      store: false,
    });

    expect(plain.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: DEFAULT_REASONING }],
    });
    expect(plain.output[0]).not.toHaveProperty('encrypted_content');
    expect(encrypted.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [],
      encrypted_content: expect.stringMatching(/^gAAAA/),
    });
    expect(plain.usage?.output_tokens_details.reasoning_tokens).toBe(Math.ceil(DEFAULT_REASONING.length / 4));
  });

  it('stops at max_output_tokens with status incomplete', async () => {
    const response = await client.responses.create({ model: 'gpt-5', input: 'hi', max_output_tokens: 16 });
    mock.enqueue({ kind: 'long', deltas: 40 });
    const cut = await client.responses.create({ model: 'gpt-5', input: 'hi', max_output_tokens: 16 });

    expect(response.status).toBe('completed');
    expect(cut).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(cut.output_text).toHaveLength(64);
  });
});

describe('responses, streaming', () => {
  const typesOf = (events: ResponseStreamEvent[]) => events.map((event) => event.type);

  it('emits the documented event flow with sequence numbers and final usage', async () => {
    const events = await collect(
      await client.responses.create({ model: 'gpt-5', input: 'hi', stream: true }),
    );
    const types = typesOf(events);
    const deltas = events.flatMap((event) =>
      event.type === 'response.output_text.delta' ? [event.delta] : [],
    );
    const completed = events.at(-1);

    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe(DEFAULT_TEXT);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    if (completed?.type !== 'response.completed') throw new Error('no response.completed');
    expect(completed.response.usage?.input_tokens).toBe(tokensOf({ input: 'hi' }));
    expect(mock.requests[0]?.reported).toEqual(completed.response.usage);
  });

  it('names every event in its `event:` line', async () => {
    const response = await postJson(mock, '/v1/responses', { model: 'gpt-5', input: 'hi', stream: true });
    const events = decodeSse(await response.text());

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.every((event) => event.event === (JSON.parse(event.data) as { type: string }).type)).toBe(
      true,
    );
  });

  it('streams function call arguments in fragments that join to valid JSON', async () => {
    const args = { cmd: 'echo "hi there"', workdir: '/tmp' };
    const stream = await client.responses.create({
      model: 'gpt-5',
      input: `mock:tool exec_command ${JSON.stringify(args)}`,
      stream: true,
    });
    const events = await collect(stream);
    const deltas = events.flatMap((event) =>
      event.type === 'response.function_call_arguments.delta' ? [event.delta] : [],
    );
    const done = events.find((event) => event.type === 'response.function_call_arguments.done');

    expect(deltas.length).toBeGreaterThan(1);
    expect(JSON.parse(deltas.join(''))).toEqual(args);
    expect(done).toMatchObject({ arguments: JSON.stringify(args) });
    expect(typesOf(events)).not.toContain('response.output_text.delta');
  });

  it('streams a reasoning summary before the message for mock:think', async () => {
    const stream = await client.responses.create({
      model: 'gpt-5',
      input: 'mock:think',
      reasoning: { summary: 'auto' },
      stream: true,
    });
    const types = typesOf(await collect(stream));

    expect(types.indexOf('response.reasoning_summary_text.delta')).toBeGreaterThan(0);
    expect(types.indexOf('response.reasoning_summary_text.delta')).toBeLessThan(
      types.indexOf('response.output_text.delta'),
    );
  });
});
