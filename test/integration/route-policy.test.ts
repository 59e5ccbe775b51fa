import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPolicies, installRoutePolicy } from '../../src/http/auth/route-policy.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

let gate: RunningGatehouse;

beforeAll(async () => {
  gate = await startGatehouse();
});

afterAll(async () => {
  await gate?.close();
});

/**
 * Every method and path Fastify's router holds, rebuilt from its own printed tree (independent of the
 * policy registry): each line is a path segment, appended to its parent's path.
 */
function routerRoutes(): Array<{ method: string; url: string }> {
  const printed = gate.gatehouse.app.printRoutes({ commonPrefix: false });
  const routes: Array<{ method: string; url: string }> = [];
  const parents: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^(.*?)[└├]── (.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const url = (parents[depth - 1] ?? '') + match[2]!;
    parents[depth] = url;
    parents.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

describe('route auth policy table', () => {
  it('gives every registered route one of the policies', () => {
    const routes = routerRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const { method, url } of routes) {
      if (method === 'HEAD') continue;
      const entry = gate.gatehouse.routes.find((route) => route.method === method && route.url === url);
      expect(entry, `${method} ${url} is not in the policy table`).toBeDefined();
      expect(authPolicies).toContain(entry!.auth);
    }
  });

  it('puts every /admin/api route under the admin policy and inference under key', () => {
    for (const route of gate.gatehouse.routes) {
      if (route.url.startsWith('/admin/')) expect(route.auth, route.url).toBe('admin');
      if (/\/v1\/(messages|chat|responses|models)/.test(route.url)) expect(route.auth, route.url).toBe('key');
      if (route.url.startsWith('/api/') && !route.url.startsWith('/api/v1/') && route.auth === 'key')
        throw new Error(`${route.url}: self-service routes take a session, not a key`);
    }
  });

  it('refuses to start with a route that declares no policy', async () => {
    const app = Fastify();
    installRoutePolicy(app, { public: null, key: null, user: null, admin: null });
    app.register(async (child) => {
      child.get('/forgotten', async () => ({ ok: true }));
    });
    await expect(app.ready()).rejects.toThrow(/GET \/forgotten declares no auth policy/);
  });

  it('refuses an unknown policy name', async () => {
    const app = Fastify();
    installRoutePolicy(app, { public: null, key: null, user: null, admin: null });
    expect(() => app.get('/typo', { config: { auth: 'admn' as never } }, async () => ({}))).toThrow(
      /GET \/typo declares no auth policy/,
    );
  });
});
