import { request as httpRequest } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/access/key-format.js';
import { errorBody } from '../support/error-body.js';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';
import type { MockUpstream } from '../support/mock-upstream/mock-anthropic.js';
import { decodeSse } from '../support/mock-upstream/test-helpers.js';

let fixture: RelayFixture;
let mock: MockUpstream;
let gate: RunningGatehouse;
let key: { id: string; key: string };
let client: Anthropic;

const maxBodyBytes = 64 * 1024;

beforeAll(async () => {
  fixture = await startRelayFixture({}, { GATEHOUSE_MAX_BODY_BYTES: String(maxBodyBytes) });
  ({ mock, gate } = fixture);
  key = await gate.createKey();
  client = new Anthropic({ apiKey: key.key, baseURL: gate.url, maxRetries: 0 });
});

afterAll(() => fixture?.close());

// Upstream failures now cool the only account down (as they should): each test starts from a healthy one.
beforeEach(async () => {
  mock.reset();
  await gate.admin('POST', `/admin/api/accounts/${fixture.accountId}/reset`);
});

function post(path: string, headers: Record<string, string>, body: string) {
  return fetch(`${gate.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** Sends one user message with the test key; `content` may carry mock directives. */
function sendMessage(content: string, fields: Record<string, unknown> = {}) {
  const body = {
    model: 'claude-sonnet-4-5',
    max_tokens: 8,
    messages: [{ role: 'user', content }],
    ...fields,
  };
  return post('/v1/messages', { 'x-api-key': key.key }, JSON.stringify(body));
}

const hello = JSON.stringify({
  model: 'claude-sonnet-4-5',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hi' }],
});

async function records() {
  const answer = await gate.admin<{ records: Array<Record<string, unknown>> }>(
    'GET',
    `/admin/api/usage/records?keyId=${key.id}`,
  );
  return answer.body.records;
}

describe('authentication', () => {
  it('refuses unknown, malformed and missing keys with byte-identical 401 bodies, before any upstream call', async () => {
    const candidates: Array<Record<string, string>> = [
      { 'x-api-key': generateKey() },
      { 'x-api-key': `${key.key.slice(0, -1)}${key.key.endsWith('a') ? 'b' : 'a'}` },
      { 'x-api-key': 'sk-ant-api03-not-ours' },
      { 'x-api-key': `sk-gate-${'A'.repeat(5000)}` },
      { authorization: 'Bearer sk-gate-short' },
      {},
    ];
    const bodies = new Set<string>();
    for (const headers of candidates) {
      const response = await post('/v1/messages', headers, hello);
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(text).not.toContain('sk-');
      bodies.add(text);
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'Invalid API key.' },
    });
    expect(mock.requests).toHaveLength(0);
  });

  it('lets x-api-key win over Authorization when both are sent', async () => {
    const response = await post(
      '/v1/messages',
      { 'x-api-key': key.key, authorization: 'Bearer something-else' },
      hello,
    );
    expect(response.status).toBe(200);
    const refused = await post(
      '/v1/messages',
      { 'x-api-key': generateKey(), authorization: `Bearer ${key.key}` },
      hello,
    );
    expect(refused.status).toBe(401);
  });

  it('surfaces 401 as the SDK AuthenticationError', async () => {
    const stranger = new Anthropic({ apiKey: generateKey(), baseURL: gate.url, maxRetries: 0 });
    await expect(
      stranger.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });
});

describe('request errors', () => {
  it('answers 404 not_found_error for a model no account serves', async () => {
    const error = await client.messages
      .create({ model: 'claude-nonexistent-9', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      error: { type: 'not_found_error' },
    });
    expect(mock.requests).toHaveLength(0);
  });

  it('answers 400 for a malformed body or a missing model, and 415 for other content types', async () => {
    const malformed = await post('/v1/messages', { 'x-api-key': key.key }, '{"model":"claude-sonnet-4-5",');
    expect(malformed.status).toBe(400);
    expect((await errorBody(malformed)).error.type).toBe('invalid_request_error');
    const noModel = await post('/v1/messages', { 'x-api-key': key.key }, '{"messages":[]}');
    expect(noModel.status).toBe(400);
    expect((await errorBody(noModel)).error.message).toContain('model');
    const text = await fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key.key, 'content-type': 'text/plain' },
      body: hello,
    });
    expect(text.status).toBe(415);
    expect((await errorBody(text)).type).toBe('error');
  });

  it('refuses a model name with control characters', async () => {
    const response = await sendMessage('hi', { model: 'claude-sonnet-4-5\u0000x' });
    expect(response.status).toBe(400);
    expect((await errorBody(response)).error.message).toContain('control characters');
    expect(mock.requests).toHaveLength(0);
  });

  it('accepts application/json with a charset parameter', async () => {
    const response = await post(
      '/v1/messages',
      { 'x-api-key': key.key, 'content-type': 'application/json; charset=utf-8' },
      hello,
    );
    expect(response.status).toBe(200);
  });

  it('answers 413 from Content-Length alone, before reading the body', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${gate.url}/v1/messages`, {
        method: 'POST',
        headers: {
          'x-api-key': key.key,
          'content-type': 'application/json',
          'content-length': String(maxBodyBytes + 1),
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on('error', reject);
      request.write('{"model":'); // the rest never comes: the answer must not wait for it
    });
    expect(status).toBe(413);
  });

  it('answers 413 for an oversized chunked body, in the SDK error class', async () => {
    const error = await client.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x'.repeat(maxBodyBytes) }],
      })
      .catch((caught: unknown) => caught);
    expect((error as { status?: number }).status).toBe(413);
    expect((error as { error?: unknown }).error).toMatchObject({ error: { type: 'request_too_large' } });
  });

  it('answers 431 for oversized headers', async () => {
    const response = await post(
      '/v1/messages',
      { 'x-api-key': key.key, 'x-padding': 'p'.repeat(20 * 1024) },
      hello,
    );
    expect(response.status).toBe(431);
  });

  it('answers unknown routes with 404 in Anthropic shape and HEAD / without credentials', async () => {
    const missing = await fetch(`${gate.url}/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await errorBody(missing)).error.type).toBe('not_found_error');
    const head = await fetch(`${gate.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});

describe('upstream errors', () => {
  it('relays 429 with retry-after as the SDK RateLimitError', async () => {
    const error = await client.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'mock:error 429' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const rateLimited = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(rateLimited.headers?.get('retry-after')).toBe('7');
    expect(rateLimited.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    const [record] = await records();
    expect(record).toMatchObject({ status: 429, errorClass: 'rate_limit_error' });
  });

  it('relays 529 overloaded_error with its status', async () => {
    const response = await sendMessage('mock:error 529');
    expect(response.status).toBe(529);
    expect((await errorBody(response)).error.type).toBe('overloaded_error');
  });

  it('scrubs an upstream credential echoed in an error body', async () => {
    const response = await sendMessage('mock:leak');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('mock-key');
    expect(text).toContain('[redacted]');
  });

  it('never relays upstream-identifying headers', async () => {
    for (const content of ['hi', 'mock:error 429']) {
      const response = await sendMessage(content);
      await response.text();
      for (const name of ['set-cookie', 'anthropic-organization-id', 'cf-ray', 'server', 'via']) {
        expect(response.headers.get(name), `${name} on "${content}"`).toBeNull();
      }
      expect(response.headers.get('request-id')).toMatch(/^req_mock_/);
    }
  });

  it('answers 502 in Anthropic shape when the upstream resets before answering', async () => {
    const response = await sendMessage('mock:reset');
    expect(response.status).toBe(502);
    expect((await errorBody(response)).error.type).toBe('api_error');
  });

  it('relays a stream error event and ends a broken stream with a well-formed error event', async () => {
    for (const content of ['mock:stream-error', 'mock:break 4']) {
      const response = await sendMessage(content, { max_tokens: 64, stream: true });
      expect(response.status).toBe(200);
      const events = decodeSse(await response.text());
      const last = events.at(-1)!;
      expect(last.event, content).toBe('error');
      expect(last.data).toMatchObject({ type: 'error', error: { type: expect.any(String) } });
    }
    const [broken, streamError] = await records();
    expect(broken).toMatchObject({ errorClass: 'upstream_stream_broken', stream: true });
    expect(streamError).toMatchObject({ errorClass: 'overloaded_error', stream: true });
  });
});

describe('client disconnects', () => {
  it('aborts the upstream request when the client goes away mid-stream, and records a partial request', async () => {
    const controller = new AbortController();
    const response = await sendMessage('mock:slow 30 mock:long 500', { max_tokens: 4096, stream: true });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel();
    await expect.poll(() => mock.requests.at(-1)?.aborted, { timeout: 5000 }).toBe(true);
    await expect
      .poll(async () => (await records())[0], { timeout: 5000 })
      .toMatchObject({
        partial: true,
        errorClass: 'client_disconnected',
        stream: true,
      });
  });
});
