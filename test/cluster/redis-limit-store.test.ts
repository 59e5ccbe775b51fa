import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedisLimitStore } from '../../src/cluster/redis-limit-store.js';
import { describeLimitStoreContract } from '../support/limit-store-contract.js';
import { deleteRedisKeys, requireRedis, TEST_REDIS_URL, uniqueRedisPrefix } from '../support/redis.js';

const prefix = uniqueRedisPrefix();
let client: Redis;

beforeAll(async () => {
  await requireRedis();
  client = new Redis(TEST_REDIS_URL);
});

afterAll(async () => {
  client?.disconnect();
  await deleteRedisKeys(prefix);
});

// Every store shares the prefix (as the instances of one cluster do); the contract names its counters uniquely.
describeLimitStoreContract('redis', async () => createRedisLimitStore({ client, prefix }));
