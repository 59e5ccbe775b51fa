import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateOutputTokens } from '../../src/usage/estimate-prompt-tokens.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockOpenAi, startMockOpenAi } from '../support/mock-openai/mock-openai.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

interface UsageRow {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  status: number;
  partial: boolean;
  estimated: boolean;
  charged: boolean;
  errorClass: string | null;
}

let claude: MockUpstream;
let gpt: MockOpenAi;
let gate: RunningGatehouse;
let key: string;

beforeAll(async () => {
  claude = await startMockAnthropic();
  gpt = await startMockOpenAi();
  gate = await startGatehouse();
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
    models: ['gpt-*'],
  });
  key = (await gate.createKey()).key;
});

afterAll(async () => {
  await gate?.close();
  await claude?.close();
  await gpt?.close();
});

const prompt = 'mock:slow 20 mock:long 200';

/** Reads a stream until `seen` appears in it, then goes away; returns what it had read. */
async function readThenDisconnect(path: string, body: unknown, seen: string): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${gate.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': key, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before ${seen}`);
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text;
}

async function waitForRecord(model: string): Promise<UsageRow> {
  for (let tries = 0; tries < 100; tries += 1) {
    const answer = await gate.admin<{ records: UsageRow[] }>(
      'GET',
      `/admin/api/usage/records?model=${model}`,
    );
    const record = answer.body.records[0];
    if (record) return record;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no usage record for ${model}`);
}

/** The tokens of `chunk 1. ` … `chunk n. `, as the gateway counts relayed text. */
async function tokensOfChunks(count: number, dialect: string): Promise<number> {
  const text = Array.from({ length: count }, (_, index) => `chunk ${index + 1}. `).join('');
  return estimateOutputTokens({ text, unreadCharacters: 0 }, dialect);
}

describe('a client that disconnects mid-stream', () => {
  it('Anthropic pass-through: upstream aborted at once; input from the start event, output counted, partial', async () => {
    const model = 'claude-sonnet-4-5';
    await readThenDisconnect(
      '/v1/messages',
      { model, max_tokens: 4096, stream: true, messages: [{ role: 'user', content: prompt }] },
      'chunk 20.',
    );
    const record = await waitForRecord(model);
    const upstream = claude.requests.at(-1);
    expect(upstream?.aborted).toBe(true);
    const reported = upstream?.reported as { input_tokens: number; output_tokens: number };
    expect(record).toMatchObject({ partial: true, estimated: true, charged: true, status: 200 });
    expect(record.errorClass).toBe('client_disconnected');
    expect(record.inputTokens).toBe(reported.input_tokens);
    expect(record.outputTokens).toBeGreaterThanOrEqual(await tokensOfChunks(20, 'anthropic'));
    expect(record.outputTokens).toBeLessThan(await tokensOfChunks(200, 'anthropic'));
  });

  it('OpenAI Chat pass-through: input counted locally, output from the relayed deltas, partial', async () => {
    const model = 'gpt-4o';
    await readThenDisconnect(
      '/v1/chat/completions',
      { model, stream: true, messages: [{ role: 'user', content: prompt }] },
      'chunk 20.',
    );
    const record = await waitForRecord(model);
    expect(gpt.requests.at(-1)?.aborted).toBe(true);
    expect(record).toMatchObject({ partial: true, estimated: true, charged: true, status: 200 });
    expect(record.inputTokens).toBeGreaterThan(0);
    expect(record.outputTokens).toBeGreaterThanOrEqual(await tokensOfChunks(20, 'openai-chat'));
    expect(record.outputTokens).toBeLessThan(await tokensOfChunks(200, 'openai-chat'));
  });

  it('across formats (Anthropic caller, OpenAI account): output counted from the translated fold, partial', async () => {
    const model = 'gpt-4.1';
    await readThenDisconnect(
      '/v1/messages',
      { model, max_tokens: 4096, stream: true, messages: [{ role: 'user', content: prompt }] },
      'chunk 20.',
    );
    const record = await waitForRecord(model);
    expect(gpt.requests.at(-1)?.aborted).toBe(true);
    expect(record).toMatchObject({ partial: true, estimated: true, charged: true });
    expect(record.inputTokens).toBeGreaterThan(0);
    expect(record.outputTokens).toBeGreaterThanOrEqual(await tokensOfChunks(20, 'openai-chat'));
    expect(record.outputTokens).toBeLessThan(await tokensOfChunks(200, 'openai-chat'));
  });

  it('a caller gone before the upstream answered is recorded as 499 with its prompt counted', async () => {
    const model = 'claude-haiku-4-5';
    const controller = new AbortController();
    const pending = fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ model, max_tokens: 64, messages: [{ role: 'user', content: 'mock:hang' }] }),
      signal: controller.signal,
    });
    for (let tries = 0; tries < 100 && claude.requests.at(-1)?.body === undefined; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await pending.catch(() => undefined);
    const record = await waitForRecord(model);
    expect(record).toMatchObject({
      status: 499,
      partial: true,
      estimated: true,
      errorClass: 'client_disconnected',
    });
    expect(record.inputTokens).toBeGreaterThan(0);
    expect(record.outputTokens).toBe(0);
  });
});
