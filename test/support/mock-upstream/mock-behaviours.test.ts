import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockAnthropic } from './mock-anthropic.js';
import { decodeSse, postJson, userMessage, waitUntil } from './test-helpers.js';

const tokensOf = (value: unknown) => Math.ceil(Buffer.byteLength(JSON.stringify(value)) / 4);

interface JsonMessage {
  content: Array<{ type: string; text?: string }>;
  stop_reason: string;
  stop_sequence: string | null;
  usage: Record<string, unknown> & { output_tokens: number };
}

let mock: MockUpstream;

beforeEach(async () => {
  mock = await startMockAnthropic();
});

afterEach(async () => {
  await mock.close();
});

async function createMessage(body: unknown): Promise<JsonMessage> {
  const response = await postJson(mock, '/v1/messages', body);
  expect(response.status).toBe(200);
  return (await response.json()) as JsonMessage;
}

describe('prompt caching', () => {
  const systemBlock = { type: 'text', text: 'S'.repeat(400), cache_control: { type: 'ephemeral' } };
  const messages = [{ role: 'user', content: 'hi' }];
  const body = { model: 'claude-test', max_tokens: 100, system: [systemBlock], messages };

  it('writes the prefix on first sight and reads it afterwards', async () => {
    const prefix = tokensOf([systemBlock]);
    const total = tokensOf({ system: [systemBlock], messages });
    const first = await createMessage(body);
    const second = await createMessage(body);

    expect(first.usage).toMatchObject({
      input_tokens: total - prefix,
      cache_creation_input_tokens: prefix,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: prefix, ephemeral_1h_input_tokens: 0 },
    });
    expect(second.usage).toMatchObject({
      input_tokens: total - prefix,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: prefix,
    });
    expect(mock.requests[1]?.reported).toEqual(second.usage);
  });

  it('splits a write between the 1h and 5m breakpoints, and reset() forgets the cache', async () => {
    const tool = {
      name: 'T',
      input_schema: { type: 'object' },
      cache_control: { type: 'ephemeral', ttl: '1h' },
    };
    const withTool = { ...body, tools: [tool] };
    const oneHour = tokensOf([tool]);
    const both = tokensOf([tool, systemBlock]);
    const first = await createMessage(withTool);
    mock.reset();
    const afterReset = await createMessage(withTool);

    expect(first.usage).toMatchObject({
      cache_creation_input_tokens: both,
      cache_creation: { ephemeral_1h_input_tokens: oneHour, ephemeral_5m_input_tokens: both - oneHour },
    });
    expect(afterReset.usage).toEqual(first.usage);
    expect(mock.requests).toHaveLength(1);
  });

  it('reads the longest cached prefix and writes only the new stretch', async () => {
    await createMessage(body);
    const turn = { type: 'text', text: 'next turn', cache_control: { type: 'ephemeral' } };
    const longer = { ...body, messages: [{ role: 'user', content: [turn] }] };
    const second = await createMessage(longer);
    const systemPrefix = tokensOf([systemBlock]);
    const fullPrefix = tokensOf([systemBlock, { role: 'user', block: turn }]);

    // The first request's breakpoint was after the system block only; the user turn differs.
    expect(second.usage).toMatchObject({
      cache_read_input_tokens: systemPrefix,
      cache_creation_input_tokens: fullPrefix - systemPrefix,
    });
  });
});

describe('reply limits', () => {
  it('cuts at the earliest stop sequence', async () => {
    const message = await createMessage(userMessage('hi', { stop_sequences: ['zzz', 'mock'] }));

    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the ' }]);
    expect(message).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'mock' });
  });

  it('cuts at max_tokens × 4 characters', async () => {
    const message = await createMessage(userMessage('hi', { max_tokens: 2 }));

    expect(message.content).toEqual([{ type: 'text', text: 'Hello fr' }]);
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBe(2);
  });
});

describe('directives and scenarios', () => {
  it('echoes the last user message', async () => {
    const message = await createMessage(userMessage('mock:echo and the rest'));

    expect(message.content).toEqual([{ type: 'text', text: 'mock:echo and the rest' }]);
  });

  it('sends n text deltas for mock:long', async () => {
    const response = await postJson(mock, '/v1/messages', userMessage('mock:long 25', { stream: true }));
    const deltas = decodeSse(await response.text()).filter((event) => event.event === 'content_block_delta');

    expect(deltas).toHaveLength(25);
  });

  it('serves enqueued scenarios first, in order, then falls back to directives', async () => {
    mock.enqueue({ kind: 'error', status: 529 });
    mock.enqueue({ kind: 'text', text: 'queued answer' });
    const statuses: number[] = [];
    const texts: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await postJson(mock, '/v1/messages', userMessage('mock:echo'));
      statuses.push(response.status);
      if (response.ok) texts.push(((await response.json()) as JsonMessage).content[0]?.text ?? '');
    }

    expect(statuses).toEqual([529, 200, 200]);
    expect(texts).toEqual(['queued answer', 'mock:echo']);
  });

  it('breaks a stream after n events without message_stop', async () => {
    const response = await postJson(mock, '/v1/messages', userMessage('mock:break 3', { stream: true }));

    await expect(response.text()).rejects.toThrow();
    expect(mock.requests[0]).toMatchObject({ status: 200, aborted: false });
    // Only message_start had reported usage: output_tokens is still 1.
    expect(mock.requests[0]?.reported?.output_tokens).toBe(1);
  });

  it('resets the connection before any header for mock:reset', async () => {
    await expect(postJson(mock, '/v1/messages', userMessage('mock:reset'))).rejects.toThrow();
    expect(mock.requests[0]).toMatchObject({ status: 0, aborted: false });
  });

  it('hangs until the client aborts, and records the abort', async () => {
    const controller = new AbortController();
    const pending = postJson(mock, '/v1/messages', userMessage('mock:hang'), { signal: controller.signal });
    await waitUntil(() => mock.requests.length === 1);
    controller.abort();

    await expect(pending).rejects.toThrow();
    await waitUntil(() => mock.requests[0]?.aborted === true);
    expect(mock.requests[0]?.status).toBe(0);
  });

  it('stops a slow stream when the client goes away', async () => {
    const response = await postJson(
      mock,
      '/v1/messages',
      userMessage('mock:slow 20 mock:long 200', { stream: true }),
    );
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();

    await waitUntil(() => mock.requests[0]?.aborted === true);
    expect(mock.requests[0]?.reported?.output_tokens).toBe(1);
  });

  it('closes promptly with a request still hanging', async () => {
    const pending = postJson(mock, '/v1/messages', userMessage('mock:hang')).catch((error: unknown) => error);
    await waitUntil(() => mock.requests.length === 1);
    await mock.close();

    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('fast mode', () => {
  let fast: MockUpstream;

  beforeEach(async () => {
    fast = await startMockAnthropic({ fast: true, apiKey: 'bench-key' });
  });

  afterEach(async () => {
    await fast.close();
  });

  it('answers JSON and SSE from precomputed bytes without recording', async () => {
    const headers = { 'x-api-key': 'bench-key' };
    const json = await postJson(fast, '/v1/messages', userMessage('hi'), { headers });
    const sse = await postJson(
      fast,
      '/v1/messages',
      JSON.stringify(userMessage('hi', { stream: true }), null, 1),
      {
        headers,
      },
    );
    const events = decodeSse(await sse.text());

    expect(((await json.json()) as JsonMessage).content).toEqual([
      { type: 'text', text: 'Hello from the mock upstream.' },
    ]);
    expect(events[0]?.event).toBe('message_start');
    expect(events.at(-1)?.event).toBe('message_stop');
    expect(fast.requests).toHaveLength(0);
  });

  it('still checks the key', async () => {
    const response = await postJson(fast, '/v1/messages', userMessage('hi'));

    expect(response.status).toBe(401);
  });
});

describe('cli', () => {
  it('prints its address, serves, and exits on SIGTERM', async () => {
    const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--fast', '--api-key', 'cli-key'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [firstChunk] = (await once(child.stdout, 'data')) as [Buffer];
    const { url } = JSON.parse(firstChunk.toString().split('\n')[0] ?? '') as { url: string };
    const response = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'cli-key', 'content-type': 'application/json' },
      body: JSON.stringify(userMessage('hi')),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });
});
