import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

let mock: MockUpstream;
let gate: RunningGatehouse;
let key: string;

beforeAll(async () => {
  mock = await startMockAnthropic();
  gate = await startGatehouse({ GATEHOUSE_USAGE_LIVE_HEARTBEAT_MS: '100' });
  await gate.createAccount({
    name: 'claude',
    type: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'mock-key',
    models: ['claude-*'],
  });
  key = (await gate.createKey()).key;
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
});

interface LiveEvent {
  event: string;
  data: Record<string, unknown>;
}

/** An SSE reader on a plain node:http response: whole events only, comments counted separately. */
function readEvents(response: IncomingMessage) {
  const events: LiveEvent[] = [];
  let comments = 0;
  let buffer = '';
  const waiters: (() => void)[] = [];
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      if (block.startsWith(':')) comments += 1;
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name && data) events.push({ event: name, data: JSON.parse(data) });
      for (const wake of waiters.splice(0)) wake();
    }
  });
  return {
    events,
    get comments() {
      return comments;
    },
    async until(check: () => boolean): Promise<void> {
      for (let rounds = 0; rounds < 200 && !check(); rounds += 1)
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      expect(check()).toBe(true);
    },
  };
}

function openLive(headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const url = new URL('/admin/api/usage/live', gate.url);
    httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, resolve)
      .on('error', reject)
      .end();
  });
}

describe('GET /admin/api/usage/live', () => {
  it('refuses callers without admin credentials', async () => {
    const anonymous = await openLive({});
    expect(anonymous.statusCode).toBe(401);
    anonymous.resume();
    const keyHolder = await openLive({ authorization: `Bearer ${key}` });
    expect(keyHolder.statusCode).toBe(401);
    keyHolder.resume();
  });

  it('streams each recorded request, per-minute totals and heartbeats', async () => {
    const response = await openLive({ authorization: `Bearer ${gate.adminToken}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const feed = readEvents(response);
    await feed.until(() => feed.comments >= 1);

    const answer = await fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'hello' }],
      }),
    });
    expect(answer.status).toBe(200);
    const reported = ((await answer.json()) as { usage: { input_tokens: number; output_tokens: number } })
      .usage;

    await feed.until(() => feed.events.some((event) => event.event === 'minute'));
    const request = feed.events.find((event) => event.event === 'request');
    expect(request?.data).toMatchObject({
      model: 'claude-haiku-4-5',
      status: 200,
      inputTokens: reported.input_tokens,
      outputTokens: reported.output_tokens,
    });
    expect(typeof request?.data.createdAt).toBe('string');
    const minute = feed.events.find((event) => event.event === 'minute');
    expect(minute?.data).toMatchObject({ requests: 1, errors: 0, outputTokens: reported.output_tokens });
    expect(new Date(String(minute?.data.minute)).getUTCSeconds()).toBe(0);

    // A subscriber that joins later is sent the recent requests first.
    const later = await openLive({ authorization: `Bearer ${gate.adminToken}` });
    const replay = readEvents(later);
    await replay.until(() => replay.events.some((event) => event.event === 'request'));
    later.destroy();
    response.destroy();
  });

  it('never holds up a graceful shutdown', async () => {
    const own = await startGatehouse();
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      httpRequest(
        new URL('/admin/api/usage/live', own.url),
        {
          headers: { authorization: `Bearer ${own.adminToken}` },
        },
        resolve,
      )
        .on('error', reject)
        .end();
    });
    expect(response.statusCode).toBe(200);
    const ended = new Promise((resolve) => response.on('close', resolve));
    response.resume();
    const started = performance.now();
    await own.close();
    await ended;
    // The drain deadline is 30 s: an open feed must not be what the close waits for.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
