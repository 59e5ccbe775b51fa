import type { LiveKey } from '../access/live-key.js';
import type { UserRole } from '../domain/user.js';

/**
 * How a caller proved who they are. `admin-session` and `user-session` come from the console cookie;
 * `admin-token` is a scoped admin API token; `bootstrap-token` is GATEHOUSE_ADMIN_TOKEN (belongs to no
 * user); `basic-admin` is HTTP Basic with an admin's password; `key` is a Gatehouse API key.
 */
export type PrincipalKind =
  | 'anonymous'
  | 'key'
  | 'user-session'
  | 'admin-session'
  | 'admin-token'
  | 'bootstrap-token'
  | 'basic-admin';

export type AdminScope = 'admin:read' | 'admin:write';
export const adminScopes: readonly AdminScope[] = ['admin:read', 'admin:write'];

export interface Principal {
  readonly kind: PrincipalKind;
  /** The user acting; null for anonymous callers, the bootstrap token and keys without an owner. */
  readonly userId: string | null;
  readonly username: string | null;
  /** The role the credential carries; null for anonymous callers and keys. */
  readonly role: UserRole | null;
  /** What an admin credential may do; sessions, Basic and the bootstrap token may do everything. */
  readonly scopes: readonly AdminScope[];
  /** Set for sessions: the session's CSRF token, required on state-changing requests. */
  readonly sessionId?: string;
  readonly csrfToken?: string;
  readonly tokenId?: string;
  readonly tokenName?: string;
  readonly keyId?: string;
}

export const anonymousPrincipal: Principal = Object.freeze({
  kind: 'anonymous',
  userId: null,
  username: null,
  role: null,
  scopes: [],
});

/** A key holder, built only when something asks (the inference path never does). */
export function keyPrincipal(live: LiveKey): Principal {
  return { kind: 'key', userId: live.key.userId, username: null, role: null, scopes: [], keyId: live.key.id };
}

/** Whether the credential came from the browser cookie (and so needs a CSRF token to change state). */
export function isCookiePrincipal(principal: Principal): boolean {
  return principal.kind === 'user-session' || principal.kind === 'admin-session';
}

/** A name for logs and the audit trail. */
export function describePrincipal(principal: Principal): string | null {
  if (principal.kind === 'admin-token') return principal.tokenName ?? null;
  if (principal.kind === 'bootstrap-token') return 'GATEHOUSE_ADMIN_TOKEN';
  return principal.username;
}
