import type { FastifyReply, FastifyRequest } from 'fastify';
import { adminScopes } from '../../auth/principal.js';
import type { SessionStore } from '../../auth/session-store.js';
import type { LoginAnswer, SessionUserView } from '../../contracts/auth.js';
import type { User } from '../../domain/user.js';
import { sessionCookieName } from './principal-resolver.js';

export function presentSessionUser(user: User): SessionUserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    email: user.email,
    displayName: user.displayName,
  };
}

/**
 * Starting and ending console sessions over HTTP. Every way of logging in (password, one-time code,
 * LDAP) ends in `startFor`, after the caller has verified the user and checked it is enabled.
 */
export function createSessionCookies(sessions: SessionStore, options: { maxAgeMs: number }) {
  const cookieOptions = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure only when the request came over https: a plain-http install on a LAN must still work.
    secure: request.protocol === 'https',
    path: '/',
  });

  return {
    async startFor(user: User, request: FastifyRequest, reply: FastifyReply): Promise<LoginAnswer> {
      const userAgent = request.headers['user-agent'];
      const { sessionId, session } = await sessions.start(user, {
        ip: request.ip,
        userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 500) : null,
      });
      reply.setCookie(sessionCookieName, sessionId, {
        ...cookieOptions(request),
        maxAge: Math.floor(options.maxAgeMs / 1000),
      });
      // The audit entry of the login names the user who logged in.
      request.principal = {
        kind: user.role === 'admin' ? 'admin-session' : 'user-session',
        userId: user.id,
        username: user.username,
        role: user.role,
        scopes: adminScopes,
        sessionId: session.idHash,
        csrfToken: session.csrfToken,
      };
      return { user: presentSessionUser(user), csrfToken: session.csrfToken };
    },

    /** Ends the session behind this request's cookie (if any) and clears the cookie. */
    async end(idHash: string | undefined, request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (idHash) await sessions.end(idHash);
      reply.clearCookie(sessionCookieName, cookieOptions(request));
    },
  };
}

export type SessionCookies = ReturnType<typeof createSessionCookies>;
