import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

const weights = [1, 2, 3];

/** mulberry32: a seeded generator, so the spread is reproducible (true randomness would make a ±5%
 * bound on the smallest share a one-in-five failure: its standard deviation is 4% of the share). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const requestCount = 3000;
let mocks: MockUpstream[];
let gate: RunningGatehouse;

beforeAll(async () => {
  mocks = await Promise.all(weights.map(() => startMockAnthropic()));
  gate = await startGatehouse({}, { random: seededRandom(3000) });
  for (const [index, mock] of mocks.entries()) {
    await gate.createAccount({
      name: `w${weights[index]}`,
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
      weight: weights[index],
    });
  }
});

afterAll(async () => {
  await gate?.close();
  await Promise.all(mocks?.map((mock) => mock.close()) ?? []);
});

describe('weighted spreading', () => {
  it(`spreads ${requestCount} requests over three accounts within ±5% of their weights`, async () => {
    const { key } = await gate.createKey();
    const body = JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let sent = 0;
    const worker = async () => {
      while (sent < requestCount) {
        sent += 1;
        const response = await fetch(`${gate.url}/v1/messages`, {
          method: 'POST',
          // Each request its own conversation: sticky sessions would otherwise pin them.
          headers: {
            'x-api-key': key,
            'content-type': 'application/json',
            'x-gatehouse-session': `c${sent}`,
          },
          body,
        });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const served = mocks.map((mock) => mock.requests.length);
    expect(served.reduce((sum, count) => sum + count, 0)).toBe(requestCount);
    for (const [index, weight] of weights.entries()) {
      const expected = (requestCount * weight) / total;
      const deviation = Math.abs((served[index] as number) - expected) / expected;
      expect(deviation, `account of weight ${weight}: served ${served.join(', ')}`).toBeLessThanOrEqual(0.05);
    }
    // 3,000 real requests take ~10 s alone but close to 30 s on a loaded 2-core machine; the property
    // checked is about counts, not speed, so a generous limit keeps it from failing by timeout.
  }, 120_000);
});
