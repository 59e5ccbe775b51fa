import type { Logger } from 'pino';
import type { Leadership } from '../jobs/periodic-jobs.js';
import type { RedisLink } from './redis-link.js';

/**
 * Takes the lock when nobody holds it and returns the new fencing token. The token counter is seeded
 * from the clock when it is missing, so tokens keep increasing even across a Redis restarted without
 * persistence (which forgets the counter): a leader elected after the restart never gets a token an
 * older leader already had.
 */
const acquireScript = `
if redis.call('exists', KEYS[1]) == 1 then return 0 end
if redis.call('exists', KEYS[2]) == 0 then redis.call('set', KEYS[2], ARGV[3]) end
local token = redis.call('incr', KEYS[2])
redis.call('set', KEYS[1], ARGV[1] .. ':' .. token, 'PX', ARGV[2])
return token`;

/** Extends the lease only while the lock still holds this leader's value. */
const renewScript = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`;

const releaseScript = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/**
 * Leader election on a Redis lock: `SET NX PX` with a lease, renewed every third of the lease, with a
 * fencing token from a counter. This instance considers itself leader only while its last successful
 * renewal is recent enough that the lease cannot have expired (with a margin for clock drift), so two
 * instances never both believe they lead; a leader that dies is replaced once its lease runs out.
 */
export function createRedisLeadership(options: {
  link: RedisLink;
  instanceId: string;
  leaseMs: number;
  logger: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
}): Leadership & { start(): void } {
  const { link, instanceId, leaseMs } = options;
  const now = options.now ?? (() => performance.now());
  const lockKey = link.key('leader');
  const tokenKey = link.key('leader:fencing');
  // Trust the lease for at most 80% of its length after the renewal was sent.
  const trustedMs = Math.floor(leaseMs * 0.8);
  let token: number | undefined;
  let validUntil = 0;
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;

  const lockValue = () => `${instanceId}:${token}`;

  async function tick(): Promise<void> {
    if (ticking || !link.isUp()) return;
    ticking = true;
    const sentAt = now();
    try {
      if (token !== undefined) {
        const renewed = await link.command.eval(renewScript, 1, lockKey, lockValue(), leaseMs);
        if (renewed === 1) {
          validUntil = sentAt + trustedMs;
          return;
        }
        options.logger.warn({ instanceId, token }, 'leadership lost');
        token = undefined;
      }
      const won = Number(
        await link.command.eval(acquireScript, 2, lockKey, tokenKey, instanceId, leaseMs, Date.now()),
      );
      if (won > 0) {
        token = won;
        validUntil = sentAt + trustedMs;
        options.logger.info({ instanceId, token }, 'leadership won');
      }
    } catch {
      link.noteFailure();
    } finally {
      ticking = false;
    }
  }

  return {
    start() {
      void tick();
      timer = setInterval(() => void tick(), Math.max(100, Math.floor(leaseMs / 3)));
      timer.unref();
    },
    isLeader() {
      return token !== undefined && now() < validUntil;
    },
    fencingToken() {
      return this.isLeader() ? token : undefined;
    },
    async close() {
      if (timer) clearInterval(timer);
      if (token === undefined || !link.isUp()) return;
      // Hand over at once instead of letting the others wait for the lease to run out.
      await link.command.eval(releaseScript, 1, lockKey, lockValue()).catch(() => {});
      token = undefined;
    },
  };
}
