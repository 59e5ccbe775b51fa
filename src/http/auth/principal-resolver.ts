import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { verifyPassword } from '../../access/password-hash.js';
import { adminScopes, type Principal } from '../../auth/principal.js';
import type { SessionStore } from '../../auth/session-store.js';
import type { UsersRepository } from '../../db/repositories/users-repository.js';

export const sessionCookieName = 'gatehouse_session';

/** Admin API tokens (`gha-…`), looked up by the hash of the presented token. */
export interface AdminTokenAuthenticator {
  readonly prefix: string;
  authenticate(token: string): Promise<Principal | undefined>;
}

const digest = (text: string) => createHash('sha256').update(text).digest();
const verifiedBasicTtlMs = 60_000;

/**
 * Who is calling a console or admin route, from (in this order) the Authorization header — an admin
 * API token, the bootstrap GATEHOUSE_ADMIN_TOKEN, HTTP Basic with an admin's password — or else the
 * session cookie. A present but wrong Authorization header never falls back to the cookie.
 */
export function createPrincipalResolver(deps: {
  sessions: SessionStore;
  users: UsersRepository;
  adminToken: string | undefined;
  adminTokens: AdminTokenAuthenticator;
  now: () => number;
}) {
  const tokenDigest = deps.adminToken ? digest(deps.adminToken) : undefined;
  const bootstrap: Principal = Object.freeze({
    kind: 'bootstrap-token',
    userId: null,
    username: null,
    role: 'admin',
    scopes: adminScopes,
  });
  // scrypt is deliberately slow: a verified Basic header is remembered (by its hash) for a minute.
  const verifiedBasic = new Map<string, { principal: Principal; until: number }>();

  async function basic(encoded: string): Promise<Principal | undefined> {
    const cacheKey = digest(encoded).toString('hex');
    const cached = verifiedBasic.get(cacheKey);
    if (cached && cached.until > deps.now()) return cached.principal;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return undefined;
    const user = await deps.users.findByUsername(decoded.slice(0, colon));
    if (!user?.enabled || user.role !== 'admin' || !user.passwordHash) return undefined;
    if (!(await verifyPassword(decoded.slice(colon + 1), user.passwordHash))) return undefined;
    const principal: Principal = {
      kind: 'basic-admin',
      userId: user.id,
      username: user.username,
      role: 'admin',
      scopes: adminScopes,
    };
    if (verifiedBasic.size > 1000) verifiedBasic.clear();
    verifiedBasic.set(cacheKey, { principal, until: deps.now() + verifiedBasicTtlMs });
    return principal;
  }

  async function bearer(token: string): Promise<Principal | undefined> {
    if (token.startsWith(deps.adminTokens.prefix)) return deps.adminTokens.authenticate(token);
    if (tokenDigest && timingSafeEqual(digest(token), tokenDigest)) return bootstrap;
    return undefined;
  }

  async function session(request: FastifyRequest): Promise<Principal | undefined> {
    const header = request.headers.cookie;
    if (!header) return undefined;
    const sessionId = request.server.parseCookie(header)[sessionCookieName];
    if (!sessionId) return undefined;
    const active = await deps.sessions.resolve(sessionId);
    if (!active) return undefined;
    const { user } = active;
    return {
      kind: user.role === 'admin' ? 'admin-session' : 'user-session',
      userId: user.id,
      username: user.username,
      role: user.role,
      scopes: adminScopes,
      sessionId: active.idHash,
      csrfToken: active.csrfToken,
    };
  }

  return {
    async resolve(request: FastifyRequest): Promise<Principal | undefined> {
      const header = request.headers.authorization;
      if (header === undefined) return session(request);
      const space = header.indexOf(' ');
      const scheme = header.slice(0, space).toLowerCase();
      const value = header.slice(space + 1).trim();
      if (space < 1 || value.length === 0) return undefined;
      if (scheme === 'bearer') return bearer(value);
      if (scheme === 'basic') return basic(value);
      return undefined;
    },
    /** A user changed (password, role, enabled): forget verified Basic credentials. */
    forgetVerifiedCredentials(): void {
      verifiedBasic.clear();
    },
  };
}

export type PrincipalResolver = ReturnType<typeof createPrincipalResolver>;
