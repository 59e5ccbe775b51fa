import { createServer } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { createClientAddress } from './access/client-address.js';
import { createLdapDirectory } from './auth/ldap/ldap-directory.js';
import { ldapPasswordVerifier } from './auth/ldap/ldap-password-verifier.js';
import { anonymousPrincipal, keyPrincipal, type Principal } from './auth/principal.js';
import { ensureFirstAdmin } from './bootstrap/first-admin.js';
import { type ClusterMode, createClusterMode } from './cluster/cluster-mode.js';
import type { GatehouseConfig } from './config/config-schema.js';
import { resolveMasterKey } from './crypto/master-key.js';
import { createSecretBox } from './crypto/secret-box.js';
import { openStorage, type Storage } from './db/connect.js';
import { createAccountsRepository } from './db/repositories/accounts-repository.js';
import { createAdminTokensRepository } from './db/repositories/admin-tokens-repository.js';
import { createApplicationsRepository } from './db/repositories/applications-repository.js';
import { createAuditRepository } from './db/repositories/audit-repository.js';
import { createKeyUsageRepository } from './db/repositories/key-usage-repository.js';
import { createKeysRepository } from './db/repositories/keys-repository.js';
import { createLoginCodesRepository } from './db/repositories/login-codes-repository.js';
import { createNotificationSettingsRepository } from './db/repositories/notification-settings-repository.js';
import { createPricesRepository } from './db/repositories/prices-repository.js';
import { createRollupsRepository } from './db/repositories/rollups-repository.js';
import { createSessionsRepository } from './db/repositories/sessions-repository.js';
import { createUsageQueryRepository } from './db/repositories/usage-query-repository.js';
import { createUsageRepository } from './db/repositories/usage-repository.js';
import { createUserPoliciesRepository } from './db/repositories/user-policies-repository.js';
import { createUsersRepository } from './db/repositories/users-repository.js';
import { adminPlugin } from './http/admin/admin-plugin.js';
import type { AdminServices } from './http/admin/admin-services.js';
import { createAuthServices } from './http/auth/create-auth-services.js';
import { createLoginCodeServices } from './http/auth/create-login-code-services.js';
import { keyGuard } from './http/auth/key-guard.js';
import { credentialGuard, installRoutePolicy, type RegisteredRoute } from './http/auth/route-policy.js';
import { defaultConsoleDirectory } from './http/console/console-files.js';
import { consolePlugin } from './http/console/console-plugin.js';
import { metricsRoute } from './http/metrics/metrics-route.js';
import { type SilentConnections, trackSilentConnections } from './http/silent-connections.js';
import { createPeriodicJobs, type PeriodicJobs } from './jobs/periodic-jobs.js';
import { observeUsage } from './metrics/observe-usage.js';
import { createAccountAlerts } from './notify/account-alerts.js';
import { createNotificationSettingsStore } from './notify/notification-settings-store.js';
import { createNotifier, type Notifier } from './notify/notifier.js';
import { createRecipientDirectory } from './notify/recipient-directory.js';
import { createClaudeOAuthClient } from './oauth/claude-oauth-client.js';
import { createClaudeOAuthLogin } from './oauth/claude-oauth-login.js';
import { createClaudeTokenRefresher } from './oauth/claude-token-refresher.js';
import { createPendingAuthorizations } from './oauth/pending-authorizations.js';
import './http/fastify-types.js';
import { docsRoutes } from './http/docs/docs-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { selfServicePlugin } from './http/self-service/self-service-plugin.js';
import { anthropicSurface, renderAnthropicError } from './http/surfaces/anthropic-surface.js';
import { renderDialectError } from './http/surfaces/inference-surface.js';
import { openAiChatSurface, openAiResponsesSurface } from './http/surfaces/openai-surface.js';
import type { LimitStore } from './limits/limit-store.js';
import { createMemoryLimitStore } from './limits/memory-limit-store.js';
import { createRequestLimits } from './limits/request-limits.js';
import { seedBudgetCounters } from './limits/seed-budget-counters.js';
import { createAccountRuntime } from './relay/account-runtime.js';
import { createInFlightRelays } from './relay/in-flight-relays.js';
import type { RelayServices } from './relay/relay-services.js';
import { createAccountHealth } from './scheduler/account-health.js';
import { createAccountLoad } from './scheduler/account-load.js';
import { createAccountStats } from './scheduler/account-stats.js';
import { createStickySessions } from './scheduler/sticky-sessions.js';
import { createCatalog } from './state/catalog.js';
import { createUpstreamDispatchers } from './upstream/upstream-dispatchers.js';
import { completePrice } from './usage/complete-price.js';
import { createPriceBook } from './usage/price-book.js';
import { findModelPrice } from './usage/price-table.js';
import { createUsageRollups } from './usage/rollups/usage-rollups.js';
import { createUsageWriter } from './usage/usage-writer.js';

export interface GatehouseOptions {
  logger: Logger;
  /** Called with every SQL statement; tests use it to prove the request path runs none. */
  onQuery?: (sql: string) => void;
  /** Where the one-time first-admin password is shown (stdout by default). */
  announce?: (message: string) => void;
  /** The random source for weighted account choice and retry jitter (tests inject a seeded one). */
  random?: () => number;
  /** The built web console (dist/web by default; tests point elsewhere to see a missing build). */
  consoleDirectory?: string;
  /** The clock (tests inject one to cross session expiry and lockout windows without sleeping). */
  now?: () => number;
}

export interface Gatehouse {
  app: FastifyInstance;
  relay: RelayServices;
  admin: AdminServices;
  storage: Storage;
  /** Every registered route with its auth policy (the OpenAPI document and the authorization tests). */
  routes: readonly RegisteredRoute[];
  /** Rate windows, concurrency slots and budget counters (memory; Redis in the cluster shape). */
  limitStore: LimitStore;
  /** Periodic jobs (roll-ups, retention, expiry); started by listen(). */
  jobs: PeriodicJobs;
  /** Mail and webhook notifications: one-time codes, application decisions, account alerts. */
  notifier: Notifier;
  /** Single node or cluster: change notices, shared scheduling state, leadership. */
  cluster: ClusterMode;
  listen(): Promise<string>;
  /** Graceful: stop accepting, let in-flight streams finish (up to the drain deadline), flush usage. */
  close(): Promise<void>;
}

/** The single wiring point: storage, in-memory state, services and HTTP plugins. */
export async function createGatehouse(
  config: Readonly<GatehouseConfig>,
  options: GatehouseOptions,
): Promise<Gatehouse> {
  const now = options.now ?? (() => Date.now());
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onQuery: options.onQuery,
    // A pooled PostgreSQL connection that drops while idle is replaced on the next query; say so.
    onConnectionError: (error) => options.logger.warn({ err: error }, 'database connection lost'),
  });
  const masterKey = resolveMasterKey(config.masterKey, config.dataDir);
  const secrets = createSecretBox(masterKey);
  const repositories = {
    accounts: createAccountsRepository(storage.db),
    keys: createKeysRepository(storage.db),
    users: createUsersRepository(storage.db),
    sessions: createSessionsRepository(storage.db),
    adminTokens: createAdminTokensRepository(storage.db),
    audit: createAuditRepository(storage.db),
    userPolicies: createUserPoliciesRepository(storage.db),
    loginCodes: createLoginCodesRepository(storage.db),
    usage: createUsageRepository(storage.db, storage.usageBulkInsert),
    keyUsage: createKeyUsageRepository(storage.db),
    applications: createApplicationsRepository(storage.db),
  };
  await ensureFirstAdmin(
    repositories.users,
    config.adminPassword,
    now(),
    options.announce ?? ((m) => console.log(m)),
  );
  const notificationSettings = createNotificationSettingsStore({
    repository: createNotificationSettingsRepository(storage.db),
    secrets,
    fromConfig: { smtp: config.notify.smtp ?? null, webhook: config.notify.webhook ?? null },
  });
  const notifier = createNotifier({
    settings: async () => (await notificationSettings.current()).settings,
    directory: createRecipientDirectory(repositories.users),
    logger: options.logger,
    now,
  });
  const cluster = createClusterMode(config, options.logger);
  await cluster.connect();
  const catalog = createCatalog({
    keys: repositories.keys,
    accounts: repositories.accounts,
    userPolicies: repositories.userPolicies,
    secrets,
    changes: cluster.changes,
  });
  await catalog.refresh();
  const usageWriter = createUsageWriter({
    repository: repositories.usage,
    ...config.usage,
    logger: options.logger,
  });
  const rollups = createUsageRollups({
    repository: createRollupsRepository(storage.db),
    timeZone: config.timeZone,
    // A record is written after its exchange ends: at most the total timeout after it started.
    latenessMs: config.upstream.totalTimeoutMs + 60_000,
    retentionDays: config.usage.retentionDays,
  });
  const prices = createPriceBook({
    configured: Object.entries(config.prices).map(([model, given]) =>
      completePrice(model, given, findModelPrice(model)),
    ),
    repository: createPricesRepository(storage.db),
    now,
  });
  await prices.reload();
  const dispatchers = createUpstreamDispatchers(config.upstream);
  const health = createAccountHealth(config.scheduling);
  const { sticky } = cluster.shareScheduling({
    health,
    sticky: createStickySessions({ ttlMs: config.scheduling.stickySessionTtlMs }),
  });
  // Single node: limits live in this process. Cluster: in Redis, with the configured failure policy.
  const limitStore: LimitStore = cluster.limitStore(createMemoryLimitStore());
  await seedBudgetCounters(storage.db, limitStore, config.timeZone, now());
  const claudeOAuthClient = createClaudeOAuthClient(config.oauth.claude, now);
  const claudeTokens = createClaudeTokenRefresher({
    accounts: repositories.accounts,
    secrets,
    catalog,
    health,
    dispatchers,
    client: claudeOAuthClient,
    refreshWithinMs: config.oauth.refreshWithinMs,
    logger: options.logger,
    now,
  });
  const observed = observeUsage({ usageWriter, catalog, health, now });
  const relay: RelayServices = {
    catalog,
    limits: createRequestLimits({
      store: limitStore,
      timeZone: config.timeZone,
      // A slot or reservation outlives the longest exchange only when its holder died.
      leaseMs: config.upstream.totalTimeoutMs + 60_000,
      now,
      onError: (error) => options.logger.error({ err: error }, 'limit store operation failed'),
    }),
    clientAddress: createClientAddress(config.trustedProxies),
    accountLoad: createAccountLoad(),
    health,
    stats: createAccountStats(),
    sticky,
    sharedStateRefusal: cluster.refusal,
    dispatchers,
    usageWriter,
    prices,
    inFlight: createInFlightRelays(),
    activeStreams: observed.activeStreams,
    metrics: observed.metrics,
    logger: options.logger,
    scheduling: config.scheduling,
    upstream: config.upstream,
    random: options.random ?? Math.random,
    now,
    renewCredential: (account) => claudeTokens.renewAfterRejection(account),
  };
  // States that need an operator are logged, and the admins are told (debounced per account and state).
  relay.health.onChange((accountId, condition) => {
    if (condition.state === 'credential-invalid' || condition.state === 'quota-exhausted') {
      options.logger.warn({ accountId, condition }, 'upstream account needs an operator');
    }
  });
  relay.health.onChange(
    createAccountAlerts({
      notifier,
      describeAccount: (accountId) => {
        const account = catalog.accounts().find((routable) => routable.account.id === accountId)?.account;
        return account && { name: account.name, type: account.type };
      },
      now,
      debounceMs: config.notify.alertDebounceMs,
    }),
  );
  const admin: AdminServices = {
    ...repositories,
    usageWriter,
    usageSettled: async () => {
      await relay.inFlight.answered();
      await usageWriter.flush();
    },
    liveFeed: observed.liveFeed,
    liveHeartbeatMs: config.usage.liveHeartbeatMs,
    prices,
    rollups,
    usageQuery: createUsageQueryRepository(storage.db),
    timeZone: config.timeZone,
    secrets,
    runtime: createAccountRuntime(relay),
    catalog,
    notifier,
    notificationSettings,
    claudeOAuth: createClaudeOAuthLogin({
      client: claudeOAuthClient,
      pending: createPendingAuthorizations({ ttlMs: config.oauth.pendingAuthorizationTtlMs, now }),
      dispatchers,
    }),
    auth: createAuthServices({
      config,
      users: repositories.users,
      sessions: repositories.sessions,
      adminTokens: repositories.adminTokens,
      audit: repositories.audit,
      now,
      logger: options.logger,
    }),
    loginCodes: createLoginCodeServices({
      config: config.auth.oneTimeCode,
      repository: repositories.loginCodes,
      masterKey,
      now,
    }),
    limits: { store: limitStore, timeZone: config.timeZone },
    now,
  };
  if (config.auth.ldap) {
    admin.auth.verifiers.register(
      ldapPasswordVerifier({
        directory: createLdapDirectory(config.auth.ldap),
        users: repositories.users,
        autoCreate: config.auth.ldap.autoCreate,
        now,
        logger: options.logger,
      }),
    );
  }
  const jobs = createPeriodicJobs({ leadership: cluster.leadership, logger: options.logger, now });
  // Expired keys are already refused on the request path; the job records it (enabled: false), so
  // lists and the console show it and extending the expiry alone does not silently revive a key.
  jobs.register({
    name: 'key-expiry',
    everyMs: 60_000,
    scope: 'cluster',
    async run(at) {
      if ((await repositories.keys.disableExpired(at)) > 0) await catalog.reload();
    },
  });
  jobs.register({
    name: 'prune-sessions',
    everyMs: 10 * 60_000,
    scope: 'cluster',
    run: (at) => admin.auth.sessions.prune(at),
  });
  jobs.register({
    name: 'admin-token-last-used',
    everyMs: 60_000,
    scope: 'instance',
    run: () => admin.auth.tokens.flushLastUsed(),
  });
  jobs.register({
    name: 'prune-login-codes',
    everyMs: 10 * 60_000,
    scope: 'cluster',
    run: (at) => repositories.loginCodes.pruneExpired(at),
  });
  jobs.register({
    name: 'refresh-claude-oauth-tokens',
    everyMs: config.oauth.refreshCheckEveryMs,
    scope: 'cluster',
    run: (at) => claudeTokens.refreshExpiring(at),
  });
  // Another instance of a cluster may have changed a price: every instance re-reads the overrides.
  jobs.register({ name: 'prices.reload', everyMs: 10_000, scope: 'instance', run: () => prices.reload() });
  jobs.register({
    name: 'usage.rollups',
    everyMs: config.usage.rollupIntervalMs,
    scope: 'cluster',
    run: async (at) => {
      await usageWriter.flush();
      await rollups.refresh(at);
    },
  });
  jobs.register({
    name: 'usage.retention',
    everyMs: 3_600_000,
    scope: 'cluster',
    run: async (at) => {
      await rollups.refresh(at);
      await rollups.retain(at);
    },
  });
  cluster.registerJobs(jobs);
  const { app, routes, silentConnections } = buildHttpApp(config, relay, admin, storage, cluster);
  app.register(metricsRoute, { registry: observed.metrics.registry, token: config.metrics.token });
  app.register(consolePlugin, { directory: options.consoleDirectory ?? defaultConsoleDirectory() });

  return {
    app,
    relay,
    admin,
    storage,
    routes,
    limitStore,
    jobs,
    notifier,
    cluster,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      cluster.start();
      jobs.start();
      return address;
    },
    async close() {
      await closeGracefully(app, silentConnections, config.shutdown.drainTimeoutMs);
      await jobs.close();
      // Relays may still be finishing their usage records after their answers went out.
      await relay.inFlight.settle(config.shutdown.drainTimeoutMs);
      await usageWriter.close();
      await limitStore.close();
      await dispatchers.close();
      await cluster.close();
      await storage.close();
    },
  };
}

function buildHttpApp(
  config: Readonly<GatehouseConfig>,
  relay: RelayServices,
  admin: AdminServices,
  storage: Storage,
  cluster: ClusterMode,
): { app: FastifyInstance; routes: readonly RegisteredRoute[]; silentConnections: SilentConnections } {
  const app: FastifyInstance = Fastify({
    // Fastify gets no logger: it would build a child logger for every request. Gatehouse logs the few
    // things worth logging (failures, start, shutdown) through its own logger, never per request.
    logger: false,
    bodyLimit: config.limits.maxBodyBytes,
    return503OnClosing: true,
    serverFactory: (handler) =>
      createServer(
        {
          maxHeaderSize: config.limits.maxHeaderBytes,
          headersTimeout: config.limits.headersTimeoutMs,
          requestTimeout: config.limits.requestTimeoutMs,
          // Node checks both timeouts on this interval (30 s by default), which would let a slow client
          // hold a connection up to 30 s past its deadline.
          connectionsCheckingInterval: Math.min(
            1000,
            config.limits.headersTimeoutMs / 2,
            config.limits.requestTimeoutMs / 2,
          ),
          keepAliveTimeout: 72_000,
        },
        handler,
      ),
    clientErrorHandler: (error, socket) => {
      // Raised by Node's parser before Fastify sees a request: oversized headers (431), slow clients
      // (408), garbage. Answered in Anthropic's shape, the dialect of most callers.
      const code = (error as { code?: string }).code;
      const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const rendered = renderAnthropicError(
        Object.assign(new Error(statusText(status)), { statusCode: status }),
      );
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} ${statusText(status)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(rendered.body)}\r\nConnection: close\r\n\r\n${rendered.body}`,
        );
      }
      socket.destroy();
    },
  });
  app.decorateRequest('gatehouseKey', null);
  app.decorateRequest('arrivedAt', 0);
  decoratePrincipal(app);
  // Cookies are parsed only by the guards that read them (hook: false): nothing runs on the inference path.
  app.register(fastifyCookie, { hook: false });
  const routes = installRoutePolicy(
    app,
    {
      public: null,
      key: keyGuard(relay),
      user: credentialGuard('user', admin.auth.resolver),
      admin: credentialGuard('admin', admin.auth.resolver),
    },
    admin.auth.audit.hook,
  );
  app.register(healthRoutes, {
    ping: () => storage.ping(),
    cluster: () => cluster.status(),
    usageBacklog: () => relay.usageWriter.pending,
  });
  app.register(anthropicSurface, { services: relay, maxBodyBytes: config.limits.maxBodyBytes });
  app.register(openAiChatSurface, { services: relay, maxBodyBytes: config.limits.maxBodyBytes });
  app.register(openAiResponsesSurface, { services: relay, maxBodyBytes: config.limits.maxBodyBytes });
  app.register(adminPlugin, { services: admin, logger: relay.logger });
  app.register(selfServicePlugin, {
    services: admin,
    logger: relay.logger,
    clientAddress: relay.clientAddress,
  });
  app.register(docsRoutes, { routes });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Unknown routes answer in the shape their path's API family would use.
    const openAiFamily =
      path.startsWith('/openai/') || path.startsWith('/v1/chat/') || path.startsWith('/v1/responses');
    const rendered = renderDialectError(
      openAiFamily ? 'openai-chat' : 'anthropic',
      Object.assign(new Error(`No route for ${request.method} ${path}.`), { statusCode: 404 }),
    );
    return reply.code(404).headers(rendered.headers).send(rendered.body);
  });
  return { app, routes, silentConnections: trackSilentConnections(app.server) };
}

const principalSlot = Symbol('principal');
type PrincipalHolder = FastifyRequest & { [principalSlot]?: Principal };

/**
 * `request.principal`: what a policy guard set, else the key holder (derived on read, so the inference
 * path allocates nothing for it), else anonymous.
 */
function decoratePrincipal(app: FastifyInstance): void {
  app.decorateRequest('principal', {
    getter(this: FastifyRequest) {
      const holder = this as PrincipalHolder;
      return (
        holder[principalSlot] ??
        (holder.gatehouseKey ? keyPrincipal(holder.gatehouseKey) : anonymousPrincipal)
      );
    },
    setter(this: FastifyRequest, value: Principal) {
      (this as PrincipalHolder)[principalSlot] = value;
    },
  });
}
function statusText(status: number): string {
  return status === 431
    ? 'Request Header Fields Too Large'
    : status === 408
      ? 'Request Timeout'
      : 'Bad Request';
}

async function closeGracefully(
  app: FastifyInstance,
  silent: SilentConnections,
  drainTimeoutMs: number,
): Promise<void> {
  // Keep-alive connections that go idle while draining are closed as they free up, and connections
  // that never sent a request (Node counts them as active) at once: nothing is in flight on them.
  const sweep = () => {
    app.server.closeIdleConnections();
    silent.closeSilent();
  };
  sweep();
  const sweeper = setInterval(sweep, 100);
  const deadline = setTimeout(() => app.server.closeAllConnections(), drainTimeoutMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweeper);
    clearTimeout(deadline);
  }
}
