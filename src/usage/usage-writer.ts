import type { Logger } from 'pino';
import type { UsageRepository } from '../db/repositories/usage-repository.js';
import type { UsageRecord } from '../domain/usage-record.js';

export interface UsageWriterOptions {
  repository: Pick<UsageRepository, 'insertBatch'>;
  flushIntervalMs: number;
  maxBatchSize: number;
  /** Records held in memory at most; past it, enqueue waits for a write to make room. */
  maxQueuedRecords: number;
  logger: Pick<Logger, 'error'>;
}

export interface WrittenBatch {
  records: readonly UsageRecord[];
  /** How long the batch's transaction took. */
  seconds: number;
}

export interface UsageWriter {
  /**
   * Queues a record. Returns undefined while the queue has room (the usual case: the request path
   * never waits for the database); when the queue is full, returns a promise that resolves once a
   * write has made room for it. A record is never dropped.
   */
  enqueue(record: UsageRecord): Promise<void> | undefined;
  /** True while the queue is full: new inference requests are refused (503) until writes catch up. */
  readonly saturated: boolean;
  /** Writes everything queued so far; resolves when it is committed. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
  /** Called after every committed batch (live feed, metrics); a listener must not throw. */
  onWritten(listener: (batch: WrittenBatch) => void): void;
  /** Called for every record as it is queued, i.e. when its request is over (metrics); must not throw. */
  onQueued(listener: (record: UsageRecord) => void): void;
  /** Records queued or waiting for room. */
  readonly pending: number;
}

/**
 * Usage records are queued in memory and written in batches, one transaction per batch, off the request
 * path. A failed write keeps its records at the head of the queue for the next tick, so a slow or
 * briefly unavailable database delays records but never drops them. The queue is bounded: when it is
 * full, callers wait for room (backpressure) instead of growing memory or dropping records.
 */
export function createUsageWriter(options: UsageWriterOptions): UsageWriter {
  // A queue with a moving head: taking a batch off the front is O(batch), not O(queue).
  let queue: UsageRecord[] = [];
  let head = 0;
  const waiting: { record: UsageRecord; resolve: () => void }[] = [];
  const listeners: ((batch: WrittenBatch) => void)[] = [];
  const queuedListeners: ((record: UsageRecord) => void)[] = [];
  let running: Promise<void> | undefined;
  let failures = 0;

  const timer = setInterval(() => void flush(), options.flushIntervalMs);
  timer.unref();
  const queued = () => queue.length - head;

  function admitWaiting(): void {
    while (waiting.length > 0 && queued() < options.maxQueuedRecords) {
      const next = waiting.shift() as { record: UsageRecord; resolve: () => void };
      queue.push(next.record);
      next.resolve();
    }
  }

  async function writeQueued(): Promise<void> {
    while (queued() > 0) {
      const batch = queue.slice(head, head + options.maxBatchSize);
      const started = performance.now();
      try {
        await options.repository.insertBatch(batch);
      } catch (error) {
        failures += 1;
        // One line per failure streak, not one per tick, so a long outage does not flood the log.
        if (failures === 1) options.logger.error({ err: error, pending: queued() }, 'usage write failed');
        return;
      }
      failures = 0;
      head += batch.length;
      if (head >= 4096 && head * 2 >= queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      admitWaiting();
      const written = { records: batch, seconds: (performance.now() - started) / 1000 };
      for (const listener of listeners) listener(written);
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
      for (const listener of queuedListeners) listener(record);
      if (queued() >= options.maxQueuedRecords) {
        void flush();
        return new Promise<void>((resolve) => waiting.push({ record, resolve }));
      }
      queue.push(record);
      if (queued() >= options.maxBatchSize && !running) void flush();
      return undefined;
    },
    get saturated() {
      return queued() >= options.maxQueuedRecords;
    },
    async flush() {
      // A flush already under way may have started before the latest enqueue; run until empty.
      do {
        await flush();
      } while (queued() + waiting.length > 0 && failures === 0);
    },
    async close() {
      clearInterval(timer);
      await this.flush();
      const left = queued() + waiting.length;
      if (left > 0) throw new Error(`${left} usage records could not be written`);
    },
    onWritten(listener) {
      listeners.push(listener);
    },
    onQueued(listener) {
      queuedListeners.push(listener);
    },
    get pending() {
      return queued() + waiting.length;
    },
  };
}
