import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configFile, type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';
import { type MockUpstream, startMockAnthropic } from '../support/mock-upstream/mock-anthropic.js';
import { decodeSse } from '../support/mock-upstream/test-helpers.js';

interface AccountView {
  id: string;
  state: { state: string; until?: string; reason?: string };
  stats: { requests: number; successes: number; errors: Record<string, number>; ttfbP50Ms: number | null };
}

interface RecordView {
  accountId: string;
  status: number;
  charged: boolean;
  errorClass: string | null;
}

let primary: MockUpstream;
let backup: MockUpstream;
let gate: RunningGatehouse;
let primaryId: string;
let backupId: string;
let key: { id: string; key: string };

beforeAll(async () => {
  primary = await startMockAnthropic();
  backup = await startMockAnthropic();
  gate = await startGatehouse({
    GATEHOUSE_CONFIG: configFile(
      [
        'upstream:',
        '  headersTimeoutMs: 400',
        '  bodyIdleTimeoutMs: 400',
        'scheduling:',
        '  retryBackoffMs: 1',
        '  breakerFailureThreshold: 2',
        '  breakerOpenMs: 300',
      ].join('\n'),
    ),
  });
  const account = (name: string, mock: MockUpstream, priority: number) =>
    gate.createAccount({
      name,
      type: 'anthropic',
      baseUrl: mock.url,
      apiKey: 'mock-key',
      models: ['claude-sonnet-4-5'],
      priority,
    });
  primaryId = (await account('primary', primary, 0)).id;
  backupId = (await account('backup', backup, 1)).id;
  key = await gate.createKey();
});

afterAll(async () => {
  await gate?.close();
  await primary?.close();
  await backup?.close();
});

afterEach(async () => {
  primary.reset();
  backup.reset();
  for (const id of [primaryId, backupId]) await gate.admin('POST', `/admin/api/accounts/${id}/reset`);
});

let conversations = 0;

/** Each call is its own conversation unless `headers` names one (sticky sessions would pin them). */
async function send(
  content = 'hi',
  fields: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  conversations += 1;
  const response = await fetch(`${gate.url}/v1/messages`, {
    method: 'POST',
    headers: {
      'x-api-key': key.key,
      'content-type': 'application/json',
      'x-gatehouse-session': `conversation-${conversations}`,
      ...headers,
    },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content }],
      ...fields,
    }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function account(id: string): Promise<AccountView> {
  return (await gate.admin<AccountView>('GET', `/admin/api/accounts/${id}`)).body;
}

async function latestRecords(count: number): Promise<RecordView[]> {
  const answer = await gate.admin<{ records: RecordView[] }>(
    'GET',
    `/admin/api/usage/records?keyId=${key.id}&limit=${count}`,
  );
  return answer.body.records.reverse();
}

describe('failover before the first byte', () => {
  it.each([
    ['429 with retry-after', { kind: 'error', status: 429 } as const, 'cooling-down', 'rate_limit_error'],
    ['529 overloaded', { kind: 'error', status: 529 } as const, 'cooling-down', 'overloaded_error'],
    ['500 server error', { kind: 'error', status: 500 } as const, 'healthy', 'api_error'],
    ['reset before headers', { kind: 'reset' } as const, 'healthy', 'und_err_socket'],
    ['hang without bytes', { kind: 'hang' } as const, 'healthy', 'und_err_headers_timeout'],
  ])(
    '%s on the primary: the backup serves, one charged record',
    async (_name, scenario, primaryState, errorClass) => {
      primary.enqueue(scenario);
      const answer = await send();
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('Hello from the mock upstream.');
      expect(backup.requests).toHaveLength(1);
      // Both records carry the request's arrival time, so they are told apart by account.
      const records = await latestRecords(2);
      const failed = records.find((record) => record.accountId === primaryId);
      const served = records.find((record) => record.accountId === backupId);
      expect(failed).toMatchObject({ accountId: primaryId, charged: false, errorClass });
      expect(served).toMatchObject({ accountId: backupId, status: 200, charged: true, errorClass: null });
      expect((await account(primaryId)).state.state).toBe(primaryState);
    },
  );

  it('connection refused on an account: the next account serves and the refusal counts towards its breaker', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    const dead = await gate.createAccount({
      name: 'dead',
      type: 'anthropic',
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'mock-key',
      models: ['claude-sonnet-4-5'],
      priority: -1,
    });
    try {
      const answer = await send();
      expect(answer.status).toBe(200);
      expect(primary.requests).toHaveLength(1);
      const records = await latestRecords(2);
      expect(records.find((record) => record.accountId === dead.id)).toMatchObject({
        status: 502,
        charged: false,
      });
      const view = await account(dead.id);
      expect(view.stats.errors).toEqual({ connect_failed: 1 });
    } finally {
      await gate.admin('DELETE', `/admin/api/accounts/${dead.id}`);
    }
  });

  it('honours retry-after: the cooled-down account is skipped until then', async () => {
    primary.enqueue({ kind: 'error', status: 429 });
    const before = Date.now();
    await send();
    const state = (await account(primaryId)).state;
    expect(state).toMatchObject({ state: 'cooling-down', reason: 'rate_limited' });
    const until = Date.parse(state.until ?? '');
    expect(until - before).toBeGreaterThanOrEqual(6_000);
    expect(until - before).toBeLessThanOrEqual(8_500);
    await send();
    await send();
    expect(primary.requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(3);
  });

  it('opens the circuit after repeated server errors and closes it after a successful probe', async () => {
    primary.enqueue({ kind: 'error', status: 500 });
    primary.enqueue({ kind: 'error', status: 500 });
    await send();
    await send();
    expect((await account(primaryId)).state.state).toBe('circuit-open');
    await send();
    expect(primary.requests).toHaveLength(2);
    await expect
      .poll(async () => (await account(primaryId)).state.state, { timeout: 3000 })
      .toBe('half-open');
    await send();
    expect(primary.requests).toHaveLength(3);
    expect((await account(primaryId)).state.state).toBe('healthy');
  });

  it('keeps a refused credential out until an operator sets a new one', async () => {
    primary.enqueue({ kind: 'error', status: 401 });
    expect((await send()).status).toBe(200);
    expect((await account(primaryId)).state.state).toBe('credential-invalid');
    await send();
    expect(primary.requests).toHaveLength(1);
    await gate.admin('PATCH', `/admin/api/accounts/${primaryId}`, { apiKey: 'mock-key' });
    expect((await account(primaryId)).state.state).toBe('healthy');
    await send();
    expect(primary.requests).toHaveLength(2);
  });

  it('flags an account that is out of credit and fails over', async () => {
    primary.enqueue({
      kind: 'error',
      status: 400,
      message: 'Your credit balance is too low to access the Anthropic API.',
    });
    expect((await send()).status).toBe(200);
    expect((await account(primaryId)).state.state).toBe('quota-exhausted');
  });

  it('relays a client error without failing over or blaming the account', async () => {
    primary.enqueue({ kind: 'error', status: 400, message: 'messages: bad shape' });
    const answer = await send();
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('bad shape');
    expect(backup.requests).toHaveLength(0);
    expect((await account(primaryId)).state.state).toBe('healthy');
  });

  it('answers in Anthropic shape when every account fails, then 503 with retry-after while all cool down', async () => {
    primary.enqueue({ kind: 'error', status: 529 });
    backup.enqueue({ kind: 'error', status: 529 });
    const failed = await send();
    expect(failed.status).toBe(529);
    expect(JSON.parse(failed.text)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    const refused = await send();
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.text).type).toBe('error');
  });
});

describe('failures after the first byte', () => {
  it('never retries a broken stream: it ends with a well-formed error event', async () => {
    primary.enqueue({ kind: 'break', afterEvents: 3 });
    const answer = await send('hi', { stream: true });
    expect(answer.status).toBe(200);
    expect(decodeSse(answer.text).at(-1)?.event).toBe('error');
    expect(backup.requests).toHaveLength(0);
  });

  it('ends a stream that goes silent with a timeout error event', async () => {
    primary.enqueue({ kind: 'slow', delayMs: 1500 });
    const answer = await send('hi', { stream: true });
    const last = decodeSse(answer.text).at(-1);
    expect(last?.event).toBe('error');
    expect(last?.data).toMatchObject({ error: { type: 'timeout_error' } });
    const [record] = await latestRecords(1);
    expect(record).toMatchObject({ accountId: primaryId, errorClass: 'upstream_timeout' });
  });
});

describe('sticky sessions', () => {
  it('keeps a conversation on its account and moves it only when that account fails', async () => {
    // Equal priority: without stickiness the two accounts would share the conversation.
    await gate.admin('PATCH', `/admin/api/accounts/${backupId}`, { priority: 0 });
    try {
      const session = { 'x-claude-code-session-id': 'sticky-conversation' };
      for (let i = 0; i < 8; i += 1) await send('hi', {}, session);
      const first = primary.requests.length === 8 ? primary : backup;
      const second = first === primary ? backup : primary;
      expect(first.requests).toHaveLength(8);
      first.enqueue({ kind: 'error', status: 529 });
      for (let i = 0; i < 4; i += 1) await send('hi', {}, session);
      expect(first.requests).toHaveLength(9);
      expect(second.requests).toHaveLength(4);
    } finally {
      await gate.admin('PATCH', `/admin/api/accounts/${backupId}`, { priority: 1 });
    }
  });
});

describe('account statistics and test', () => {
  it('shows live statistics and tests an account on demand', async () => {
    await send();
    const view = await account(primaryId);
    expect(view.stats.requests).toBeGreaterThan(0);
    expect(view.stats.ttfbP50Ms).not.toBeNull();
    const tested = await gate.admin<{ ok: boolean; status: number; latencyMs: number }>(
      'POST',
      `/admin/api/accounts/${primaryId}/test`,
    );
    expect(tested.body).toMatchObject({ ok: true, status: 200 });
    primary.enqueue({ kind: 'error', status: 401 });
    const refused = await gate.admin<{ ok: boolean; status: number; message: string }>(
      'POST',
      `/admin/api/accounts/${primaryId}/test`,
    );
    expect(refused.body).toMatchObject({ ok: false, status: 401 });
    expect((await account(primaryId)).state.state).toBe('credential-invalid');
  });
});
