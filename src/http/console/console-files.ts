import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where `npm run build` writes the console: `<package>/dist/web`, from src/ (tsx) and dist/ alike. */
export function defaultConsoleDirectory(): string {
  return fileURLToPath(new URL('../../../dist/web/', import.meta.url));
}

export interface ConsoleFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Vite's content-hashed output under assets/: cacheable for a year. */
  immutable: boolean;
  /** Filled on first request for compressible files. */
  gzipped?: Buffer | null;
}

export interface ConsoleFiles {
  /** URL path (`/assets/index-abc.js`) → file. */
  files: ReadonlyMap<string, ConsoleFile>;
  index: ConsoleFile;
  /** Content-Security-Policy for the HTML shell (the inline theme script is allowed by its hash). */
  contentSecurityPolicy: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const compressible = /^(text\/|application\/json|image\/svg)/;

/**
 * Reads the built console into memory (a few hundred kilobytes) so serving it costs no disk access.
 * Answers null when there is no build, so the server can still start and say how to make one.
 */
export function loadConsoleFiles(directory: string): ConsoleFiles | null {
  const indexPath = join(directory, 'index.html');
  if (!existsSync(indexPath)) return null;
  const files = new Map<string, ConsoleFile>();
  for (const path of walk(directory)) {
    const urlPath = `/${relative(directory, path).split(sep).join('/')}`;
    const body = readFileSync(path);
    files.set(urlPath, {
      body,
      contentType: contentTypes[extname(path)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: urlPath.startsWith('/assets/'),
    });
  }
  const index = files.get('/index.html') as ConsoleFile;
  return { files, index, contentSecurityPolicy: contentSecurityPolicy(index.body.toString('utf8')) };
}

function* walk(directory: string): Generator<string> {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

function contentSecurityPolicy(html: string): string {
  const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScripts.join(' ')}`.trim(),
    // Charts position their tooltips with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The gzipped body when worth it, computed once per file. */
export function gzippedBody(file: ConsoleFile): Buffer | null {
  if (file.gzipped === undefined) {
    file.gzipped =
      compressible.test(file.contentType) && file.body.length > 1024 ? gzipSync(file.body) : null;
  }
  return file.gzipped;
}
