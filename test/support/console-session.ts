import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/access/password-hash.js';
import type { UserRole } from '../../src/domain/user.js';
import type { RunningGatehouse } from './gatehouse-harness.js';

/** A console login as the browser holds it: the session cookie and the CSRF token. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
  user: { id: string; username: string; role: UserRole };
  /** A request with the cookie (and the CSRF token unless `csrf: false`). */
  fetch(method: string, path: string, body?: unknown, options?: { csrf?: boolean }): Promise<Response>;
}

/** A settable clock for tests that cross expiry or lockout windows without sleeping. */
export function manualClock(start = Date.now()) {
  let at = start;
  return {
    now: () => at,
    advance(ms: number) {
      at += ms;
    },
  };
}

/** Creates a user directly in the store (for tests that do not exercise the users API). */
export async function seedUser(
  gate: RunningGatehouse,
  fields: { username: string; password: string; role?: UserRole; enabled?: boolean },
) {
  return gate.gatehouse.admin.users.insert(
    {
      id: randomUUID(),
      username: fields.username,
      role: fields.role ?? 'user',
      passwordHash: await hashPassword(fields.password),
      enabled: fields.enabled ?? true,
    },
    Date.now(),
  );
}

export function sessionCookieOf(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const match = /^gatehouse_session=([^;]*)/.exec(header);
    if (match) return `gatehouse_session=${match[1]}`;
  }
  return undefined;
}

export async function login(
  gate: { url: string },
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${gate.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
}

export async function consoleLogin(
  gate: { url: string },
  username: string,
  password: string,
): Promise<ConsoleSession> {
  const response = await login(gate, username, password);
  const body = (await response.json()) as { user: ConsoleSession['user']; csrfToken: string };
  const cookie = sessionCookieOf(response);
  if (response.status !== 200 || !cookie)
    throw new Error(`login as ${username} answered ${response.status}: ${JSON.stringify(body)}`);
  return {
    cookie,
    csrfToken: body.csrfToken,
    user: body.user,
    fetch(method, path, payload, options = {}) {
      const headers: Record<string, string> = { cookie };
      if (options.csrf !== false) headers['x-csrf-token'] = body.csrfToken;
      if (payload !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${gate.url}${path}`, {
        method,
        headers,
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
    },
  };
}
