import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { errorResponse, toGatewayError } from '../error-response.js';
import { accountsRoutes } from './accounts-routes.js';
import { createAdminAuthenticator } from './admin-auth.js';
import type { AdminServices } from './admin-services.js';
import { keysRoutes } from './keys-routes.js';
import { notificationSettingsRoutes } from './notification-settings-routes.js';
import { usageRoutes } from './usage-routes.js';

/** The admin API (`/admin/api/…`): admin credentials on every route, errors as `{ error: { … } }`. */
export async function adminPlugin(
  app: FastifyInstance,
  { services, logger }: { services: AdminServices; logger: Logger },
) {
  const requireAdmin = createAdminAuthenticator({
    adminToken: services.adminToken,
    users: services.users,
    now: services.now,
  });
  app.addHook('onRequest', requireAdmin);
  app.setErrorHandler((error, request, reply) => {
    const gatewayError = toGatewayError(error);
    if (gatewayError.status >= 500) logger.error({ err: error, url: request.url }, 'admin request failed');
    const body = { error: { type: gatewayError.code, message: gatewayError.message } };
    const rendered = errorResponse(gatewayError, body);
    return reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
  });
  await app.register(accountsRoutes, { services });
  await app.register(keysRoutes, { services });
  await app.register(usageRoutes, { services });
  await app.register(notificationSettingsRoutes, { services });
}
