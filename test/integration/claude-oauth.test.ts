import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFile, type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockOAuthServer, startMockOAuthServer } from '../support/mock-oauth-server.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';

const refreshJob = 'refresh-claude-oauth-tokens';
const hour = 3_600_000;

interface AccountView {
  id: string;
  type: string;
  oauth?: { accessTokenExpiresAt: string | null };
  state: { state: string; message?: string };
}

describe('claude-oauth accounts', () => {
  let oauth: MockOAuthServer;
  let mock: MockUpstream;
  let gate: RunningGatehouse;
  let clockOffset: number;
  /** Every admin answer, to prove no token reaches one. */
  let answers: string[];

  beforeEach(async () => {
    clockOffset = 0;
    answers = [];
    oauth = await startMockOAuthServer();
    mock = await startMockAnthropic();
    // The upstream accepts whichever access token the authorization server issued last.
    mock.acceptCredential((presented) => presented !== undefined && presented === oauth.currentAccessToken());
    const config = configFile(
      [
        'oauth:',
        '  claude:',
        '    authorizeUrl: https://claude.invalid/oauth/authorize',
        `    tokenUrl: ${oauth.tokenUrl}`,
        `    clientId: ${oauth.clientId}`,
        `    redirectUri: ${oauth.redirectUri}`,
        '    scopes: user:profile user:inference',
      ].join('\n'),
    );
    gate = await startGatehouse(
      { GATEHOUSE_CONFIG: config, GATEHOUSE_LOG_LEVEL: 'trace' },
      { now: () => Date.now() + clockOffset },
    );
  });

  afterEach(async () => {
    await gate?.close();
    await mock?.close();
    await oauth?.close();
  });

  async function admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    const answer = await gate.admin<T>(method, path, body);
    answers.push(JSON.stringify(answer.body));
    return answer;
  }

  /** What the operator does in the console: start, open the URL (here: the mock authorizes), paste. */
  async function authorize(fields: Record<string, unknown> = {}, accountId?: string) {
    const started = await admin<{ authorizationUrl: string; state: string }>(
      'POST',
      '/admin/api/accounts/oauth/start',
      accountId ? { accountId } : {},
    );
    expect(started.status).toBe(200);
    const url = new URL(started.body.authorizationUrl);
    const code = oauth.authorize(url.searchParams.get('code_challenge') ?? '', started.body.state);
    // Claude's callback page shows `code#state`; the console sends it as pasted.
    return admin<AccountView>('POST', '/admin/api/accounts/oauth/exchange', {
      code: `${code}#${started.body.state}`,
      ...(accountId ? { accountId } : {}),
      ...fields,
    });
  }

  async function connect(): Promise<AccountView> {
    const created = await authorize({ name: 'max-plan', baseUrl: mock.url, models: ['claude-sonnet-4-5'] });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function ask(key: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${gate.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    return { status: response.status, text: await response.text() };
  }

  const lastBearer = () => mock.requests.at(-1)?.headers.authorization;
  const refreshGrants = () => oauth.requests.filter((request) => request.body.grant_type === 'refresh_token');

  it('adds an account through the PKCE flow and relays with its Bearer token and the OAuth beta flag', async () => {
    const started = await admin<{ authorizationUrl: string; state: string }>(
      'POST',
      '/admin/api/accounts/oauth/start',
      {},
    );
    const url = new URL(started.body.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe('https://claude.invalid/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      code: 'true',
      client_id: oauth.clientId,
      response_type: 'code',
      redirect_uri: oauth.redirectUri,
      scope: 'user:profile user:inference',
      code_challenge_method: 'S256',
      state: started.body.state,
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const account = await connect();
    expect(account.type).toBe('claude-oauth');
    expect(Date.parse(account.oauth?.accessTokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + 7 * hour);
    const exchange = oauth.requests.find((request) => request.body.grant_type === 'authorization_code');
    expect(exchange?.body).toMatchObject({ client_id: oauth.clientId, redirect_uri: oauth.redirectUri });

    const { key } = await gate.createKey();
    const answer = await ask(key, { 'anthropic-beta': 'interleaved-thinking-2025-05-14' });
    expect(answer.status).toBe(200);
    const sent = mock.requests.at(-1);
    expect(sent?.headers.authorization).toBe(`Bearer ${oauth.currentAccessToken()}`);
    expect(sent?.headers['x-api-key']).toBeUndefined();
    expect(sent?.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14,oauth-2025-04-20');

    // The account test button uses the same credential.
    const tested = await admin<{ ok: boolean }>('POST', `/admin/api/accounts/${account.id}/test`);
    expect(tested.body.ok).toBe(true);
    expect(mock.requests.at(-1)?.headers['anthropic-beta']).toBe('oauth-2025-04-20');
  });

  it('refuses codes it did not start, codes used twice, and API-key edits of an OAuth account', async () => {
    const unknown = await admin('POST', '/admin/api/accounts/oauth/exchange', { code: 'abc#not-a-state' });
    expect(unknown.status).toBe(400);
    const started = await admin<{ state: string }>('POST', '/admin/api/accounts/oauth/start', {});
    const wrongCode = await admin('POST', '/admin/api/accounts/oauth/exchange', {
      code: 'forged-code',
      state: started.body.state,
    });
    expect(wrongCode.status).toBe(400);
    expect(JSON.stringify(wrongCode.body)).toContain('invalid_grant');
    // The state was spent by the failed attempt.
    const again = await admin('POST', '/admin/api/accounts/oauth/exchange', {
      code: 'forged-code',
      state: started.body.state,
    });
    expect(again.status).toBe(400);

    const account = await connect();
    const direct = await admin('POST', '/admin/api/accounts', {
      name: 'x',
      type: 'claude-oauth',
      apiKey: 'k',
    });
    expect(direct.status).toBe(400);
    const patched = await admin('PATCH', `/admin/api/accounts/${account.id}`, { apiKey: 'sk-ant-api03-x' });
    expect(patched.status).toBe(400);
    const retyped = await admin('PATCH', `/admin/api/accounts/${account.id}`, { type: 'anthropic' });
    expect(retyped.status).toBe(400);
  });

  it('refreshes tokens that expire soon in the periodic job, and relays with the new one', async () => {
    const account = await connect();
    const { key } = await gate.createKey();
    const first = oauth.currentAccessToken();

    await gate.gatehouse.jobs.runNow(refreshJob);
    expect(refreshGrants()).toHaveLength(0);

    clockOffset = 8 * hour - 10 * 60_000;
    await gate.gatehouse.jobs.runNow(refreshJob);
    expect(refreshGrants()).toHaveLength(1);
    expect(refreshGrants()[0]?.body.client_id).toBe(oauth.clientId);
    expect(oauth.currentAccessToken()).not.toBe(first);

    expect((await ask(key)).status).toBe(200);
    expect(lastBearer()).toBe(`Bearer ${oauth.currentAccessToken()}`);
    const view = await admin<AccountView>('GET', `/admin/api/accounts/${account.id}`);
    expect(Date.parse(view.body.oauth?.accessTokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + clockOffset);
    // Tokens issued now are fresh: the next run leaves them alone.
    await gate.gatehouse.jobs.runNow(refreshJob);
    expect(refreshGrants()).toHaveLength(1);
  });

  it('refreshes once when the upstream refuses an access token, and the requests succeed on retry', async () => {
    await connect();
    const { key } = await gate.createKey();
    const first = oauth.currentAccessToken();
    // Both requests meet a 401 at once: one refresh serves both.
    mock.enqueue({ kind: 'error', status: 401 });
    mock.enqueue({ kind: 'error', status: 401 });
    const answers = await Promise.all([ask(key), ask(key)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(refreshGrants()).toHaveLength(1);
    const bearers = mock.requests.map((request) => request.headers.authorization);
    expect(bearers.slice(0, 2)).toEqual([`Bearer ${first}`, `Bearer ${first}`]);
    expect(bearers.slice(2)).toEqual([
      `Bearer ${oauth.currentAccessToken()}`,
      `Bearer ${oauth.currentAccessToken()}`,
    ]);
  });

  it('renews a refused token from the account test button too', async () => {
    const account = await connect();
    mock.enqueue({ kind: 'error', status: 401 });
    const tested = await admin<{ ok: boolean }>('POST', `/admin/api/accounts/${account.id}/test`);
    expect(tested.body.ok).toBe(true);
    expect(refreshGrants()).toHaveLength(1);
    expect(lastBearer()).toBe(`Bearer ${oauth.currentAccessToken()}`);
    const view = await admin<AccountView>('GET', `/admin/api/accounts/${account.id}`);
    expect(view.body.state.state).toBe('healthy');
  });

  it('marks the account credential-invalid when the refresh is refused, until it is re-authorized', async () => {
    const account = await connect();
    const { key } = await gate.createKey();
    oauth.refreshMode = 'unavailable';
    clockOffset = 8 * hour - 60_000;
    await gate.gatehouse.jobs.runNow(refreshJob);
    // An unreachable token endpoint is tried again later; the account stays usable meanwhile.
    let view = await admin<AccountView>('GET', `/admin/api/accounts/${account.id}`);
    expect(view.body.state.state).toBe('healthy');

    oauth.refreshMode = 'refuse';
    await gate.gatehouse.jobs.runNow(refreshJob);
    view = await admin<AccountView>('GET', `/admin/api/accounts/${account.id}`);
    expect(view.body.state).toMatchObject({ state: 'credential-invalid' });
    expect(view.body.state.message).toContain('re-authorize');
    expect((await ask(key)).status).toBe(503);
    // A refused refresh token is not sent again by later runs.
    const grants = refreshGrants().length;
    await gate.gatehouse.jobs.runNow(refreshJob);
    expect(refreshGrants()).toHaveLength(grants);

    oauth.refreshMode = 'ok';
    const renewed = await authorize({}, account.id);
    expect(renewed.status).toBe(200);
    expect(renewed.body.id).toBe(account.id);
    expect(renewed.body.state.state).toBe('healthy');
    expect((await ask(key)).status).toBe(200);
    expect(lastBearer()).toBe(`Bearer ${oauth.currentAccessToken()}`);
  });

  it('answers 502 and marks the account when a 401 meets a refused refresh', async () => {
    const account = await connect();
    const { key } = await gate.createKey();
    oauth.refreshMode = 'refuse';
    mock.enqueue({ kind: 'error', status: 401 });
    expect((await ask(key)).status).toBe(502);
    const view = await admin<AccountView>('GET', `/admin/api/accounts/${account.id}`);
    expect(view.body.state.state).toBe('credential-invalid');
  });

  it('never shows a token in admin answers or logs', async () => {
    const account = await connect();
    const { key } = await gate.createKey();
    mock.enqueue({ kind: 'error', status: 401 });
    await ask(key);
    clockOffset = 8 * hour;
    await gate.gatehouse.jobs.runNow(refreshJob);
    await authorize({}, account.id);
    await admin('GET', '/admin/api/accounts');
    await admin('GET', `/admin/api/accounts/${account.id}`);
    oauth.refreshMode = 'refuse';
    clockOffset = 16 * hour;
    await gate.gatehouse.jobs.runNow(refreshJob);
    await admin('GET', '/admin/api/accounts');

    expect(oauth.issued.length).toBeGreaterThanOrEqual(8);
    const logs = gate.logs.join('\n');
    expect(logs).toContain('credential');
    // Stored sealed: no token in clear in the database files either.
    const database = readdirSync(gate.dataDir)
      .filter((name) => name.startsWith('gatehouse.db'))
      .map((name) => readFileSync(join(gate.dataDir, name)).toString('latin1'))
      .join('\n');
    expect(database.length).toBeGreaterThan(0);
    for (const token of oauth.issued) {
      expect(answers.join('\n').includes(token), 'token in an admin answer').toBe(false);
      expect(logs.includes(token), 'token in the logs').toBe(false);
      expect(database.includes(token), 'token in the database').toBe(false);
    }
  });
});
