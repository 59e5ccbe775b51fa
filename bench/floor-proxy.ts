// The floor: the cheapest pass-through a Node gateway can be (node:http in, undici Pool.stream() out,
// the fastest undici API per MEASURED.md). No features at all, so Gatehouse's cost is read against it.
// Usage: node --import tsx bench/floor-proxy.ts --upstream http://127.0.0.1:PORT [--port 0]
// (bench/targets.ts runs it transpiled to plain JavaScript, without the tsx loader).
import http from 'node:http';
import { parseArgs } from 'node:util';
import { type Dispatcher, Pool } from 'undici';

// RFC 9110 §7.6.1 hop-by-hop headers, plus host (undici sets it for the upstream origin).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function endToEnd(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

const { values } = parseArgs({ options: { upstream: { type: 'string' }, port: { type: 'string' } } });
if (!values.upstream) throw new Error('--upstream is required');
const pool = new Pool(values.upstream, { connections: 256 });

const server = http.createServer((req, res) => {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  pool.stream(
    {
      path: req.url ?? '/',
      method: req.method as Dispatcher.HttpMethod,
      headers: endToEnd(req.headers),
      body: hasBody ? req : null,
    },
    ({ statusCode, headers }) => {
      res.writeHead(statusCode, endToEnd(headers));
      return res;
    },
    (error) => {
      if (!error) return;
      if (!res.headersSent) res.writeHead(502);
      res.end();
    },
  );
});

server.listen(Number(values.port ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected server address');
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, port: address.port })}\n`,
  );
});

// The orchestrator holds our stdin open; when it dies without cleaning up, we go too.
process.stdin.on('end', () => process.exit(0)).resume();
