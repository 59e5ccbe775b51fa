import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';
import type { MockUpstream } from '../support/mock-upstream/mock-anthropic.js';

let fixture: RelayFixture;
let mock: MockUpstream;
let gate: RunningGatehouse;

beforeAll(async () => {
  fixture = await startRelayFixture({ name: 'main', models: ['claude-*'] });
  ({ mock, gate } = fixture);
  await gate.createAccount({
    name: 'team-a only',
    type: 'anthropic',
    baseUrl: mock.url,
    apiKey: 'mock-key',
    models: ['team-model'],
    group: 'team-a',
  });
});

afterAll(() => fixture?.close());

beforeEach(() => mock.reset());

async function send(key: string, model = 'claude-sonnet-4-5', extra: Record<string, unknown> = {}) {
  const response = await fetch(`${gate.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }], ...extra }),
  });
  const body = (await response.json()) as { error?: { type: string; message: string } };
  return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
}

describe('key policy', () => {
  it('refuses a disabled key with 403 and lets it work again when re-enabled, on the very next request', async () => {
    const key = await gate.createKey();
    expect((await send(key.key)).status).toBe(200);
    await gate.admin('PATCH', `/admin/api/keys/${key.id}`, { enabled: false });
    const refused = await send(key.key);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.type).toBe('permission_error');
    await gate.admin('PATCH', `/admin/api/keys/${key.id}`, { enabled: true });
    expect((await send(key.key)).status).toBe(200);
  });

  it('refuses a deleted key exactly like an unknown one', async () => {
    const key = await gate.createKey();
    expect((await gate.admin('DELETE', `/admin/api/keys/${key.id}`)).status).toBe(204);
    const refused = await send(key.key);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'Invalid API key.' },
    });
  });

  it('refuses an expired key', async () => {
    const key = await gate.createKey({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await send(key.key)).status).toBe(403);
    const future = await gate.createKey({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await send(future.key)).status).toBe(200);
  });

  it('applies model allow and deny lists with wildcards', async () => {
    const key = await gate.createKey({
      allowedModels: ['claude-haiku-*', 'claude-sonnet-4-5'],
      deniedModels: ['claude-haiku-3*'],
    });
    expect((await send(key.key, 'claude-sonnet-4-5')).status).toBe(200);
    expect((await send(key.key, 'claude-haiku-4-5')).status).toBe(200);
    const denied = await send(key.key, 'claude-haiku-3-5');
    expect(denied.status).toBe(403);
    expect(denied.body.error?.message).toContain('claude-haiku-3-5');
    expect((await send(key.key, 'claude-opus-4-5')).status).toBe(403);
    expect(mock.requests).toHaveLength(2);
  });

  it('applies the IP allowlist', async () => {
    const elsewhere = await gate.createKey({ ipAllowlist: ['10.0.0.0/8'] });
    expect((await send(elsewhere.key)).status).toBe(403);
    const loopback = await gate.createKey({ ipAllowlist: ['127.0.0.0/8', '::1'] });
    expect((await send(loopback.key)).status).toBe(200);
  });

  it('limits requests per minute exactly and says when to retry', async () => {
    const key = await gate.createKey({ rpmLimit: 3 });
    const results = await Promise.all(Array.from({ length: 8 }, () => send(key.key)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0]!.body.error?.type).toBe('rate_limit_error');
    expect(Number(limited[0]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(limited[0]!.retryAfter)).toBeLessThanOrEqual(60);
  });

  it('limits concurrent requests per key and frees the slot afterwards', async () => {
    const key = await gate.createKey({ concurrencyLimit: 1 });
    const slow = send(key.key, 'claude-sonnet-4-5', {
      messages: [{ role: 'user', content: 'mock:slow 200' }],
    });
    await expect.poll(() => mock.requests.length).toBe(1);
    const second = await send(key.key);
    expect(second.status).toBe(429);
    expect((await slow).status).toBe(200);
    expect((await send(key.key)).status).toBe(200);
  });

  it('routes a key bound to a group only to the accounts of that group', async () => {
    const teamKey = await gate.createKey({ group: 'team-a' });
    const openKey = await gate.createKey();
    expect((await send(teamKey.key, 'team-model')).status).toBe(200);
    expect((await send(teamKey.key, 'claude-sonnet-4-5')).status).toBe(404);
    expect((await send(openKey.key, 'team-model')).status).toBe(200);
  });
});
