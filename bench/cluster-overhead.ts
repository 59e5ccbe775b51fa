// `node --import tsx bench/cluster-overhead.ts`: what the cluster shape adds to the request path.
// One Gatehouse in this process without Redis and one with REDIS_URL (a local Redis, a fresh prefix),
// both in front of the mock upstream, measured alternately with autocannon so drift on a shared machine
// hits both alike. Every generate request in the cluster shape reads its conversation's sticky binding
// from Redis (one GETEX); account health and change notices add nothing per request.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { startGatehouse } from '../test/support/gatehouse-harness.js';
import { startMockAnthropic } from '../test/support/mock-upstream/mock-anthropic.js';
import { deleteRedisKeys, TEST_REDIS_URL } from '../test/support/redis.js';

const rounds = Number(process.env.ROUNDS ?? 3);
const seconds = Number(process.env.SECONDS ?? 8);
const prefix = `gatehouse-bench:${randomBytes(4).toString('hex')}:`;

const mock = await startMockAnthropic();
const single = await startGatehouse({ GATEHOUSE_LOG_LEVEL: 'warn' });
const cluster = await startGatehouse({
  GATEHOUSE_LOG_LEVEL: 'warn',
  REDIS_URL: TEST_REDIS_URL,
  GATEHOUSE_REDIS_PREFIX: prefix,
});
const targets = [
  { name: 'single node', gate: single },
  { name: 'cluster (Redis)', gate: cluster },
];
const keys = new Map<string, string>();
for (const { name, gate } of targets) {
  await gate.createAccount({
    name: 'mock',
    type: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'mock-key',
    models: [],
  });
  keys.set(name, (await gate.createKey({ name: 'bench' })).key);
}

const results = new Map<string, { rps: number[]; p50: number[]; p99: number[] }>();
for (let round = 0; round < rounds; round += 1) {
  for (const { name, gate } of round % 2 === 0 ? targets : [...targets].reverse()) {
    const result = await autocannon({
      url: `${gate.url}/v1/messages`,
      method: 'POST',
      headers: { 'x-api-key': keys.get(name) as string, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'hello' }],
      }),
      connections: 16,
      duration: seconds,
    });
    const entry = results.get(name) ?? { rps: [], p50: [], p99: [] };
    entry.rps.push(result.requests.average);
    entry.p50.push(result.latency.p50);
    entry.p99.push(result.latency.p99);
    results.set(name, entry);
    if (result.non2xx > 0 || result.errors > 0)
      console.log(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
for (const [name, entry] of results) {
  console.log(
    `${name.padEnd(16)} ${median(entry.rps).toFixed(0).padStart(6)} req/s   p50 ${median(entry.p50)} ms   p99 ${median(entry.p99)} ms   (rounds: ${entry.rps.map((value) => value.toFixed(0)).join(', ')})`,
  );
}
await single.close();
await cluster.close();
await mock.close();
await deleteRedisKeys(prefix);
