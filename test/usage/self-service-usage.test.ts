import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, consoleLogin, seedUser } from '../support/console-session.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

interface Totals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

let mock: MockUpstream;
let gate: RunningGatehouse;
let alice: ConsoleSession;
let bob: ConsoleSession;
const keys: Record<'alice' | 'bob', { id: string; key: string }> = {} as never;

async function send(key: string, content: string): Promise<void> {
  const response = await fetch(`${gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content }],
    }),
  });
  expect(response.status).toBe(200);
  await response.text();
}

beforeAll(async () => {
  mock = await startMockAnthropic();
  gate = await startGatehouse();
  await gate.createAccount({
    name: 'claude',
    type: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'mock-key',
    models: ['claude-*'],
  });
  const aliceUser = await seedUser(gate, { username: 'alice', password: 'alice-password' });
  const bobUser = await seedUser(gate, { username: 'bob', password: 'bob-password' });
  keys.alice = await gate.createKey({ name: 'alice key', userId: aliceUser.id });
  keys.bob = await gate.createKey({ name: 'bob key', userId: bobUser.id });
  await send(keys.alice.key, 'hello');
  for (let index = 0; index < 3; index += 1) await send(keys.bob.key, 'mock:long 10');
  alice = await consoleLogin(gate, 'alice', 'alice-password');
  bob = await consoleLogin(gate, 'bob', 'bob-password');
});

afterAll(async () => {
  await gate?.close();
  await mock?.close();
});

async function summary(session: ConsoleSession, query = '') {
  const response = await session.fetch('GET', `/api/usage/summary?groupBy=key${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { totals: Totals; groups: (Totals & { value: string })[] };
}

describe('self-service usage (/api/usage/…)', () => {
  it("shows each user only their own keys' usage", async () => {
    const mine = await summary(alice);
    expect(mine.totals.requests).toBe(1);
    expect(mine.groups.map((group) => group.value)).toEqual([keys.alice.id]);
    const theirs = await summary(bob);
    expect(theirs.totals.requests).toBe(3);
    expect(theirs.groups.map((group) => group.value)).toEqual([keys.bob.id]);
    const all = await gate.admin<{ totals: Totals }>('GET', '/admin/api/usage/summary');
    expect(all.body.totals.requests).toBe(4);
  });

  it("never lets a user reach another user's usage through filters", async () => {
    const bobId = bob.user.id;
    expect((await summary(alice, `&userId=${bobId}`)).totals.requests).toBe(1);
    expect((await summary(alice, `&keyId=${keys.bob.id}`)).totals.requests).toBe(0);
    const groupedByUser = await alice.fetch('GET', '/api/usage/summary?groupBy=user');
    const rows = ((await groupedByUser.json()) as { groups: { value: string }[] }).groups;
    expect(rows.map((row) => row.value)).toEqual([alice.user.id]);
  });

  it("exports only the caller's own records", async () => {
    const csv = await alice.fetch('GET', `/api/usage/export?format=csv&view=records&userId=${bob.user.id}`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    const header = (lines[0] ?? '').split(',');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.split(',')[header.indexOf('keyId')]).toBe(keys.alice.id);
    expect(lines.join('\n')).not.toContain(keys.bob.id);
  });

  it('refuses anonymous callers, and the bootstrap token (it belongs to no user)', async () => {
    expect((await fetch(`${gate.url}/api/usage/summary`)).status).toBe(401);
    const bootstrap = await fetch(`${gate.url}/api/usage/summary`, {
      headers: { authorization: `Bearer ${gate.adminToken}` },
    });
    expect(bootstrap.status).toBe(403);
  });
});
