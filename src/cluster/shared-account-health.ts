import type { Logger } from 'pino';
import type { AccountCondition, AccountHealth } from '../scheduler/account-health.js';
import type { RedisLink } from './redis-link.js';

interface HealthNotice {
  from: string;
  accountId: string;
  condition: AccountCondition;
}

/**
 * Shares account health across a cluster without putting Redis on the request path: routing keeps
 * reading the local copy, every change this instance observes is published (and kept in a hash for
 * instances that start or reconnect later), and changes published by others are applied locally. An
 * account cooled down by one instance is avoided by all within the pub/sub latency.
 *
 * What stays per instance: the consecutive-failure count towards opening a circuit, and the half-open
 * probe (each instance may send one probe when a circuit's wait ends).
 */
export function shareAccountHealth(options: {
  link: RedisLink;
  health: AccountHealth;
  instanceId: string;
  logger: Pick<Logger, 'warn'>;
}): void {
  const { link, health, instanceId } = options;
  const hashKey = link.key('health');

  health.onChange((accountId, condition) => {
    if (!link.isUp()) {
      link.noteFailure();
      return;
    }
    const notice: HealthNotice = { from: instanceId, accountId, condition };
    const batch = link.command.multi();
    if (condition.state === 'healthy') batch.hdel(hashKey, accountId);
    else batch.hset(hashKey, accountId, JSON.stringify(condition));
    batch.publish(link.key('health'), JSON.stringify(notice));
    batch.exec().catch((error: unknown) => {
      link.noteFailure();
      options.logger.warn({ err: error, accountId }, 'could not share an account health change');
    });
  });

  link.subscribe('health', (message) => {
    const notice = parseNotice(message);
    if (notice && notice.from !== instanceId) health.apply(notice.accountId, notice.condition);
  });

  // A new instance, or one that was cut off, learns the conditions it missed.
  link.onUp(() => {
    link.command.hgetall(hashKey).then(
      (all) => {
        for (const [accountId, text] of Object.entries(all)) {
          const condition = parseCondition(text);
          if (condition) health.apply(accountId, condition);
        }
      },
      () => link.noteFailure(),
    );
  });
}

/**
 * Drops conditions that have run out (a cooldown past its end, a quota past its reset) from the shared
 * hash, so it holds only what a starting instance still needs to know. A cluster-scoped periodic job.
 */
export async function sweepExpiredHealth(link: RedisLink, now: number): Promise<number> {
  const hashKey = link.key('health');
  const all = await link.command.hgetall(hashKey);
  const expired = Object.entries(all)
    .filter(([, text]) => {
      const condition = parseCondition(text);
      if (!condition) return true;
      if (condition.state === 'cooling-down') return condition.until <= now;
      if (condition.state === 'quota-exhausted') return condition.until !== null && condition.until <= now;
      return false;
    })
    .map(([accountId]) => accountId);
  if (expired.length > 0) await link.command.hdel(hashKey, ...expired);
  return expired.length;
}

function parseNotice(message: string): HealthNotice | undefined {
  try {
    const notice = JSON.parse(message) as Partial<HealthNotice>;
    if (typeof notice.from !== 'string' || typeof notice.accountId !== 'string') return undefined;
    return isCondition(notice.condition) ? (notice as HealthNotice) : undefined;
  } catch {
    return undefined;
  }
}

function parseCondition(text: string): AccountCondition | undefined {
  try {
    const condition: unknown = JSON.parse(text);
    return isCondition(condition) ? condition : undefined;
  } catch {
    return undefined;
  }
}

const states = new Set([
  'healthy',
  'cooling-down',
  'circuit-open',
  'half-open',
  'credential-invalid',
  'quota-exhausted',
]);

function isCondition(value: unknown): value is AccountCondition {
  return (
    typeof value === 'object' && value !== null && states.has((value as { state?: unknown }).state as string)
  );
}
