import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { UsageRecord } from '../domain/usage-record.js';
import type { AccountCondition } from '../scheduler/account-health.js';
import type { WrittenBatch } from '../usage/usage-writer.js';
import { boundedLabel } from './bounded-label.js';

/** What the gauges read when Prometheus scrapes (nothing is sampled in between). */
export interface MetricsSources {
  activeStreams(): number;
  usageQueueDepth(): number;
  /** Every configured account with its name and current condition. */
  accounts(): readonly { id: string; name: string; condition: AccountCondition }[];
}

const requestLabels = ['surface', 'model', 'account', 'status'] as const;
const tokenLabels = ['surface', 'model', 'account', 'type'] as const;
const accountStates: readonly AccountCondition['state'][] = [
  'healthy',
  'cooling-down',
  'circuit-open',
  'half-open',
  'credential-invalid',
  'quota-exhausted',
];
/** Upstream answers range from 50 ms to many minutes (long agent streams). */
const latencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const maxModels = 200;

/**
 * Gatehouse's Prometheus metrics, on a registry of its own (several instances may live in one
 * process in tests). Requests are observed once each, from the usage record made when the request is
 * over, never per chunk. Labels are bounded: surfaces, statuses and accounts are few by nature, models
 * are capped (see bounded-label.ts), and key or user ids are never labels.
 */
export function createGatehouseMetrics(sources: MetricsSources) {
  const registry = new Registry();
  const model = boundedLabel(maxModels);
  const accountName = (id: string | null) =>
    id === null ? 'none' : (sources.accounts().find((account) => account.id === id)?.name ?? id);

  const requests = new Counter({
    name: 'gatehouse_requests_total',
    help: 'Inference requests by inbound surface, model, upstream account and HTTP status (one per upstream attempt; refused requests have account "none")',
    labelNames: requestLabels,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gatehouse_request_duration_seconds',
    help: 'Time from the request arriving to its last byte',
    labelNames: requestLabels,
    buckets: latencyBuckets,
    registers: [registry],
  });
  const firstByte = new Histogram({
    name: 'gatehouse_time_to_first_byte_seconds',
    help: "Time from the request arriving to the upstream's response head",
    labelNames: requestLabels,
    buckets: latencyBuckets,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'gatehouse_tokens_total',
    help: 'Tokens by type (input, output, cache_read, cache_write)',
    labelNames: tokenLabels,
    registers: [registry],
  });
  const cost = new Counter({
    name: 'gatehouse_cost_usd_total',
    help: 'Cost in US dollars at the prices in force when each request finished',
    labelNames: ['surface', 'model', 'account'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'gatehouse_active_streams',
    help: 'Streamed answers being relayed right now',
    registers: [registry],
    collect() {
      this.set(sources.activeStreams());
    },
  });
  new Gauge({
    name: 'gatehouse_usage_queue_depth',
    help: 'Usage records waiting to be written (queued or waiting for room)',
    registers: [registry],
    collect() {
      this.set(sources.usageQueueDepth());
    },
  });
  const flushSeconds = new Histogram({
    name: 'gatehouse_usage_flush_duration_seconds',
    help: 'How long one batch of usage records took to commit',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const written = new Counter({
    name: 'gatehouse_usage_records_written_total',
    help: 'Usage records committed to the database',
    registers: [registry],
  });
  new Gauge({
    name: 'gatehouse_account_state',
    help: '1 for the state each upstream account is in, 0 for the others',
    labelNames: ['account', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const account of sources.accounts())
        for (const state of accountStates)
          this.set({ account: account.name, state }, account.condition.state === state ? 1 : 0);
    },
  });

  return {
    registry,
    /** One finished request (or upstream attempt), from its usage record. */
    observeRecord(record: UsageRecord): void {
      const labels = {
        surface: record.surface,
        model: model(record.model),
        account: accountName(record.accountId),
        status: String(record.status),
      };
      requests.inc(labels);
      duration.observe(labels, record.durationMs / 1000);
      if (record.ttfbMs !== null) firstByte.observe(labels, record.ttfbMs / 1000);
      const { status: _status, ...base } = labels;
      tokens.inc({ ...base, type: 'input' }, record.inputTokens);
      tokens.inc({ ...base, type: 'output' }, record.outputTokens);
      tokens.inc({ ...base, type: 'cache_read' }, record.cacheReadTokens);
      tokens.inc({ ...base, type: 'cache_write' }, record.cacheWriteTokens);
      cost.inc(base, record.cost);
    },
    /** A request refused before any upstream was tried (bad key, limits, invalid body, backlog). */
    observeRefused(surface: string, status: number, seconds: number): void {
      const labels = { surface, model: 'none', account: 'none', status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    observeBatch(batch: WrittenBatch): void {
      flushSeconds.observe(batch.seconds);
      written.inc(batch.records.length);
    },
  };
}

export type GatehouseMetrics = ReturnType<typeof createGatehouseMetrics>;
