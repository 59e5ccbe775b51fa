import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../domain/usage-record.js';
import { createUsageWriter } from './usage-writer.js';

function record(id: number): UsageRecord {
  return {
    id: `r${id}`,
    createdAt: id,
    keyId: 'k',
    userId: null,
    accountId: 'a',
    surface: 'anthropic',
    upstreamFormat: 'anthropic',
    model: 'm',
    upstreamModel: 'm',
    inputTokens: 1,
    outputTokens: 1,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    cost: 0,
    charged: true,
    status: 200,
    errorClass: null,
    stream: false,
    partial: false,
    estimated: false,
    ttfbMs: 1,
    durationMs: 1,
    clientFamily: 'other',
    upstreamRequestId: null,
  };
}

const silent = { error: () => undefined };

describe('usage writer', () => {
  it('writes queued records in batches of at most maxBatchSize', async () => {
    const batches: number[] = [];
    const writer = createUsageWriter({
      repository: { insertBatch: async (records) => void batches.push(records.length) },
      flushIntervalMs: 60_000,
      maxBatchSize: 4,
      maxQueuedRecords: 100_000,
      logger: silent,
    });
    for (let i = 0; i < 10; i += 1) writer.enqueue(record(i));
    await writer.close();
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(10);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4);
    expect(writer.pending).toBe(0);
  });

  it('keeps records when a write fails and writes them on the next flush, in order', async () => {
    const written: string[] = [];
    let fail = true;
    const writer = createUsageWriter({
      repository: {
        insertBatch: async (records) => {
          if (fail) throw new Error('database is locked');
          written.push(...records.map((r) => r.id));
        },
      },
      flushIntervalMs: 60_000,
      maxBatchSize: 100,
      maxQueuedRecords: 100_000,
      logger: silent,
    });
    writer.enqueue(record(1));
    writer.enqueue(record(2));
    await writer.flush();
    expect(writer.pending).toBe(2);
    fail = false;
    writer.enqueue(record(3));
    await writer.close();
    expect(written).toEqual(['r1', 'r2', 'r3']);
  });

  it('reports records it could not write on close', async () => {
    const writer = createUsageWriter({
      repository: {
        insertBatch: async () => {
          throw new Error('disk full');
        },
      },
      flushIntervalMs: 60_000,
      maxBatchSize: 100,
      maxQueuedRecords: 100_000,
      logger: silent,
    });
    writer.enqueue(record(1));
    await expect(writer.close()).rejects.toThrow(/1 usage records could not be written/);
  });

  it('flushes on its timer without being asked', async () => {
    const written: string[] = [];
    const writer = createUsageWriter({
      repository: { insertBatch: async (records) => void written.push(...records.map((r) => r.id)) },
      flushIntervalMs: 10,
      maxBatchSize: 100,
      maxQueuedRecords: 100_000,
      logger: silent,
    });
    writer.enqueue(record(7));
    await expect.poll(() => written, { timeout: 2000 }).toEqual(['r7']);
    await writer.close();
  });

  it('applies backpressure instead of dropping when the database is slow: a full queue waits for room', async () => {
    const written: string[] = [];
    let release: () => void = () => undefined;
    let gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writer = createUsageWriter({
      repository: {
        insertBatch: async (records) => {
          await gate;
          for (const one of records) written.push(one.id);
        },
      },
      flushIntervalMs: 60_000,
      maxBatchSize: 2,
      maxQueuedRecords: 4,
      logger: silent,
    });
    const answers = Array.from({ length: 7 }, (_, i) => writer.enqueue(record(i)));
    expect(answers.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(answers.slice(4).every((answer) => answer instanceof Promise)).toBe(true);
    expect(writer.saturated).toBe(true);
    expect(writer.pending).toBe(7);
    let admitted = 0;
    for (const answer of answers.slice(4)) void answer?.then(() => (admitted += 1));
    await Promise.resolve();
    expect(admitted).toBe(0);
    release();
    gate = Promise.resolve();
    await Promise.all(answers.slice(4));
    expect(admitted).toBe(3);
    await writer.close();
    expect(written).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(writer.saturated).toBe(false);
  });

  it('tells listeners about every committed batch with its duration', async () => {
    const seen: number[] = [];
    const writer = createUsageWriter({
      repository: { insertBatch: async () => undefined },
      flushIntervalMs: 60_000,
      maxBatchSize: 3,
      maxQueuedRecords: 100,
      logger: silent,
    });
    writer.onWritten((batch) => {
      seen.push(batch.records.length);
      expect(batch.seconds).toBeGreaterThanOrEqual(0);
    });
    for (let i = 0; i < 7; i += 1) writer.enqueue(record(i));
    await writer.close();
    expect(seen.reduce((a, b) => a + b, 0)).toBe(7);
  });
});
