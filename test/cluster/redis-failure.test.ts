import { afterEach, describe, expect, it } from 'vitest';
import { type RelayFixture, startRelayFixture } from '../support/gatehouse-harness.js';
import { freePort } from '../support/redis-server.js';

/**
 * What requests do while Redis is unreachable (cluster.redisFailure): fail-open keeps them flowing on
 * local state, fail-closed refuses them with a 503 in the caller's own dialect. Either way /ready says so.
 */
let fixture: RelayFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function unreachableRedisUrl(): Promise<string> {
  // A free port nothing listens on: every connection attempt is refused.
  return `redis://127.0.0.1:${await freePort()}`;
}

function anthropicRequest(url: string, key: string) {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

describe('Redis unreachable', () => {
  it('fail-open: requests are served on local state, /ready reports the degradation and counts it', async () => {
    fixture = await startRelayFixture(
      {},
      { REDIS_URL: await unreachableRedisUrl(), GATEHOUSE_REDIS_FAILURE: 'open' },
    );
    const { gate } = fixture;
    const key = await gate.createKey({ rpmLimit: 100 });
    const answer = await anthropicRequest(gate.url, key.key);
    expect(answer.status).toBe(200);
    const ready = await fetch(`${gate.url}/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as {
      degraded: string[];
      redis: string;
      degradedOperations: number;
      storage: string;
    };
    expect(body).toMatchObject({ degraded: ['redis'], redis: 'unreachable', storage: 'ok' });
    expect(body.degradedOperations).toBeGreaterThan(0);
    // Logged once for the outage, not once per operation.
    expect(gate.logs.filter((line) => line.includes('redis unreachable'))).toHaveLength(1);
  });

  it('fail-closed: requests are refused with a 503 in the caller’s dialect', async () => {
    fixture = await startRelayFixture(
      {},
      { REDIS_URL: await unreachableRedisUrl(), GATEHOUSE_REDIS_FAILURE: 'closed' },
    );
    const { gate, mock } = fixture;
    const key = await gate.createKey();
    const anthropic = await anthropicRequest(gate.url, key.key);
    expect(anthropic.status).toBe(503);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    const openai = await fetch(`${gate.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(openai.status).toBe(503);
    const error = ((await openai.json()) as { error: { type: string; message: string } }).error;
    expect(error.type).toBe('server_error');
    expect(error.message).toMatch(/Redis/);
    expect(mock.requests).toHaveLength(0);
  });
});
