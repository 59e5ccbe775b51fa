import { createLoginThrottle } from '../../auth/login-throttle.js';
import { createPasswordVerifiers, localPasswordVerifier } from '../../auth/password-verifiers.js';
import { createSessionStore } from '../../auth/session-store.js';
import type { GatehouseConfig } from '../../config/config-schema.js';
import type { SessionsRepository } from '../../db/repositories/sessions-repository.js';
import type { UsersRepository } from '../../db/repositories/users-repository.js';
import type { AuthServices } from './auth-services.js';
import { type AdminTokenAuthenticator, createPrincipalResolver } from './principal-resolver.js';
import { createSessionCookies } from './session-cookies.js';

export function createAuthServices(deps: {
  config: Pick<GatehouseConfig, 'auth' | 'adminToken'>;
  users: UsersRepository;
  sessions: SessionsRepository;
  adminTokens?: AdminTokenAuthenticator;
  now: () => number;
  onBackgroundError: (error: unknown) => void;
}): AuthServices {
  const { auth } = deps.config;
  const sessions = createSessionStore({
    repository: deps.sessions,
    now: deps.now,
    idleTimeoutMs: auth.sessionIdleTimeoutMs,
    maxAgeMs: auth.sessionMaxAgeMs,
    onBackgroundError: deps.onBackgroundError,
  });
  return {
    sessions,
    sessionCookies: createSessionCookies(sessions, { maxAgeMs: auth.sessionMaxAgeMs }),
    verifiers: createPasswordVerifiers(localPasswordVerifier(deps.users)),
    throttle: createLoginThrottle({ now: deps.now, ...auth }),
    resolver: createPrincipalResolver({
      sessions,
      users: deps.users,
      adminToken: deps.config.adminToken,
      now: deps.now,
      ...(deps.adminTokens ? { adminTokens: deps.adminTokens } : {}),
    }),
    users: deps.users,
  };
}
