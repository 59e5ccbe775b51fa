// A mock upstream that speaks the Anthropic Messages API, for integration tests (one instance per test,
// steered by `mock:` directives or enqueued scenarios) and for the benchmark (`fast: true`).
// Built on node:http directly so it adds as little as possible to what is being measured.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createFastMessagesHandler } from './fast-mode.js';
import { sendJson } from './http-replies.js';
import { createMessagesRoute } from './messages-route.js';
import { listModels } from './models.js';
import {
  isAuthorized,
  presentedCredential,
  type RequestContext,
  replyError,
  successHeaders,
} from './request-context.js';
import { createPromptCache } from './token-counting.js';
import type { MockAnthropicOptions, MockUpstream, RecordedRequest, Scenario } from './types.js';

export type {
  AnthropicUsage,
  MockAnthropicOptions,
  MockUpstream,
  RecordedRequest,
  Scenario,
} from './types.js';

export const DEFAULT_MOCK_API_KEY = 'mock-key';
// The real API's limit for /v1/messages; judged from Content-Length, as Cloudflare does for Anthropic.
const MAX_BODY_BYTES = 32 * 1024 * 1024;

type RouteHandler = (context: RequestContext, body: unknown) => void | Promise<void>;

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('mock: no TCP address'));
      else resolve(address.port);
    });
  });
}

function createContext(
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
): RequestContext {
  const controller = new AbortController();
  const context: RequestContext = {
    request,
    response,
    requestId,
    record: undefined,
    signal: controller.signal,
    endedByMock: false,
  };
  response.once('close', () => {
    if (response.writableFinished) return;
    if (context.record && !context.endedByMock) context.record.aborted = true;
    controller.abort();
  });
  return context;
}

export async function startMockAnthropic(options: MockAnthropicOptions = {}): Promise<MockUpstream> {
  let apiKey: string | ((credential: string | undefined) => boolean) = options.apiKey ?? DEFAULT_MOCK_API_KEY;
  const requests: RecordedRequest[] = [];
  const scenarioQueue: Scenario[] = [];
  const promptCache = createPromptCache();
  let serial = 0;
  let requestCount = 0;
  let closing = false;
  const nextSerial = () => {
    serial += 1;
    return serial;
  };
  const messages = createMessagesRoute({ scenarioQueue, promptCache, nextSerial });
  const fastHandler = options.fast
    ? createFastMessagesHandler(options.apiKey ?? DEFAULT_MOCK_API_KEY)
    : undefined;

  const authenticated =
    (handler: RouteHandler): RouteHandler =>
    (context, body) => {
      const accepted =
        typeof apiKey === 'string'
          ? isAuthorized(context.request, apiKey)
          : apiKey(presentedCredential(context.request));
      if (accepted) return handler(context, body);
      replyError(context, 401, 'invalid x-api-key');
    };

  const routes: ReadonlyMap<string, RouteHandler> = new Map<string, RouteHandler>([
    ['HEAD /', answerRoot],
    ['GET /', answerRoot],
    ['POST /v1/messages', authenticated(messages.handleCreateMessage)],
    ['POST /v1/messages/count_tokens', authenticated(messages.handleCountTokens)],
    ['GET /v1/models', authenticated(answerModels)],
  ]);

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    requestCount += 1;
    const requestId = `req_mock_${requestCount}`;
    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const routeKey = `${request.method ?? 'GET'} ${url.pathname}`;
    if (fastHandler && routeKey === 'POST /v1/messages') return fastHandler(request, response, requestId);
    const context = createContext(request, response, requestId);
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      response.shouldKeepAlive = false;
      return replyError(context, 413);
    }
    const rawBody = await readBody(request).catch(() => undefined);
    // The client went away while sending the body: there is nobody to answer.
    if (!rawBody) return;
    const body = parseJson(rawBody);
    if (!fastHandler) {
      const { method = 'GET', url: path = '/', headers } = request;
      context.record = { method, path, headers, rawBody, body, status: 0, aborted: false };
      requests.push(context.record);
    }
    const route = routes.get(routeKey);
    if (!route) return replyError(context, 404, `Not found: ${request.method} ${url.pathname}`);
    if (closing) return;
    await route(context, body);
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      // A bug in the mock must surface in the test, not hang it: answer 500 when still possible.
      console.error('mock-anthropic: unhandled error', error);
      if (!response.headersSent)
        sendJson(response, 500, { type: 'error', error: { type: 'api_error', message: 'mock failure' } }, {});
      else response.destroy();
    });
  });
  const sockets = trackSockets(server);
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, host, options.port ?? 0);

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    requests,
    acceptCredential: (credential) => {
      apiKey = credential;
    },
    enqueue: (scenario) => {
      scenarioQueue.push(scenario);
    },
    reset: () => {
      requests.length = 0;
      scenarioQueue.length = 0;
      promptCache.clear();
    },
    close: () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}

/** A wildcard listen address is not something a client can dial; loopback reaches it. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function answerRoot(context: RequestContext): void {
  if (context.record) context.record.status = 200;
  const body = context.request.method === 'HEAD' ? undefined : 'mock-anthropic ok\n';
  context.response.writeHead(200, {
    ...successHeaders(context),
    'content-type': 'text/plain; charset=utf-8',
  });
  context.response.end(body);
}

function answerModels(context: RequestContext): void {
  if (context.record) context.record.status = 200;
  const query = new URL(context.request.url ?? '/', 'http://mock.invalid').searchParams;
  sendJson(context.response, 200, listModels(query), successHeaders(context));
}
