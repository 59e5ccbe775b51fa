import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the cluster tests use; CI runs one here. Tests share it, so each uses its own key prefix. */
export const TEST_REDIS_URL = process.env.GATEHOUSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A prefix no other test (or engineer) uses: `gatehouse-test:<random>:`. */
export function uniqueRedisPrefix(): string {
  return `gatehouse-test:${randomBytes(6).toString('hex')}:`;
}

/** Fails loudly (never skips) when Redis is missing: the cluster half is untested without it. */
export async function requireRedis(url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${url} (${String(error)}). The cluster tests need a Redis server: start ` +
        'one on 127.0.0.1:6379, or set GATEHOUSE_TEST_REDIS_URL.',
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix` (never anything else: the server is shared). */
export async function deleteRedisKeys(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** Resolves once `check` holds, polling; fails after `timeoutMs` (for effects that cross processes). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
