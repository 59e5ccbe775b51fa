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
      logger: silent,
    });
    writer.enqueue(record(7));
    await expect.poll(() => written, { timeout: 2000 }).toEqual(['r7']);
    await writer.close();
  });
});
