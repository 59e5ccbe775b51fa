import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminServices } from '../admin/admin-services.js';
import { authRoutes } from '../auth/auth-routes.js';
import { codeLoginRoutes } from '../auth/code-login-routes.js';
import { jsonApiErrorHandler } from '../json-api-errors.js';
import { usageQueryRoutes, usageQueryServices } from '../usage/usage-query-routes.js';
import { applicationsRoutes } from './applications-routes.js';
import { meRoutes } from './me-routes.js';
import { ownKeysRoutes } from './own-keys-routes.js';
import { publicKeyUsageRoutes } from './public-key-usage-routes.js';

/**
 * The console's own API (`/api/auth/…`, `/api/me`, …): login and self-service. Routes carry the
 * `public` or `user` policy; errors answer `{ error: { type, message } }`.
 */
export async function selfServicePlugin(
  app: FastifyInstance,
  {
    services,
    logger,
    clientAddress,
  }: {
    services: AdminServices;
    logger: Logger;
    clientAddress: (ip: string, forwardedFor: string | string[] | undefined) => string;
  },
) {
  app.setErrorHandler(jsonApiErrorHandler(logger));
  await app.register(authRoutes, { auth: services.auth });
  await app.register(meRoutes, { services });
  await app.register(ownKeysRoutes, { services });
  await app.register(applicationsRoutes, { services });
  await app.register(publicKeyUsageRoutes, { services, clientAddress });
  // The admin usage queries, scoped to the caller's own user: its filters cannot reach anyone else's.
  await app.register(usageQueryRoutes, {
    services: usageQueryServices(services),
    basePath: '/api/usage',
    auth: 'user',
    scopeOf: (request) => {
      const { userId } = request.principal;
      if (userId === null)
        throw new GatewayError(
          'permission_denied',
          'This credential belongs to no user (the bootstrap admin token); log in as a user.',
        );
      return { userId };
    },
  });
  await app.register(codeLoginRoutes, {
    ...services.loginCodes,
    auth: services.auth,
    notifier: services.notifier,
    logger,
  });
}
