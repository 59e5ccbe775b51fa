import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from '../auth/route-policy.js';
import { renderDocsPage } from './docs-page.js';
import { buildOpenApiDocument } from './openapi-document.js';

/** `/docs` (a page for people) and `/docs/openapi.json`, built once from the final route table. */
export async function docsRoutes(app: FastifyInstance, { routes }: { routes: readonly RegisteredRoute[] }) {
  const version = packageVersion();
  let built: { json: string; html: string } | undefined;
  const document = () => {
    if (!built) {
      const openapi = buildOpenApiDocument(routes, version) as Parameters<typeof renderDocsPage>[0];
      built = { json: JSON.stringify(openapi), html: renderDocsPage(openapi) };
    }
    return built;
  };
  app.get('/docs/openapi.json', { config: { auth: 'public' } }, async (_request, reply) =>
    reply.type('application/json').send(document().json),
  );
  app.get('/docs', { config: { auth: 'public' } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(document().html),
  );
}

/** package.json sits three folders up from both src/http/docs and dist/http/docs. */
function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
