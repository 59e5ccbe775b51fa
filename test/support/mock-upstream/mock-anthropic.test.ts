import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockAnthropic } from './mock-anthropic.js';
import { decodeSse, postJson, userMessage } from './test-helpers.js';

const tokensOf = (value: unknown) => Math.ceil(Buffer.byteLength(JSON.stringify(value)) / 4);
const BASH_TOOL = {
  name: 'Bash',
  description: 'Run a shell command',
  input_schema: { type: 'object' as const },
};

let mock: MockUpstream;
let client: Anthropic;

beforeEach(async () => {
  mock = await startMockAnthropic();
  client = new Anthropic({ apiKey: 'mock-key', baseURL: mock.url, maxRetries: 0 });
});

afterEach(async () => {
  await mock.close();
});

describe('with the official SDK', () => {
  it('answers a JSON message with predictable usage and records the request', async () => {
    const messages = [{ role: 'user' as const, content: 'Say hello' }];
    const { data, response } = await client.messages
      .create({ model: 'claude-test-1', max_tokens: 100, messages })
      .withResponse();

    expect(data.content).toEqual([{ type: 'text', text: 'Hello from the mock upstream.' }]);
    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test-1',
      stop_reason: 'end_turn',
    });
    expect(data.usage).toEqual({
      input_tokens: tokensOf({ messages }),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: Math.ceil('Hello from the mock upstream.'.length / 4),
      service_tier: 'standard',
    });
    expect(response.headers.get('request-id')).toBe('req_mock_1');
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      status: 200,
      aborted: false,
    });
    expect(mock.requests[0]?.body).toMatchObject({ model: 'claude-test-1', messages });
    expect(mock.requests[0]?.reported).toEqual(data.usage);
  });

  it('streams a message that finalMessage() folds into the same answer as JSON', async () => {
    const params = {
      model: 'claude-test',
      max_tokens: 100,
      messages: [{ role: 'user' as const, content: 'hi' }],
    };
    const streamed = await client.messages.stream(params).finalMessage();
    const whole = await client.messages.create(params);

    expect(streamed.content).toEqual(whole.content);
    expect(streamed.usage).toMatchObject({ ...whole.usage });
    expect(mock.requests[0]?.reported).toEqual(whole.usage);
  });

  it('streams a Bash tool_use whose input_json_delta pieces parse to the command', async () => {
    const message = await client.messages
      .stream({
        model: 'claude-test',
        max_tokens: 1024,
        tools: [BASH_TOOL],
        messages: [{ role: 'user', content: 'please mock:bash ls -la "/tmp"' }],
      })
      .finalMessage();

    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_mock_/),
        name: 'Bash',
        input: { command: 'ls -la "/tmp"', description: 'Run command' },
      },
    ]);
  });

  it('ends a tool round trip with the tool result as text', async () => {
    const message = await client.messages.create({
      model: 'claude-test',
      max_tokens: 1024,
      tools: [BASH_TOOL],
      messages: [
        { role: 'user', content: 'mock:bash echo hi' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'echo hi' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '  hi\n' }] },
      ],
    });

    expect(message.content).toEqual([{ type: 'text', text: 'Tool result: hi' }]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('streams thinking with a signature before the text', async () => {
    const message = await client.messages
      .stream({ model: 'claude-test', max_tokens: 1024, messages: [{ role: 'user', content: 'mock:think' }] })
      .finalMessage();

    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[0]).toMatchObject({ type: 'thinking', signature: expect.stringMatching(/.+/) });
  });

  it('counts tokens of system, messages and tools together', async () => {
    const messages = [{ role: 'user' as const, content: 'count me' }];
    const system = 'You are terse.';
    const result = await client.messages.countTokens({
      model: 'claude-test',
      system,
      messages,
      tools: [BASH_TOOL],
    });

    expect(result).toEqual({ input_tokens: tokensOf({ system, messages, tools: [BASH_TOOL] }) });
  });

  it('lists models with paging fields', async () => {
    const page = await client.models.list({ limit: 2 });

    expect(page.data).toHaveLength(2);
    expect(page.data[0]).toMatchObject({
      type: 'model',
      id: expect.any(String),
      display_name: expect.any(String),
    });
    expect(page.has_more).toBe(true);
    const all: string[] = [];
    for await (const model of client.models.list({ limit: 2 })) all.push(model.id);
    expect(new Set(all).size).toBe(4);
  });

  it.each([
    [400, Anthropic.BadRequestError, 'invalid_request_error'],
    [403, Anthropic.PermissionDeniedError, 'permission_error'],
    [404, Anthropic.NotFoundError, 'not_found_error'],
    [413, Anthropic.APIError, 'request_too_large'],
    [429, Anthropic.RateLimitError, 'rate_limit_error'],
    [500, Anthropic.InternalServerError, 'api_error'],
    [529, Anthropic.APIError, 'overloaded_error'],
  ])('surfaces mock:error %i as the SDK error class for %s', async (status, errorClass, type) => {
    const failure = await client.messages
      .create({
        model: 'claude-test',
        max_tokens: 10,
        messages: [{ role: 'user', content: `mock:error ${status}` }],
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(errorClass);
    expect(failure).toMatchObject({ status, type, requestID: 'req_mock_1' });
    expect(mock.requests[0]?.status).toBe(status);
  });

  it('rejects a wrong key with 401 authentication_error', async () => {
    const stranger = new Anthropic({ apiKey: 'wrong-key', baseURL: mock.url, maxRetries: 0 });
    const failure = await stranger.models.list().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(failure).toMatchObject({ status: 401, type: 'authentication_error' });
  });

  it('fails a stream that sends an error event, while the JSON retry of the same body succeeds', async () => {
    const params = {
      model: 'claude-test',
      max_tokens: 100,
      messages: [{ role: 'user' as const, content: 'mock:stream-error' }],
    };
    const failure = await client.messages
      .stream(params)
      .finalMessage()
      .catch((error: unknown) => error);
    const retried = await client.messages.create(params);

    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect(failure).toMatchObject({ type: 'overloaded_error' });
    expect(retried.content).toEqual([{ type: 'text', text: 'Hello from the mock upstream.' }]);
  });
});

describe('the wire format', () => {
  it('sends the documented event order with cumulative usage in message_delta', async () => {
    const response = await postJson(mock, '/v1/messages?beta=true', userMessage('hi', { stream: true }));
    const events = decodeSse(await response.text());

    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const event of events) expect(event.data.type).toBe(event.event);
    const start = events[0]?.data as { message: { usage: Record<string, number>; content: unknown[] } };
    const delta = events[7]?.data as { usage: Record<string, number>; delta: Record<string, unknown> };
    expect(start.message.content).toEqual([]);
    expect(start.message.usage.output_tokens).toBe(1);
    expect(delta.delta).toEqual({ stop_reason: 'end_turn', stop_sequence: null });
    expect(delta.usage).toEqual({
      input_tokens: start.message.usage.input_tokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 8,
    });
    expect(mock.requests[0]?.path).toBe('/v1/messages?beta=true');
  });

  it('splits tool input into input_json_delta pieces that only parse once joined', async () => {
    const input = { path: '/tmp/x', lines: [1, 2, 3], nested: { flag: true } };
    const response = await postJson(
      mock,
      '/v1/messages',
      userMessage(`mock:tool Read ${JSON.stringify(input)}`, { stream: true }),
    );
    const pieces = decodeSse(await response.text())
      .map((event) => event.data.delta as { type?: string; partial_json?: string } | undefined)
      .filter((delta) => delta?.type === 'input_json_delta')
      .map((delta) => delta?.partial_json ?? '');

    expect(pieces[0]).toBe('');
    expect(pieces.length).toBeGreaterThan(2);
    expect(JSON.parse(pieces.join(''))).toEqual(input);
    expect(() => JSON.parse(pieces.slice(0, 2).join(''))).toThrow();
  });

  it('sends upstream-identifying headers on every response, errors included', async () => {
    const response = await postJson(mock, '/v1/messages', userMessage('mock:error 500'));

    expect(Object.fromEntries(response.headers)).toMatchObject({
      'request-id': 'req_mock_1',
      'set-cookie': 'mock_session=secret; Path=/',
      'anthropic-organization-id': 'org-mock-123',
      'cf-ray': '1234-MOCK',
      server: 'mock-anthropic',
      via: '1.1 mock-edge',
    });
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'api_error', message: expect.any(String) },
      request_id: 'req_mock_1',
    });
  });

  it('tells a rate-limited client when to come back', async () => {
    const response = await postJson(mock, '/v1/messages', userMessage('mock:error 429 slow down'));

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('anthropic-ratelimit-requests-reset')).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(await response.json()).toMatchObject({
      error: { type: 'rate_limit_error', message: 'slow down' },
    });
  });

  it.each([
    ['malformed JSON', '{"model":', 'parsing the body'],
    ['a missing model', { max_tokens: 5, messages: [] }, 'model'],
    ['missing messages', { model: 'm', max_tokens: 5 }, 'messages'],
    ['a missing max_tokens', { model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens'],
  ])('rejects %s with 400 invalid_request_error', async (_case, body, mentioned) => {
    const response = await postJson(mock, '/v1/messages', body);
    const payload = (await response.json()) as { error: { type: string; message: string } };

    expect(response.status).toBe(400);
    expect(payload.error.type).toBe('invalid_request_error');
    expect(payload.error.message).toContain(mentioned);
  });

  it('answers HEAD / without credentials and 404s unknown routes in the Anthropic shape', async () => {
    const head = await fetch(mock.url, { method: 'HEAD' });
    const unknown = await fetch(`${mock.url}/v1/complete`, { headers: { 'x-api-key': 'mock-key' } });

    expect(head.status).toBe(200);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('accepts the key as a Bearer token', async () => {
    const response = await fetch(`${mock.url}/v1/models`, { headers: { authorization: 'Bearer mock-key' } });

    expect(response.status).toBe(200);
  });

  it('puts the caller key in the error only for mock:leak', async () => {
    const leaked = await postJson(mock, '/v1/messages', userMessage('mock:leak'));
    const normal = await postJson(mock, '/v1/messages', userMessage('mock:error 400'));

    expect(leaked.status).toBe(400);
    expect(await leaked.text()).toContain('mock-key');
    expect(await normal.text()).not.toContain('mock-key');
  });
});
