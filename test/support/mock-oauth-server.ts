// A mock of Claude's OAuth token endpoint (loopback HTTP), for `claude-oauth` account tests. It plays
// the authorization server's part the browser would: `authorize(challenge)` issues a code bound to a
// PKCE challenge, and POST /v1/oauth/token checks the verifier against it, like the real endpoint.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface TokenRequest {
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

export interface MockOAuthServer {
  /** The token URL, e.g. `http://127.0.0.1:4711/v1/oauth/token`. */
  tokenUrl: string;
  clientId: string;
  redirectUri: string;
  requests: TokenRequest[];
  /** Every access and refresh token issued so far (tests look for them in logs and answers). */
  issued: string[];
  /** What the browser step would do: a code for this PKCE challenge and state. */
  authorize(challenge: string, state: string): string;
  /** Lifetime of the next tokens issued, in seconds. */
  expiresInSeconds: number;
  /** How the next refresh_token grants are answered. */
  refreshMode: 'ok' | 'refuse' | 'unavailable';
  currentAccessToken(): string | undefined;
  close(): Promise<void>;
}

export async function startMockOAuthServer(): Promise<MockOAuthServer> {
  const codes = new Map<string, { challenge: string; state: string }>();
  const refreshTokens = new Set<string>();
  let latestAccess: string | undefined;
  const mock: MockOAuthServer = {
    tokenUrl: '',
    clientId: 'mock-client-id',
    redirectUri: 'https://mock.invalid/oauth/code/callback',
    requests: [],
    issued: [],
    expiresInSeconds: 28_800,
    refreshMode: 'ok',
    authorize(challenge, state) {
      const code = `code-${randomBytes(12).toString('hex')}`;
      codes.set(code, { challenge, state });
      return code;
    },
    currentAccessToken: () => latestAccess,
    close: async () => {},
  };

  function issue(response: ServerResponse): void {
    const access = `sk-ant-oat01-MOCK${randomBytes(16).toString('hex')}`;
    const refresh = `sk-ant-ort01-MOCK${randomBytes(16).toString('hex')}`;
    refreshTokens.add(refresh);
    latestAccess = access;
    mock.issued.push(access, refresh);
    reply(response, 200, {
      token_type: 'Bearer',
      access_token: access,
      refresh_token: refresh,
      expires_in: mock.expiresInSeconds,
      scope: 'user:inference user:profile',
    });
  }

  function answerCode(body: Record<string, unknown>, response: ServerResponse) {
    const grant = typeof body.code === 'string' ? codes.get(body.code) : undefined;
    if (typeof body.code === 'string') codes.delete(body.code);
    const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      !grant ||
      grant.challenge !== challenge ||
      grant.state !== body.state ||
      body.redirect_uri !== mock.redirectUri
    )
      return reply(response, 400, { error: 'invalid_grant', error_description: 'Invalid code' });
    issue(response);
  }

  function answerRefresh(body: Record<string, unknown>, response: ServerResponse) {
    if (mock.refreshMode === 'unavailable') return reply(response, 503, { error: 'temporarily_unavailable' });
    const token = typeof body.refresh_token === 'string' ? body.refresh_token : '';
    // Refresh tokens rotate: each works once.
    const known = refreshTokens.delete(token);
    if (mock.refreshMode === 'refuse' || !known)
      return reply(response, 400, {
        error: 'invalid_grant',
        error_description: `Refresh token ${token} is invalid`,
      });
    issue(response);
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // An empty or malformed body is answered below as an invalid request.
      }
      mock.requests.push({ body, headers: request.headers });
      if (request.method !== 'POST' || request.url !== '/v1/oauth/token') return reply(response, 404, {});
      if (body.client_id !== mock.clientId) return reply(response, 401, { error: 'invalid_client' });
      if (body.grant_type === 'authorization_code') return answerCode(body, response);
      if (body.grant_type === 'refresh_token') return answerRefresh(body, response);
      reply(response, 400, { error: 'unsupported_grant_type' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('mock oauth: no TCP address');
  mock.tokenUrl = `http://127.0.0.1:${address.port}/v1/oauth/token`;
  mock.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return mock;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
