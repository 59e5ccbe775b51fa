import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashPassword, verifyPassword } from '../../access/password-hash.js';
import { passwordChangeSchema } from '../../contracts/admin-users.js';
import type { StoredUser } from '../../db/repositories/users-repository.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AdminServices } from '../admin/admin-services.js';
import { parseBody } from '../admin/parse-body.js';
import { applyToCredentials } from '../admin/users-routes.js';
import { presentMe } from './me-presenter.js';

/** The user behind the caller's credential; the bootstrap token belongs to nobody. */
export async function requireCurrentUser(
  services: AdminServices,
  request: FastifyRequest,
): Promise<StoredUser> {
  const { userId } = request.principal;
  const user = userId === null ? undefined : await services.users.get(userId);
  if (!user) {
    throw new GatewayError(
      'permission_denied',
      'This credential belongs to no user (the bootstrap admin token); log in as a user.',
    );
  }
  return user;
}

export async function meRoutes(app: FastifyInstance, { services }: { services: AdminServices }) {
  app.get(
    '/api/me',
    {
      config: {
        auth: 'user',
        docs: {
          summary: 'The caller: profile, limits and remaining budget per window',
          tags: ['self-service'],
        },
      },
    },
    async (request) => presentMe(await requireCurrentUser(services, request), services),
  );

  app.post(
    '/api/me/password',
    {
      config: {
        auth: 'user',
        docs: {
          summary: 'Change your own password (ends every session; a console caller gets a new one)',
          tags: ['self-service'],
          body: passwordChangeSchema,
        },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = parseBody(passwordChangeSchema, request.body);
      const user = await requireCurrentUser(services, request);
      if (!user.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash)))
        throw new GatewayError('permission_denied', 'The current password is wrong.');
      const updated = await services.users.update(
        user.id,
        { passwordHash: await hashPassword(newPassword) },
        services.now(),
      );
      if (!updated) throw new GatewayError('not_found', 'This user no longer exists.');
      await applyToCredentials(services, user, updated, true);
      // Every session ended with the old password; the console that changed it carries on in a new one.
      if (request.principal.sessionId) return services.auth.sessionCookies.startFor(updated, request, reply);
      return reply.code(204).send();
    },
  );
}
