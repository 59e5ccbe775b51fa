import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ConsoleFile, type ConsoleFiles, gzippedBody, loadConsoleFiles } from './console-files.js';
import { missingBuildPage } from './missing-build-page.js';

/** Paths owned by APIs: never answered with the console's HTML, even for a browser. */
const apiPrefixes = ['/v1', '/openai', '/api', '/admin', '/claude', '/health', '/ready', '/metrics', '/docs'];

export function isApiPath(path: string): boolean {
  // `//admin/api` and friends are API paths too: the fallback never dresses up a probe as a page.
  const normalised = `/${path.replace(/^\/+/, '')}`.toLowerCase();
  return apiPrefixes.some((prefix) => normalised === prefix || normalised.startsWith(`${prefix}/`));
}

const publicRoute = { config: { auth: 'public' } } as const;

/**
 * The web console at `/`: the built files from memory with long caching for hashed assets, and
 * index.html for any other browser navigation (the console routes in the browser). `/` answers
 * JSON to non-browsers, as Gatehouse always has (Claude Code probes it).
 */
export async function consolePlugin(app: FastifyInstance, { directory }: { directory: string }) {
  const built = loadConsoleFiles(directory);

  app.get('/', publicRoute, async (request, reply) => {
    if (!acceptsHtml(request)) return { name: 'Gatehouse', status: 'ok' };
    return sendShell(built, request, reply);
  });

  app.get('/*', publicRoute, async (request, reply) => {
    const path = decodedPath(request.url);
    const file = path === null ? undefined : built?.files.get(path);
    if (file && path !== '/index.html') return sendFile(file, request, reply);
    // Unknown assets and API paths get the ordinary 404 in their API's shape; browsers navigating to a
    // console route get the shell.
    if (path === null || isApiPath(path) || path.startsWith('/assets/') || !acceptsHtml(request)) {
      return reply.callNotFound();
    }
    return sendShell(built, request, reply);
  });
}

function decodedPath(url: string): string | null {
  const raw = url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function sendShell(built: ConsoleFiles | null, request: FastifyRequest, reply: FastifyReply) {
  if (!built) {
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(missingBuildPage());
  }
  reply
    .header('content-security-policy', built.contentSecurityPolicy)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin');
  return sendFile(built.index, request, reply);
}

function sendFile(file: ConsoleFile, request: FastifyRequest, reply: FastifyReply) {
  reply
    .header('content-type', file.contentType)
    .header('etag', file.etag)
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding')
    // index.html must be revalidated every time so a new build's asset names are picked up at once.
    .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
    ? gzippedBody(file)
    : null;
  if (gzipped) return reply.header('content-encoding', 'gzip').send(gzipped);
  return reply.send(file.body);
}
