import type { UsageRecord } from '../domain/usage-record.js';
import type { WrittenBatch } from './usage-writer.js';

/** One minute's totals, as the live feed sends them. */
export interface MinuteTotals {
  /** The minute's start, ms since the epoch. */
  minute: number;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
}

export type LiveUsageEvent =
  | { type: 'request'; record: UsageRecord }
  | { type: 'minute'; totals: MinuteTotals };

const keptRecords = 50;
const keptMinutes = 60;
const minuteMs = 60_000;

function emptyMinute(minute: number): MinuteTotals {
  return {
    minute,
    requests: 0,
    errors: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cost: 0,
  };
}

/**
 * The recent requests this instance recorded and per-minute totals, fed by the usage writer's
 * committed batches (so the feed shows only what is in the database) and fanned out to listeners (the
 * SSE route). Memory is bounded: the last 50 records and the last 60 minutes.
 */
export function createLiveUsageFeed() {
  const recent: UsageRecord[] = [];
  const minutes = new Map<number, MinuteTotals>();
  const listeners = new Set<(events: readonly LiveUsageEvent[]) => void>();

  function addToMinute(record: UsageRecord, touched: Set<MinuteTotals>): void {
    const minute = Math.floor(record.createdAt / minuteMs) * minuteMs;
    let totals = minutes.get(minute);
    if (!totals) {
      totals = emptyMinute(minute);
      minutes.set(minute, totals);
      if (minutes.size > keptMinutes) minutes.delete(Math.min(...minutes.keys()));
    }
    totals.requests += 1;
    if (record.status >= 400) totals.errors += 1;
    totals.inputTokens += record.inputTokens;
    totals.outputTokens += record.outputTokens;
    totals.cacheReadTokens += record.cacheReadTokens;
    totals.cacheWriteTokens += record.cacheWriteTokens;
    totals.cost += record.cost;
    touched.add(totals);
  }

  return {
    /** A usage writer listener: every committed batch becomes request events, then minute totals. */
    onBatch(batch: WrittenBatch): void {
      const touched = new Set<MinuteTotals>();
      for (const record of batch.records) addToMinute(record, touched);
      const newest = batch.records.slice(-keptRecords);
      recent.push(...newest);
      if (recent.length > keptRecords) recent.splice(0, recent.length - keptRecords);
      if (listeners.size === 0) return;
      const events: LiveUsageEvent[] = [
        ...newest.map((record) => ({ type: 'request' as const, record })),
        ...[...touched].map((totals) => ({ type: 'minute' as const, totals: { ...totals } })),
      ];
      for (const listener of listeners) listener(events);
    },
    /** What a new subscriber is sent first: the recent requests and minutes, oldest first. */
    snapshot(): LiveUsageEvent[] {
      return [
        ...recent.map((record) => ({ type: 'request' as const, record })),
        ...[...minutes.values()]
          .sort((a, b) => a.minute - b.minute)
          .map((totals) => ({ type: 'minute' as const, totals: { ...totals } })),
      ];
    },
    subscribe(listener: (events: readonly LiveUsageEvent[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type LiveUsageFeed = ReturnType<typeof createLiveUsageFeed>;
