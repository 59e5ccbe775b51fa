import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGatehouse, startGatehouse, temporaryDirectory } from '../support/gatehouse-harness.js';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const indexHtml =
  '<!doctype html><html><head><script>document.documentElement.dataset.theme="x"</script></head>' +
  '<body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';
const bundle = `console.log(${JSON.stringify('gatehouse console '.repeat(200))});`;

/** A stand-in for `vite build` output: the plugin serves whatever the build wrote. */
function writeBuild(directory: string) {
  mkdirSync(join(directory, 'assets'), { recursive: true });
  writeFileSync(join(directory, 'index.html'), indexHtml);
  writeFileSync(join(directory, 'assets', 'index-abc123.js'), bundle);
  writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

describe('console static files', () => {
  let gate: RunningGatehouse;
  let directory: string;

  beforeAll(async () => {
    directory = temporaryDirectory('gatehouse-console-');
    writeBuild(directory);
    gate = await startGatehouse({}, { consoleDirectory: directory });
  });
  afterAll(async () => {
    await gate.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves index.html at / to browsers, revalidated on every load, with a CSP allowing its inline script', async () => {
    const response = await fetch(`${gate.url}/`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(await response.text()).toBe(indexHtml);
  });

  it('keeps answering JSON at / to API clients, and HEAD / with 200 (Claude Code probes it)', async () => {
    const json = await fetch(`${gate.url}/`);
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ name: 'Gatehouse', status: 'ok' });
    const head = await fetch(`${gate.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('serves hashed assets as immutable for a year, gzipped when asked, with a working ETag', async () => {
    const response = await fetch(`${gate.url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe(bundle);

    const raw = await rawGet('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await raw.arrayBuffer())).toString()).toBe(bundle);

    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${gate.url}/assets/index-abc123.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves other root files revalidated (no-cache)', async () => {
    const response = await fetch(`${gate.url}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for browser navigation to console routes', async () => {
    for (const path of ['/keys', '/accounts/abc', '/my/keys?x=1', '/login']) {
      const response = await fetch(`${gate.url}${path}`, { headers: html });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toBe(indexHtml);
    }
  });

  it('never answers API paths, unknown assets or non-browser requests with the console', async () => {
    const apiPaths = [
      '/v1/nothing',
      '/openai/v1/nothing',
      '/api/nothing',
      '/admin/api/nothing',
      '//admin/api/keys',
      '/claude/v1/x',
      '/health/x',
      '/metrics/nothing',
      '/docs/nothing',
      '/assets/missing-123.js',
    ];
    for (const path of apiPaths) {
      const response = await fetch(`${gate.url}${path}`, { headers: html });
      expect(response.status, path).not.toBe(200);
      expect(await response.text(), path).not.toContain('<div id="root">');
    }
    // /metrics answers, in Prometheus text, never with the console.
    const metrics = await fetch(`${gate.url}/metrics`, { headers: html });
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).not.toContain('<div id="root">');
    const notBrowser = await fetch(`${gate.url}/keys`, { headers: { accept: 'application/json' } });
    expect(notBrowser.status).toBe(404);
    const post = await fetch(`${gate.url}/keys`, { method: 'POST', headers: html });
    expect(post.status).toBe(404);
  });

  it('still requires admin credentials on the admin API', async () => {
    const response = await fetch(`${gate.url}/admin/api/keys`, { headers: html });
    expect(response.status).toBe(401);
  });

  it('does not read outside the build through encoded dot segments', async () => {
    for (const path of ['/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json']) {
      const response = await rawGet(path, { accept: 'application/json' });
      expect(response.status, path).toBe(404);
    }
  });

  async function rawGet(path: string, headers: Record<string, string>) {
    // undici's fetch decodes gzip itself and normalises dot segments; node:http sends the path as is.
    const { request } = await import('node:http');
    const url = new URL(gate.url);
    return new Promise<Response>((resolve, reject) => {
      request({ host: url.hostname, port: url.port, path, headers }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve(
            new Response(Buffer.concat(chunks), {
              status: incoming.statusCode ?? 0,
              headers: responseHeaders,
            }),
          );
        });
      })
        .on('error', reject)
        .end();
    });
  }
});

describe('console not built', () => {
  it('starts anyway and explains at / how to build the console', async () => {
    const empty = temporaryDirectory('gatehouse-no-console-');
    const gate = await startGatehouse({}, { consoleDirectory: join(empty, 'missing') });
    try {
      const page = await fetch(`${gate.url}/`, { headers: html });
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('npm run build');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const fallback = await fetch(`${gate.url}/keys`, { headers: html });
      expect(await fallback.text()).toContain('npm run build');
      const api = await fetch(`${gate.url}/`);
      expect(await api.json()).toEqual({ name: 'Gatehouse', status: 'ok' });
      expect((await fetch(`${gate.url}/health`)).status).toBe(200);
    } finally {
      await gate.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
