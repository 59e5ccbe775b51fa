import type { Logger } from 'pino';
import { createAuditLog } from '../../audit/audit-log.js';
import { createAdminTokens } from '../../auth/admin-tokens.js';
import { createLoginThrottle } from '../../auth/login-throttle.js';
import { createPasswordVerifiers, localPasswordVerifier } from '../../auth/password-verifiers.js';
import { createSessionStore } from '../../auth/session-store.js';
import type { GatehouseConfig } from '../../config/config-schema.js';
import type { AdminTokensRepository } from '../../db/repositories/admin-tokens-repository.js';
import type { AuditRepository } from '../../db/repositories/audit-repository.js';
import type { SessionsRepository } from '../../db/repositories/sessions-repository.js';
import type { UsersRepository } from '../../db/repositories/users-repository.js';
import type { AuthServices } from './auth-services.js';
import { createPrincipalResolver } from './principal-resolver.js';
import { createSessionCookies } from './session-cookies.js';

export function createAuthServices(deps: {
  config: Pick<GatehouseConfig, 'auth' | 'adminToken'>;
  users: UsersRepository;
  sessions: SessionsRepository;
  adminTokens: AdminTokensRepository;
  audit: AuditRepository;
  now: () => number;
  logger: Logger;
}): AuthServices {
  const { auth } = deps.config;
  const tokens = createAdminTokens({ repository: deps.adminTokens, users: deps.users, now: deps.now });
  const sessions = createSessionStore({
    repository: deps.sessions,
    now: deps.now,
    idleTimeoutMs: auth.sessionIdleTimeoutMs,
    maxAgeMs: auth.sessionMaxAgeMs,
    onBackgroundError: (error) => deps.logger.warn({ err: error }, 'session bookkeeping failed'),
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
      adminTokens: tokens,
    }),
    users: deps.users,
    tokens,
    audit: createAuditLog({ repository: deps.audit, now: deps.now, logger: deps.logger }),
  };
}
