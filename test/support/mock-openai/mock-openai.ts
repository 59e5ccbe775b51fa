// A mock upstream that speaks OpenAI Chat Completions and the Responses API (and, with `azure`, the
// Azure OpenAI forms of the same endpoints), for integration tests: one instance per test, steered by
// `mock:` directives (see directives.ts) or enqueued scenarios. Built on node:http directly, like the
// Anthropic mock in ../mock-upstream.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createCompletionRoutes, type RouteParams } from './completion-routes.js';
import { errorBody, sendJson } from './http-replies.js';
import { findModel, listModels } from './models.js';
import {
  createContext,
  isAuthorized,
  type RequestContext,
  replyError,
  successHeaders,
} from './request-context.js';
import type { MockOpenAi, MockOpenAiOptions, RecordedRequest, Scenario } from './types.js';

export type {
  ChatUsage,
  MockOpenAi,
  MockOpenAiOptions,
  RecordedRequest,
  ResponsesUsage,
  Scenario,
} from './types.js';

export const DEFAULT_MOCK_OPENAI_KEY = 'mock-openai-key';

type RouteHandler = (context: RequestContext, body: unknown, params: RouteParams) => void | Promise<void>;

interface MatchedRoute {
  handler: RouteHandler;
  params: RouteParams;
  azure: boolean;
}

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

/** A wildcard listen address is not something a client can dial; loopback reaches it. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function answerModels(context: RequestContext): void {
  context.record.status = 200;
  sendJson(context.response, 200, listModels(), successHeaders(context));
}

function answerModel(context: RequestContext, id: string): void {
  const model = findModel(id);
  if (!model) {
    const message = `The model '${id}' does not exist`;
    replyError(context, 404, { message, param: 'model', code: 'model_not_found' });
    return;
  }
  context.record.status = 200;
  sendJson(context.response, 200, model, successHeaders(context));
}

type Routes = ReturnType<typeof createCompletionRoutes>;

/** The OpenAI paths, valid under `/v1` and (for Azure's v1 API) under `/openai/v1`. */
function matchOpenAiPath(method: string, rest: string, routes: Routes): MatchedRoute['handler'] | undefined {
  if (method === 'POST' && rest === '/chat/completions') return routes.handleChat;
  if (method === 'POST' && rest === '/responses') return routes.handleResponses;
  if (method === 'GET' && rest === '/models') return answerModels;
  const model = /^\/models\/([^/]+)$/.exec(rest)?.[1];
  if (method === 'GET' && model) return (context) => answerModel(context, decodeURIComponent(model));
  return undefined;
}

/**
 * Azure's classic data plane: `/openai/deployments/{deployment}/chat/completions?api-version=…`
 * (the deployment replaces the model), `/openai/responses?api-version=…` and `/openai/models`.
 * https://learn.microsoft.com/azure/ai-foundry/openai/reference
 */
function matchAzureClassic(method: string, url: URL, routes: Routes): MatchedRoute | undefined {
  if (!url.searchParams.has('api-version')) return undefined;
  const deployment = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname)?.[1];
  if (method === 'POST' && deployment) {
    return {
      handler: routes.handleChat,
      params: { deployment: decodeURIComponent(deployment) },
      azure: true,
    };
  }
  if (method === 'POST' && url.pathname === '/openai/responses')
    return { handler: routes.handleResponses, params: {}, azure: true };
  if (method === 'GET' && url.pathname === '/openai/models')
    return { handler: answerModels, params: {}, azure: true };
  return undefined;
}

function matchRoute(method: string, url: URL, routes: Routes, azure: boolean): MatchedRoute | undefined {
  if (url.pathname.startsWith('/v1/')) {
    const handler = matchOpenAiPath(method, url.pathname.slice('/v1'.length), routes);
    return handler ? { handler, params: {}, azure: false } : undefined;
  }
  if (!azure) return undefined;
  if (url.pathname.startsWith('/openai/v1/')) {
    const handler = matchOpenAiPath(method, url.pathname.slice('/openai/v1'.length), routes);
    return handler ? { handler, params: {}, azure: true } : undefined;
  }
  return matchAzureClassic(method, url, routes);
}

export async function startMockOpenAi(options: MockOpenAiOptions = {}): Promise<MockOpenAi> {
  const apiKey = options.apiKey ?? DEFAULT_MOCK_OPENAI_KEY;
  const azure = options.azure ?? false;
  const requests: RecordedRequest[] = [];
  const scenarioQueue: Scenario[] = [];
  const storedResponses = new Set<string>();
  let serial = 0;
  let requestCount = 0;
  let closing = false;
  const routes = createCompletionRoutes({
    scenarioQueue,
    storedResponses,
    nextSerial: () => {
      serial += 1;
      return serial;
    },
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    requestCount += 1;
    const rawBody = await readBody(request).catch(() => undefined);
    // The client went away while sending the body: there is nobody to answer.
    if (!rawBody) return;
    const { method = 'GET', url: path = '/', headers } = request;
    const record: RecordedRequest = {
      method,
      path,
      headers,
      rawBody,
      body: parseJson(rawBody),
      status: 0,
      aborted: false,
    };
    requests.push(record);
    const context = createContext(request, response, `req_mock_${requestCount}`, record);
    const url = new URL(path, 'http://mock.invalid');
    const route = matchRoute(method, url, routes, azure);
    // The real API answers an unknown route with this invalid_request_error, not with a bare 404.
    if (!route)
      return replyError(context, 404, {
        message: `Invalid URL (${method} ${url.pathname})`,
        code: 'unknown_url',
      });
    context.azure = route.azure;
    if (!isAuthorized(request, apiKey, azure)) return replyError(context, 401);
    if (closing) return;
    await route.handler(context, record.body, route.params);
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      // A bug in the mock must surface in the test, not hang it: answer 500 when still possible.
      console.error('mock-openai: unhandled error', error);
      if (!response.headersSent) sendJson(response, 500, errorBody(500, { message: 'mock failure' }), {});
      else response.destroy();
    });
  });
  const sockets = trackSockets(server);
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, host, options.port ?? 0);
  const origin = `http://${urlHost(host)}:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    port,
    requests,
    enqueue: (scenario) => {
      scenarioQueue.push(scenario);
    },
    reset: () => {
      requests.length = 0;
      scenarioQueue.length = 0;
      storedResponses.clear();
    },
    close: () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
