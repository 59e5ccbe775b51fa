import type { ActiveStreams } from '../relay/counting-streams.js';
import type { AccountHealth } from '../scheduler/account-health.js';
import type { Catalog } from '../state/catalog.js';
import { createLiveUsageFeed } from '../usage/live-usage-feed.js';
import type { UsageWriter } from '../usage/usage-writer.js';
import { createGatehouseMetrics } from './gatehouse-metrics.js';

/**
 * What watches the usage records: the Prometheus metrics (each record observed once, as it is
 * queued; each committed batch timed) and the live feed (committed batches only).
 */
export function observeUsage(deps: {
  usageWriter: UsageWriter;
  catalog: Catalog;
  health: AccountHealth;
  now: () => number;
}) {
  const activeStreams: ActiveStreams = { current: 0 };
  const liveFeed = createLiveUsageFeed();
  const metrics = createGatehouseMetrics({
    activeStreams: () => activeStreams.current,
    usageQueueDepth: () => deps.usageWriter.pending,
    accounts: () =>
      deps.catalog.accounts().map(({ account }) => ({
        id: account.id,
        name: account.name,
        condition: deps.health.describe(account.id, deps.now()),
      })),
  });
  deps.usageWriter.onQueued((record) => metrics.observeRecord(record));
  deps.usageWriter.onWritten((batch) => {
    metrics.observeBatch(batch);
    liveFeed.onBatch(batch);
  });
  return { activeStreams, liveFeed, metrics };
}
