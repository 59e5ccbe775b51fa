import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/access/key-format.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockOpenAi, startMockOpenAi } from '../support/mock-openai/mock-openai.js';
import type { ChatUsage, ResponsesUsage } from '../support/mock-openai/types.js';

interface RecordView {
  accountId: string;
  surface: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  status: number;
  stream: boolean;
  errorClass: string | null;
}

let mock: MockOpenAi;
let azure: MockOpenAi;
let gate: RunningGatehouse;
let key: { id: string; key: string };
let client: OpenAI;
let openAiAccountId: string;

beforeAll(async () => {
  mock = await startMockOpenAi();
  azure = await startMockOpenAi({ azure: true, apiKey: 'azure-key' });
  gate = await startGatehouse();
  openAiAccountId = (
    await gate.createAccount({
      name: 'openai',
      type: 'openai',
      baseUrl: mock.url,
      apiKey: 'mock-openai-key',
      models: ['gpt-4o', 'gpt-5', 'o4-*'],
    })
  ).id;
  await gate.createAccount({
    name: 'azure',
    type: 'azure-openai',
    baseUrl: azure.origin,
    apiKey: 'azure-key',
    models: [{ name: 'azure-4o', upstreamModel: 'my-deployment' }],
  });
  key = await gate.createKey();
  client = new OpenAI({ apiKey: key.key, baseURL: `${gate.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
  await azure?.close();
});

beforeEach(() => {
  mock.reset();
  azure.reset();
});

async function latestRecord(): Promise<RecordView> {
  const answer = await gate.admin<{ records: RecordView[] }>(
    'GET',
    `/admin/api/usage/records?keyId=${key.id}&limit=1`,
  );
  return answer.body.records[0] as RecordView;
}

function expectChatUsageRecorded(record: RecordView, usage: ChatUsage) {
  const cached = usage.prompt_tokens_details.cached_tokens;
  expect(record).toMatchObject({
    inputTokens: usage.prompt_tokens - cached,
    outputTokens: usage.completion_tokens,
    cacheReadTokens: cached,
  });
}

describe('OpenAI Chat Completions through Gatehouse', () => {
  it('answers JSON with the account key upstream and records the usage (cached tokens are a part of the prompt)', async () => {
    mock.enqueue({ kind: 'cached', cachedTokens: 5 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hello there, mock' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from the mock OpenAI upstream.');
    const seen = mock.requests.at(-1)!;
    expect(seen.headers.authorization).toBe('Bearer mock-openai-key');
    expect(JSON.stringify(seen.headers)).not.toContain(key.key);
    const record = await latestRecord();
    expect(record).toMatchObject({ surface: 'openai-chat', model: 'gpt-4o', status: 200, stream: false });
    // The upstream's request id reaches the caller and the record.
    expect(completion._request_id).toMatch(/^req_mock_/);
    expect((record as RecordView & { upstreamRequestId: string }).upstreamRequestId).toBe(
      completion._request_id,
    );
    expectChatUsageRecorded(record, seen.reported as ChatUsage);
    expect(record.cacheReadTokens).toBe(5);
  });

  it('streams without the usage chunk the caller did not ask for, and still records the usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'mock:long 6' }],
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toContain('chunk 6');
    expect((mock.requests.at(-1)!.body as { stream_options?: unknown }).stream_options).toEqual({
      include_usage: true,
    });
    const record = await latestRecord();
    expect(record.stream).toBe(true);
    expectChatUsageRecorded(record, mock.requests.at(-1)!.reported as ChatUsage);
  });

  it('relays the usage chunk to a caller who asked for it, byte for byte', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const usage = chunks.at(-1)?.usage;
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(usage?.prompt_tokens).toBe((mock.requests.at(-1)!.reported as ChatUsage).prompt_tokens);
  });

  it('streams tool calls whose argument fragments join into the right JSON', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'mock:tool get_weather {"city":"Zürich"}' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Zürich' });
  });

  it('serves the /openai/v1 alias and an Azure deployment with its api-key', async () => {
    const aliased = new OpenAI({ apiKey: key.key, baseURL: `${gate.url}/openai/v1`, maxRetries: 0 });
    const viaAzure = await aliased.chat.completions.create({
      model: 'azure-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(viaAzure.choices[0]?.message.content).toContain('Hello');
    const seen = azure.requests.at(-1)!;
    expect(seen.path).toBe('/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21');
    expect(seen.headers['api-key']).toBe('azure-key');
    expect(seen.headers.authorization).toBeUndefined();
  });
});

describe('OpenAI Responses through Gatehouse', () => {
  it('answers JSON and streams, recording usage from response.completed', async () => {
    const response = await client.responses.create({ model: 'gpt-5', input: 'Hello' });
    expect(response.output_text).toBe('Hello from the mock OpenAI upstream.');
    const stream = await client.responses.create({ model: 'gpt-5', input: 'mock:long 4', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.completed');
    const usage = mock.requests.at(-1)!.reported as ResponsesUsage;
    expect(await latestRecord()).toMatchObject({
      surface: 'openai-responses',
      stream: true,
      inputTokens: usage.input_tokens - usage.input_tokens_details.cached_tokens,
      outputTokens: usage.output_tokens,
    });
  });
});

describe('OpenAI errors', () => {
  it('refuses a bad key with 401 in OpenAI shape', async () => {
    const stranger = new OpenAI({ apiKey: generateKey(), baseURL: `${gate.url}/v1`, maxRetries: 0 });
    const error = await stranger.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).error).toMatchObject({
      code: 'invalid_api_key',
    });
    expect(mock.requests).toHaveLength(0);
  });

  it('answers 404 for an unknown model and relays an upstream 429 with retry-after', async () => {
    const missing = await client.chat.completions
      .create({ model: 'nope-1', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    const limited = await client.responses
      .create({ model: 'gpt-5', input: 'mock:error 429' })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('7');
    // The 429 cooled the account down; the next tests need it.
    await gate.admin('POST', `/admin/api/accounts/${openAiAccountId}/reset`);
  });

  it('never relays upstream-identifying headers', async () => {
    const response = await fetch(`${gate.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.text();
    for (const name of ['set-cookie', 'openai-organization', 'cf-ray', 'server'])
      expect(response.headers.get(name)).toBeNull();
  });
});

describe('model listing', () => {
  it('lists models in OpenAI format for OpenAI callers and Anthropic format for Anthropic callers', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-5', 'azure-4o']));
    const anthropicStyle = await fetch(`${gate.url}/v1/models`, {
      headers: { 'x-api-key': key.key, 'anthropic-version': '2023-06-01' },
    });
    const body = (await anthropicStyle.json()) as { data: Array<{ type: string }>; has_more: boolean };
    expect(body.has_more).toBe(false);
    expect(body.data[0]?.type).toBe('model');
  });
});
