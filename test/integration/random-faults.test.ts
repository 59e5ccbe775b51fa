import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFile, type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import {
  type MockUpstream,
  type Scenario,
  startMockAnthropic,
} from '../support/mock-upstream/mock-anthropic.js';
import { decodeSse } from '../support/mock-upstream/test-helpers.js';

const requestCount = 100;
const faults: Scenario[] = [
  { kind: 'error', status: 429 },
  { kind: 'error', status: 529 },
  { kind: 'error', status: 500 },
  { kind: 'reset' },
  { kind: 'break', afterEvents: 3 },
  { kind: 'stream-error' },
];

/** A small seeded generator, so a failing run can be replayed exactly. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

let mocks: MockUpstream[];
let gate: RunningGatehouse;

beforeAll(async () => {
  mocks = await Promise.all([0, 1, 2].map(() => startMockAnthropic()));
  gate = await startGatehouse({
    GATEHOUSE_CONFIG: configFile(
      'scheduling:\n  retryBackoffMs: 1\n  rateLimitCooldownMs: 200\n  overloadedCooldownMs: 200\n',
    ),
  });
  for (const [index, mock] of mocks.entries()) {
    await gate.createAccount({
      name: `account-${index}`,
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
    });
  }
});

afterAll(async () => {
  await gate?.close();
  await Promise.all(mocks?.map((mock) => mock.close()) ?? []);
});

interface Outcome {
  status: number;
  stream: boolean;
  text: string;
}

function isWellFormed(outcome: Outcome): boolean {
  if (outcome.status === 200 && outcome.stream) {
    const last = decodeSse(outcome.text).at(-1);
    return last?.event === 'message_stop' || last?.event === 'error';
  }
  const body = JSON.parse(outcome.text) as { type?: string; error?: { type?: string } };
  return outcome.status === 200
    ? body.type === 'message'
    : body.type === 'error' && typeof body.error?.type === 'string';
}

describe('a run with random upstream faults', () => {
  it('answers every request well-formed and records exactly one charged record per answered request', async () => {
    const random = seeded(20261122);
    const key = await gate.createKey();
    const outcomes: Outcome[] = [];
    for (let batch = 0; batch < requestCount / 10; batch += 1) {
      const sends = Array.from({ length: 10 }, async (_, index) => {
        if (random() < 0.5)
          mocks[Math.floor(random() * 3)]?.enqueue(faults[Math.floor(random() * faults.length)] as Scenario);
        const stream = random() < 0.5;
        const response = await fetch(`${gate.url}/v1/messages`, {
          method: 'POST',
          headers: {
            'x-api-key': key.key,
            'content-type': 'application/json',
            'x-gatehouse-session': `s-${batch}-${index}`,
          },
          body: JSON.stringify({
            model: 'claude-sonnet-4-5',
            max_tokens: 32,
            stream,
            messages: [{ role: 'user', content: 'hi' }],
          }),
        });
        return { status: response.status, stream, text: await response.text() };
      });
      outcomes.push(...(await Promise.all(sends)));
    }

    const malformed = outcomes.filter((outcome) => !isWellFormed(outcome));
    expect(malformed).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status === 200).length).toBeGreaterThan(requestCount / 2);

    const answer = await gate.admin<{ records: Array<{ charged: boolean }> }>(
      'GET',
      `/admin/api/usage/records?keyId=${key.id}&limit=1000`,
    );
    const attempts = mocks.reduce((sum, mock) => sum + mock.requests.length, 0);
    expect(answer.body.records).toHaveLength(attempts);
    // Every request that reached an upstream has exactly one charged record; a 503 reached none.
    const answeredByUpstream = outcomes.filter((outcome) => outcome.status !== 503).length;
    expect(answer.body.records.filter((record) => record.charged)).toHaveLength(answeredByUpstream);
  });
});
