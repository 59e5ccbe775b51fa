import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AdminServices } from '../admin/admin-services.js';
import { authRoutes } from '../auth/auth-routes.js';
import { codeLoginRoutes } from '../auth/code-login-routes.js';
import { jsonApiErrorHandler } from '../json-api-errors.js';
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
  await app.register(codeLoginRoutes, {
    ...services.loginCodes,
    auth: services.auth,
    notifier: services.notifier,
    logger,
  });
}
