import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createFailoverLimitStore } from '../../src/cluster/failover-limit-store.js';
import { createRedisLimitStore } from '../../src/cluster/redis-limit-store.js';
import { createRedisLink, type RedisLink } from '../../src/cluster/redis-link.js';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { createMemoryLimitStore } from '../../src/limits/memory-limit-store.js';
import { deleteRedisKeys, requireRedis, TEST_REDIS_URL, uniqueRedisPrefix } from '../support/redis.js';
import { freePort } from '../support/redis-server.js';

const logger = pino({ level: 'silent' });
const links: RedisLink[] = [];
const prefix = uniqueRedisPrefix();
const window = { counter: 'rpm:key-1', limit: 2, windowMs: 60_000 };

afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  await deleteRedisKeys(prefix);
});

async function storeOn(url: string, policy: 'open' | 'closed') {
  const link = createRedisLink({ url, prefix, commandTimeoutMs: 500, logger });
  links.push(link);
  await link.start();
  const shared = createRedisLimitStore({ client: link.command, prefix });
  return { link, store: createFailoverLimitStore({ link, shared, local: createMemoryLimitStore(), policy }) };
}

describe('the cluster limit store with a failure policy', () => {
  it('uses the shared store while Redis answers: two instances share one window', async () => {
    await requireRedis();
    const first = await storeOn(TEST_REDIS_URL, 'closed');
    const second = await storeOn(TEST_REDIS_URL, 'closed');
    const now = Date.now();
    expect((await first.store.admitRequest([window], now)).admitted).toBe(true);
    expect((await second.store.admitRequest([window], now)).admitted).toBe(true);
    expect((await first.store.admitRequest([window], now)).admitted).toBe(false);
    expect(first.link.failedOperations).toBe(0);
  });

  it('fail-open: limits apply per instance while Redis is unreachable, each operation counted', async () => {
    const { link, store } = await storeOn(`redis://127.0.0.1:${await freePort()}`, 'open');
    const now = Date.now();
    const decisions = await Promise.all([1, 2, 3].map(() => store.admitRequest([window], now)));
    expect(decisions.map((decision) => decision.admitted)).toEqual([true, true, false]);
    expect(link.failedOperations).toBe(3);
  });

  it('fail-closed: limit checks refuse with shared_state_unavailable, but charges are still kept', async () => {
    const { store } = await storeOn(`redis://127.0.0.1:${await freePort()}`, 'closed');
    const refused = await store.admitRequest([window], Date.now()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).code).toBe('shared_state_unavailable');
    expect((refused as GatewayError).status).toBe(503);
    await store.settle('request-1', [{ counter: 'cost:key-1', amount: 1.5, expiresAt: null }], Date.now());
  });
});
