import { timingSafeEqual } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
  RouteOptions,
} from 'fastify';
import type { z } from 'zod';
import { isCookiePrincipal, type Principal } from '../../auth/principal.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { PrincipalResolver } from './principal-resolver.js';

/**
 * Who may call a route: `public` (nobody in particular), `key` (a Gatehouse API key), `user` (a console
 * user, or the admin credentials), `admin` (an admin session, admin API token, the bootstrap token or
 * Basic admin). Every route declares one in `config.auth`; a route without is refused at start-up.
 */
export const authPolicies = ['public', 'key', 'user', 'admin'] as const;
export type AuthPolicy = (typeof authPolicies)[number];

/** What the OpenAPI document says about a route (see http/docs/). */
export interface RouteDocs {
  summary: string;
  tags?: string[];
  description?: string;
  body?: z.ZodType;
  query?: z.ZodType;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthPolicy;
    docs?: RouteDocs;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  auth: AuthPolicy;
  docs: RouteDocs | undefined;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const presented = request.headers['x-csrf-token'];
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws when the principal may not make this request under this policy. */
export function authorize(policy: 'user' | 'admin', principal: Principal, request: FastifyRequest): void {
  if (principal.role === null || (policy === 'admin' && principal.role !== 'admin')) {
    throw new GatewayError('permission_denied', 'This needs an administrator.');
  }
  if (safeMethods.has(request.method)) return;
  if (!principal.scopes.includes('admin:write')) {
    throw new GatewayError('permission_denied', 'This admin API token is read-only (it lacks admin:write).');
  }
  if (isCookiePrincipal(principal) && !csrfMatches(request, principal.csrfToken ?? '')) {
    throw new GatewayError('permission_denied', 'A valid x-csrf-token header is required.');
  }
}

/** The onRequest enforcement of the `user` and `admin` policies. */
export function credentialGuard(policy: 'user' | 'admin', resolver: PrincipalResolver) {
  const missing =
    policy === 'admin' ? 'Admin credentials are required.' : 'Sign in, or present admin credentials.';
  return async function guard(request: FastifyRequest): Promise<void> {
    const principal = await resolver.resolve(request);
    if (!principal) throw new GatewayError('authentication_failed', missing);
    authorize(policy, principal, request);
    request.principal = principal;
  };
}

/**
 * Installs the policy table on the root instance: every route registered afterwards (in any plugin)
 * must carry `config.auth`, gets its policy's enforcement as its first onRequest hook, and is listed
 * in the returned registry (the OpenAPI document and the authorization tests read it). State-changing
 * routes other than inference also get the audit hook.
 */
export function installRoutePolicy(
  app: FastifyInstance,
  guards: Record<AuthPolicy, onRequestHookHandler | null>,
  audit?: onSendHookHandler,
): RegisteredRoute[] {
  const registry: RegisteredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const auth = route.config?.auth;
    const methods = asArray(route.method);
    if (auth === undefined || !authPolicies.includes(auth)) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} declares no auth policy: add config.auth (one of ${authPolicies.join(', ')}).`,
      );
    }
    for (const method of methods) {
      if (method !== 'HEAD') registry.push({ method, url: route.url, auth, docs: route.config?.docs });
    }
    const guard = guards[auth];
    const hooks = asArray(route.onRequest);
    // Fastify derives a HEAD route from each GET route's (already guarded) options: guard once.
    if (guard && !hooks.includes(guard)) route.onRequest = [guard, ...hooks];
    // Every state-changing console and admin request is audited (logins included); inference never is.
    if (audit && auth !== 'key' && !methods.every((method) => safeMethods.has(method))) {
      route.onSend = [...asArray(route.onSend), audit];
    }
  });
  return registry;
}
