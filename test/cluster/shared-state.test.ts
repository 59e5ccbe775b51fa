import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisChangeNotices } from '../../src/cluster/redis-change-notices.js';
import { createRedisLeadership } from '../../src/cluster/redis-leadership.js';
import { createRedisLink, type RedisLink } from '../../src/cluster/redis-link.js';
import { shareAccountHealth } from '../../src/cluster/shared-account-health.js';
import { createSharedStickySessions } from '../../src/cluster/shared-sticky-sessions.js';
import { createAccountHealth } from '../../src/scheduler/account-health.js';
import { createStickySessions } from '../../src/scheduler/sticky-sessions.js';
import {
  deleteRedisKeys,
  eventually,
  requireRedis,
  TEST_REDIS_URL,
  uniqueRedisPrefix,
} from '../support/redis.js';

const logger = pino({ level: 'silent' });
const opened: RedisLink[] = [];
const prefixes: string[] = [];

async function links(count: number): Promise<RedisLink[]> {
  const prefix = uniqueRedisPrefix();
  prefixes.push(prefix);
  const made = Array.from({ length: count }, () =>
    createRedisLink({ url: TEST_REDIS_URL, prefix, commandTimeoutMs: 1000, logger }),
  );
  opened.push(...made);
  await Promise.all(made.map((link) => link.start()));
  return made;
}

beforeAll(() => requireRedis());

afterEach(async () => {
  await Promise.all(opened.splice(0).map((link) => link.close()));
  await Promise.all(prefixes.splice(0).map((prefix) => deleteRedisKeys(prefix)));
});

const healthPolicy = {
  rateLimitCooldownMs: 60_000,
  overloadedCooldownMs: 10_000,
  breakerFailureThreshold: 5,
  breakerOpenMs: 30_000,
};

describe('change notices over Redis', () => {
  it('reloads the other instances, not the announcer', async () => {
    const [a, b, c] = await links(3);
    const reloads = { a: 0, b: 0, c: 0 };
    const notices = [a, b, c].map((link, index) =>
      createRedisChangeNotices({ link: link!, instanceId: `i${index}`, reconcileIntervalMs: 60_000, logger }),
    );
    notices.forEach((notice, index) => {
      const name = (['a', 'b', 'c'] as const)[index]!;
      notice.onRemote('catalog', async () => {
        reloads[name] += 1;
      });
    });
    // Let the subscriptions settle, then start from a known state.
    await Promise.all(notices.map((notice) => notice.reconcile()));
    await eventually(async () => (await a!.command.pubsub('NUMSUB', `${prefixes[0]}changes`))[1] === 3);
    const before = { ...reloads };
    notices[0]!.announce('catalog');
    await eventually(() => reloads.b > before.b && reloads.c > before.c);
    expect(reloads.a).toBe(before.a);
  });

  it('heals a missed notice at the next reconciliation', async () => {
    const [a, b] = await links(2);
    const notices = createRedisChangeNotices({
      link: b!,
      instanceId: 'b',
      reconcileIntervalMs: 60_000,
      logger,
    });
    let reloads = 0;
    notices.onRemote('catalog', async () => {
      reloads += 1;
    });
    await notices.reconcile();
    const learned = reloads;
    await notices.reconcile();
    expect(reloads).toBe(learned);
    // Another instance changed something, but its notice never arrived: only the counter moved.
    await a!.command.incr(a!.key('changes:version'));
    await notices.reconcile();
    expect(reloads).toBe(learned + 1);
  });
});

describe('account health shared over Redis', () => {
  it('an account cooled down by one instance is avoided by the others, and a reset clears it everywhere', async () => {
    const [a, b] = await links(2);
    const healthA = createAccountHealth(healthPolicy);
    const healthB = createAccountHealth(healthPolicy);
    shareAccountHealth({ link: a!, health: healthA, instanceId: 'a', logger });
    shareAccountHealth({ link: b!, health: healthB, instanceId: 'b', logger });
    await eventually(async () => (await a!.command.pubsub('NUMSUB', `${prefixes[0]}health`))[1] === 2);
    const now = Date.now();
    healthA.recordFailure(
      'account-1',
      { failureClass: 'rate_limited', message: '429', retryAfterMs: 20_000 } as never,
      now,
    );
    await eventually(() => !healthB.isAvailable('account-1', now));
    expect(healthB.describe('account-1', now)).toMatchObject({ state: 'cooling-down', until: now + 20_000 });

    // An instance that starts later learns the condition from Redis.
    const healthLate = createAccountHealth(healthPolicy);
    const lateLink = createRedisLink({
      url: TEST_REDIS_URL,
      prefix: prefixes[0]!,
      commandTimeoutMs: 1000,
      logger,
    });
    opened.push(lateLink);
    shareAccountHealth({ link: lateLink, health: healthLate, instanceId: 'late', logger });
    await lateLink.start();
    await eventually(() => !healthLate.isAvailable('account-1', now));

    healthB.reset('account-1');
    await eventually(() => healthA.isAvailable('account-1', now) && healthLate.isAvailable('account-1', now));
  });
});

describe('sticky sessions shared over Redis', () => {
  it('a conversation bound on one instance is found by another', async () => {
    const [a, b] = await links(2);
    const stickyA = createSharedStickySessions({
      link: a!,
      local: createStickySessions({ ttlMs: 60_000 }),
      ttlMs: 60_000,
    });
    const stickyB = createSharedStickySessions({
      link: b!,
      local: createStickySessions({ ttlMs: 60_000 }),
      ttlMs: 60_000,
    });
    const now = Date.now();
    await stickyA.prefetch('key-1:conversation', now);
    expect(stickyA.get('key-1:conversation', now)).toBeUndefined();
    stickyA.set('key-1:conversation', 'account-7', now);
    await eventually(async () => (await a!.command.exists(a!.key('sticky:key-1:conversation'))) === 1);
    await stickyB.prefetch('key-1:conversation', now);
    expect(stickyB.get('key-1:conversation', now)).toBe('account-7');
    // Rebinding on B (its account failed) moves A too.
    stickyB.set('key-1:conversation', 'account-8', now);
    await eventually(async () => (await b!.command.get(b!.key('sticky:key-1:conversation'))) === 'account-8');
    await stickyA.prefetch('key-1:conversation', now);
    expect(stickyA.get('key-1:conversation', now)).toBe('account-8');
    const ttl = await a!.command.pttl(a!.key('sticky:key-1:conversation'));
    expect(ttl).toBeGreaterThan(50_000);
  });
});

describe('leader election on a Redis lock', () => {
  it('elects one leader, hands over on close, and fencing tokens only grow', async () => {
    const [a, b] = await links(2);
    const leaderA = createRedisLeadership({ link: a!, instanceId: 'a', leaseMs: 1000, logger });
    const leaderB = createRedisLeadership({ link: b!, instanceId: 'b', leaseMs: 1000, logger });
    leaderA.start();
    await eventually(() => leaderA.isLeader());
    leaderB.start();
    const firstToken = leaderA.fencingToken()!;
    expect(leaderB.isLeader()).toBe(false);
    expect(leaderB.fencingToken()).toBeUndefined();
    await leaderA.close();
    await eventually(() => leaderB.isLeader());
    expect(leaderB.fencingToken()!).toBeGreaterThan(firstToken);
    await leaderB.close();
  });

  it('replaces a leader that vanished without a word once its lease runs out', async () => {
    const [a, b] = await links(2);
    const leaderA = createRedisLeadership({ link: a!, instanceId: 'a', leaseMs: 600, logger });
    leaderA.start();
    await eventually(() => leaderA.isLeader());
    const leaderB = createRedisLeadership({ link: b!, instanceId: 'b', leaseMs: 600, logger });
    leaderB.start();
    // A's connection dies (a crashed process): it cannot renew, and stops trusting its own lease.
    a!.command.disconnect();
    await eventually(() => !leaderA.isLeader(), 1000);
    await eventually(() => leaderB.isLeader(), 2000);
    await leaderB.close();
    await leaderA.close();
  });
});
