import { z } from 'zod';
import type { AuthPolicy, RegisteredRoute } from '../auth/route-policy.js';

type JsonObject = Record<string, unknown>;

const securitySchemes = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'gatehouse_session',
    description: 'Console session from POST /api/auth/login; writes also need the x-csrf-token header.',
  },
  adminBearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'An admin API token (gha-…) or the bootstrap GATEHOUSE_ADMIN_TOKEN.',
  },
  adminBasic: { type: 'http', scheme: 'basic', description: "An admin's username and password." },
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'A Gatehouse API key (sk-gate-…).',
  },
  apiKeyBearer: { type: 'http', scheme: 'bearer', description: 'A Gatehouse API key as a Bearer token.' },
} as const;

const securityFor: Record<AuthPolicy, JsonObject[]> = {
  public: [],
  key: [{ apiKey: [] }, { apiKeyBearer: [] }],
  user: [{ sessionCookie: [] }, { adminBearer: [] }, { adminBasic: [] }],
  admin: [{ sessionCookie: [] }, { adminBearer: [] }, { adminBasic: [] }],
};

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['type', 'message'],
            properties: { type: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
});

function responsesFor(policy: AuthPolicy): JsonObject {
  const responses: JsonObject = {
    '200': { description: 'Success' },
    '400': errorResponse('Invalid request'),
  };
  if (policy !== 'public') responses['401'] = errorResponse('No valid credential');
  if (policy === 'admin' || policy === 'user')
    responses['403'] = errorResponse('Not allowed for this credential');
  return responses;
}

/** zod → JSON Schema (2020-12, which OpenAPI 3.1 uses), as a client must send it. */
function jsonSchemaOf(schema: z.ZodType): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonObject;
  return rest;
}

function queryParameters(schema: z.ZodType | undefined): JsonObject[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function tagOf(url: string): string {
  const parts = url.split('/').filter(Boolean);
  if (parts[0] === 'admin') return parts[2] ?? 'admin';
  if (parts[0] === 'api') return parts[1] ?? 'self-service';
  return parts.includes('v1') ? 'inference' : 'health';
}

function operationFor(route: RegisteredRoute): JsonObject {
  const { docs } = route;
  const pathParameters = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const operation: JsonObject = {
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+/g, '_')}`,
    summary: docs?.summary ?? `${route.method} ${route.url}`,
    tags: docs?.tags ?? [tagOf(route.url)],
    'x-gatehouse-auth': route.auth,
    security: securityFor[route.auth],
    parameters: [...pathParameters, ...queryParameters(docs?.query)],
    responses: responsesFor(route.auth),
  };
  if (docs?.description) operation.description = docs.description;
  if (docs?.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(docs.body) } },
    };
  }
  return operation;
}

/**
 * The OpenAPI 3.1 document, generated from the route policy table: every route that declares a policy
 * appears with it (`x-gatehouse-auth` and `security`), with its body and query schemas where the route
 * names its zod schemas in `config.docs`. The console's catch-all is left out.
 */
export function buildOpenApiDocument(routes: readonly RegisteredRoute[], version: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    if (route.url.includes('*')) continue;
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationFor(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gatehouse API',
      version,
      description:
        'Inference surfaces (Anthropic Messages, OpenAI Chat and Responses), the admin API and the console API. ' +
        'x-gatehouse-auth names the policy each route enforces: public, key, user or admin.',
    },
    components: { securitySchemes },
    paths,
  };
}
