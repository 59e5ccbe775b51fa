import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

interface UsageRecordView {
  keyId: string;
  accountId: string;
  model: string;
  upstreamModel: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  cost: number;
  status: number;
  stream: boolean;
  partial: boolean;
  errorClass: string | null;
  clientFamily: string;
  upstreamRequestId: string | null;
}

let mock: MockUpstream;
let gate: RunningGatehouse;
let accountId: string;
let key: { id: string; key: string };
let client: Anthropic;

async function recordsFor(keyId: string): Promise<UsageRecordView[]> {
  const answer = await gate.admin<{ records: UsageRecordView[] }>(
    'GET',
    `/admin/api/usage/records?keyId=${keyId}`,
  );
  return answer.body.records;
}

beforeAll(async () => {
  mock = await startMockAnthropic();
  gate = await startGatehouse();
  accountId = (
    await gate.createAccount({
      name: 'mock',
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
      models: [
        'claude-sonnet-4-5',
        'claude-haiku-*',
        { name: 'claude-opus-4-5', upstreamModel: 'claude-sonnet-4-5-20250929' },
      ],
    })
  ).id;
  key = await gate.createKey({ name: 'sdk' });
  client = new Anthropic({ apiKey: key.key, baseURL: gate.url, maxRetries: 0 });
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
});

beforeEach(() => mock.reset());

describe('Anthropic SDK through Gatehouse', () => {
  it('answers a JSON message and records its exact usage', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the mock upstream.' }]);
    const seen = mock.requests.at(-1)!;
    expect(seen.headers['x-api-key']).toBe('mock-key');
    expect(seen.headers.authorization).toBeUndefined();
    expect(JSON.stringify(seen.headers)).not.toContain(key.key);
    // The SDK sends its own (newer) version date; it must arrive unchanged, never pinned by Gatehouse.
    expect(seen.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [record] = await recordsFor(key.id);
    expect(record).toMatchObject({
      accountId,
      model: 'claude-sonnet-4-5',
      inputTokens: seen.reported!.input_tokens,
      outputTokens: seen.reported!.output_tokens,
      status: 200,
      stream: false,
      partial: false,
      clientFamily: 'anthropic-sdk-js',
      upstreamRequestId: expect.stringMatching(/^req_mock_/),
    });
    expect(record!.cost).toBeCloseTo(
      (seen.reported!.input_tokens * 3 + seen.reported!.output_tokens * 15) / 1e6,
      12,
    );
  });

  it('streams with the SDK helper and records cache writes and reads exactly', async () => {
    const request = {
      model: 'claude-sonnet-4-5',
      max_tokens: 512,
      system: [
        {
          type: 'text' as const,
          text: 'You are a careful assistant. '.repeat(40),
          cache_control: { type: 'ephemeral' as const },
        },
        {
          type: 'text' as const,
          text: 'Long-lived rules. '.repeat(40),
          cache_control: { type: 'ephemeral' as const, ttl: '1h' as const },
        },
      ],
      messages: [{ role: 'user' as const, content: 'mock:long 12' }],
    };
    const first = await client.messages.stream(request).finalMessage();
    const second = await client.messages.stream(request).finalMessage();
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(second.usage.cache_read_input_tokens).toBeGreaterThan(0);
    const reported = mock.requests.map((r) => r.reported!);
    const records = (await recordsFor(key.id)).slice(0, 2).reverse();
    for (const [index, record] of records.entries()) {
      const usage = reported[index]!;
      expect(record).toMatchObject({
        stream: true,
        status: 200,
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cacheReadTokens: usage.cache_read_input_tokens,
        cacheWriteTokens: usage.cache_creation_input_tokens,
        cacheWrite1hTokens: usage.cache_creation.ephemeral_1h_input_tokens,
      });
    }
    expect(records[0]!.cacheWrite1hTokens).toBeGreaterThan(0);
  });

  it('relays tool use, with streamed input_json_delta that parses to the tool input', async () => {
    const tools = [
      {
        name: 'get_weather',
        description: 'Weather for a city',
        input_schema: {
          type: 'object' as const,
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    ];
    const content = 'mock:tool get_weather {"city":"Zürich","units":"metric"}';
    const json = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      tools,
      messages: [{ role: 'user', content }],
    });
    const streamed = await client.messages
      .stream({ model: 'claude-sonnet-4-5', max_tokens: 256, tools, messages: [{ role: 'user', content }] })
      .finalMessage();
    for (const message of [json, streamed]) {
      expect(message.stop_reason).toBe('tool_use');
      const toolUse = message.content.find((block) => block.type === 'tool_use');
      expect(toolUse).toMatchObject({ name: 'get_weather', input: { city: 'Zürich', units: 'metric' } });
    }
  });

  it('relays thinking blocks with their signatures', async () => {
    const message = await client.messages
      .stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'mock:think' }],
      })
      .finalMessage();
    const thinking = message.content.find((block) => block.type === 'thinking');
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
  });

  it('renames the model for the upstream and records both names', async () => {
    const message = await client.messages.create({
      model: 'claude-opus-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect((mock.requests.at(-1)!.body as { model: string }).model).toBe('claude-sonnet-4-5-20250929');
    expect(message.model).toBe('claude-sonnet-4-5-20250929');
    const [record] = await recordsFor(key.id);
    expect(record).toMatchObject({ model: 'claude-opus-4-5', upstreamModel: 'claude-sonnet-4-5-20250929' });
  });

  it('counts tokens through the upstream without recording usage', async () => {
    const before = (await recordsFor(key.id)).length;
    const counted = await client.messages.countTokens({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'How many tokens is this?' }],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(mock.requests.at(-1)!.path).toBe('/v1/messages/count_tokens');
    expect((await recordsFor(key.id)).length).toBe(before);
  });

  it('lists the models the key may use', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5']));
    expect(ids.some((id) => id.includes('*'))).toBe(false);
  });

  it('passes Claude Code bodies through byte for byte: unknown fields, mid-conversation system turns, formatting', async () => {
    const body =
      '{"model" : "claude-sonnet-4-5", "max_tokens":64,\n "messages":[{"role":"user","content":"a \\u00e9 é"},' +
      '{"role":"assistant","content":"b"},{"role":"system","content":"Reminder mid-conversation"},' +
      '{"role":"user","content":"c"}],"context_management":{"edits":[]},"output_config":{"effort":"high"},' +
      '"metadata":{"user_id":"{\\"device_id\\":\\"d\\",\\"session_id\\":\\"s\\"}"},"brand_new_field_2027":[1,2,3]}';
    const response = await fetch(`${gate.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: {
        'x-api-key': key.key,
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'anthropic-beta':
          'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27',
        'x-app': 'cli',
        'user-agent': 'claude-cli/2.1.0 (external, cli)',
        cookie: 'session=caller-secret',
        'x-forwarded-for': '203.0.113.9',
      },
      body,
    });
    expect(response.status).toBe(200);
    const seen = mock.requests.at(-1)!;
    expect(seen.rawBody.toString()).toBe(body);
    expect(seen.path).toBe('/v1/messages?beta=true');
    expect(seen.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen.headers['anthropic-beta']).toBe(
      'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27',
    );
    expect(seen.headers['x-app']).toBe('cli');
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBeUndefined();
    const [record] = await recordsFor(key.id);
    expect(record!.clientFamily).toBe('claude-code');
  });

  it('serves the /api and /claude aliases', async () => {
    for (const prefix of ['/api', '/claude']) {
      const aliased = new Anthropic({ apiKey: key.key, baseURL: `${gate.url}${prefix}`, maxRetries: 0 });
      const message = await aliased.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(message.type).toBe('message');
    }
  });

  it('authenticates with Authorization: Bearer (ANTHROPIC_AUTH_TOKEN style)', async () => {
    const bearer = new Anthropic({ authToken: key.key, apiKey: null, baseURL: gate.url, maxRetries: 0 });
    const message = await bearer.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(message.type).toBe('message');
  });
});
