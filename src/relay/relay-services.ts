import type { Logger } from 'pino';
import type { ClientAddress } from '../access/client-address.js';
import type { GatehouseConfig } from '../config/config-schema.js';
import type { LiveAccount } from '../domain/account.js';
import type { GatewayError } from '../errors/gateway-error.js';
import type { RequestLimits } from '../limits/request-limits.js';
import type { GatehouseMetrics } from '../metrics/gatehouse-metrics.js';
import type { AccountHealth } from '../scheduler/account-health.js';
import type { AccountLoad } from '../scheduler/account-load.js';
import type { AccountStats } from '../scheduler/account-stats.js';
import type { StickySessions } from '../scheduler/sticky-sessions.js';
import type { Catalog } from '../state/catalog.js';
import type { UpstreamDispatchers } from '../upstream/upstream-dispatchers.js';
import type { PriceBook } from '../usage/price-book.js';
import type { UsageWriter } from '../usage/usage-writer.js';
import type { ActiveStreams } from './counting-streams.js';
import type { InFlightRelays } from './in-flight-relays.js';

/** What a relay needs from the rest of the process; built once in app.ts. */
export interface RelayServices {
  catalog: Catalog;
  /** Rate, concurrency and budget admission over the limit store. */
  limits: RequestLimits;
  /** The caller's address, honouring trusted proxies' x-forwarded-for. */
  clientAddress: ClientAddress;
  accountLoad: AccountLoad;
  health: AccountHealth;
  stats: AccountStats;
  sticky: StickySessions;
  /** Cluster shape, fail-closed: the error to refuse a request with while Redis is unreachable. */
  sharedStateRefusal: () => GatewayError | undefined;
  dispatchers: UpstreamDispatchers;
  usageWriter: UsageWriter;
  /** Prices records are charged at (in memory; see usage/price-book.ts). */
  prices: Pick<PriceBook, 'costOf'>;
  inFlight: InFlightRelays;
  /** Streams being relayed now (read by the metrics). */
  activeStreams: ActiveStreams;
  /** Counts requests refused before any upstream was tried. */
  metrics: Pick<GatehouseMetrics, 'observeRefused'>;
  logger: Logger;
  scheduling: GatehouseConfig['scheduling'];
  upstream: GatehouseConfig['upstream'];
  random: () => number;
  now: () => number;
  /**
   * The upstream refused `account`'s credential: the account with a renewed one (an OAuth account
   * refreshes its access token), or undefined when the credential cannot be renewed.
   */
  renewCredential(account: LiveAccount): Promise<LiveAccount | undefined>;
}
