import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { GatehouseConfig } from '../config/config-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import { type Leadership, type PeriodicJobs, soleLeadership } from '../jobs/periodic-jobs.js';
import type { LimitStore } from '../limits/limit-store.js';
import type { AccountHealth } from '../scheduler/account-health.js';
import type { StickySessions } from '../scheduler/sticky-sessions.js';
import { type ChangeNotices, localChangeNotices } from '../state/change-notices.js';
import { createFailoverLimitStore } from './failover-limit-store.js';
import { createRedisChangeNotices } from './redis-change-notices.js';
import { createRedisLeadership } from './redis-leadership.js';
import { createRedisLimitStore } from './redis-limit-store.js';
import { createRedisLink, type RedisLink } from './redis-link.js';
import { shareAccountHealth, sweepExpiredHealth } from './shared-account-health.js';
import { createSharedStickySessions } from './shared-sticky-sessions.js';

export interface ClusterStatus {
  /** `not-configured` on a single node. */
  redis: 'ok' | 'unreachable' | 'not-configured';
  instanceId: string;
  leader: boolean;
  /** Operations that ran on local state (or were refused) because Redis was unreachable. */
  degradedOperations: number;
}

/**
 * What differs between the two deployment shapes (SPEC §1). A single node shares nothing; a cluster
 * (REDIS_URL set) shares change notices, scheduling state and leadership through Redis. The rest of
 * the process sees the same interfaces either way.
 */
export interface ClusterMode {
  readonly instanceId: string;
  readonly changes: ChangeNotices;
  readonly leadership: Leadership;
  /** The Redis connection (cluster shape only): the limit store is built on it. */
  readonly link: RedisLink | undefined;
  /** The limit store requests are admitted by: `local` on a single node, Redis (with failover) in a cluster. */
  limitStore(local: LimitStore): LimitStore;
  /** Cluster-scoped upkeep of the shared state itself (run on the leader only). */
  registerJobs(jobs: Pick<PeriodicJobs, 'register'>): void;
  /** Wraps this instance's scheduling state so the cluster shares it. */
  shareScheduling(parts: { health: AccountHealth; sticky: StickySessions }): { sticky: StickySessions };
  /** The error a request is refused with when shared state is unreachable and policy is fail-closed. */
  refusal(): GatewayError | undefined;
  status(): ClusterStatus;
  /** Connects (never fails for an unreachable Redis: it keeps reconnecting). */
  connect(): Promise<void>;
  /** Starts reconciliation and leader election (with the HTTP server). */
  start(): void;
  close(): Promise<void>;
}

export function createClusterMode(config: Readonly<GatehouseConfig>, logger: Logger): ClusterMode {
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  if (config.redisUrl === undefined) return singleNode(instanceId);
  const settings = config.cluster;
  const link = createRedisLink({
    url: config.redisUrl,
    prefix: config.redisPrefix,
    commandTimeoutMs: settings.redisCommandTimeoutMs,
    logger,
  });
  const changes = createRedisChangeNotices({
    link,
    instanceId,
    reconcileIntervalMs: settings.reconcileIntervalMs,
    logger,
  });
  const leadership = createRedisLeadership({ link, instanceId, leaseMs: settings.leaderLeaseMs, logger });
  const unavailable = () =>
    new GatewayError(
      'shared_state_unavailable',
      'Gatehouse cannot reach its shared state (Redis) and is configured to refuse requests until it returns.',
      { retryAfterSeconds: 1 },
    );
  return {
    instanceId,
    changes,
    leadership,
    link,
    limitStore(local) {
      const shared = createRedisLimitStore({ client: link.command, prefix: config.redisPrefix });
      return createFailoverLimitStore({ link, shared, local, policy: settings.redisFailure });
    },
    registerJobs(jobs) {
      jobs.register({
        name: 'cluster-health-sweep',
        everyMs: settings.reconcileIntervalMs * 5,
        scope: 'cluster',
        run: async (now) => {
          if (link.isUp()) await sweepExpiredHealth(link, now);
        },
      });
    },
    shareScheduling({ health, sticky }) {
      shareAccountHealth({ link, health, instanceId, logger });
      return {
        sticky: createSharedStickySessions({
          link,
          local: sticky,
          ttlMs: config.scheduling.stickySessionTtlMs,
        }),
      };
    },
    refusal() {
      if (settings.redisFailure === 'open' || link.isUp()) return undefined;
      link.noteFailure();
      return unavailable();
    },
    status() {
      return {
        redis: link.isUp() ? 'ok' : 'unreachable',
        instanceId,
        leader: leadership.isLeader(),
        degradedOperations: link.failedOperations,
      };
    },
    connect: () => link.start(),
    start() {
      changes.start();
      leadership.start();
    },
    async close() {
      changes.stop();
      await leadership.close();
      await link.close();
    },
  };
}

function singleNode(instanceId: string): ClusterMode {
  return {
    instanceId,
    changes: localChangeNotices,
    leadership: soleLeadership,
    link: undefined,
    limitStore: (local) => local,
    registerJobs() {},
    shareScheduling: ({ sticky }) => ({ sticky }),
    refusal: () => undefined,
    status: () => ({ redis: 'not-configured', instanceId, leader: true, degradedOperations: 0 }),
    connect: async () => {},
    start() {},
    close: async () => {},
  };
}
