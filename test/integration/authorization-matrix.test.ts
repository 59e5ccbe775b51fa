import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../src/http/auth/route-policy.js';
import { consoleLogin } from '../support/console-session.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

/**
 * The route × role matrix, generated from the route policy table: every `user` and `admin` route
 * (today's and any added later) is called by an anonymous caller, a key holder, a console user and a
 * console admin, and must let in exactly the roles its policy names.
 */
const adminPassword = 'correct horse battery staple';
const gate: RunningGatehouse = await startGatehouse({ GATEHOUSE_ADMIN_PASSWORD: adminPassword });
const guarded = gate.gatehouse.routes.filter((route) => route.auth === 'user' || route.auth === 'admin');
let apiKey: string;

beforeAll(async () => {
  apiKey = (await gate.createKey({ name: 'matrix key' })).key;
  await gate.admin('POST', '/admin/api/users', { username: 'matrix-user', password: 'matrix-password' });
});

afterAll(async () => {
  await gate.close();
});

type Role = 'anonymous' | 'key holder' | 'user' | 'admin';

async function call(route: RegisteredRoute, role: Role): Promise<number> {
  const path = route.url.replace(/:[A-Za-z0-9_]+/g, 'matrix-no-such-id');
  const headers: Record<string, string> = {};
  if (role === 'key holder') {
    headers.authorization = `Bearer ${apiKey}`;
    headers['x-api-key'] = apiKey;
  }
  if (role === 'user' || role === 'admin') {
    // A fresh session each time: some routes (logout, password change) end the one they are called with.
    const session =
      role === 'admin'
        ? await consoleLogin(gate, 'admin', adminPassword)
        : await consoleLogin(gate, 'matrix-user', 'matrix-password');
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await fetch(`${gate.url}${path}`, {
    method: route.method,
    headers,
    body: hasBody ? '{}' : undefined,
  });
  // An event stream (the live usage feed) never ends: its status is all the matrix needs.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
  else await response.arrayBuffer();
  return response.status;
}

describe('every guarded route has a policy the matrix covers', () => {
  it('finds the admin and self-service routes', () => {
    expect(guarded.filter((route) => route.auth === 'admin').length).toBeGreaterThan(15);
    expect(guarded.filter((route) => route.auth === 'user').length).toBeGreaterThan(2);
  });
});

describe.each(guarded)('$method $url ($auth)', (route) => {
  it('refuses anonymous callers and key holders with 401', async () => {
    expect(await call(route, 'anonymous')).toBe(401);
    expect(await call(route, 'key holder')).toBe(401);
  });

  it(route.auth === 'admin' ? 'refuses a console user with 403' : 'lets a console user in', async () => {
    const status = await call(route, 'user');
    if (route.auth === 'admin') expect(status).toBe(403);
    else expect([401, 403]).not.toContain(status);
  });

  it('lets a console admin in', async () => {
    expect([401, 403]).not.toContain(await call(route, 'admin'));
  });
});

/** A raw request: fetch would normalise the very paths under test. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(gate.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: hostname, port, path, method: 'GET', headers, setHost: !headers.host },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const confusingPaths = [
  '//admin/api/keys',
  '///admin/api/keys',
  '/admin//api/keys',
  '/admin/api//keys',
  '/admin/api/%2e%2e/keys',
  '/admin/api/%2E%2E/api/keys',
  '/admin/api/./keys',
  '/admin/api/keys/..',
  '/api/../admin/api/keys',
  '/v1/../admin/api/keys',
  '/./admin/api/keys',
  '/ADMIN/api/keys',
  '/Admin/Api/Keys',
  '/admin/api/keys/',
  '/admin/api/keys;',
  '/admin/api/keys%20',
  '/admin/api/keys%00',
  '/admin%2fapi%2fkeys',
  '/admin/api%2fkeys',
  '/%2fadmin/api/keys',
  '/%61dmin/api/keys',
  '/admin/api/keys?%2e%2e',
  '/admin/api/users',
  '/admin/api/tokens',
  '/admin/api/audit',
  '/api/me',
];

describe('path and Host confusion probes stay denied', () => {
  it.each(confusingPaths)('GET %s without credentials', async (path) => {
    const answer = await raw(path, { accept: 'application/json' });
    expect(answer.status, answer.body).not.toBe(200);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.body).not.toMatch(/sk-gate-|"keys"\s*:|"users"\s*:|"tokens"\s*:|"entries"\s*:/);
  });

  it.each(['x?', 'localhost/admin', 'evil.example', '127.0.0.1:1', 'localhost#', 'admin'])(
    'Host: %s grants nothing',
    async (host) => {
      const answer = await raw('/admin/api/keys', { host });
      expect([400, 401]).toContain(answer.status);
      expect(answer.body).not.toMatch(/"keys"\s*:/);
    },
  );

  it('ignores URL-rewriting headers', async () => {
    for (const header of ['x-original-url', 'x-rewrite-url', 'x-forwarded-prefix']) {
      const answer = await raw('/health', { [header]: '/admin/api/keys' });
      expect(answer.body).toBe('{"status":"ok"}');
    }
    const overridden = await raw('/admin/api/keys', { 'x-http-method-override': 'OPTIONS' });
    expect(overridden.status).toBe(401);
  });

  it('lets a console user reach no admin data through any probe', async () => {
    const session = await consoleLogin(gate, 'matrix-user', 'matrix-password');
    for (const path of confusingPaths.filter((p) => p !== '/api/me')) {
      const answer = await raw(path, { cookie: session.cookie, accept: 'application/json' });
      expect(answer.body, path).not.toMatch(/sk-gate-|"keys"\s*:|"users"\s*:|"tokens"\s*:|"entries"\s*:/);
    }
  });

  it('still serves the canonical path to an admin (the probes are not all blocked by accident)', async () => {
    const answer = await raw('/admin/api/keys', { authorization: `Bearer ${gate.adminToken}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/"keys"\s*:/);
  });
});
