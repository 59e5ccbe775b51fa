import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisLinkOptions {
  url: string;
  /** Prepended to every key and channel, so several deployments can share one Redis. */
  prefix: string;
  commandTimeoutMs: number;
  logger: Pick<Logger, 'warn' | 'info' | 'error'>;
}

export type UpListener = () => void;

/**
 * This instance's two connections to Redis: one for commands, one subscribed to channels (a
 * subscribed connection can run nothing else). Both reconnect on their own, forever, with a capped
 * backoff. Commands never queue while Redis is away: they fail at once, so callers fall back (or
 * refuse) instead of piling requests up behind a dead connection. An outage is logged once when it
 * starts and once when it ends, never once per failed command.
 */
export function createRedisLink(options: RedisLinkOptions) {
  const connectionOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(1000, options.commandTimeoutMs * 2),
    retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 1000),
  };
  const command = new Redis(options.url, { ...connectionOptions, connectionName: 'gatehouse' });
  // The subscriber may queue its SUBSCRIBE until connected; ioredis re-subscribes after a reconnect.
  const subscriber = new Redis(options.url, {
    ...connectionOptions,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
    connectionName: 'gatehouse-subscriber',
  });
  const upListeners: UpListener[] = [];
  const handlers = new Map<string, (message: string) => void>();
  let up = false;
  let outageReported = false;
  let failedOperations = 0;
  let closing = false;

  command.on('ready', () => {
    if (outageReported) options.logger.warn('redis reachable again');
    outageReported = false;
    up = true;
    for (const listener of upListeners) listener();
  });
  command.on('error', (error: Error) => {
    up = false;
    if (closing || outageReported) return;
    outageReported = true;
    options.logger.error({ err: error }, 'redis unreachable');
  });
  command.on('close', () => {
    up = false;
  });
  // Errors on the subscriber repeat the command connection's; they must be handled, not logged twice.
  subscriber.on('error', () => {});
  subscriber.on('message', (channel: string, message: string) => handlers.get(channel)?.(message));

  return {
    /** Connects both; resolves even when Redis is unreachable (reconnection continues behind). */
    async start(): Promise<void> {
      await Promise.all([command.connect().catch(() => {}), subscriber.connect().catch(() => {})]);
    },
    command,
    key(name: string): string {
      return `${options.prefix}${name}`;
    },
    isUp(): boolean {
      return up && command.status === 'ready';
    },
    /** Called on every (re)connection: state that lived only in Redis may be gone and need rewriting. */
    onUp(listener: UpListener): void {
      upListeners.push(listener);
    },
    subscribe(name: string, handler: (message: string) => void): void {
      const channel = `${options.prefix}${name}`;
      handlers.set(channel, handler);
      subscriber.subscribe(channel).catch((error: unknown) => {
        options.logger.error({ err: error, channel }, 'redis subscribe failed');
      });
    },
    /** Counts an operation that ran without Redis (fell back to local state, or was refused). */
    noteFailure(): void {
      failedOperations += 1;
    },
    get failedOperations(): number {
      return failedOperations;
    },
    async close(): Promise<void> {
      closing = true;
      await Promise.all([quit(command), quit(subscriber)]);
    },
  };
}

async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    await connection.quit().catch(() => connection.disconnect());
  } else {
    connection.disconnect();
  }
}

export type RedisLink = ReturnType<typeof createRedisLink>;
