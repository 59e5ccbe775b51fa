import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { jsonApiErrorHandler } from '../json-api-errors.js';
import { usageLiveRoute } from '../usage/usage-live-route.js';
import { usageQueryRoutes, usageQueryServices } from '../usage/usage-query-routes.js';
import { accountsRoutes } from './accounts-routes.js';
import type { AdminServices } from './admin-services.js';
import { adminApplicationsRoutes } from './applications-routes.js';
import { auditRoutes } from './audit-routes.js';
import { claudeOAuthRoutes } from './claude-oauth-routes.js';
import { keysRoutes } from './keys-routes.js';
import { notificationSettingsRoutes } from './notification-settings-routes.js';
import { pricesRoutes } from './prices-routes.js';
import { tokensRoutes } from './tokens-routes.js';
import { usageRoutes } from './usage-routes.js';
import { userLimitsRoutes } from './user-limits-routes.js';
import { usersRoutes } from './users-routes.js';

/**
 * The admin API (`/admin/api/…`). Every route carries the `admin` policy (enforced by the route policy
 * table, http/auth/route-policy.ts); errors answer `{ error: { type, message } }`.
 */
export async function adminPlugin(
  app: FastifyInstance,
  { services, logger }: { services: AdminServices; logger: Logger },
) {
  app.setErrorHandler(jsonApiErrorHandler(logger));
  await app.register(accountsRoutes, { services });
  await app.register(claudeOAuthRoutes, { services });
  await app.register(keysRoutes, { services });
  await app.register(usageRoutes, { services });
  await app.register(usersRoutes, { services });
  await app.register(tokensRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(notificationSettingsRoutes, { services });
  await app.register(userLimitsRoutes, { services });
  await app.register(pricesRoutes, { services });
  await app.register(usageLiveRoute, { feed: services.liveFeed, heartbeatMs: services.liveHeartbeatMs });
  await app.register(usageQueryRoutes, {
    services: usageQueryServices(services),
    basePath: '/admin/api/usage',
    auth: 'admin',
    scopeOf: () => undefined,
  });
  await app.register(adminApplicationsRoutes, { services });
}
