import type { AuditLog } from '../../audit/audit-log.js';
import type { AdminTokens } from '../../auth/admin-tokens.js';
import type { LoginThrottle } from '../../auth/login-throttle.js';
import type { PasswordVerifiers } from '../../auth/password-verifiers.js';
import type { SessionStore } from '../../auth/session-store.js';
import type { UsersRepository } from '../../db/repositories/users-repository.js';
import type { PrincipalResolver } from './principal-resolver.js';
import type { SessionCookies } from './session-cookies.js';

/**
 * Identity and access, as other features use it: `sessionCookies.startFor(user, request, reply)` logs a
 * verified user in, `verifiers.register(…)` adds a password check (LDAP), `throttle` counts failures.
 */
export interface AuthServices {
  sessions: SessionStore;
  sessionCookies: SessionCookies;
  verifiers: PasswordVerifiers;
  throttle: LoginThrottle;
  resolver: PrincipalResolver;
  users: UsersRepository;
  /** Scoped admin API tokens (`gha-…`). */
  tokens: AdminTokens;
  audit: AuditLog;
}
