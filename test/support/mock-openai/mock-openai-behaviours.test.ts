import { connect } from 'node:net';
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockOpenAi, startMockOpenAi } from './mock-openai.js';
import { DEFAULT_TEXT } from './plan-reply.js';
import { clientFor, collect, decodeSse, postJson, waitUntil } from './test-helpers.js';

let mock: MockOpenAi;

beforeEach(async () => {
  mock = await startMockOpenAi({ azure: true });
});

afterEach(async () => {
  await mock.close();
});

const chat = (
  content: string,
  extra: Record<string, unknown> = {},
): ChatCompletionCreateParamsNonStreaming => ({
  model: 'gpt-4o',
  messages: [{ role: 'user', content }],
  ...extra,
});

/** The rejection of a promise expected to fail, typed for inspection. */
async function rejectionOf<T>(
  promise: Promise<unknown>,
  errorClass: new (...args: never[]) => T,
): Promise<T> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof errorClass))
    throw new Error(`expected a ${errorClass.name}, got ${String(outcome)}`);
  return outcome;
}

describe('errors', () => {
  it('surfaces mock:error 429 as RateLimitError with retry-after and rate-limit headers', async () => {
    const attempt = clientFor(mock).chat.completions.create(chat('mock:error 429'));

    const error = await rejectionOf(attempt, OpenAI.RateLimitError);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.headers.get('retry-after')).toBe('7');
    expect(error.headers.get('x-ratelimit-reset-requests')).toBe('7s');
    expect(mock.requests[0]?.status).toBe(429);
  });

  it('tells a quota error apart by type and code', async () => {
    const response = await postJson(mock, '/v1/responses', {
      model: 'gpt-5',
      input: 'mock:error 429 insufficient_quota',
    });

    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('quota'),
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    });
  });

  it('answers a wrong key with AuthenticationError and code invalid_api_key', async () => {
    const attempt = clientFor(mock, 'wrong-key').chat.completions.create(chat('hi'));

    await expect(attempt).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(attempt).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
      type: 'invalid_request_error',
    });
  });

  it.each([
    [400, OpenAI.BadRequestError],
    [403, OpenAI.PermissionDeniedError],
    [404, OpenAI.NotFoundError],
    [500, OpenAI.InternalServerError],
    [503, OpenAI.InternalServerError],
  ])('maps mock:error %i to the SDK class, with a custom message', async (status, errorClass) => {
    const attempt = clientFor(mock).chat.completions.create(chat(`mock:error ${status} custom words`));

    await expect(attempt).rejects.toBeInstanceOf(errorClass);
    await expect(attempt).rejects.toMatchObject({ status, error: { message: 'custom words' } });
  });

  it('rejects bodies the real API rejects, and unknown routes, in the OpenAI envelope', async () => {
    const noModel = await postJson(mock, '/v1/chat/completions', { messages: [] });
    const noMessages = await postJson(mock, '/v1/chat/completions', { model: 'gpt-4o' });
    const unknown = await postJson(mock, '/v1/completions/nope', {});

    expect(noModel.status).toBe(400);
    expect(await noMessages.json()).toMatchObject({
      error: { param: 'messages', code: 'missing_required_parameter' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: 'Invalid URL (POST /v1/completions/nope)' },
    });
  });
});

describe('models and headers', () => {
  it('lists and retrieves models', async () => {
    const client = clientFor(mock);
    const ids = (await collect(client.models.list())).map((model) => model.id);

    expect(ids).toEqual(['gpt-4o', 'gpt-4.1', 'gpt-5', 'o4-mini', 'deepseek-chat']);
    expect(await client.models.retrieve('gpt-5')).toMatchObject({
      id: 'gpt-5',
      object: 'model',
      owned_by: 'system',
    });
    await expect(client.models.retrieve('gpt-0')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('sends upstream-identifying headers on answers and errors', async () => {
    for (const response of [
      await postJson(mock, '/v1/chat/completions', chat('hi')),
      await postJson(mock, '/v1/nope', {}),
    ]) {
      expect(response.headers.get('x-request-id')).toMatch(/^req_mock_/);
      expect(response.headers.get('openai-organization')).toBe('org-mock-123');
      expect(response.headers.get('openai-processing-ms')).toBe('12');
      expect(response.headers.get('set-cookie')).toContain('__cf_bm');
      expect(response.headers.get('cf-ray')).toBe('1234-MOCK');
      expect(response.headers.get('server')).toBe('cloudflare');
    }
  });
});

describe('Azure OpenAI', () => {
  it('serves deployment paths with the api-key header; the deployment stands in for the model', async () => {
    const azure = new AzureOpenAI({
      apiKey: 'mock-openai-key',
      endpoint: mock.origin,
      apiVersion: '2024-10-21',
      deployment: 'my-gpt4o',
      maxRetries: 0,
    });
    const completion = await azure.chat.completions.create({
      model: '',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const request = mock.requests[0];

    expect(request?.path).toBe('/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21');
    expect(request?.headers['api-key']).toBe('mock-openai-key');
    expect(completion).toMatchObject({
      model: 'my-gpt4o',
      choices: [{ message: { content: DEFAULT_TEXT } }],
    });
    expect(completion).toHaveProperty('prompt_filter_results');
  });

  it('opens an Azure stream with a content-filter chunk that has empty choices and no usage', async () => {
    const path = '/openai/deployments/d1/chat/completions?api-version=2024-10-21';
    const response = await postJson(
      mock,
      path,
      { messages: [{ role: 'user', content: 'hi' }], stream: true },
      {
        headers: { authorization: '', 'api-key': 'mock-openai-key' },
      },
    );
    const events = decodeSse(await response.text());

    expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({
      id: '',
      choices: [],
      prompt_filter_results: [{ prompt_index: 0 }],
    });
    expect(response.headers.get('apim-request-id')).toMatch(/^req_mock_/);
    expect(events.at(-1)?.data).toBe('[DONE]');
  });

  it('serves the v1 paths, and refuses a wrong api-key', async () => {
    const v1 = new OpenAI({ apiKey: 'mock-openai-key', baseURL: `${mock.origin}/openai/v1`, maxRetries: 0 });
    const response = await v1.responses.create({ model: 'gpt-5', input: 'hi' });
    const chatted = await v1.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const wrong = await postJson(mock, '/openai/v1/chat/completions', chat('hi'), {
      headers: { authorization: '', 'api-key': 'nope' },
    });

    expect(response.output_text).toBe(DEFAULT_TEXT);
    expect(chatted.choices[0]?.message.content).toBe(DEFAULT_TEXT);
    expect(wrong.status).toBe(401);
  });

  it('does not serve Azure paths or accept api-key unless asked to', async () => {
    const plain = await startMockOpenAi();
    try {
      const path = await postJson(plain, '/openai/v1/chat/completions', chat('hi'));
      const header = await postJson(plain, '/v1/chat/completions', chat('hi'), {
        headers: { authorization: '', 'api-key': 'mock-openai-key' },
      });
      expect([path.status, header.status]).toEqual([404, 401]);
    } finally {
      await plain.close();
    }
  });
});

describe('failure behaviours', () => {
  const streamBody = (content: string) =>
    chat(content, { stream: true, stream_options: { include_usage: true } });

  it('mock:break drops the connection after n events, recording no usage', async () => {
    const response = await postJson(mock, '/v1/chat/completions', streamBody('mock:break 2'));
    await expect(response.text()).rejects.toThrow();
    expect(mock.requests[0]).toMatchObject({ status: 200, aborted: false, reported: undefined });
  });

  it('mock:reset drops the connection before any header', async () => {
    await expect(postJson(mock, '/v1/responses', { model: 'gpt-5', input: 'mock:reset' })).rejects.toThrow();
    expect(mock.requests[0]).toMatchObject({ status: 0, aborted: false });
  });

  it('mock:hang never answers, and the client leaving is recorded as an abort', async () => {
    const controller = new AbortController();
    const pending = postJson(mock, '/v1/chat/completions', chat('mock:hang'), { signal: controller.signal });
    await waitUntil(() => mock.requests.length === 1);
    controller.abort();

    await expect(pending).rejects.toThrow();
    await waitUntil(() => mock.requests[0]?.aborted === true);
    expect(mock.requests[0]?.status).toBe(0);
  });

  it('stops writing a slow stream when the client goes away', async () => {
    const controller = new AbortController();
    const response = await postJson(mock, '/v1/chat/completions', streamBody('mock:long 1000 mock:slow 20'), {
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();

    await waitUntil(() => mock.requests[0]?.aborted === true);
    expect(mock.requests[0]?.reported).toBeUndefined();
  });

  it('closes promptly while a stream waits on a client that does not read', async () => {
    // The client reads nothing, so the socket fills and the writer waits for 'drain'; close() must
    // still end that wait instead of leaving the test hanging.
    const body = JSON.stringify(streamBody('mock:long 20000'));
    const socket = connect(mock.port, '127.0.0.1');
    socket.pause();
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nhost: mock\r\nauthorization: Bearer mock-openai-key\r\n` +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await waitUntil(() => mock.requests[0]?.status === 200);
    await mock.close();

    expect(mock.requests[0]?.reported).toBeUndefined();
    socket.destroy();
  });
});
