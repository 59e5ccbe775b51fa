import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedGatehouse, spawnGatehouse, withAdminHelpers } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { eventually, uniqueRedisPrefix } from '../support/redis.js';
import { type OwnRedis, startOwnRedis } from '../support/redis-server.js';

/**
 * Three real Gatehouse processes on loopback ports sharing one fresh PostgreSQL database and one Redis
 * (a private redis-server, so it can be killed and restarted), with the mock Anthropic upstream: the
 * cluster shape of SPEC §1 as an operator runs it.
 */

type Instance = SpawnedGatehouse & ReturnType<typeof withAdminHelpers<SpawnedGatehouse>>;

interface ReadyBody {
  status: string;
  degraded: string[];
  redis: string;
  leader: boolean;
  instanceId: string;
}

interface UsageRecordView {
  accountId: string;
  outputTokens: number;
  inputTokens: number;
  charged: boolean;
}

let database: TestDatabase;
let redis: OwnRedis;
let mock: MockUpstream;
let instances: Instance[] = [];
const prefix = uniqueRedisPrefix();

async function spawnInstance(): Promise<Instance> {
  const spawned = await spawnGatehouse({
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    GATEHOUSE_REDIS_PREFIX: prefix,
    GATEHOUSE_MASTER_KEY: masterKey,
    GATEHOUSE_ADMIN_TOKEN: adminToken,
    GATEHOUSE_LEADER_LEASE_MS: '1000',
    GATEHOUSE_RECONCILE_INTERVAL_MS: '400',
    GATEHOUSE_USAGE_FLUSH_INTERVAL_MS: '100',
  });
  return withAdminHelpers(spawned, async () => {
    await spawned.stop();
  });
}

const masterKey = randomBytes(32).toString('hex');
const adminToken = `cluster-admin-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startOwnRedis();
  mock = await startMockAnthropic();
  // The first instance migrates the fresh database; the others start on the migrated schema.
  const first = await spawnInstance();
  instances = [first, ...(await Promise.all([spawnInstance(), spawnInstance()]))];
  await first.createAccount({
    name: 'mock-1',
    type: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'mock-key',
    models: ['claude-sonnet-4-5'],
  });
}, 60_000);

afterAll(async () => {
  try {
    await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
    await mock?.close();
    await redis?.close();
  } finally {
    await database?.drop();
  }
});

async function send(
  instance: Instance,
  key: string,
  options: { session?: string; text?: string } = {},
): Promise<{ status: number; outputTokens: number }> {
  const response = await fetch(`${instance.url}/v1/messages`, {
    method: 'POST',
    headers: {
      'x-api-key': key,
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      ...(options.session ? { 'x-gatehouse-session': options.session } : {}),
    },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 32,
      messages: [{ role: 'user', content: options.text ?? `hello ${randomBytes(4).toString('hex')}` }],
    }),
  });
  const text = await response.text();
  const body = response.ok ? (JSON.parse(text) as { usage: { output_tokens: number } }) : undefined;
  return { status: response.status, outputTokens: body?.usage.output_tokens ?? 0 };
}

async function ready(instance: Instance): Promise<{ status: number; body: ReadyBody }> {
  const response = await fetch(`${instance.url}/ready`);
  return { status: response.status, body: (await response.json()) as ReadyBody };
}

async function records(instance: Instance, keyId: string): Promise<UsageRecordView[]> {
  const answer = await instance.admin<{ records: UsageRecordView[] }>(
    'GET',
    `/admin/api/usage/records?keyId=${keyId}&limit=1000`,
  );
  return answer.body.records;
}

/** Revokes a key through `via` and returns how long until every one of `others` refuses it. */
async function revokeAndTime(via: Instance, others: Instance[], key: { id: string; key: string }) {
  for (const instance of others) await eventually(async () => (await send(instance, key.key)).status === 200);
  expect((await via.admin('DELETE', `/admin/api/keys/${key.id}`)).status).toBe(204);
  // Measured from the revocation's answer: from then on, the key is refused everywhere within a second.
  const started = performance.now();
  await Promise.all(
    others.map((instance) => eventually(async () => (await send(instance, key.key)).status === 401, 3000)),
  );
  return performance.now() - started;
}

describe('three Gatehouse instances sharing PostgreSQL and Redis', () => {
  it('a key revoked through A is refused by B and C within a second', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const key = await a.createKey({ name: 'revoked soon' });
    const elapsed = await revokeAndTime(a, [b, c], key);
    expect(elapsed).toBeLessThan(1000);
  });

  it('a key limited to 60 requests a minute gets exactly 60 of 300 spread across the instances', async () => {
    const [a] = instances as [Instance];
    const probe = await a.createKey({ name: 'probe' });
    // Every instance knows keys created through A (the probe stands in for the limited key's arrival).
    for (const instance of instances)
      await eventually(async () => (await send(instance, probe.key)).status === 200);
    const limited = await a.createKey({ name: 'sixty a minute', rpmLimit: 60 });
    // Changes reach every instance within a second; probing the limited key would spend its budget.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          send(instances[(batch + index) % 3] as Instance, limited.key),
        ),
      );
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(60);
    expect(statuses.filter((status) => status === 429)).toHaveLength(240);
  });

  it('a conversation sticks to one upstream account whichever instance it lands on', async () => {
    const [a] = instances as [Instance];
    await a.createAccount({
      name: 'mock-2',
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
      models: ['claude-sonnet-4-5'],
    });
    const key = await a.createKey({ name: 'sticky' });
    let warmups = 0;
    for (const instance of instances)
      await eventually(async () => {
        const answered = (await send(instance, key.key)).status === 200;
        if (answered) warmups += 1;
        return answered;
      });
    const session = `conversation-${randomBytes(4).toString('hex')}`;
    for (let index = 0; index < 12; index += 1) {
      expect((await send(instances[index % 3] as Instance, key.key, { session })).status).toBe(200);
    }
    await eventually(async () => (await records(a, key.id)).length === warmups + 12);
    const served = (await records(a, key.id)).slice(0, 12).map((record) => record.accountId);
    // Two equally weighted accounts: without a shared binding, 12 requests on one account is a 1 in 2048 chance.
    expect(new Set(served).size).toBe(1);
  });

  it('records usage exactly once per request across instances', async () => {
    const [a] = instances as [Instance];
    const key = await a.createKey({ name: 'usage' });
    const answers: { status: number; outputTokens: number }[] = [];
    // Each instance learns of the new key (within a second); every answered request counts.
    for (const instance of instances)
      await eventually(async () => {
        const answer = await send(instance, key.key);
        if (answer.status === 200) answers.push(answer);
        return answer.status === 200;
      });
    answers.push(
      ...(await Promise.all(
        Array.from({ length: 45 }, (_, index) => send(instances[index % 3] as Instance, key.key)),
      )),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const expectedOutput = answers.reduce((sum, answer) => sum + answer.outputTokens, 0);
    await eventually(async () => (await records(a, key.id)).length >= answers.length, 5000);
    // One more flush interval: nothing written twice arrives late.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = await records(a, key.id);
    expect(written).toHaveLength(answers.length);
    expect(written.reduce((sum, record) => sum + record.outputTokens, 0)).toBe(expectedOutput);
    expect(written.every((record) => record.charged)).toBe(true);
  });

  it('a leader that dies is replaced, and the new leader runs the cluster jobs', async () => {
    const states = await Promise.all(instances.map(ready));
    expect(states.filter((state) => state.body.leader)).toHaveLength(1);
    const leader = instances[states.findIndex((state) => state.body.leader)] as Instance;
    await leader.stop('SIGKILL');
    instances = instances.filter((instance) => instance !== leader);
    const killedAt = performance.now();
    await eventually(
      async () => (await Promise.all(instances.map(ready))).some((state) => state.body.leader),
      5000,
    );
    const takeover = performance.now() - killedAt;
    expect(takeover).toBeLessThan(3000);
    const leaders = (await Promise.all(instances.map(ready))).filter((state) => state.body.leader);
    expect(leaders).toHaveLength(1);

    // The shared-health sweep is a cluster job: an expired cooldown planted now is removed by the new leader.
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    try {
      const expired = JSON.stringify({
        state: 'cooling-down',
        until: Date.now() - 1000,
        reason: 'rate_limited',
      });
      await client.hset(`${prefix}health`, 'long-gone-account', expired);
      await eventually(
        async () => (await client.hexists(`${prefix}health`, 'long-gone-account')) === 0,
        5000,
      );
    } finally {
      client.disconnect();
    }
  });

  it('keeps serving while Redis is down, reports it, and heals when Redis returns', async () => {
    const [b, c] = instances as [Instance, Instance];
    const key = await b.createKey({ name: 'through the outage' });
    for (const instance of instances)
      await eventually(async () => (await send(instance, key.key)).status === 200);

    await redis.kill();
    await eventually(async () => (await ready(b)).status === 503);
    const degraded = await ready(b);
    expect(degraded.body.degraded).toContain('redis');
    // Fail-open (the default): requests keep flowing on local state.
    expect((await send(b, key.key)).status).toBe(200);
    expect((await send(c, key.key)).status).toBe(200);

    await redis.restart();
    await Promise.all(
      instances.map((instance) => eventually(async () => (await ready(instance)).status === 200, 5000)),
    );
    // Change propagation works again (the restarted Redis is empty: counters and subscriptions are rebuilt).
    const fresh = await b.createKey({ name: 'after the outage' });
    expect(await revokeAndTime(b, [c], fresh)).toBeLessThan(1000);
    await eventually(
      async () => (await Promise.all(instances.map(ready))).filter((state) => state.body.leader).length === 1,
      5000,
    );
  });
});
