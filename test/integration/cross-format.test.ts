import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockOpenAi, startMockOpenAi } from '../support/mock-openai/mock-openai.js';
import type { ChatUsage } from '../support/mock-openai/types.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

interface RecordView {
  surface: string;
  upstreamFormat: string;
  model: string;
  upstreamModel: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  stream: boolean;
  status: number;
}

let claude: MockUpstream;
let gpt: MockOpenAi;
let gate: RunningGatehouse;
let key: { id: string; key: string };
let anthropic: Anthropic;
let openai: OpenAI;

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

beforeAll(async () => {
  claude = await startMockAnthropic();
  gpt = await startMockOpenAi();
  gate = await startGatehouse();
  // Claude models live on an Anthropic account, GPT models on an OpenAI one; each client reaches both.
  await gate.createAccount({
    name: 'claude',
    type: 'anthropic',
    baseUrl: claude.url,
    apiKey: 'mock-key',
    models: ['claude-*'],
  });
  await gate.createAccount({
    name: 'gpt',
    type: 'openai',
    baseUrl: gpt.url,
    apiKey: 'mock-openai-key',
    models: ['gpt-*', { name: 'house-gpt', upstreamModel: 'gpt-4o' }],
  });
  key = await gate.createKey();
  anthropic = new Anthropic({ apiKey: key.key, baseURL: gate.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: key.key, baseURL: `${gate.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gate?.close();
  await claude?.close();
  await gpt?.close();
});

beforeEach(() => {
  claude.reset();
  gpt.reset();
});

async function latestRecord(): Promise<RecordView> {
  const answer = await gate.admin<{ records: RecordView[] }>(
    'GET',
    `/admin/api/usage/records?keyId=${key.id}&limit=1`,
  );
  return answer.body.records[0] as RecordView;
}

describe('Anthropic SDK served by an OpenAI account', () => {
  it('answers JSON, translated both ways, with the usage recorded from the OpenAI side', async () => {
    gpt.enqueue({ kind: 'cached', cachedTokens: 4 });
    const message = await anthropic.messages.create({
      model: 'house-gpt',
      max_tokens: 256,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the mock OpenAI upstream.' }]);
    const seen = gpt.requests.at(-1)!;
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.body).toMatchObject({ model: 'gpt-4o', messages: [{ role: 'system' }, { role: 'user' }] });
    const usage = seen.reported as ChatUsage;
    expect(message.usage).toMatchObject({
      input_tokens: usage.prompt_tokens - 4,
      output_tokens: usage.completion_tokens,
      cache_read_input_tokens: 4,
    });
    expect(await latestRecord()).toMatchObject({
      surface: 'anthropic',
      upstreamFormat: 'openai-chat',
      model: 'house-gpt',
      inputTokens: usage.prompt_tokens - 4,
      outputTokens: usage.completion_tokens,
      cacheReadTokens: 4,
    });
  });

  it('streams with the Anthropic event sequence and tool use', async () => {
    const final = await anthropic.messages
      .stream({
        model: 'house-gpt',
        max_tokens: 256,
        tools: [
          {
            name: weather.name,
            description: weather.description,
            input_schema: weather.parameters as Anthropic.Tool.InputSchema,
          },
        ],
        messages: [{ role: 'user', content: 'mock:tool get_weather {"city":"Oslo"}' }],
      })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'get_weather',
      input: { city: 'Oslo' },
    });
    const usage = gpt.requests.at(-1)!.reported as ChatUsage;
    expect(final.usage.output_tokens).toBe(usage.completion_tokens);
    expect(await latestRecord()).toMatchObject({ stream: true, outputTokens: usage.completion_tokens });
  });
});

describe('count_tokens', () => {
  it('passes through to an Anthropic account, and is estimated locally (rounded up) for a model only OpenAI serves', async () => {
    const request = {
      messages: [{ role: 'user' as const, content: 'How many tokens is this sentence? '.repeat(20) }],
    };
    const upstream = await anthropic.messages.countTokens({ model: 'claude-sonnet-4-5', ...request });
    expect(claude.requests.at(-1)?.path).toBe('/v1/messages/count_tokens');
    const local = await anthropic.messages.countTokens({ model: 'house-gpt', ...request });
    expect(gpt.requests).toHaveLength(0);
    expect(local.input_tokens).toBeGreaterThan(0);
    // The mock counts a token per 4 bytes; the local estimate must not come in under a real count.
    expect(local.input_tokens).toBeGreaterThanOrEqual(
      Math.ceil(JSON.stringify(request.messages[0]?.content).length / 5),
    );
    expect(upstream.input_tokens).toBeGreaterThan(0);
  });
});

describe('OpenAI SDK served by an Anthropic account', () => {
  it('answers Chat Completions JSON and streams with the usage chunk it asked for', async () => {
    const completion = await openai.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from the mock upstream.');
    expect(claude.requests.at(-1)!.path).toBe('/v1/messages');
    const stream = await openai.chat.completions.create({
      model: 'claude-sonnet-4-5',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'mock:long 5' }],
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const reported = claude.requests.at(-1)!.reported!;
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(reported.output_tokens);
    expect(await latestRecord()).toMatchObject({
      surface: 'openai-chat',
      upstreamFormat: 'anthropic',
      stream: true,
      inputTokens: reported.input_tokens,
      outputTokens: reported.output_tokens,
    });
  });

  it('omits the usage chunk when the Chat client did not ask, and translates tool calls', async () => {
    const stream = openai.chat.completions.stream({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'mock:tool get_weather {"city":"Lima"}' }],
      tools: [{ type: 'function', function: weather }],
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    stream.on('chunk', (chunk) => chunks.push(chunk));
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Lima' });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
  });

  it('answers the Responses API, JSON and streamed', async () => {
    const response = await openai.responses.create({ model: 'claude-sonnet-4-5', input: 'Hello' });
    expect(response.output_text).toBe('Hello from the mock upstream.');
    const stream = await openai.responses.create({
      model: 'claude-sonnet-4-5',
      input: 'mock:long 3',
      stream: true,
    });
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) if (event.type === 'response.completed') completed = event.response;
    const reported = claude.requests.at(-1)!.reported!;
    expect(completed?.usage?.output_tokens).toBe(reported.output_tokens);
    expect(await latestRecord()).toMatchObject({
      surface: 'openai-responses',
      upstreamFormat: 'anthropic',
      stream: true,
    });
  });

  it('renders an Anthropic upstream error in OpenAI shape, keeping retry-after', async () => {
    const error = await openai.chat.completions
      .create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'mock:error 429' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('7');
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).error).toMatchObject({
      type: 'rate_limit_error',
    });
  });
});
