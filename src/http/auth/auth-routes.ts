import type { FastifyInstance } from 'fastify';
import { loginSchema } from '../../contracts/auth.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseBody } from '../admin/parse-body.js';
import type { AuthServices } from './auth-services.js';
import { presentSessionUser } from './session-cookies.js';

const invalidLogin = 'Invalid username or password.';

/** Console login with a password, the session probe and logout (`/api/auth/…`). */
export async function authRoutes(app: FastifyInstance, { auth }: { auth: AuthServices }) {
  app.post(
    '/api/auth/login',
    {
      config: {
        auth: 'public',
        docs: { summary: 'Log in with a username and password', tags: ['auth'], body: loginSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = parseBody(loginSchema, request.body);
      const lockedFor = auth.throttle.lockedFor(username, request.ip);
      if (lockedFor !== undefined) {
        throw new GatewayError('rate_limited', 'Too many failed logins; try again later.', {
          retryAfterSeconds: lockedFor,
        });
      }
      const user = await auth.verifiers.verify(username, password);
      // A disabled user gets the same answer as a wrong password: nothing to learn by probing.
      if (!user?.enabled) {
        auth.throttle.recordFailure(username, request.ip);
        throw new GatewayError('authentication_failed', invalidLogin);
      }
      auth.throttle.recordSuccess(username);
      return auth.sessionCookies.startFor(user, request, reply);
    },
  );

  app.get(
    '/api/auth/session',
    { config: { auth: 'user', docs: { summary: 'Who is logged in, and the CSRF token', tags: ['auth'] } } },
    async (request) => {
      const { principal } = request;
      const user = principal.userId === null ? undefined : await auth.users.get(principal.userId);
      return {
        user: user ? presentSessionUser(user) : null,
        csrfToken: principal.csrfToken ?? null,
        via: principal.kind,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: 'user', docs: { summary: 'End the console session', tags: ['auth'] } } },
    async (request, reply) => {
      await auth.sessionCookies.end(request.principal.sessionId, request, reply);
      return reply.code(204).send();
    },
  );
}
