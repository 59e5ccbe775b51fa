import type { Logger } from 'pino';
import type { UsageRepository } from '../db/repositories/usage-repository.js';
import type { UsageRecord } from '../domain/usage-record.js';

export interface UsageWriterOptions {
  repository: Pick<UsageRepository, 'insertBatch'>;
  flushIntervalMs: number;
  maxBatchSize: number;
  logger: Pick<Logger, 'error'>;
}

export interface UsageWriter {
  /** Queues a record; never waits for the database (the request path calls this). */
  enqueue(record: UsageRecord): void;
  /** Writes everything queued so far; resolves when it is committed. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
  readonly pending: number;
}

/**
 * Usage records are queued in memory and written in batches, one transaction per batch, off the request
 * path. A failed write keeps its records at the head of the queue for the next tick, so a slow or
 * briefly unavailable database delays records but never drops them.
 */
export function createUsageWriter(options: UsageWriterOptions): UsageWriter {
  let queue: UsageRecord[] = [];
  let running: Promise<void> | undefined;
  let failures = 0;

  const timer = setInterval(() => void flush(), options.flushIntervalMs);
  timer.unref();

  async function writeQueued(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, options.maxBatchSize);
      try {
        await options.repository.insertBatch(batch);
      } catch (error) {
        failures += 1;
        // One line per failure streak, not one per tick, so a long outage does not flood the log.
        if (failures === 1) options.logger.error({ err: error, pending: queue.length }, 'usage write failed');
        return;
      }
      failures = 0;
      queue = queue.slice(batch.length);
    }
  }

  function flush(): Promise<void> {
    if (!running) {
      running = writeQueued().finally(() => {
        running = undefined;
      });
    }
    return running;
  }

  return {
    enqueue(record) {
      queue.push(record);
      if (queue.length >= options.maxBatchSize && !running) void flush();
    },
    async flush() {
      // A flush already under way may have started before the latest enqueue; run until empty.
      do {
        await flush();
      } while (queue.length > 0 && failures === 0);
    },
    async close() {
      clearInterval(timer);
      await this.flush();
      if (queue.length > 0) throw new Error(`${queue.length} usage records could not be written`);
    },
    get pending() {
      return queue.length;
    },
  };
}
