import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

let gate: RunningGatehouse;

beforeAll(async () => {
  gate = await startGatehouse();
});

afterAll(async () => {
  await gate?.close();
});

type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  'x-gatehouse-auth': string;
  security: unknown[];
  parameters: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
  responses: Record<string, unknown>;
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

describe('OpenAPI document', () => {
  let document: Document;
  beforeAll(async () => {
    const response = await fetch(`${gate.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    document = (await response.json()) as Document;
  });

  it('is an OpenAPI 3.1 document with unique operation ids and declared security schemes', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toBe('Gatehouse API');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      expect(operation.summary.length).toBeGreaterThan(0);
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      for (const requirement of operation.security as Array<Record<string, unknown>>) {
        for (const scheme of Object.keys(requirement))
          expect(document.components.securitySchemes).toHaveProperty(scheme);
      }
    }
  });

  it('lists every /admin and /api route with its auth policy', () => {
    const listed = gate.gatehouse.routes.filter((route) => /^\/(admin|api)\//.test(route.url));
    expect(listed.length).toBeGreaterThan(20);
    for (const route of listed) {
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url}`).toBeDefined();
      expect(operation!['x-gatehouse-auth']).toBe(route.auth);
      for (const parameter of path.match(/\{(\w+)\}/g) ?? []) {
        expect(operation!.parameters.map((p) => p.name)).toContain(parameter.slice(1, -1));
      }
    }
  });

  it('carries the request schemas routes declare', () => {
    const login = document.paths['/api/auth/login']!.post!;
    expect(login['x-gatehouse-auth']).toBe('public');
    expect(login.security).toEqual([]);
    expect(Object.keys(login.requestBody!.content['application/json'].schema.properties!)).toEqual([
      'username',
      'password',
    ]);
    const createUser = document.paths['/admin/api/users']!.post!;
    expect(createUser.requestBody!.content['application/json'].schema.properties).toHaveProperty('role');
    const audit = document.paths['/admin/api/audit']!.get!;
    expect(audit.parameters.map((p) => `${p.in}:${p.name}`)).toContain('query:limit');
  });
});

describe('/docs page', () => {
  it('lists the routes with their policies for people, without credentials', async () => {
    const response = await fetch(`${gate.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('/admin/api/users/{id}');
    expect(html).toContain('/docs/openapi.json');
    expect(html).not.toMatch(/<script/);
  });
});
