import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '../support/error-body.js';
import { type RunningGatehouse, startGatehouse } from '../support/gatehouse-harness.js';

let gate: RunningGatehouse;
const adminPassword = 'correct horse battery staple';

beforeAll(async () => {
  gate = await startGatehouse({ GATEHOUSE_ADMIN_PASSWORD: adminPassword });
});

afterAll(async () => {
  await gate?.close();
});

const account = {
  name: 'primary',
  type: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  apiKey: 'sk-ant-api03-secret-value',
};

describe('admin API authentication', () => {
  it('refuses requests without admin credentials', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0000000000', 'Basic YWRtaW46d3Jvbmc=']) {
      const response = await fetch(`${gate.url}/admin/api/accounts`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect((await errorBody(response)).error.type).toBe('authentication_failed');
    }
  });

  it('accepts HTTP Basic with the first admin password', async () => {
    const basic = Buffer.from(`admin:${adminPassword}`).toString('base64');
    const response = await fetch(`${gate.url}/admin/api/keys`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(200);
    expect(gate.announcements).toEqual([]);
  });
});

describe('accounts', () => {
  it('creates, reads, lists, updates and deletes an account without ever returning its credential', async () => {
    const created = await gate.admin<Record<string, unknown>>('POST', '/admin/api/accounts', {
      ...account,
      models: ['claude-*', { name: 'fast', upstreamModel: 'claude-haiku-4-5' }],
      priority: 2,
      weight: 3,
      concurrencyLimit: 10,
      group: 'team-a',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'primary',
      type: 'anthropic',
      models: ['claude-*', { name: 'fast', upstreamModel: 'claude-haiku-4-5' }],
      priority: 2,
      weight: 3,
      concurrencyLimit: 10,
      group: 'team-a',
      enabled: true,
    });
    const id = created.body.id as string;
    const listed = await gate.admin<{ accounts: Array<Record<string, unknown>> }>(
      'GET',
      '/admin/api/accounts',
    );
    const fetched = await gate.admin('GET', `/admin/api/accounts/${id}`);
    const updated = await gate.admin('PATCH', `/admin/api/accounts/${id}`, {
      weight: 5,
      apiKey: 'sk-ant-api03-rotated',
      enabled: false,
    });
    expect(updated.body).toMatchObject({ weight: 5, enabled: false, priority: 2 });
    for (const body of [created.body, listed.body, fetched.body, updated.body]) {
      expect(JSON.stringify(body)).not.toContain('secret-value');
      expect(JSON.stringify(body)).not.toContain('rotated');
      expect(JSON.stringify(body)).not.toContain('apiKey');
    }
    expect((await gate.admin('DELETE', `/admin/api/accounts/${id}`)).status).toBe(204);
    expect((await gate.admin('GET', `/admin/api/accounts/${id}`)).status).toBe(404);
    expect((await gate.admin('DELETE', `/admin/api/accounts/${id}`)).status).toBe(404);
  });

  it('defaults the base URL from the account type', async () => {
    const created = await gate.admin('POST', '/admin/api/accounts', {
      name: 'defaulted',
      type: 'anthropic',
      apiKey: 'k',
    });
    expect(created.body).toMatchObject({
      baseUrl: 'https://api.anthropic.com',
      priority: 0,
      weight: 1,
      models: [],
    });
  });

  it.each([
    [{ ...account, type: 'carrier-pigeon' }, 'type'],
    [{ ...account, baseUrl: 'ftp://example.com' }, 'baseUrl'],
    [{ ...account, baseUrl: 'https://user:pass@example.com' }, 'baseUrl'],
    [{ ...account, weight: 0 }, 'weight'],
    [{ ...account, apiKey: '' }, 'apiKey'],
    [{ ...account, unexpected: true }, 'unexpected'],
    [{ name: 'no key', type: 'anthropic' }, 'apiKey'],
  ])('refuses an invalid account with a 400 naming the field (%#)', async (body, field) => {
    const answer = await gate.admin<{ error: { message: string } }>('POST', '/admin/api/accounts', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(field);
  });

  it('stores extra headers sealed, shows only their names, and refuses names Gatehouse sets', async () => {
    const created = await gate.admin<{ extraHeaders: string[] }>('POST', '/admin/api/accounts', {
      ...account,
      type: 'openai-compatible',
      baseUrl: 'https://openrouter.ai/api/v1',
      extraHeaders: { 'HTTP-Referer': 'https://team.example', 'X-Vendor-Secret': 'extra-secret-value' },
    });
    expect(created.status).toBe(201);
    expect(created.body.extraHeaders).toEqual(['HTTP-Referer', 'X-Vendor-Secret']);
    expect(JSON.stringify(created.body)).not.toContain('extra-secret-value');
    for (const name of ['Authorization', 'x-api-key', 'Host']) {
      const refused = await gate.admin<{ error: { message: string } }>('POST', '/admin/api/accounts', {
        ...account,
        extraHeaders: { [name]: 'x' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('extraHeaders');
    }
  });

  it('lists the provider types it can serve', async () => {
    const answer = await gate.admin<{ providers: Array<{ type: string }> }>('GET', '/admin/api/providers');
    expect(answer.body.providers.map((p) => p.type)).toContain('anthropic');
  });
});

describe('keys', () => {
  it('shows a key once at creation, then only its preview', async () => {
    const created = await gate.admin<Record<string, unknown>>('POST', '/admin/api/keys', {
      name: 'ci',
      allowedModels: ['claude-*'],
      rpmLimit: 60,
      expiresAt: '2030-01-01T00:00:00Z',
    });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^sk-gate-[0-9A-Za-z]{49}$/);
    expect(created.body.keyPreview).toBe(`sk-gate-…${key.slice(-4)}`);
    expect(created.body.expiresAt).toBe('2030-01-01T00:00:00.000Z');
    const fetched = await gate.admin<Record<string, unknown>>('GET', `/admin/api/keys/${created.body.id}`);
    const listed = await gate.admin('GET', '/admin/api/keys');
    for (const body of [fetched.body, listed.body]) expect(JSON.stringify(body)).not.toContain(key);
    expect(fetched.body).toMatchObject({ name: 'ci', allowedModels: ['claude-*'], rpmLimit: 60 });
  });

  it('updates and soft-deletes a key', async () => {
    const created = await gate.createKey({ name: 'temp' });
    const updated = await gate.admin('PATCH', `/admin/api/keys/${created.id}`, {
      name: 'renamed',
      expiresAt: null,
      deniedModels: ['x'],
    });
    expect(updated.body).toMatchObject({ name: 'renamed', expiresAt: null, deniedModels: ['x'] });
    expect((await gate.admin('DELETE', `/admin/api/keys/${created.id}`)).status).toBe(204);
    expect((await gate.admin('GET', `/admin/api/keys/${created.id}`)).status).toBe(404);
    expect((await gate.admin('PATCH', `/admin/api/keys/${created.id}`, { name: 'zombie' })).status).toBe(404);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'k', ipAllowlist: ['300.1.1.1'] }, 'ipAllowlist'],
    [{ name: 'k', ipAllowlist: ['10.0.0.0/33'] }, 'ipAllowlist'],
    [{ name: 'k', expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ name: 'k', rpmLimit: -1 }, 'rpmLimit'],
    [{ name: 'k', userId: 'nobody' }, 'userId'],
    [{ name: 'k', role: 'admin' }, 'role'],
  ])('refuses an invalid key with a 400 naming the field (%#)', async (body, field) => {
    const answer = await gate.admin<{ error: { message: string } }>('POST', '/admin/api/keys', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(field);
  });
});

describe('usage records', () => {
  it('validates its filters', async () => {
    const bad = await gate.admin('GET', '/admin/api/usage/records?limit=0');
    expect(bad.status).toBe(400);
    const badTime = await gate.admin('GET', '/admin/api/usage/records?from=yesterday');
    expect(badTime.status).toBe(400);
    const ok = await gate.admin<{ records: unknown[] }>(
      'GET',
      '/admin/api/usage/records?from=2020-01-01T00:00:00Z&limit=5',
    );
    expect(ok.status).toBe(200);
    expect(ok.body.records).toEqual([]);
  });
});
